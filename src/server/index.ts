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
} from "../core"
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
export { PATH_HEADER } from "../core/api-errors"
export type {
  Auth,
  AuthCallOptions,
  AuthedRouteHandler,
  WithRouteAuth,
  WithRouteAuthOptions,
} from "./app"
export type { GetSession } from "./get-session"
export type {
  ServerAuthGateProps,
  ServerComponent,
  ServerGates,
  ServerRoleGateProps,
  ServerSignedInProps,
  ServerSignedOutProps,
} from "./gates"
export type {
  AuthedApiHandler,
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
export { createAccounts } from "./accounts/create-accounts"
export type { Accounts } from "./accounts/create-accounts"
export type { AccountsOptions } from "./accounts/context"
export { memoryAccountStore } from "../core/accounts/memory-store"
export { accountAdapter } from "../core/accounts/adapter"
export type { AccountAdapterOptions, AccountAdapterUser, AdapterSessionDetails } from "../core/accounts/adapter"
export type { LinkedAccountItem } from "../core/accounts/features/linked-accounts"
export type { AccountSettingsState, ProfileUser } from "../core/accounts/features/settings"
export {
  accountMigrations,
  accountSchema,
  libsqlDriver,
  pgDriver,
  postgresAccountSchema,
  sqlAccountStore,
  sqliteAccountSchema,
} from "./accounts/sql"
export type {
  LibsqlClientLike,
  LibsqlConfigLike,
  PgClientLike,
  PgDriverOptions,
  SqlAccountStore,
  SqlAccountStoreOptions,
  SqlDialect,
  SqlDriver,
  SqlMigration,
  SqlRow,
  SqlStatement,
  SqlValue,
} from "./accounts/sql"
export type {
  AccountStore,
  AccountUser,
  AccountUserPatch,
  ChangeEmailResult,
  ConsumedToken,
  ConsumedPendingSignup,
  LinkedAccount,
  MfaState,
  OAuthTokens,
  NewAccountUser,
  PendingSignup,
  SignInMethod,
  StoredPasskey,
  StoredSession,
  StoredToken,
  StoredVerificationToken,
  TokenKind,
  UnlinkResult,
} from "../core/accounts/store"
export type { SessionListItem, SignInDetails } from "../core/accounts/features/sessions"
export type { MfaOptions } from "./accounts/context"
export type { PasskeysOptions } from "./accounts/webauthn"
export type { PasskeyListItem } from "../core/accounts/features/passkeys"
export type { PasskeyRelyingParty } from "../core/accounts/webauthn"
export { SCRYPT_DEFAULTS, scryptHasher } from "./accounts/password"
export type { PasswordHasher, PasswordRules, ScryptParams } from "./accounts/password"
export { DEFAULT_RATE_LIMITS } from "../core/accounts/limits"
export type { AccountRateLimits, RateLimit, RateLimitRule } from "../core/accounts/limits"
export type { ClientIpResolver, ClientIpSource, TrustProxy } from "./accounts/client-ip"
export type { AccountEmail } from "./accounts/emails"
export { accountMessagesOf, defaultAccountMessages } from "./accounts/messages"
export type {
  AccountEmailKind,
  AccountMessages,
  AccountMessagesOverride,
  EmailContext,
  EmailMessages,
} from "./accounts/messages"
export type { AccountsAuthorize, AuthorizedUser, AuthorizeErrorCode } from "./accounts/authorize"
export { ACCOUNT_ACTIONS } from "./accounts/core"
export type { AccountAction, AccountRequest, AccountResponse, AccountsHandle } from "./accounts/core"
export type { AccountsApiHandler, AccountsRouteHandler, AccountsRouteHandlers } from "./accounts/http"
export type { SessionCheckOptions } from "./accounts/sessions"
export type { ApiErrorBody, ApiErrorCode, FieldErrorCode, InvalidTokenReason } from "../core/api-errors"
export { en as defaultServerMessages } from "./locales/en"
export type { ServerEmailMessages, ServerEmailTemplate, ServerMessages } from "./i18n/messages"
export type { LocaleRequest, LocaleResolver, ServerLocaleOptions } from "./i18n/languages"
export { negotiateLocale } from "./i18n/negotiate"
