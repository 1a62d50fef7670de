import { requireSession } from "../lib/auth"

// Signed-out visitors go to /login?callbackUrl=%2Fdashboard.
export const getServerSideProps = requireSession(async ({ session }) => ({
  props: { name: session.user?.name ?? "" },
}))

export default function Dashboard({ name }: { name: string }) {
  return <h1>Hello {name}</h1>
}
