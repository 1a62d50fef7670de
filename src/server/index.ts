/**
 * `next-auth-kit/server`: server-only helpers. `createAuthKit` arrives here; the shared helpers
 * are exported from this entry and from `next-auth-kit` alike.
 * @packageDocumentation
 */
export {
  AuthKitError,
  getRoles,
  hasAccess,
  isAuthKitError,
  MAX_CALLBACK_URL_LENGTH,
  safeCallbackUrl,
} from "../shared"
export type {
  AccessPolicy,
  AuthKitErrorCode,
  Register,
  Role,
  RolesOf,
  SafeCallbackUrlOptions,
  Session,
} from "../shared"
