/** `accountScenarios`: one-liners for the states of the account forms. */
import { ACCOUNT_ACTIONS } from "../core/account-rules"
import type { InvalidTokenReason } from "../core/api-errors"
import type { MockUser } from "../core/mock-session"
import { type MockProvider, providers } from "../core/mock-next-auth"
import { mockSession, mockUsers } from "../core/mock-session"
import type { MockAccountAction, MockAccountSeed, MockPasskeySeed } from "../core/accounts/mock-host"
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

const HOUR = 60 * 60 * 1000
/** A time `hours` before now, for seeds that read as recent in any story or test. */
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString()

/** The User-Agents of {@link accountScenarios.threeDevices}: three browsers on three systems and devices. */
const USER_AGENTS = {
  chromeMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  safariIphone: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  firefoxWindows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
}

/** Signed in as `user`, whose account is seeded with `extra` (sessions, linked accounts); the other mock users as usual. */
function signedInAs(user: MockUser, extra: Partial<MockAccountSeed>, providerList?: readonly MockProvider[]) {
  const email = user.email ?? mockUsers.grace.email
  const others = mockAccounts().filter((account) => account.email !== email)
  return accountHandlers({
    auth: { session: mockSession({ user }), ...(providerList ? { providers: providerList } : {}) },
    users: [...others, { name: user.name ?? null, roles: [...(user.roles ?? [])], email, password: "password", ...extra }],
  })
}

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
  /**
   * Signed in as Grace (or the given user) with three sessions, newest first: this browser's
   * (Chrome 126 on macOS, a computer, with the password, an hour ago), Safari 17 on iOS 17 (a
   * phone, with GitHub, from 198.51.100.7, a day ago) and Firefox 128 on Windows 10 (a computer,
   * with the password, from 203.0.113.9, a week ago). `sessions/revoke` ends one of the others,
   * `sessions/revoke-others` leaves this one only. `/providers` lists credentials and GitHub.
   *
   * @example
   * ```ts
   * beforeEach: ({ msw }) => msw.use(...accountScenarios.threeDevices())
   * ```
   */
  threeDevices: (user: MockUser = mockUsers.grace) =>
    signedInAs(
      user,
      {
        sessions: [
          // Signed in an hour ago and re-authenticated just now: the sensitive endpoints answer.
          { current: true, userAgent: USER_AGENTS.chromeMac, createdAt: ago(1), lastActiveAt: ago(0), authenticatedAt: ago(0) },
          { userAgent: USER_AGENTS.safariIphone, method: "github", ip: "198.51.100.7", createdAt: ago(24), lastActiveAt: ago(3) },
          { userAgent: USER_AGENTS.firefoxWindows, ip: "203.0.113.9", createdAt: ago(24 * 7), lastActiveAt: ago(48) },
        ],
      },
      [providers.credentials, providers.github],
    ),
  /**
   * Signed in as Grace (or the given user), whose account has GitHub linked (thirty days ago) and
   * a password ("password"): `unlink` of GitHub works, and Google (listed by `/providers` with
   * credentials and GitHub) is there to link. With `{ password: false }` the account has no
   * password, so GitHub is its only way to sign in and `unlink` answers 409 `last_sign_in_method`.
   *
   * @example
   * ```ts
   * server.use(...accountScenarios.githubLinked({ password: false }))
   * ```
   */
  githubLinked: (user: MockUser = mockUsers.grace, { password = true }: { password?: boolean } = {}) =>
    signedInAs(
      user,
      {
        password: password ? "password" : null,
        linkedAccounts: [{ provider: "github", linkedAt: ago(24 * 30) }],
        sessions: [{ current: true, userAgent: USER_AGENTS.chromeMac, method: "github" }],
      },
      [providers.credentials, providers.github, providers.google],
    ),
  /**
   * Signed in as Grace (or the given user) on the account settings page (`AccountSettings`): a
   * password ("password", none with `password: false`), GitHub linked, the three sessions of
   * {@link accountScenarios.threeDevices}, two-factor off (on with `twoFactor: true`, the
   * `MOCK_MFA_SECRET`). This session proved who it is just now; with `fresh: false`, an hour ago:
   * the sensitive actions answer 403 `reauthentication_required` until `reauthenticate` takes
   * "password" (or a code). With `passkeys`, passkeys are on (the page's origin is the relying
   * party; `mockPasskeyAuthenticator()` makes and uses them) and the account starts with those
   * given (`[]` for none; `mockPasskeyAuthenticator({ passkeys: [{ id }] })` holds a seeded one).
   *
   * @example
   * ```ts
   * beforeEach: ({ msw }) => msw.use(...accountScenarios.accountSettings(undefined, { fresh: false }))
   * beforeEach: ({ msw }) => msw.use(...accountScenarios.accountSettings(undefined, { passkeys: [{ name: "MacBook" }] }))
   * ```
   */
  accountSettings: (
    user: MockUser = mockUsers.grace,
    {
      fresh = true,
      twoFactor = false,
      password = true,
      passkeys,
    }: { fresh?: boolean; twoFactor?: boolean; password?: boolean; passkeys?: readonly MockPasskeySeed[] } = {},
  ) => {
    const email = user.email ?? mockUsers.grace.email
    const others = mockAccounts().filter((account) => account.email !== email)
    return accountHandlers({
      auth: { session: mockSession({ user }), providers: [providers.credentials, providers.github, providers.google] },
      mfa: MFA,
      ...(passkeys ? { passkeys: {} } : {}),
      users: [
        ...others,
        {
          name: user.name ?? null,
          roles: [...(user.roles ?? [])],
          email,
          password: password ? "password" : null,
          mfa: twoFactor,
          passkeys: passkeys ?? [],
          linkedAccounts: [{ provider: "github", linkedAt: ago(24 * 30) }],
          sessions: [
            { current: true, userAgent: USER_AGENTS.chromeMac, createdAt: ago(1), lastActiveAt: ago(0), authenticatedAt: fresh ? ago(0) : ago(1) },
            { userAgent: USER_AGENTS.safariIphone, method: "github", ip: "198.51.100.7", createdAt: ago(24), lastActiveAt: ago(3) },
            { userAgent: USER_AGENTS.firefoxWindows, ip: "203.0.113.9", createdAt: ago(24 * 7), lastActiveAt: ago(48) },
          ],
        },
      ],
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
