import type { NextAuthOptions } from "next-auth"
import { type Auth, createAuth, createWithRouteAuth, type WithRouteAuth } from "./app"
import { resolveConfig } from "./config"
import {
  createGetSession,
  createRequireSession,
  createWithAuth,
  type GetSession,
  type RequireSession,
  type WithAuth,
} from "./pages"
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
   * JSON `{ error, message }`; a 500 never carries the thrown message or a stack.
   *
   * @example
   * ```ts
   * export default withAuth(async (req, res, session) => res.json({ user: session.user }))
   * export default withAuth({ roles: ["admin"], methods: ["GET"] }, handler)
   * ```
   */
  withAuth: WithAuth
  /**
   * The session of a Pages Router request, or `null`. Never throws on a bad cookie.
   *
   * @example
   * ```ts
   * const session = await getSession(ctx)           // in getServerSideProps
   * const session = await getSession(req, res)      // in an API route
   * ```
   */
  getSession: GetSession
  /**
   * The session in a Server Component or Server Action. Without one, `redirect()`s to the login
   * path with a safe `callbackUrl`; when the policy fails, `notFound()` (or the configured
   * redirect).
   *
   * @example
   * ```tsx
   * export default async function AdminPage() {
   *   const session = await auth({ roles: ["admin"] })
   *   return <p>Hello {session.user?.name}</p>
   * }
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
}

/**
 * Binds the kit's server helpers to your next-auth `authOptions`, once.
 *
 * @example
 * ```ts
 * // lib/auth.ts
 * export const { requireSession, withAuth, getSession, auth, withRouteAuth } =
 *   createAuthKit(authOptions, { loginPath: "/login" })
 * ```
 * @throws AuthKitError with code `invalid_config` when an option is unusable (a `loginPath`
 * that is not a same-origin path, a forbidden redirect to the login page).
 */
export function createAuthKit(authOptions: NextAuthOptions, options: AuthKitOptions = {}): AuthKit {
  const config = resolveConfig(authOptions, options)
  return {
    requireSession: createRequireSession(config),
    withAuth: createWithAuth(config),
    getSession: createGetSession(config),
    auth: createAuth(config),
    withRouteAuth: createWithRouteAuth(config),
  }
}
