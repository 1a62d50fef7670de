import NextAuth, { type NextAuthOptions } from "next-auth"
import CredentialsModule from "next-auth/providers/credentials"
import { AuthKitError } from "../core/errors"
import { withCredentialsDatabaseSessions, withKitAdapter } from "./accounts/adapter"
import { type AccountEndpoints, accountEndpoints, withAccountSessions } from "./accounts/create-accounts"
import { type AccountsContext, type AccountsOptions, duringBuild, resolveAccounts } from "./accounts/context"
import { type Auth, createAuth, createWithRouteAuth, type WithRouteAuth } from "./app"
import { resolveConfig } from "./config"
import { requestScope } from "./request-scope"
import { assertSecret } from "./session"
import { withRoleClaims } from "./role-claims"
import { createServerGates, type ServerGates } from "./gates"
import { createGetSession, type GetSession } from "./get-session"
import { createRequireSession, createWithAuth, type RequireSession, type WithAuth } from "./pages"
import type { AuthKitOptions } from "./types"

/**
 * A CommonJS module's default export (`exports.default`). next-auth is CommonJS: a bundler that
 * loads it as Node.js does (Next.js's Pages Router on Turbopack) hands a default import the whole
 * `exports` object instead.
 */
function defaultExport<T>(module: T): T {
  return typeof module === "function" ? module : (module as unknown as { default: T }).default
}
const CredentialsProvider = defaultExport(CredentialsModule)

/** The helpers that {@link createAuthKit} returns, all bound to one `authOptions`. */
export interface AuthKit {
  /**
   * Protects a Pages Router page by wrapping `getServerSideProps`.
   *
   * - No session: a redirect to the login path with `?callbackUrl=` of this page.
   * - A session that fails the policy: `{ notFound: true }`, or the configured forbidden redirect.
   * - Otherwise your function runs with `ctx.session`, and `session` is added to its props,
   *   JSON-safe, so `AuthProvider` renders signed-in on the first paint.
   *
   * @example
   * ```ts
   * export const getServerSideProps = requireSession()
   * export const getServerSideProps = requireSession({ roles: ["admin"] }, async (ctx) => ({
   *   props: { name: ctx.session.user?.name ?? "" },
   * }))
   * ```
   */
  requireSession: RequireSession
  /**
   * Protects a Pages Router API route: 405 (with `Allow`) for a method not in `methods`, 401
   * without a session, 403 when the policy fails, 500 when the handler throws. Each answers
   * JSON `{ error, message }`, the `message` in the request's language (see `locales`) with
   * `Content-Language`; a 500 never carries the thrown message or a stack.
   *
   * @example
   * ```ts
   * export default withAuth(async (req, res, session) => res.json({ user: session.user }))
   * export default withAuth({ roles: ["admin"], methods: ["GET"] }, handler)
   * ```
   */
  withAuth: WithAuth
  /**
   * The session, or `null`: never a redirect, never an exception for a malformed, tampered,
   * expired or foreign cookie. With no arguments it reads the App Router request in scope
   * (Server Component, Server Action, route handler) from `next/headers`, as next-auth's
   * `getServerSession(authOptions)` does: no cookie written, no `expires` in the session. In the
   * Pages Router it takes the context or `req` and `res`, and renews the cookie through `res`.
   * Next.js's own control-flow errors (dynamic usage while prerendering, …) pass through.
   *
   * @example
   * ```ts
   * const session = await getSession()              // Server Component, Server Action, route handler
   * const session = await getSession(ctx)           // in getServerSideProps
   * const session = await getSession(req, res)      // in an API route
   * ```
   */
  getSession: GetSession
  /**
   * The session in a Server Component or Server Action, read as `getSession()` reads it.
   * Without one, `redirect()`s to the login path with a safe `callbackUrl`: the one you pass,
   * else the path that `authMiddleware` forwarded, else none. When the policy fails,
   * `notFound()` (or the configured forbidden redirect).
   *
   * @example
   * ```tsx
   * export default async function AdminPage() {
   *   const session = await auth({ roles: ["admin"] })
   *   return <p>Hello {session.user?.name}</p>
   * }
   * // without the middleware, say where to come back to
   * const session = await auth({}, { callbackUrl: "/app/dashboard" })
   * ```
   */
  auth: Auth
  /**
   * Protects an App Router route handler with the same statuses and bodies as `withAuth`.
   *
   * @example
   * ```ts
   * export const GET = withRouteAuth(async (request, context, session) =>
   *   Response.json({ user: session.user }),
   * )
   * ```
   */
  withRouteAuth: WithRouteAuth
  /**
   * A Server Component that renders `children` for a signed-in user and `fallback` otherwise.
   * No client JavaScript: it reads the session with `getSession()` while the page renders on the
   * server. **A gate hides UI; it does not protect data**: protect the page with `auth()`, and
   * routes with `withRouteAuth`.
   *
   * @example
   * ```tsx
   * // lib/auth.ts
   * export const { AuthGate } = createAuthKit(authOptions, authConfig)
   * // app/page.tsx (a Server Component)
   * <AuthGate fallback={<a href="/login">Sign in</a>}><Dashboard /></AuthGate>
   * ```
   */
  AuthGate: ServerGates["AuthGate"]
  /**
   * A Server Component that renders `children` for a signed-in user who passes the policy
   * (`roles`, `match`, `allow`, the same `AccessPolicy` as `auth()`; `allow` may be async
   * here, and one that throws or rejects denies), and `fallback` otherwise. Roles are read with
   * the kit's `getRoles` / `roleClaim`. **A gate hides UI; it does not protect data.**
   *
   * @example
   * ```tsx
   * <RoleGate roles={["admin"]} fallback={<p>Admins only</p>}>
   *   <AdminPanel />
   * </RoleGate>
   * <RoleGate allow={async (session) => isOwner(session, post)}><EditButton /></RoleGate>
   * ```
   */
  RoleGate: ServerGates["RoleGate"]
  /**
   * A Server Component that renders its children only for a signed-in user.
   *
   * @example
   * ```tsx
   * <SignedIn><UserButton /></SignedIn>
   * ```
   */
  SignedIn: ServerGates["SignedIn"]
  /**
   * A Server Component that renders its children only for a signed-out visitor.
   *
   * @example
   * ```tsx
   * <SignedOut><a href="/login">Sign in</a></SignedOut>
   * ```
   */
  SignedOut: ServerGates["SignedOut"]
}

/**
 * The account options of the kit instance: the shared configuration's `accounts` section
 * (`accountPath`, `pages`) with what only the server holds (`store`, `sendEmail`, `mfa`, …).
 *
 * @example
 * ```ts
 * const accounts: KitAccountsOptions = { ...authConfig.accounts, store, sendEmail, mfa: { issuer: "Acme" } }
 * ```
 */
export type KitAccountsOptions = NonNullable<AuthKitOptions["accounts"]> &
  Omit<AccountsOptions, keyof AuthKitOptions | "onError" | "locales" | "locale"> & {
    /**
     * Add the kit's Credentials provider (`id: "credentials"`: `email`, `password`, `code`, a
     * passkey's assertion as `passkey`, and the sign-in grant of a confirmed sign-up) to the providers. `false` when the app adds its
     * own, calling `kit.accounts.authorize`.
     * @default true
     */
    credentialsProvider?: boolean
    /**
     * Serve next-auth with the kit's store as its adapter (`accountAdapter(store)`): OAuth and
     * email-link users live in the kit's users table, their provider accounts are the linked
     * accounts (`linked-accounts`, `unlink`), and `session: { strategy: "database" }` keeps its
     * sessions in the kit's sessions list. On by default when the app's `authOptions` has no
     * `adapter` and the store has the linked-accounts and sessions slices (the kit's stores do);
     * the session strategy stays `jwt` unless the app sets it. `false` opts out; `true` insists
     * (`invalid_config` for a store that cannot).
     *
     * With `strategy: "database"`, a sign-in through the kit's Credentials provider gets a
     * database session too (next-auth v4 alone refuses or mis-handles that); the edge middleware
     * cannot read database sessions (it has no database), and every session read is a store
     * read. `jwt` stays the recommended strategy for password sign-ins.
     * @default true when the store can
     */
    adapter?: boolean
  }

/**
 * The options of the one kit instance: next-auth's `authOptions`, the app's shared
 * configuration, and the accounts.
 *
 * @example
 * ```ts
 * createAuthKit({ authOptions, ...authConfig, accounts: { ...authConfig.accounts, store, sendEmail } })
 * ```
 */
export interface AuthKitInstanceOptions extends AuthKitOptions {
  /** The app's next-auth options; the kit hands back the ones to serve next-auth with as `kit.authOptions`. */
  authOptions: NextAuthOptions
  /** The account lifecycle (sign-up, confirmation, passwords, two-factor) on a store. */
  accounts?: KitAccountsOptions
}

/** The one kit instance: the server helpers, next-auth's options and handler, the accounts. */
export interface AuthKitInstance<A extends boolean = boolean> extends AuthKit {
  /**
   * The authOptions to serve next-auth with: the app's, with the kit's callbacks (role claims,
   * and with accounts the session check: a credential change or a revoked session ends it), the
   * sign-out event that ends the recorded session, the accounts' Credentials provider and, unless
   * the app has its own or opted out (`accounts.adapter: false`), the kit's store as next-auth's
   * `adapter` already in.
   *
   * @example
   * ```ts
   * // pages/api/auth/[...nextauth].ts
   * export default NextAuth(kit.authOptions)
   * ```
   */
  authOptions: NextAuthOptions
  /**
   * next-auth's handler for `kit.authOptions`, for both routers. Prefer it to
   * `NextAuth(kit.authOptions)`: in the Pages Router it hands sign-in the socket's address, so
   * the per-IP sign-in limit counts the real peer without any proxy configuration.
   *
   * @example
   * ```ts
   * // pages/api/auth/[...nextauth].ts
   * export default kit.handler
   * // app/api/auth/[...nextauth]/route.ts
   * export { handler as GET, handler as POST } from "@/lib/auth" // export const { handler } = kit
   * ```
   */
  handler: (...args: any[]) => Promise<any>
  /**
   * The account endpoints and `authorize`, when the kit was built with `accounts`.
   *
   * @example
   * ```ts
   * // pages/api/account/[...action].ts
   * export default kit.accounts.apiHandler
   * // app/api/account/[...action]/route.ts
   * export const { GET, POST } = kit.accounts.routeHandlers
   * ```
   */
  accounts: A extends true ? AccountEndpoints : AccountEndpoints | undefined
}

/**
 * Builds the kit once, from everything it needs: next-auth's `authOptions`, the app's shared
 * configuration and, optionally, the accounts. Take the server helpers, the `authOptions` (and
 * `handler`) to serve next-auth with, and the account endpoints from the one object; nothing is
 * wired after construction.
 *
 * The 0.2 form, `createAuthKit(authOptions, config)`, still works and returns the helpers.
 *
 * @example
 * ```ts
 * // lib/auth.ts
 * export const kit = createAuthKit({
 *   authOptions: { pages: { signIn: "/login" }, providers: [] },
 *   ...authConfig,
 *   accounts: { ...authConfig.accounts, store: sqlAccountStore(db), sendEmail },
 * })
 * export const { requireSession, withAuth, getSession, auth } = kit
 * // pages/api/auth/[...nextauth].ts          export default kit.handler
 * // pages/api/account/[...action].ts         export default kit.accounts.apiHandler
 * ```
 * @throws AuthKitError `invalid_config` for an unusable option: a path, a store or mailer, the
 * accounts' settings, a Credentials provider of the app's whose id the kit's would take. And for
 * a deployment the kit cannot run in, each message naming the fix: no secret (no
 * `authOptions.secret`, `NEXTAUTH_SECRET` or `AUTH_SECRET`) with accounts, or in production
 * without; with accounts in production, no base URL for the links in emails (no
 * `accounts.baseUrl`, `NEXTAUTH_URL`, or `AUTH_TRUST_HOST` to take the request's host); with
 * `accounts.passkeys`, no https origin (or localhost) for the relying party, or an `rpId` that is
 * not that origin's host or a parent domain of it. Inside
 * `next build` (`NEXT_PHASE` is `phase-production-build`), where the environment may come only
 * at run time, these are checked on the first request instead (`handler`, the account
 * endpoints), before any work. In development a missing `NEXTAUTH_URL` is not an error: as
 * next-auth does, the links use the request's origin, with a warning.
 */
export function createAuthKit<O extends AuthKitInstanceOptions>(options: O): AuthKitInstance<O["accounts"] extends object ? true : false>
export function createAuthKit(authOptions: NextAuthOptions, options?: AuthKitOptions): AuthKit
export function createAuthKit(first: NextAuthOptions | AuthKitInstanceOptions, second?: AuthKitOptions): AuthKit | AuthKitInstance {
  if (second === undefined && first && typeof first === "object" && "authOptions" in first) return createKitInstance(first)
  return createHelpers(first as NextAuthOptions, second)
}

/** The one kit instance. */
function createKitInstance({ authOptions: given, accounts: accountOptions, ...config }: AuthKitInstanceOptions): AuthKitInstance {
  if (!given || typeof given !== "object") throw new AuthKitError("invalid_config", "createAuthKit({ authOptions }) needs next-auth's options.")
  let composed = withRoleClaims(given, config)
  let accounts: AccountEndpoints | undefined
  let context: AccountsContext | undefined
  if (accountOptions) {
    const { credentialsProvider = true, adapter, ...rest } = accountOptions
    context = resolveAccounts(
      { ...config, ...rest, accounts: { accountPath: rest.accountPath, pages: rest.pages } } as AccountsOptions,
      () => composed,
    )
    // Fail at start-up, not on a user's first sign-up; `next build` evaluates this module before
    // the deployment's environment may be there, so there the first request checks instead.
    if (!duringBuild()) context.assertReady()
    accounts = accountEndpoints(context)
    composed = withKitAdapter(composed, context, adapter, () => composed)
    composed = withAccountSessions(composed, context, config.loginPath !== undefined)
    if (credentialsProvider) {
      if ((given.providers ?? []).some((provider) => provider.id === "credentials")) {
        throw new AuthKitError(
          "invalid_config",
          'authOptions already has a provider with id "credentials", and the kit adds its own for accounts: remove yours, or pass `accounts: { credentialsProvider: false }` and call kit.accounts.authorize from it.',
        )
      }
      composed = {
        ...composed,
        providers: [
          ...(composed.providers ?? []),
          CredentialsProvider({
            id: "credentials",
            name: "Email and password",
            credentials: {
              email: { label: "Email", type: "email" },
              password: { label: "Password", type: "password" },
              code: { label: "Code", type: "text" },
              // A passkey's assertion (JSON) to a challenge of passkeys/sign-in-options.
              passkey: { label: "Passkey", type: "text" },
            },
            authorize: accounts.authorize as never,
          }),
        ],
      }
    }
    composed = withCredentialsDatabaseSessions(composed)
  }
  if (!duringBuild()) assertSecret(composed)
  const nextAuth = (defaultExport(NextAuth) as unknown as (options: NextAuthOptions) => (...args: any[]) => Promise<any>)(composed)
  const ready = () => {
    assertSecret(composed)
    context?.assertReady()
  }
  return {
    ...createHelpers(composed, config),
    authOptions: composed,
    // The socket's peer for `authorize` (next-auth hands it only headers, body and query), and
    // the headers for the origin of the links of emails sent while signing in.
    handler: async (...args: any[]) => {
      ready()
      const request = args[0]
      return requestScope.run(
        { socketAddress: request?.socket?.remoteAddress, headers: request?.headers, url: typeof request?.url === "string" ? request.url : undefined },
        () => nextAuth(...args),
      )
    },
    accounts,
  }
}

/**
 * Binds the kit's server helpers to your next-auth `authOptions`, once.
 *
 * @example
 * ```ts
 * // lib/auth.ts
 * export const {
 *   requireSession, withAuth, getSession,                  // Pages Router (getSession: both)
 *   auth, withRouteAuth, AuthGate, RoleGate, SignedIn, SignedOut, // App Router
 * } = createAuthKit(authOptions, { loginPath: "/login" })
 *
 * // error messages in the request's language (English is built in)
 * import { de } from "next-auth-kit/locales/de/server"
 * createAuthKit(authOptions, { loginPath: "/login", locales: [de] })
 * ```
 * @throws AuthKitError with code `invalid_config` when an option is unusable (a `loginPath`
 * that is not a same-origin path, a forbidden redirect to the login page, `locales` that are
 * not server locales).
 */
function createHelpers(authOptions: NextAuthOptions, options: AuthKitOptions = {}): AuthKit {
  const config = resolveConfig(authOptions, options)
  const getSession = createGetSession(config)
  return {
    requireSession: createRequireSession(config),
    withAuth: createWithAuth(config),
    getSession,
    auth: createAuth(config),
    withRouteAuth: createWithRouteAuth(config),
    ...createServerGates(config, () => getSession()),
  }
}
