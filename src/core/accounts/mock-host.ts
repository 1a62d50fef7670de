/**
 * The account endpoints as a plain host for mocks: the server's own account engine over
 * `memoryAccountStore()`, with a cheap Web Crypto hasher, an outbox, seeding, forced errors and
 * what a test reads synchronously. A Fetch `Request` in, a `Response` out; msw's
 * `accountHandlers` binds it to routes. A mock cannot disagree with the server: there is one engine.
 */
import { type AccountAction, isObject, normaliseEmail } from "../account-rules"
import type { FieldErrorCode, InvalidTokenReason } from "../api-errors"
import type { AuthKitConfig } from "../config"
import { type MockDelay, type MockNextAuth, wait } from "../mock-next-auth"
import { base64url, canonicalBase64url, equalText, randomBytes, sha256Hex } from "./crypto"
import { type EngineDeps, type EngineEmailKind, type EnginePage, type EngineResponse, fail, rateLimited } from "./engine"
import { isJsonType, parseJsonText } from "./json-body"
import { describeDevice } from "./features/sessions"
import { RECOVERY_CODE_EXPIRY, recoveryCodeHash, sealSecret } from "./features/two-factor"
import { accountEngine } from "./index"
import { mockPasskeyPublicKey } from "./mock-authenticator"
import { mockWebAuthn } from "./mock-webauthn"
import type { AccountRateLimits, RateLimitRule } from "./limits"
import { inspectableMemoryStore } from "./memory-store"
import { COMMON_PASSWORDS, MOCK_MFA_SECRET, MOCK_RECOVERY_CODES, type MockPasswordRules } from "./mock-seeds"
import { type PasswordHasher, passwordOf } from "./passwords"
import { totpCode } from "./totp"
import type { PasskeyDeps } from "./webauthn"

/** The account endpoints, under `accountPath`: the server's own list. */
export type MockAccountAction = AccountAction
/** What the mocks can rate limit: each endpoint, and credentials sign-ins of their accounts. */
export type MockRateLimited = MockAccountAction | "signin"
/** The kinds of email the account endpoints send, as the server's. */
export type MockEmailKind = EngineEmailKind

/** An email the mocks "sent", in {@link AccountHandlers.outbox}. */
export interface MockEmail {
  /** The (normalised) address. */
  to: string
  kind: MockEmailKind
  /** The link in the email: `<origin>/verify-email?token=…`, `<origin>/reset-password?token=…`, or a page. */
  url: string
  /** The token in `url` (`verify-email`, `reset-password`, `change-email`), else `null`. */
  token: string | null
}

/** An account the mocks start with (and go back to on `reset()`). */
export interface MockAccountSeed {
  email: string
  /**
   * In clear: this is a mock. Any password, the rules are for new ones. `null` for an account
   * without a password (one that signs in with a linked provider only: give it `linkedAccounts`).
   */
  password: string | null
  name?: string | null
  /**
   * Whether the address is confirmed. An unconfirmed account (as 0.2 created them) signs in
   * as a wrong password would (`CredentialsSignin`) until a link confirms it. @default true
   */
  verified?: boolean
  roles?: readonly string[]
  /** @default a random id */
  id?: string
  /** Ignored (mockUsers carry it): sessions of accounts have no image, as on the server. */
  image?: string | null
  /**
   * Two-factor on from the start (needs the handlers' `mfa` option): `true` for
   * {@link MOCK_MFA_SECRET} and {@link MOCK_RECOVERY_CODES}, or your own. @default off
   */
  mfa?: boolean | { secret?: string; recoveryCodes?: readonly string[] }
  /**
   * Providers linked to the account from the start (`linked-accounts`, `unlink`), e.g.
   * `[{ provider: "github" }]`. @default none
   */
  linkedAccounts?: readonly MockLinkedAccountSeed[]
  /**
   * The account's signed-in sessions from the start (`sessions`, `sessions/revoke`, …); the one
   * marked `current` is the mock session's own (the caller's, when signed in as this account).
   * @default none
   */
  sessions?: readonly MockSessionSeed[]
  /**
   * The account's passkeys from the start (needs the handlers' `passkeys` option), signed with
   * `MOCK_PASSKEY_KEY`: `mockPasskeyAuthenticator({ passkeys: [{ id }] })` holds them, so that a
   * story can sign in with one. @default none
   */
  passkeys?: readonly MockPasskeySeed[]
}

/**
 * A passkey of a seeded account, as the passkeys list shows it.
 *
 * @example
 * ```ts
 * accountHandlers({ passkeys: {}, users: [{ email: "ada@example.com", password: null, passkeys: [{ id: "pk-ada", name: "MacBook" }] }] })
 * ```
 */
export interface MockPasskeySeed {
  /** The credential id, base64url. @default a random id */
  id?: string
  /** @default "Passkey" */
  name?: string
  /** Whether its provider syncs it. @default true */
  backedUp?: boolean
  /** The signature counter last seen. @default 0 */
  counter?: number
  /** @default the time of seeding */
  createdAt?: Date | string
  /** `null` for never. @default null */
  lastUsedAt?: Date | string | null
}

/**
 * A provider account linked to a seeded account.
 *
 * @example
 * ```ts
 * accountHandlers({ users: [{ email: "ada@example.com", password: null, linkedAccounts: [{ provider: "github" }] }] })
 * ```
 */
export interface MockLinkedAccountSeed {
  /** The provider's id, as in the app's `authOptions.providers` (`"github"`). */
  provider: string
  /** @default a random id */
  providerAccountId?: string
  /** @default "oauth" */
  type?: string
  /** @default the time of seeding */
  linkedAt?: Date | string
}

/**
 * A signed-in session of a seeded account, as the sessions list shows it.
 *
 * @example
 * ```ts
 * const threeDevices: MockSessionSeed[] = [
 *   { current: true, userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) … Chrome/126.0.0.0 Safari/537.36" },
 *   { userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) … Mobile/15E148 Safari/604.1", ip: "198.51.100.7", lastActiveAt: "2030-01-01T08:00:00Z" },
 *   { userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0", method: "oauth" },
 * ]
 * ```
 */
export interface MockSessionSeed {
  /** @default a random id */
  id?: string
  /** The mock session's own: `current: true` in the list, kept by `sessions/revoke-others`. @default false */
  current?: boolean
  /** Parsed as the server parses it (browser, OS, device type). @default none */
  userAgent?: string
  /** @default "203.0.113.1" */
  ip?: string | null
  /** `"password"`, `"code"`, `"grant"`, `"oauth"`, `"email"`. @default "password" */
  method?: string
  /** @default the time of seeding */
  createdAt?: Date | string
  /** @default `createdAt` */
  lastActiveAt?: Date | string
  /**
   * When the user last proved who they are in it (a sign-in or `reauthenticate`): an hour ago
   * makes the sensitive endpoints answer `reauthentication_required`. @default `createdAt`
   */
  authenticatedAt?: Date | string
}

/** An account as the mocks hold it, from {@link AccountHandlers.account}. */
export interface MockAccount {
  id: string
  email: string
  name: string | null
  /** In clear; `""` for an account without a password. */
  password: string
  verified: boolean
  roles: string[]
  /** Two-factor: the base32 secret, and whether it is on or only set up (`mfa/setup`). */
  mfa: { secret: string; enabled: boolean } | null
}

/** An error an endpoint answers instead of doing its work (after its field checks, where the server counts an attempt). */
export type MockAccountError =
  | "internal_error"
  | "rate_limited"
  | "invalid_token"
  | { error: "internal_error" }
  | { error: "rate_limited"; /** Seconds. @default 60 */ retryAfter?: number }
  | { error: "invalid_token"; reason?: InvalidTokenReason }
  | { error: "invalid_input"; fields: Partial<Record<string, FieldErrorCode>> }

/**
 * Options of {@link mockAccounts} (and of msw's `accountHandlers`, with its `auth`).
 *
 * @example
 * ```ts
 * accountHandlers({ users: [{ email: "ada@example.com", password: "password", name: "Ada" }], rateLimit: { after: 3 }, delay: 300 })
 * ```
 */
export interface MockAccountsOptions {
  /**
   * The app's shared configuration, as handed to `createAuthKit` and `AuthProvider`:
   * `accounts.accountPath` places the endpoints, `accounts.pages`, `loginPath` and `basePath` the
   * links in emails, `authPath` the auth handlers made by `accountHandlers`. The options below win over it.
   */
  config?: AuthKitConfig
  /** The accounts there are from the start, and again after `reset()`. @default [] */
  users?: readonly MockAccountSeed[]
  /** Where the endpoints live (any origin). @default config.accounts.accountPath, else "/api/account" */
  accountPath?: string
  /** Latency of every answer in ms, or `"infinite"` for none at all. @default 0 */
  delay?: MockDelay
  /**
   * Rate limits, as the server's (counted before the secret is checked, after the field checks):
   * `after` attempts per address (`signup`, `forgot-password`, `resend-verification` and
   * `change-email` each, `change-password`, two-factor, failed `signin`s), or of all requests together for
   * `verify-email` and `reset-password`; the next answers 429 with `Retry-After` (sign-in:
   * `RateLimited`) until `retryAfter` seconds after the first. `{ after: 0 }` refuses every one.
   * Listing one of `forgot-password`/`resend-verification`/`change-email`, or of the `mfa/*` endpoints, limits
   * its siblings too (one rule on the server). @default none
   */
  rateLimit?: {
    after: number
    /** Seconds. @default 60 */
    retryAfter?: number
    /** @default every endpoint and "signin" */
    actions?: readonly MockRateLimited[]
  }
  /** An error each listed endpoint answers, whatever it was sent (after its field checks). */
  errors?: Partial<Record<MockAccountAction, MockAccountError>>
  /** Rules for new passwords. @default 8 to 128 characters, {@link COMMON_PASSWORDS} refused */
  password?: MockPasswordRules
  /** How long links work, in ms. @default { verifyEmail: 24 h, resetPassword: 1 h, changeEmail: 24 h } */
  tokenTtl?: { verifyEmail?: number; resetPassword?: number; changeEmail?: number }
  /** The origin of the links in emails (`config.basePath` follows it). @default the request's origin */
  baseUrl?: string
  /**
   * The pages the emails link to, over `config`: `verifyEmail` ("/verify-email") and
   * `resetPassword` ("/reset-password") get `?token=…`; "someone tried to sign up" links to
   * `signIn` (`config.loginPath`, else "/login"), the notices to `forgotPassword` (else `signIn`).
   */
  pages?: { verifyEmail?: string; resetPassword?: string; signIn?: string; forgotPassword?: string }
  /** The roles of a new account. @default [] */
  defaultRoles?: readonly string[]
  /** Two-factor authentication, as the server's `mfa` option; without it `mfa/*` answer 404. @default off */
  mfa?: { issuer: string }
  /**
   * Passkeys, as the server's `passkeys` option, verified by the same engine with a WebAuthn
   * check of Web Crypto alone (`mockPasskeyAuthenticator` makes what it accepts); without it
   * `passkeys/*` answer 404. `origin` is the page the browser signs for, `rpId` its host.
   * @default off
   */
  passkeys?: {
    /** @default the request's origin (`location.origin` for a page's requests) */
    origin?: string
    /** @default the host name of `origin` */
    rpId?: string
    /** @default "Acme" */
    rpName?: string
  }
}

/** What a test reads and does synchronously on the account mocks. */
export interface MockAccountsControls {
  /** Back to the start: the seeded accounts only, no tokens, an empty outbox, no counts. */
  reset(): void
  /** Every email "sent", newest first. */
  readonly outbox: readonly MockEmail[]
  /** The token of the newest email of a kind to an address (`change-email`: to the new address), or `undefined`. */
  tokenFor(email: string, kind?: "verify-email" | "reset-password" | "change-email"): string | undefined
  /** The account of an address (any case), or `undefined` (a pending sign-up has none). A copy. */
  account(email: string): MockAccount | undefined
  /** Makes every link issued so far expired: its next use answers `invalid_token`, `reason: "expired"`. */
  expireTokens(): void
  /** The TOTP code of an account's secret (set up or on) now, or at `at` (ms); `undefined` without one. */
  totpFor(email: string, at?: number): string | undefined
  /** The recovery codes of an account that are still unused. */
  recoveryCodesFor(email: string): string[]
}

/** The host: {@link MockAccountsControls} and the answer to a request under `accountPath`. */
export interface MockAccounts extends MockAccountsControls {
  /** Where the endpoints live, without a trailing slash. */
  readonly accountPath: string
  /** The answer to a request under `accountPath`. */
  handle(request: Request): Promise<Response>
}

const HOUR = 60 * 60 * 1000
// Not a secret: the key the mocks derive their sealing, recovery-code and rate-limit keys from.
const MOCK_SECRET = "next-auth-kit/msw: not a secret"
// Every request reaches the mocks from one client: per-IP limits count them all together.
const MOCK_IP = "127.0.0.1"
// A limits object that throws where an endpoint first counts an attempt: right after its field checks.
const FORCED = new Proxy({} as AccountRateLimits, {
  get() {
    throw new Error("forced")
  },
})

/**
 * The mocks' password hasher, for mocks only: one salted SHA-256 (Web Crypto), fast on purpose
 * and far too fast for real passwords (the server hashes with scrypt). It remembers the password
 * of each hash it made, for `account()`.
 */
function mockHasher(clear: Map<string, string>): PasswordHasher {
  const digest = (salt: string, password: string) => sha256Hex(`${salt}$${password}`)
  return {
    async hash(password) {
      const salt = base64url(randomBytes(12))
      const hash = `$mock-sha256$${salt}$${await digest(salt, password)}`
      clear.set(hash, password)
      return hash
    },
    async verify(hash, password) {
      const [, scheme, salt, hex] = hash.split("$")
      return scheme === "mock-sha256" && hex !== undefined && equalText(hex, await digest(salt!, password))
    },
  }
}

function forcedAnswer(error: MockAccountError): EngineResponse {
  const spec = typeof error === "string" ? { error } : error
  if (spec.error === "rate_limited") return rateLimited(("retryAfter" in spec ? spec.retryAfter : undefined) ?? 60)
  if (spec.error === "invalid_token") return fail("invalid_token", "reason" in spec && spec.reason ? { reason: spec.reason } : {})
  if (spec.error === "invalid_input") return fail("invalid_input", { fields: spec.fields })
  return fail("internal_error")
}

/** The server's limit rules for `rateLimit` (none without it). */
function limitsOf(rate: MockAccountsOptions["rateLimit"]): AccountRateLimits {
  const window = rate && { limit: rate.after, windowMs: (rate.retryAfter ?? 60) * 1000 }
  const on = (...actions: MockRateLimited[]) => !!rate && actions.some((a) => !rate.actions || rate.actions.includes(a))
  const perAddress = (...actions: MockRateLimited[]): RateLimitRule => ({ perAddress: on(...actions) && window, perIp: false })
  return {
    signIn: perAddress("signin"),
    signUp: perAddress("signup"),
    email: perAddress("forgot-password", "resend-verification", "change-email"),
    token: { perAddress: false, perIp: on("verify-email", "reset-password") && window },
    changePassword: perAddress("change-password"),
    mfa: perAddress("mfa/setup", "mfa/enable", "mfa/disable"),
    reauthenticate: perAddress("reauthenticate"),
    passkeys: perAddress("passkeys/register-options", "passkeys/register"),
  }
}


/** Where `mfa/enable` and the seeds put recovery codes: each code with its keyed hash. */
type Codes = { code: string; hash: string }[]

/**
 * The account endpoints (all `POST` with JSON, under `accountPath`): `signup` (pending until
 * confirmed), `verify-email` (answers a sign-in `grant`), `resend-verification`,
 * `forgot-password`, `reset-password`, `change-password`, and with `mfa` `mfa/setup`,
 * `mfa/enable`, `mfa/disable` — the server's engine, statuses and bodies. Emails land in
 * `outbox` (newest first) before the request's answer. Signed in, `change-email` sends a link
 * that `verify-email` confirms (the session's address then follows). With `auth`, the caller's
 * session is its session, its credentials sign-in goes through the engine's `authorize`, and a
 * password reset signs it out.
 *
 * @example
 * ```ts
 * const accounts = mockAccounts({ users: [{ email: "ada@example.com", password: "password" }] })
 * const response = await accounts.handle(new Request("http://localhost/api/account/forgot-password", { method: "POST", body: "{}" }))
 * ```
 */
export function mockAccounts(options: MockAccountsOptions = {}, auth?: MockNextAuth): MockAccounts {
  const config = options.config ?? {}
  const trim = (path: string) => path.replace(/(.)\/+$/, "$1")
  const accountPath = trim(options.accountPath ?? config.accounts?.accountPath ?? "/api/account")
  const configured = config.accounts?.pages ?? {}
  const signInPage = options.pages?.signIn ?? config.loginPath ?? "/login"
  const pages: Record<EnginePage, string> = {
    verifyEmail: options.pages?.verifyEmail ?? configured.verifyEmail ?? "/verify-email",
    resetPassword: options.pages?.resetPassword ?? configured.resetPassword ?? "/reset-password",
    signIn: signInPage,
    forgotPassword: options.pages?.forgotPassword ?? configured.forgotPassword ?? signInPage,
    account: configured.account ?? signInPage,
  }
  const basePath = trim(config.basePath ?? "").replace(/^\/$/, "")
  const rules = options.password ?? {}
  const common = new Set((rules.common === false ? [] : (rules.common ?? COMMON_PASSWORDS)).map((p) => p.toLowerCase()))
  const defaultRoles = [...(options.defaultRoles ?? [])]
  const report = (error: unknown, route: string) => console.error(`[next-auth-kit] accountHandlers: ${route} failed.`, error)
  const seeds = (options.users ?? []).map((seed) => {
    const mfa = seed.mfa ? (seed.mfa === true ? {} : seed.mfa) : null
    return {
      id: seed.id ?? crypto.randomUUID(),
      email: normaliseEmail(seed.email),
      name: seed.name ?? null,
      password: seed.password === null ? null : (passwordOf(seed.password) ?? seed.password),
      verified: seed.verified ?? true,
      roles: [...(seed.roles ?? defaultRoles)],
      mfa: mfa && { secret: mfa.secret ?? MOCK_MFA_SECRET, enabled: true },
      recovery: mfa ? [...(mfa.recoveryCodes ?? MOCK_RECOVERY_CODES)] : [],
      linkedAccounts: [...(seed.linkedAccounts ?? [])],
      sessions: [...(seed.sessions ?? [])],
      passkeys: (seed.passkeys ?? []).map((passkey) => {
        // The id comes back from the browser as bytes: one that does not encode as itself would never match.
        if (passkey.id !== undefined && !canonicalBase64url(passkey.id)) {
          throw new TypeError(`[next-auth-kit] mock accounts: the passkey id ${JSON.stringify(passkey.id)} of ${seed.email} is not base64url of whole bytes, as a browser makes ids ("pk-grace", not "pk-mac").`)
        }
        return passkey
      }),
    }
  })
  /** The relying party of a request's origin, as the server's `passkeys` option makes it. */
  const passkeysOn = (origin: string): PasskeyDeps | undefined => {
    const on = options.passkeys
    const at = on && (on.origin ?? origin)
    if (!on || !at) return undefined
    const { origin: page, hostname } = new URL(at)
    return { rp: { id: on.rpId ?? hostname, name: on.rpName ?? "Acme", origin: page }, webauthn: mockWebAuthn }
  }

  /** One generation of state: the store, the outbox, and what the store keeps only sealed or hashed. */
  const start = () => {
    const store = inspectableMemoryStore()
    const outbox: MockEmail[] = []
    const pending = new Set<Promise<unknown>>()
    const clear = new Map<string, string>()
    const secrets = new Map<string, string>()
    const codes = new Map<string, Codes>()
    /** Per user, the seeded session that is the mock session's own. */
    const currentSessions = new Map<string, string>()
    const hasher = mockHasher(clear)
    /** The engine's dependencies; links on the request's origin. */
    const deps = (origin = "", forced = false): EngineDeps => ({
      store,
      hasher,
      rules: { minLength: rules.minLength ?? 8, maxLength: rules.maxLength ?? 128, refuseCommon: rules.common !== false },
      isCommonPassword: (form: string) => common.has(form),
      ttl: {
        "verify-email": options.tokenTtl?.verifyEmail ?? 24 * HOUR,
        "reset-password": options.tokenTtl?.resetPassword ?? HOUR,
        "change-email": options.tokenTtl?.changeEmail ?? 24 * HOUR,
        "signin-grant": 5 * 60_000,
      },
      defaultRoles,
      mfa: options.mfa,
      passkeys: passkeysOn(origin),
      secret: () => MOCK_SECRET,
      // The mocks' clock is Date.now(), which a test may move (vi.spyOn(Date, "now")).
      now: () => new Date(Date.now()),
      limits: forced ? FORCED : limitsOf(options.rateLimit),
      link(page, token) {
        const path = pages[page]
        const query = token === undefined ? "" : `${path.includes("?") ? "&" : "?"}token=${token}`
        return `${(options.baseUrl ?? origin).replace(/\/+$/, "")}${basePath}${path}${query}`
      },
      deliver: async ({ to, kind, url, token }) => void outbox.unshift({ to, kind, url, token }),
      // Run at once and awaited before the answer, so that a test finds the email in `outbox`.
      background(route, task) {
        const promise = Promise.resolve()
          .then(task)
          .catch((error: unknown) => report(error, route))
          .finally(() => pending.delete(promise))
        pending.add(promise)
      },
      report: forced ? () => {} : report,
    })
    const remember = async (userId: string, recovery: readonly string[]) =>
      codes.set(userId, await Promise.all(recovery.map(async (code) => ({ code, hash: await recoveryCodeHash(deps(), userId, code) }))))
    // Stored with the engine's own functions; every request waits for it.
    const ready = (async () => {
      for (const { id, email, name, roles, verified, password, mfa, recovery, linkedAccounts, sessions, passkeys } of seeds) {
        const passwordHash = password === null ? null : await hasher.hash(password)
        if (!(await store.createUser({ id, email, name, roles, passwordHash, emailVerified: verified ? new Date() : null }))) continue
        const now = new Date()
        const date = (value: Date | string | undefined, fallback: Date) => (value === undefined ? fallback : new Date(value))
        for (const linked of linkedAccounts) {
          await store.linkAccount({
            userId: id,
            provider: linked.provider,
            providerAccountId: linked.providerAccountId ?? crypto.randomUUID(),
            type: linked.type ?? "oauth",
            tokens: {},
            linkedAt: date(linked.linkedAt, now),
          })
        }
        for (const session of sessions) {
          const sessionId = session.id ?? base64url(randomBytes(16))
          if (session.current) currentSessions.set(id, sessionId)
          const createdAt = date(session.createdAt, now)
          await store.createSession({
            id: sessionId,
            userId: id,
            method: session.method ?? "password",
            ip: session.ip === undefined ? MOCK_IP : session.ip,
            ...describeDevice(session.userAgent),
            createdAt,
            lastActiveAt: date(session.lastActiveAt, createdAt),
            ...(session.authenticatedAt === undefined ? {} : { authenticatedAt: new Date(session.authenticatedAt) }),
            expiresAt: new Date(now.getTime() + 30 * 24 * HOUR),
          })
        }
        for (const passkey of passkeys) {
          const createdAt = date(passkey.createdAt, now)
          const backedUp = passkey.backedUp ?? true
          await store.createPasskey({
            id: passkey.id ?? base64url(randomBytes(16)),
            userId: id,
            publicKey: await mockPasskeyPublicKey(),
            counter: passkey.counter ?? 0,
            transports: ["hybrid", "internal"],
            backedUp,
            deviceType: backedUp ? "multiDevice" : "singleDevice",
            name: passkey.name ?? "Passkey",
            createdAt,
            lastUsedAt: passkey.lastUsedAt == null ? null : new Date(passkey.lastUsedAt),
          })
        }
        if (!mfa) continue
        secrets.set(id, mfa.secret)
        await store.setMfa(id, { secret: await sealSecret(deps(), mfa.secret, id), enabledAt: new Date() })
        await remember(id, recovery)
        for (const { hash } of codes.get(id)!) await store.createToken({ kind: "mfa-recovery", tokenHash: hash, userId: id, expiresAt: RECOVERY_CODE_EXPIRY })
      }
    })().then(() => void (state.seeded = true))
    const idle = async () => {
      while (pending.size > 0) await Promise.all(pending)
    }
    /**
     * The mock session's own record in the sessions list, made at its first account request when
     * no seeded session is marked `current`: as the server records every sign-in, just now.
     */
    const ownSession = async (email: string, userAgent: string | null): Promise<string | undefined> => {
      const user = store.peekUser(email)
      if (!user) return undefined
      let id = currentSessions.get(user.id)
      if (id !== undefined) return id
      id = base64url(randomBytes(16))
      currentSessions.set(user.id, id)
      const now = new Date()
      await store.createSession({
        id,
        userId: user.id,
        method: "password",
        ip: MOCK_IP,
        ...describeDevice(userAgent),
        createdAt: now,
        lastActiveAt: now,
        expiresAt: new Date(now.getTime() + 30 * 24 * HOUR),
      })
      return id
    }
    const state = { store, outbox, clear, secrets, codes, currentSessions, ownSession, deps, ready, idle, remember, seeded: false }
    return state
  }
  let state = start()

  /** An account as a test reads it: the store's, or the seed's until the seeds are stored. */
  const account = (email: unknown): (MockAccount & { recovery: string[] }) | undefined => {
    if (typeof email !== "string") return undefined
    const { store, clear, secrets, codes, seeded } = state
    const user = store.peekUser(email)
    if (!user) {
      const seed = seeded ? undefined : seeds.find((s) => s.email === normaliseEmail(email))
      if (!seed) return undefined
      const { linkedAccounts: _linked, sessions: _sessions, passkeys: _passkeys, ...rest } = seed
      return { ...rest, password: seed.password ?? "", roles: [...seed.roles], mfa: seed.mfa && { ...seed.mfa }, recovery: [...seed.recovery] }
    }
    const mfa = store.peekMfa(user.id)
    const secret = secrets.get(user.id)
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      password: (user.passwordHash && clear.get(user.passwordHash)) ?? "",
      verified: user.emailVerified !== null,
      roles: [...user.roles],
      mfa: mfa && secret !== undefined ? { secret, enabled: mfa.enabledAt !== null } : null,
      recovery: (codes.get(user.id) ?? []).filter(({ hash }) => store.holdsToken("mfa-recovery", hash)).map(({ code }) => code),
    }
  }

  auth?.addCredentials(async (credentials, { origin }) => {
    const s = state
    await s.ready
    // Not an account of these mocks (nor a grant or a passkey): the auth mock's own `credentials` decides.
    const passkey = options.passkeys !== undefined && typeof credentials.passkey === "string" && credentials.passkey !== ""
    if (credentials.grant === undefined && !passkey && !account(credentials.email)) return undefined
    const user = await accountEngine(s.deps(origin)).authorize(credentials, { ip: MOCK_IP })
    await s.idle()
    return user && { id: user.id, name: user.name, email: user.email, roles: user.roles }
  })

  return {
    accountPath,
    async handle(request) {
      await wait(options.delay)
      const s = state
      await s.ready
      const url = new URL(request.url)
      const at = url.pathname.indexOf(`${accountPath}/`)
      const action = at === -1 ? "" : url.pathname.slice(at + accountPath.length + 1)
      const signedIn = auth ? await auth.session(request) : null
      const email = isObject(signedIn) && isObject(signedIn.user) && typeof signedIn.user.email === "string" ? signedIn.user.email : undefined
      const forced = options.errors?.[action as MockAccountAction]
      const sessionId = email === undefined ? undefined : await s.ownSession(email, request.headers.get("user-agent"))
      // Read before the request: a confirmed email change moves the account to its new address.
      const caller = email === undefined ? null : s.store.peekUser(email)
      let answer = await accountEngine(s.deps(url.origin, forced !== undefined)).handle({
        action,
        method: request.method,
        // A mock's request body is in memory already: read whole.
        body: isJsonType(request.headers.get("content-type")) ? parseJsonText(await request.text(), 16 * 1024) : undefined,
        session: email === undefined ? null : { email, ...(sessionId === undefined ? {} : { sessionId }) },
        ip: MOCK_IP,
        userAgent: request.headers.get("user-agent") ?? undefined,
        language: undefined,
      })
      if (forced && answer.status === 500) answer = forcedAnswer(forced)
      await s.idle()
      // The plaintext the store keeps only sealed or hashed, for totpFor() and recoveryCodesFor().
      if (caller && answer.status === 200 && action === "mfa/setup") s.secrets.set(caller.id, answer.body.secret as string)
      if (caller && answer.status === 200 && action === "mfa/enable") await s.remember(caller.id, answer.body.recoveryCodes as string[])
      // A reset ends every session of the user, this browser's too; other changes keep the caller's.
      const changed = answer.effects?.credentialsChanged
      if (changed && !changed.keepCaller && caller?.id === changed.userId) auth?.signOut()
      // A confirmed email change that keeps the caller: the session shows the new address, as
      // the server's does after next-auth's update().
      else if (changed && caller?.id === changed.userId && typeof answer.body.email === "string") auth?.updateSessionUser({ email: answer.body.email })
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { ...answer.headers, "Content-Type": "application/json", "Cache-Control": "no-store" },
      })
    },
    reset() {
      state = start()
    },
    get outbox() {
      return state.outbox.map((email) => ({ ...email }))
    },
    tokenFor: (email, kind = "verify-email") => state.outbox.find((e) => e.kind === kind && e.to === normaliseEmail(email))?.token ?? undefined,
    account(email) {
      const found = account(email)
      if (!found) return undefined
      const { recovery: _recovery, ...rest } = found
      return rest
    },
    expireTokens: () => state.store.expireTokens(["verify-email", "reset-password", "change-email", "signin-grant"]),
    totpFor(email, at = Date.now()) {
      const secret = account(email)?.mfa?.secret
      return secret && totpCode(secret, at)
    },
    recoveryCodesFor: (email) => account(email)?.recovery ?? [],
  }
}
