/**
 * `next-auth-kit/msw`: MSW 2 handlers that play next-auth v4's REST API, so next-auth's own
 * client (`useSession`, `getSession`, `signIn`, `signOut`) and the kit's components run against
 * them as against a real server: in Storybook, Vitest, Playwright or the browser; and the
 * account endpoints (sign-up, verification, password reset and change, two-factor, passkeys, with
 * a passkey authenticator in place of the browser's), played by the
 * server's own account engine and sharing their state with them.
 * @packageDocumentation
 */
export { mockSession, mockUsers } from "../core/mock-session"
export type { MockSessionOverrides, MockUser } from "../core/mock-session"

export { authHandlers, scenarios } from "./auth"
export type { AuthHandlers, AuthHandlersOptions } from "./auth"
export { providers } from "../core/mock-next-auth"
export type { MockProvider, MockSessionState, MockSignInError } from "../core/mock-next-auth"

export { accountHandlers } from "./accounts"
export type { AccountHandlers, AccountHandlersOptions } from "./accounts"
export type {
  MockAccount,
  MockAccountAction,
  MockAccountError,
  MockAccountSeed,
  MockEmail,
  MockLinkedAccountSeed,
  MockSessionSeed,
  MockPasskeySeed,
  MockEmailKind,
  MockRateLimited,
} from "../core/accounts/mock-host"
export { accountScenarios } from "./account-scenarios"
export { COMMON_PASSWORDS, MOCK_MFA_SECRET, MOCK_RECOVERY_CODES } from "../core/accounts/mock-seeds"
export type { MockPasswordRules } from "../core/accounts/mock-seeds"
export { MOCK_PASSKEY_KEY } from "../core/accounts/mock-authenticator"
export { mockPasskeyAuthenticator } from "./passkeys"
export type {
  MockHeldPasskey,
  MockPasskeyAuthenticator,
  MockPasskeyAuthenticatorOptions,
  MockPasskeyCredential,
  MockPasskeyFailure,
} from "./passkeys"
export type { ApiErrorBody, FieldErrorCode, InvalidTokenReason } from "../core/api-errors"
