import Head from "next/head"
import { useRouter } from "next/router"
import { ChangePasswordForm, LinkedAccountsCard, MfaSetup, SessionsCard } from "next-auth-kit"
import { accountStore } from "../lib/database.mjs"
import { db, requireSession } from "../lib/auth"

export const getServerSideProps = requireSession(async ({ session }) => {
  const email = session.user?.email ?? ""
  const store = accountStore(db)
  const user = email ? await store.findUserByEmail(email) : null
  const mfa = user ? await store.getMfa(user.id) : null
  return { props: { email, mfaEnabled: !!mfa?.enabledAt } }
})

// Changing the password ends the user's other sessions; this one gets a fresh cookie. The
// sessions card lists where the user is signed in (the new-sign-in email links here); the
// linked-accounts card links Playground ID, GitHub or Google by signing in with it.
export default function Account({ email, mfaEnabled }: { email: string; mfaEnabled: boolean }) {
  const router = useRouter()
  // Fresh props from the server once two-factor changed.
  const refresh = () => void router.replace(router.asPath, undefined, { scroll: false })
  return (
    <>
      <Head>
        <title>Account · next-auth-kit playground</title>
      </Head>
      <div className="center">
        <h1>Your account</h1>
        <p className="hint">Signed in as {email}.</p>
        <ChangePasswordForm titleAs="h2" />
        <MfaSetup titleAs="h2" enabled={mfaEnabled} onEnabled={refresh} onDisabled={refresh} />
        <SessionsCard titleAs="h2" />
        <LinkedAccountsCard titleAs="h2" />
      </div>
    </>
  )
}
