"use client"

import { useRouter } from "next/navigation"
import { ChangePasswordForm, LinkedAccountsCard, MfaSetup, SessionsCard } from "next-auth-kit"

/** The account forms and cards; the server's props again once two-factor changed. */
export function AccountCards({ mfaEnabled }: { mfaEnabled: boolean }) {
  const router = useRouter()
  const refresh = () => router.refresh()
  return (
    <>
      <ChangePasswordForm titleAs="h2" />
      <MfaSetup titleAs="h2" enabled={mfaEnabled} onEnabled={refresh} onDisabled={refresh} />
      <SessionsCard titleAs="h2" />
      <LinkedAccountsCard titleAs="h2" />
    </>
  )
}
