import type { Session } from "next-auth"

/**
 * Register your app's roles once, and every `roles` option and prop of the kit is checked
 * against them.
 *
 * @example
 * ```ts
 * // auth.d.ts in your app
 * declare module "next-auth-kit" {
 *   interface Register {
 *     role: "admin" | "editor"
 *   }
 * }
 * ```
 */
// biome-ignore lint: an empty interface is the point: apps augment it.
export interface Register {}

/**
 * A role name: the union registered through {@link Register}, or `string` when the app has not
 * registered one.
 */
export type Role = Register extends { role: infer R extends string } ? R : string

/**
 * Who may pass: a set of roles and an optional extra predicate. Both must hold. The one policy
 * type of the kit: `requireSession`, `withAuth`, `auth`, `withRouteAuth`, the middleware's rules
 * (roles only) and the client gates all take it.
 *
 * @example
 * ```ts
 * const editors: AccessPolicy = { roles: ["admin", "editor"], match: "any" }
 * const staff: AccessPolicy = { allow: (session) => session.user?.email?.endsWith("@example.com") ?? false }
 * const owner: AccessPolicy = { allow: async (session) => isOwner(session, postId) } // server only
 * ```
 */
export interface AccessPolicy {
  /** Roles the session must hold; none or an empty list means any signed-in user. */
  roles?: readonly Role[]
  /**
   * Whether one of `roles` is enough (`"any"`) or every one is needed (`"all"`).
   * @default "any"
   */
  match?: "any" | "all"
  /**
   * An extra check that must also return `true`. It may be async on the server; the client
   * gates need an answer while rendering, so there a promise counts as "no". A check that
   * throws denies.
   */
  allow?: (session: Session) => boolean | Promise<boolean>
}

/** Reads the roles of a session. The default is {@link getRoles}. */
export type RolesOf = (session: Session) => readonly string[]

/**
 * The claims a role reader looks at: `session.user` where there is a session, the decoded JWT
 * in the middleware, the user that `authorize` or an adapter returned in `withRoleClaims`.
 */
export type Claims = Readonly<Record<string, unknown>>

/** What a signed-in user who fails a policy gets: a 404, or a redirect to a page of yours. */
export type ForbiddenBehaviour = "not-found" | { redirect: string }

/** next-auth v4's error codes, as they arrive in `signIn()` results and in `?error=`. */
export type NextAuthErrorCode =
  | "CredentialsSignin"
  | "OAuthSignin"
  | "OAuthCallback"
  | "OAuthCreateAccount"
  | "EmailCreateAccount"
  | "Callback"
  | "OAuthAccountNotLinked"
  | "EmailSignin"
  | "SessionRequired"
  | "AccessDenied"
  | "Verification"
  | "Configuration"

export type { Session }
