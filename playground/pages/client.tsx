import { AuthGate, RoleGate, useAuth } from "next-auth-kit"

function Profile() {
  const auth = useAuth()
  if (auth.status !== "authenticated") return null
  return (
    <>
      <p>Signed in as {auth.user.name} ({auth.roles.join(", ")}).</p>
      <RoleGate roles={["admin"]} fallback={<p>You are not an admin.</p>}>
        <p>You are an admin.</p>
      </RoleGate>
    </>
  )
}

// Client-side only: the gate hides UI; the data behind it is protected by the API routes.
export default function ClientPage() {
  return (
    <>
      <h1>Client-side page</h1>
      <AuthGate redirect loading={<p>Checking your session…</p>}>
        <Profile />
      </AuthGate>
    </>
  )
}
