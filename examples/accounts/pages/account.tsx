import { useRouter } from "next/router"
import { AccountSettingsPasskeys, ChangePasswordForm, LinkedAccountsCard, MfaSetup, SessionsCard } from "next-auth-kit"
import { requireSession, store } from "../lib/auth"

export const getServerSideProps = requireSession(async ({ session }) => {
  const user = await store.findUserByEmail(session.user?.email ?? "")
  const mfa = user ? await store.getMfa(user.id) : null
  return { props: { email: user?.email ?? "", mfaEnabled: !!mfa?.enabledAt } }
})

// Changing the password or two-factor, or adding or removing a passkey, ends the user's other
// sessions; this one stays. The passkeys card adds, renames and removes them; the sessions card
// lists where the user is signed in; the linked-accounts card, the providers (with OAuth
// providers in authOptions, "Link" signs in with one while signed in).
export default function Account({ email, mfaEnabled }: { email: string; mfaEnabled: boolean }) {
  const router = useRouter()
  const refresh = () => void router.replace(router.asPath)
  return (
    <main>
      <h1>Signed in as {email}</h1>
      <ChangePasswordForm titleAs="h2" />
      <MfaSetup titleAs="h2" enabled={mfaEnabled} onEnabled={refresh} onDisabled={refresh} />
      <AccountSettingsPasskeys titleAs="h2" />
      <SessionsCard titleAs="h2" />
      <LinkedAccountsCard titleAs="h2" />
    </main>
  )
}
