"use client"

import { AuthGate, RoleGate, SignedOut, useAuth } from "next-auth-kit"

function Who() {
  const auth = useAuth()
  if (auth.status !== "authenticated") return null
  return (
    <>
      The client knows you: {auth.user.name} ({auth.roles.join(", ")}).
    </>
  )
}

/**
 * The client's view of the session, from the provider the root layout seeded with getSession():
 * already signed in in the server's HTML, so the loading slot never shows and no
 * /api/auth/session request is made.
 */
export function ClientStatus() {
  return (
    <section aria-label="Client components" data-testid="client-status">
      <p>
        <AuthGate loading="Checking your session…" fallback="Signed out (client).">
          <Who />
        </AuthGate>
      </p>
      <RoleGate roles={["admin"]} loading={<p>Checking your roles…</p>} fallback={<p>Client RoleGate: not an admin.</p>}>
        <p>Client RoleGate: you are an admin.</p>
      </RoleGate>
      <SignedOut>
        <p>SignedOut (client): you are signed out.</p>
      </SignedOut>
    </section>
  )
}
