import { requireSession } from "../lib/auth"

export const getServerSideProps = requireSession({ roles: ["admin"] }, async () => ({ props: {} }))

export default function Admin() {
  return <h1>Pages admin</h1>
}
