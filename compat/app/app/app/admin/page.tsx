import { auth } from "../../../lib/auth"

export default async function AppAdmin() {
  const session = await auth({ roles: ["admin"] })
  return <h1>App admin: {session.user?.name}</h1>
}
