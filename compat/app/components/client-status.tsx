"use client"

import { AuthGate, RoleGate, SignedOut, useAuth } from "next-auth-kit"
import { useEffect, useState } from "react"

function Who() {
  const auth = useAuth()
  return auth.status === "authenticated" ? <>Client: {auth.user.name} ({auth.roles.join(", ")}).</> : null
}

/** The client gates, from the seeded provider: signed in from the server's HTML on. */
export function ClientStatus() {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return (
    <section data-testid="client-status" data-hydrated={hydrated ? "yes" : "no"}>
      <p>
        <AuthGate loading="Checking your session…" fallback="Client: signed out.">
          <Who />
        </AuthGate>
      </p>
      <RoleGate roles={["admin"]} loading={<p>Checking your roles…</p>} fallback={<p>Client RoleGate: not an admin.</p>}>
        <p>Client RoleGate: admin.</p>
      </RoleGate>
      <SignedOut>
        <p>Client SignedOut.</p>
      </SignedOut>
    </section>
  )
}
