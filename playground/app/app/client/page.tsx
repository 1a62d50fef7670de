"use client"

import { AuthGate, SignedIn, SignedOut } from "next-auth-kit"
import { Profile } from "../../../components/profile"

// Client components only, as pages/client.tsx: the gates hide UI; the data behind them is
// protected by the route handlers. A signed-out visitor is sent to the login page from the
// browser, with this page as the callbackUrl.
export default function AppClient() {
  return (
    <>
      <h1>App Router client-side page</h1>
      <AuthGate redirect loading={<p>Checking your session…</p>}>
        <Profile />
      </AuthGate>
      <SignedIn>
        <p>SignedIn (client): shown to signed-in users.</p>
      </SignedIn>
      <SignedOut>
        <p>SignedOut (client): taking you to the login page…</p>
      </SignedOut>
    </>
  )
}
