import type { AccessPolicy, Claims, Role, RolesOf, Session } from "./types"

/** The non-empty strings of a list of roles; `[]` for anything that is not a list. */
export function roleList(roles: unknown): Role[] {
  return Array.isArray(roles) ? roles.filter((role): role is Role => !!role && typeof role === "string") : []
}

/**
 * The roles in a set of claims (a session's `user`, a decoded JWT, an adapter's user): the
 * `claim` named, else `roles` when it is an array, else `[role]` when that is a string, else `[]`.
 */
export function rolesFromClaims(claims: Claims | null | undefined, claim?: string): Role[] {
  const value = claim ? claims?.[claim] : Array.isArray(claims?.roles) ? claims.roles : claims?.role
  return roleList([value].flat())
}

/**
 * The roles of a session: `session.user.roles` when it is an array, else `[session.user.role]`
 * when that is a string, else `[]`. Anything that is not a non-empty string is dropped.
 *
 * @example
 * ```ts
 * getRoles({ user: { roles: ["admin"] }, expires: "…" }) // ["admin"]
 * getRoles({ user: { role: "editor" }, expires: "…" })   // ["editor"]
 * getRoles(null)                                          // []
 * ```
 */
export function getRoles(session: Session | null | undefined): Role[] {
  return rolesFromClaims(session?.user as Claims | undefined)
}

/**
 * Whether a signed-in subject passes a policy: it holds the policy's roles (any or all of them,
 * as `match` says) and `allow`, when given, answers `true`. Roles are read only when the policy
 * names some, since an app's own reader may expect a role-bearing session. Answers `allow`'s own
 * verdict (a promise on the server, where the helpers await it and deny on a throw).
 */
export function passesPolicy(
  session: Session | undefined,
  policy: AccessPolicy | undefined,
  readRoles: () => readonly string[],
): unknown {
  const roles = policy?.roles ?? []
  if (roles.length > 0) {
    // A list, whatever the app's reader answers: a string's `includes` would match "admin"
    // inside "superadmin".
    const held = roleList(readRoles())
    const holds = (role: Role) => held.includes(role)
    if (!(policy?.match === "all" ? roles.every(holds) : roles.some(holds))) return false
  }
  // A predicate needs a session; the middleware has only a token and takes no `allow`.
  return !policy?.allow || (!!session && policy.allow(session))
}

/**
 * Whether a session passes a policy: there is a session, it holds the policy's roles (any or
 * all of them, as `match` says) and `allow`, when given, returns `true`. No session never passes.
 * Synchronous: an async `allow` counts as "no" here (the server helpers await it).
 *
 * @param rolesOf how to read roles from the session; {@link getRoles} by default.
 * @example
 * ```ts
 * hasAccess(session, { roles: ["admin"] })                       // admins only
 * hasAccess(session, { roles: ["admin", "editor"], match: "all" }) // both roles
 * hasAccess(session, {})                                         // any signed-in user
 * ```
 */
export function hasAccess(
  session: Session | null | undefined,
  policy: AccessPolicy = {},
  rolesOf: RolesOf = getRoles,
): boolean {
  return !!session && passesPolicy(session, policy, () => rolesOf(session)) === true
}
