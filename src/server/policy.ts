import { hasAccess, type RolesOf, type Session } from "../shared"
import type { ServerAccessPolicy } from "./types"

/** {@link hasAccess} with an `allow` that may be async. A throwing `allow` denies. */
export async function checkAccess(
  session: Session,
  policy: ServerAccessPolicy | undefined,
  rolesOf: RolesOf,
): Promise<boolean> {
  if (!policy) return true
  if (!hasAccess(session, { roles: policy.roles, match: policy.match }, rolesOf)) return false
  if (!policy.allow) return true
  try {
    return (await policy.allow(session)) === true
  } catch (error) {
    console.error("[next-auth-kit] A policy's `allow` threw; access denied.", error)
    return false
  }
}
