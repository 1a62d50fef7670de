import Head from "next/head"
import { AccountSettings } from "next-auth-kit"
import { requireSession } from "../lib/auth"

export const getServerSideProps = requireSession(async ({ session }) => ({ props: { email: session.user?.email ?? "" } }))

// Every card of the account settings: profile, email (through a link to the new address),
// password, two-factor, sessions (the new-sign-in email links here), linked accounts and
// deleting the account. A sensitive action after a sign-in long ago asks for the password (or a
// code) first, then goes on.
export default function Account({ email }: { email: string }) {
  return (
    <>
      <Head>
        <title>Account · next-auth-kit playground</title>
      </Head>
      <div className="center">
        <h1>Your account</h1>
        <p className="hint">Signed in as {email}.</p>
        <AccountSettings titleAs="h2" afterDeleteUrl="/" />
      </div>
    </>
  )
}
