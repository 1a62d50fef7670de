import { SignOutButton } from "next-auth-kit"
import { requireSession } from "../lib/auth"

export const getServerSideProps = requireSession(async ({ session }) => ({
  props: { name: session.user?.name ?? "" },
}))

export default function Dashboard({ name }: { name: string }) {
  return (
    <>
      <h1>Dashboard</h1>
      <p>Signed in as {name}.</p>
      <SignOutButton />
    </>
  )
}
