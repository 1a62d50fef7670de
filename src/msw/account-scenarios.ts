/** `accountScenarios`: one-liners for the states of the account forms. */
import { ACCOUNT_ACTIONS } from "../core/account-rules"
import type { InvalidTokenReason } from "../core/api-errors"
import type { MockUser } from "../core/mock-session"
import { mockSession, mockUsers } from "../core/mock-session"
import type { MockAccountAction, MockAccountSeed } from "../core/accounts/mock-host"
import { type AccountHandlers, accountHandlers } from "./accounts"

const ALL: readonly MockAccountAction[] = ACCOUNT_ACTIONS

/** The mock users (Ada, Grace) as verified accounts with the password "password". */
function mockAccounts(unverified: readonly string[] = [], withMfa: readonly string[] = []): MockAccountSeed[] {
  return Object.values(mockUsers).map((user) => ({
    ...user,
    roles: [...user.roles],
    password: "password",
    verified: !unverified.includes(user.email),
    mfa: withMfa.includes(user.email),
  }))
}

const MFA = { issuer: "Acme" }

/**
 * One-liners for the account forms' states, for a story's `beforeEach` (`msw.use(...)`) or a
 * test's `server.use(...)`. Each returns fresh {@link accountHandlers} with their own
 * authHandlers included (signed out unless said otherwise), where Ada and Grace
 * (`mockUsers`) have verified accounts with the password "password".
 *
 * @example
 * ```ts
 * server.use(...accountScenarios.invalidToken("used"))
 * beforeEach: ({ msw }) => msw.use(...accountScenarios.signedInForChangePassword())
 * ```
 */
export const accountScenarios = {
  /**
   * Everything works, signed out: sign up (pending) → verify (token in `outbox`; answers a
   * sign-in `grant`) → signed in with the grant or the password.
   */
  signedOut: () => accountHandlers({ users: mockAccounts() }),
  /**
   * Signed in as Grace (or the given user), whose current password is "password":
   * `change-password` works, a wrong current password is `mismatch`.
   */
  signedInForChangePassword: (user: MockUser = mockUsers.grace) => {
    const email = user.email ?? mockUsers.grace.email
    const others = mockAccounts().filter((account) => account.email !== email)
    return accountHandlers({
      auth: { session: mockSession({ user }) },
      users: [...others, { name: user.name ?? null, roles: [...(user.roles ?? [])], email, password: "password" }],
    })
  },
  /**
   * Grace's account is unconfirmed (as 0.2 created accounts): signing in as grace@example.com /
   * "password" answers `CredentialsSignin`, as a wrong password does (0.3 has no
   * `EmailNotVerified`), and `resend-verification` emails a link that confirms it.
   */
  emailNotVerified: () => accountHandlers({ users: mockAccounts([mockUsers.grace.email]) }),
  /**
   * Two-factor on for Ada (secret `MOCK_MFA_SECRET`, recovery codes `MOCK_RECOVERY_CODES`):
   * ada@example.com / "password" answers `MfaRequired`, then signs in with
   * `handlers.totpFor("ada@example.com")` or a recovery code; a wrong or reused code is
   * `MfaInvalid`. Grace signs in without a code.
   */
  mfaRequired: () => accountHandlers({ users: mockAccounts([], [mockUsers.ada.email]), mfa: MFA }),
  /**
   * Signed in as Grace (or the given user) with two-factor off: `mfa/setup` answers a secret
   * and its QR code, `mfa/enable` takes `handlers.totpFor(email)`; with `enabled: true`, two-factor
   * is on already (the `MOCK_MFA_SECRET`) and `mfa/disable` takes the password "password".
   */
  signedInForMfa: (user: MockUser = mockUsers.grace, { enabled = false }: { enabled?: boolean } = {}) => {
    const email = user.email ?? mockUsers.grace.email
    const others = mockAccounts().filter((account) => account.email !== email)
    return accountHandlers({
      auth: { session: mockSession({ user }) },
      mfa: MFA,
      users: [...others, { name: user.name ?? null, roles: [...(user.roles ?? [])], email, password: "password", mfa: enabled }],
    })
  },
  /** `verify-email` and `reset-password` answer 400 `invalid_token` with this reason. */
  invalidToken: (reason: InvalidTokenReason = "expired") =>
    accountHandlers({
      users: mockAccounts(),
      errors: {
        "verify-email": { error: "invalid_token", reason },
        "reset-password": { error: "invalid_token", reason },
      },
    }),
  /** Every endpoint (after its field checks) and every sign-in of an account answers 429 with `Retry-After`. */
  rateLimited: (retryAfter = 60) => accountHandlers({ users: mockAccounts(), rateLimit: { after: 0, retryAfter } }),
  /** Every endpoint (after its field checks) answers 500 `internal_error`. */
  serverError: () =>
    accountHandlers({
      users: mockAccounts(),
      errors: Object.fromEntries(ALL.map((action) => [action, "internal_error"])),
    }),
  /** Everything works, signed out, with this latency (ms) on the account and auth endpoints. */
  slowNetwork: (ms = 1500) => accountHandlers({ users: mockAccounts(), delay: ms, auth: { delay: ms } }),
  /** The account endpoints never answer: forms stay in their submitting state. */
  submitting: () => accountHandlers({ users: mockAccounts(), delay: "infinite" }),
} satisfies Record<string, (...args: never[]) => AccountHandlers>
