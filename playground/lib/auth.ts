import type { NextAuthOptions } from "next-auth"
import CredentialsProvider from "next-auth/providers/credentials"
import EmailProvider from "next-auth/providers/email"
import GitHubProvider from "next-auth/providers/github"
import GoogleProvider from "next-auth/providers/google"
import { createAuthKit, withRoleClaims } from "next-auth-kit/server"
import { authConfig } from "./auth-config"
import { accounts } from "./accounts"

const oauth = [
  process.env.GITHUB_ID && process.env.GITHUB_SECRET
    ? GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET })
    : null,
  process.env.GOOGLE_ID && process.env.GOOGLE_SECRET
    ? GoogleProvider({ clientId: process.env.GOOGLE_ID, clientSecret: process.env.GOOGLE_SECRET })
    : null,
  process.env.EMAIL_SERVER && process.env.EMAIL_FROM
    ? EmailProvider({ server: process.env.EMAIL_SERVER, from: process.env.EMAIL_FROM })
    : null,
].filter((provider) => provider !== null)

// withAccounts ends a user's other sessions when the password changes or is reset.
export const authOptions: NextAuthOptions = accounts.withAccounts(withRoleClaims({
  session: { strategy: "jwt" },
  // The kit's pages instead of next-auth's built-in English ones (an expired email link lands
  // on /auth/error?error=Verification). /app/auth/error and /app/auth/verify-request are the
  // same pages in the App Router.
  pages: { signIn: authConfig.loginPath, error: "/auth/error", verifyRequest: "/auth/verify-request" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        // With two-factor on: the authenticator app's code, or a recovery code.
        code: { label: "Code", type: "text" },
      },
      // Unknown addresses cost the same hash as known ones; unverified ones get EmailNotVerified,
      // accounts with two-factor on MfaRequired until the code comes too.
      authorize: accounts.authorize,
    }),
    ...oauth,
  ],
}))

// Pages Router: requireSession, withAuth, getSession(ctx). App Router: getSession(), auth(),
// withRouteAuth and the server gates (Server Components, no client JavaScript).
export const { requireSession, withAuth, getSession, auth, withRouteAuth, AuthGate, RoleGate, SignedIn, SignedOut } =
  createAuthKit(authOptions, authConfig)
