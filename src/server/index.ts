/**
 * `next-auth-kit/server`: server-only helpers for the Pages Router, the App Router and
 * next-auth's options. The shared helpers are exported from here and `next-auth-kit` alike.
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
// Types through the client entry, so that declaration files of this entry import
// next-auth-kit's own: `declare module "next-auth-kit" { interface Register … }` then finds
// it even in a program that imports only next-auth-kit/server. Type-only: no client code.
export type {
  AccessPolicy,
  AuthKitConfig,
  AuthKitErrorCode,
  Claims,
  ForbiddenBehaviour,
  Register,
  Role,
  RolesOf,
  SafeCallbackUrlOptions,
  Session,
} from "next-auth-kit"
export { createAuthKit } from "./create-auth-kit"
export type { AuthKit } from "./create-auth-kit"
export { PATH_HEADER } from "../shared/api-errors"
export type {
  Auth,
  AuthCallOptions,
  AuthedRouteHandler,
  WithRouteAuth,
  WithRouteAuthOptions,
} from "./app"
export type {
  AuthedApiHandler,
  GetSession,
  InnerGetServerSideProps,
  RequireSession,
  SessionContext,
  WithAuth,
  WithAuthOptions,
  WithSession,
} from "./pages"
export { withRoleClaims } from "./role-claims"
export type { RoleClaimsOptions } from "./role-claims"
export type { AuthKitOptions, ServerAccessPolicy } from "./types"
