import { auth, RoleGate } from "../../../lib/auth"

export const metadata = { title: "Admin · App Router · next-auth-kit playground" }

// auth() with the admin role: signed out → the login page; signed in without it → 404.
export default async function AppAdmin() {
  const session = await auth({ roles: ["admin"] })
  return (
    <>
      <h1>App Router admin</h1>
      <p>Only admins see this page. Welcome, {session.user?.name}.</p>
      {/* A server RoleGate inside the page: finer rules than the page's, decided on the server. */}
      <RoleGate roles={["admin", "user"]} match="all" fallback={<p>Server RoleGate: you are not both admin and user.</p>}>
        <p>Server RoleGate: you hold both the admin and the user role.</p>
      </RoleGate>
      <RoleGate roles={["auditor"]} fallback={<p>Server RoleGate: no audit log for you (auditors only).</p>}>
        <p>Server RoleGate: the audit log.</p>
      </RoleGate>
    </>
  )
}
