import { LoginDialog, SignedIn, SignedOut, useAuth } from "next-auth-kit"

function Greeting() {
  const auth = useAuth()
  return auth.status === "authenticated" ? <p>Welcome back, {auth.user.name}.</p> : null
}

export default function Home() {
  return (
    <>
      <h1>next-auth-kit playground</h1>
      <p>Every protection pattern of the kit, on real next-auth with a real user database.</p>
      <SignedIn>
        <Greeting />
      </SignedIn>
      <SignedOut>
        <LoginDialog />
      </SignedOut>
      <h2>Routes</h2>
      <ul>
        <li><a href="/dashboard">/dashboard</a>: requireSession</li>
        <li><a href="/admin">/admin</a>: requireSession with the admin role (404 for others)</li>
        <li><a href="/client">/client</a>: AuthGate with redirect, client-side only</li>
        <li><a href="/members/area">/members/*</a>: authMiddleware, and requireSession on the page</li>
        <li><a href="/api/me">/api/me</a>: withAuth</li>
        <li><a href="/api/admin/stats">/api/admin/stats</a>: withAuth, admins, GET only</li>
        <li><a href="/app/dashboard">/app/dashboard</a>, <a href="/app/admin">/app/admin</a>: auth() in Server Components</li>
        <li><a href="/app/api/me">/app/api/me</a>: withRouteAuth</li>
        <li>
          <a href="/signup">/signup</a>, <a href="/forgot-password">/forgot-password</a>, <a href="/account">/account</a>: the
          account lifecycle (kit.accounts); its emails land in the <a href="/dev/outbox">dev outbox</a>
        </li>
      </ul>
    </>
  )
}
