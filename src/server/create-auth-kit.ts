import type { NextAuthOptions } from "next-auth"
import { type Auth, createAuth, createWithRouteAuth, type WithRouteAuth } from "./app"
import { resolveConfig } from "./config"
import { createServerGates, type ServerGates } from "./gates"
import { createGetSession, type GetSession } from "./get-session"
import { createRequireSession, createWithAuth, type RequireSession, type WithAuth } from "./pages"
import type { AuthKitOptions } from "./types"

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
export function createAuthKit(authOptions: NextAuthOptions, options: AuthKitOptions = {}): AuthKit {
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
