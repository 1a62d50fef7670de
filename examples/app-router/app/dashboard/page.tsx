import { auth, RoleGate } from "@/lib/auth"

// Signed-out visitors go to /login?callbackUrl=%2Fdashboard.
export default async function Dashboard() {
  const session = await auth({}, { callbackUrl: "/dashboard" })
  return (
    <main>
      <h1>Hello {session.user?.name}</h1>
      <RoleGate roles={["admin"]} fallback={<p>Not an admin.</p>}>
        <p>You are an admin.</p>
      </RoleGate>
    </main>
  )
}
