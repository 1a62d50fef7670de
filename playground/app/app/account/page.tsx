import { AccountSettings } from "next-auth-kit"
import { auth } from "../../../lib/auth"

export const metadata = { title: "Account · App Router · next-auth-kit playground" }

// The account page of the App Router: auth() sends a signed-out visitor to the login page; the
// settings are the same client component as the Pages Router's /account.
export default async function AppAccount() {
  const session = await auth()
  return (
    <>
      <h1>Your account</h1>
      <p className="hint">Signed in as {session.user?.email ?? ""}.</p>
      <AccountSettings titleAs="h2" afterDeleteUrl="/app" />
    </>
  )
}
