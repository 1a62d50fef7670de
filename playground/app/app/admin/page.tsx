import { auth } from "../../../lib/auth"

export default async function AppAdmin() {
  const session = await auth({ roles: ["admin"] })
  return (
    <>
      <h1>App Router admin</h1>
      <p>Only admins see this page. Welcome, {session.user?.name}.</p>
    </>
  )
}
