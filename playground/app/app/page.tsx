export const metadata = { title: "App Router · next-auth-kit playground" }

export default function AppRouterHome() {
  return (
    <>
      <h1>App Router</h1>
      <p>The Pages Router examples again, as Server Components, route handlers and client components.</p>
      <ul>
        <li><a href="/app/login">/app/login</a>: LoginForm, back to the page&apos;s <code>?callbackUrl=</code></li>
        <li><a href="/app/dashboard">/app/dashboard</a>: auth(), plus useAuth() and client gates, signed in on the first paint</li>
        <li><a href="/app/admin">/app/admin</a>: auth() with the admin role (404 for others), and a server RoleGate</li>
        <li><a href="/app/client">/app/client</a>: client gates only (AuthGate with redirect, RoleGate, SignedIn, SignedOut)</li>
        <li><a href="/app/gates">/app/gates</a>: server gates, which work with JavaScript off</li>
        <li><a href="/app/api/me">/app/api/me</a>: withRouteAuth</li>
      </ul>
    </>
  )
}
