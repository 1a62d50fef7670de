import { ClientStatus } from "../components/client-status"
import { requireSession } from "../lib/auth"

export const getServerSideProps = requireSession(async ({ session }) => ({ props: { name: session.user?.name ?? "" } }))

export default function Dashboard({ name }: { name: string }) {
  return (
    <main>
      <h1>Pages dashboard</h1>
      <p>Signed in as {name}.</p>
      <ClientStatus />
    </main>
  )
}
