import nodemailer from "nodemailer"
import EmailProvider from "next-auth/providers/email"
import GitHubProvider from "next-auth/providers/github"
import GoogleProvider from "next-auth/providers/google"
import type { OAuthConfig } from "next-auth/providers/oauth"
import { createAuthKit } from "next-auth-kit/server"
import { authConfig } from "./auth-config"
import { accountStore, argon2Hasher, openDatabase, saveToOutbox } from "./database.mjs"
import { OIDC_CLIENT, OIDC_PROVIDER_ID, OIDC_PROVIDER_NAME, oidcIssuer } from "../oidc/config.mjs"

export const db = openDatabase()

/** next-auth's session strategy: `jwt`, or `database` with PLAYGROUND_SESSIONS=database. */
export const sessionStrategy = process.env.PLAYGROUND_SESSIONS === "database" ? "database" : "jwt"

// With EMAIL_SERVER and EMAIL_FROM the emails go out over SMTP; without, to the dev outbox
// (/dev/outbox), which exists only in the playground. The outbox shows every reset link to
// whoever asks: the playground is a demo, never a deployment.
const smtp =
  process.env.EMAIL_SERVER && process.env.EMAIL_FROM ? nodemailer.createTransport(process.env.EMAIL_SERVER) : null
/** Whether emails land in the dev outbox (no SMTP configured). */
export const outboxEnabled = smtp === null

interface OidcProfile {
  sub: string
  email: string
  email_verified: boolean
  name?: string
}

/**
 * The playground's own OpenID Connect provider (oidc/server.mjs, started beside the app by
 * scripts/playground.mjs): OAuth sign-in, linking and unlinking work offline. `prompt: "login"`
 * asks who is signing in every time, so one browser can try several people.
 */
const playgroundId: OAuthConfig<OidcProfile> = {
  id: OIDC_PROVIDER_ID,
  name: OIDC_PROVIDER_NAME,
  type: "oauth",
  wellKnown: `${oidcIssuer()}/.well-known/openid-configuration`,
  clientId: OIDC_CLIENT.id,
  clientSecret: OIDC_CLIENT.secret,
  authorization: { params: { scope: "openid email profile", prompt: "login" } },
  idToken: true,
  checks: ["pkce", "state"],
  profile: (profile) => ({ id: profile.sub, email: profile.email, name: profile.name ?? null, image: null }),
}

const oauth = [
  playgroundId,
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

/**
 * The one kit instance: next-auth's options (with the kit's Credentials provider for email and
 * password, two-factor codes and the sign-in grant after confirming an address), the server
 * helpers of both routers, and the account lifecycle (sign-up, confirmation, reset and change of
 * password, two-factor with an authenticator app, its secrets sealed with NEXTAUTH_SECRET,
 * passkeys).
 */
export const kit = createAuthKit({
  ...authConfig,
  authOptions: {
    // PLAYGROUND_SESSIONS=database: next-auth's database sessions, in the kit's store (its adapter).
    session: { strategy: sessionStrategy },
    // The kit's pages instead of next-auth's built-in English ones (an expired email link lands
    // on /auth/error?error=Verification). /app/auth/error and /app/auth/verify-request are the
    // same pages in the App Router.
    pages: { signIn: authConfig.loginPath, error: "/auth/error", verifyRequest: "/auth/verify-request" },
    providers: oauth,
  },
  accounts: {
    ...authConfig.accounts,
    mfa: { issuer: "next-auth-kit playground" },
    store: accountStore(db),
    hasher: argon2Hasher,
    defaultRoles: ["user"],
    // The client IP is the socket's: the playground is served without a proxy in front. Behind
    // one, say how many: trustProxy: { hops: 1 }.
    // The playground's test suites sign the demo users in, and use two-factor, dozens of times a
    // minute from one address (127.0.0.1, the socket's): higher per-IP limits for sign-in and
    // two-factor than the default 50 per 15 minutes. The per-account limits keep their defaults
    // (10 failures per 15 minutes), and so does every other limit.
    rateLimits: {
      signIn: { perIp: { limit: 1000, windowMs: 15 * 60_000 } },
      mfa: { perIp: { limit: 1000, windowMs: 15 * 60_000 } },
    },
    sendEmail: async (email) => {
      if (smtp) await smtp.sendMail({ from: process.env.EMAIL_FROM, to: email.to, subject: email.subject, text: email.text, html: email.html })
      else await saveToOutbox(db, email)
    },
  },
})

export const { authOptions, accounts } = kit
// Pages Router: requireSession, withAuth, getSession(ctx). App Router: getSession(), auth(),
// withRouteAuth and the server gates (Server Components, no client JavaScript).
export const { requireSession, withAuth, getSession, auth, withRouteAuth, AuthGate, RoleGate, SignedIn, SignedOut } = kit
