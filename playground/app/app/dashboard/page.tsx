import { auth } from "../../../lib/auth"

export default async function AppDashboard() {
  const session = await auth()
  return (
    <>
      <h1>App Router dashboard</h1>
      <p>Signed in as {session.user?.name}.</p>
    </>
  )
}
