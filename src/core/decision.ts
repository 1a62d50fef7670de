import type { ResolvedAuthKitConfig } from "./config"
import { loginUrl } from "./login-url"
import { passesPolicy, rolesFromClaims } from "./policy"
import type { AccessPolicy, Claims, Session } from "./types"

/**
 * Who is asking: the claims a role reader looks at (a session's `user`, or the decoded JWT in
 * the middleware) and, where there is one, the session that `allow` receives.
 */
export interface AccessSubject {
  readonly claims: Claims
  readonly session?: Session
}

/**
 * The one answer every runtime translates into its own response:
 * - `allow`: go on;
 * - `unauthenticated`: send the visitor to `loginUrl` (the login path, without `basePath`, with
 *   a safe `callbackUrl` of the current page when it is known); APIs answer 401;
 * - `forbidden`: a signed-in user who fails the policy: to `redirect` when the configuration
 *   says so, else a 404 (`redirect: null`); APIs answer 403.
 */
export type AccessDecision =
  | { readonly outcome: "allow" }
  | { readonly outcome: "unauthenticated"; readonly loginUrl: string }
  | { readonly outcome: "forbidden"; readonly redirect: string | null }

/** What {@link decideAccess} needs besides the subject and the policy. */
export interface DecideOptions {
  readonly config: ResolvedAuthKitConfig
  /**
   * The current path without `basePath` (path + search), for the `callbackUrl`; unknown in a
   * Server Component without the middleware.
   */
  readonly currentPath?: string
  /** The app's own role reader; by default the configured claim of `subject.claims`. */
  readonly rolesOf?: (subject: AccessSubject) => readonly string[]
}

/**
 * The kit's one access decision: `(subject or null, policy) → allow | unauthenticated(loginUrl)
 * | forbidden(target)`. Only a literal `true` from `allow` passes. Synchronous unless the
 * policy's `allow` answers a promise.
 *
 * @example
 * ```ts
 * const decision = await decideAccess(sessionSubject(session), { roles: ["admin"] }, { config, currentPath: "/admin" })
 * ```
 */
export function decideAccess(
  subject: AccessSubject | null | undefined,
  policy: AccessPolicy | undefined,
  { config, currentPath, rolesOf }: DecideOptions,
): AccessDecision | Promise<AccessDecision> {
  if (!subject) {
    return { outcome: "unauthenticated", loginUrl: loginUrl(config.loginPath, currentPath, config.basePath) }
  }
  const verdict = passesPolicy(subject.session, policy, () =>
    rolesOf ? rolesOf(subject) : rolesFromClaims(subject.claims, config.roleClaim),
  )
  const settle = (passed: unknown): AccessDecision =>
    passed === true
      ? { outcome: "allow" }
      : { outcome: "forbidden", redirect: config.forbidden === "not-found" ? null : config.forbidden.redirect }
  return verdict instanceof Promise ? verdict.then(settle) : settle(verdict)
}

/** The subject of a session, or `null` for none. */
export function sessionSubject(session: Session | null | undefined): AccessSubject | null {
  return session ? { claims: (session.user ?? {}) as Claims, session } : null
}
