import { SignOutButton } from "next-auth-kit"
import { auth } from "../../../lib/auth"
import { ClientStatus } from "./client-status"

export const metadata = { title: "Dashboard · App Router · next-auth-kit playground" }

// auth() redirects a signed-out visitor to /login?callbackUrl=%2Fapp%2Fdashboard: the proxy
// (proxy.ts) forwards the path of every /app/* request.
export default async function AppDashboard() {
  const session = await auth()
  return (
    <>
      <h1>App Router dashboard</h1>
      <p>Signed in as {session.user?.name}.</p>
      <ClientStatus />
      <SignOutButton />
    </>
  )
}
