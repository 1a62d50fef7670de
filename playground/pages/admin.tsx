import { requireSession } from "../lib/auth"

export const getServerSideProps = requireSession({ roles: ["admin"] }, async ({ session }) => ({
  props: { name: session.user?.name ?? "" },
}))

export default function Admin({ name }: { name: string }) {
  return (
    <>
      <h1>Admin</h1>
      <p>Only admins see this page. Welcome, {name}.</p>
    </>
  )
}
