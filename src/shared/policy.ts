import type { AccessPolicy, Role, RolesOf, Session } from "./types"

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
  const user = session?.user as { roles?: unknown; role?: unknown } | undefined | null
  return Array.isArray(user?.roles) ? roleList(user.roles) : roleList([user?.role])
}

/** The non-empty strings of a list of roles; `[]` for anything that is not a list. */
export function roleList(roles: unknown): Role[] {
  return Array.isArray(roles) ? roles.filter((role): role is Role => !!role && typeof role === "string") : []
}

/**
 * Whether a session passes a policy: there is a session, it holds the policy's roles (any or
 * all of them, as `match` says) and `allow`, when given, returns `true`. No session never passes.
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
  if (!session) return false
  const roles = policy.roles ?? []
  if (roles.length > 0) {
    // Read only when needed: an app's own `getRoles` may expect a role-bearing session.
    const held = rolesOf(session)
    const holds = (role: Role) => held.includes(role)
    if (!(policy.match === "all" ? roles.every(holds) : roles.some(holds))) return false
  }
  return (policy.allow?.(session) ?? true) === true
}
