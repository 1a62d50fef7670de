import Head from "next/head"
import { ChangePasswordForm } from "next-auth-kit"
import { requireSession } from "../lib/auth"

export const getServerSideProps = requireSession(async ({ session }) => ({
  props: { email: session.user?.email ?? "" },
}))

// Changing the password ends the user's other sessions; this one gets a fresh cookie.
export default function Account({ email }: { email: string }) {
  return (
    <>
      <Head>
        <title>Account · next-auth-kit playground</title>
      </Head>
      <div className="center">
        <ChangePasswordForm titleAs="h1" />
        <p className="hint">Signed in as {email}.</p>
      </div>
    </>
  )
}
