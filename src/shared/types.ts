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
 * Who may pass: a set of roles and an optional extra predicate. Both must hold.
 *
 * @example
 * ```ts
 * const editors: AccessPolicy = { roles: ["admin", "editor"], match: "any" }
 * const verified: AccessPolicy = { allow: (session) => session.user?.email?.endsWith("@example.com") ?? false }
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
  /** An extra check that must also return `true`. */
  allow?: (session: Session) => boolean
}

/** Reads the roles of a session. The default is {@link getRoles}. */
export type RolesOf = (session: Session) => readonly string[]

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
