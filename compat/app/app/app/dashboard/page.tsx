import { ClientStatus } from "../../../components/client-status"
import { auth, RoleGate, SignedIn } from "../../../lib/auth"

export default async function AppDashboard() {
  const session = await auth()
  return (
    <main>
      <h1>App dashboard</h1>
      <p>Signed in as {session.user?.name}.</p>
      <SignedIn>
        <p>Server SignedIn.</p>
      </SignedIn>
      <RoleGate roles={["admin"]} fallback={<p>Server RoleGate: not an admin.</p>}>
        <p>Server RoleGate: admin.</p>
      </RoleGate>
      <ClientStatus />
    </main>
  )
}
