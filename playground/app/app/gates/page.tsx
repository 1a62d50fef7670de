import { AuthGate, RoleGate, SignedIn, SignedOut } from "../../../lib/auth"

export const metadata = { title: "Server gates · App Router · next-auth-kit playground" }

// Server gates only: decided on the server while the page renders, no JavaScript of their own,
// so this page reads the same with JavaScript off. They hide UI; auth() and withRouteAuth protect.
export default function AppGates() {
  return (
    <>
      <h1>Server gates</h1>
      <ul>
        <SignedIn>
          <li>SignedIn: you are signed in.</li>
        </SignedIn>
        <SignedOut>
          <li>
            SignedOut: you are signed out. <a href="/app/login?callbackUrl=%2Fapp%2Fgates">Sign in</a>
          </li>
        </SignedOut>
        <AuthGate fallback={<li>AuthGate: the fallback, for signed-out visitors.</li>}>
          <li>AuthGate: the children, for signed-in users.</li>
        </AuthGate>
        <RoleGate roles={["user"]}>
          <li>RoleGate user: the user part.</li>
        </RoleGate>
        <RoleGate roles={["admin"]} fallback={<li>RoleGate admin: admins only.</li>}>
          <li>RoleGate admin: the admin part.</li>
        </RoleGate>
      </ul>
    </>
  )
}
