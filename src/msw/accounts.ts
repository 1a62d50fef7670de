/**
 * `accountHandlers`: the account endpoints (`/api/account/*`) answered by the server's own
 * account engine (src/core/accounts) over `memoryAccountStore()`, tied to an `authHandlers` whose
 * credentials sign-in is the engine's `authorize`. The mocks add only an outbox, seeding, forced
 * errors and what a test reads synchronously; they cannot disagree with the server.
 */
import { HttpResponse, http, type HttpHandler } from "msw"
import { Secret, TOTP } from "otpauth"
import { type AccountAction, isObject, normaliseEmail } from "../core/account-rules"
import { accountEngine } from "../core/accounts"
import { base64url, equalText, randomBytes, sha256Hex } from "../core/accounts/crypto"
import { type EngineDeps, type EngineEmailKind, type EnginePage, type EngineResponse, fail, rateLimited } from "../core/accounts/engine"
import { openSecret, RECOVERY_CODE_EXPIRY, recoveryCodeHash, sealSecret } from "../core/accounts/features/two-factor"
import type { AccountRateLimits, RateLimitRule } from "../core/accounts/limits"
import { memoryAccountStore } from "../core/accounts/memory-store"
import { type PasswordHasher, passwordOf } from "../core/accounts/passwords"
import type { AccountStore, AccountUser } from "../core/accounts/store"
import type { FieldErrorCode, InvalidTokenReason } from "../core/api-errors"
import type { AuthKitConfig } from "../core/config"
import { type AuthHandlers, type AuthHandlersOptions, authHandlers, linkOf } from "./auth"
import { COMMON_PASSWORDS, MOCK_MFA_SECRET, MOCK_RECOVERY_CODES, type MockPasswordRules } from "./constants"
import { latencyOf, trimPath } from "./util"

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
  /** The token in `url` (`verify-email`, `reset-password`), else `null`. */
  token: string | null
}

/** An account the mocks start with (and go back to on `reset()`). */
export interface MockAccountSeed {
  email: string
  /** In clear: this is a mock. Any password, the rules are for new ones. */
  password: string
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
}

/** An account as the mocks hold it, from {@link AccountHandlers.account}. */
export interface MockAccount {
  id: string
  email: string
  name: string | null
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
 * Options of {@link accountHandlers}.
 *
 * @example
 * ```ts
 * accountHandlers({ users: [{ email: "ada@example.com", password: "password", name: "Ada" }], rateLimit: { after: 3 }, delay: 300 })
 * ```
 */
export interface AccountHandlersOptions {
  /**
   * The app's shared configuration, as handed to `createAuthKit` and `AuthProvider`:
   * `accounts.accountPath` places the endpoints, `accounts.pages`, `loginPath` and `basePath` the
   * links in emails, `authPath` the auth handlers made here. The options below win over it.
   */
  config?: AuthKitConfig
  /**
   * The sign-in side: its session is the caller's, its `/callback/credentials` signs the accounts'
   * users in through the engine's `authorize` (a password, a two-factor code, or the grant that
   * `verify-email` answers), a reset ends its session, `reset()` resets it. Handlers of
   * {@link authHandlers}, its options to make new ones, or `false` for the endpoints alone. Its
   * handlers come after the account handlers in the returned array.
   * @default {} (new authHandlers, signed out)
   */
  auth?: AuthHandlers | AuthHandlersOptions | false
  /** The accounts there are from the start, and again after `reset()`. @default [] */
  users?: readonly MockAccountSeed[]
  /** Where the endpoints live (any origin). @default config.accounts.accountPath, else "/api/account" */
  accountPath?: string
  /** Latency of every answer in ms, or `"infinite"` for none at all. @default 0 */
  delay?: number | "infinite"
  /**
   * Rate limits, as the server's (counted before the secret is checked, after the field checks):
   * `after` attempts per address (`signup`, `forgot-password` and `resend-verification` each,
   * `change-password`, two-factor, failed `signin`s), or of all requests together for
   * `verify-email` and `reset-password`; the next answers 429 with `Retry-After` (sign-in:
   * `RateLimited`) until `retryAfter` seconds after the first. `{ after: 0 }` refuses every one.
   * Listing one of `forgot-password`/`resend-verification`, or of the `mfa/*` endpoints, limits
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
  /** How long links work, in ms. @default { verifyEmail: 24 h, resetPassword: 1 h } */
  tokenTtl?: { verifyEmail?: number; resetPassword?: number }
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
}

/** The handlers, spread into `setupServer` / `setupWorker`, with what a test needs to drive them. */
export interface AccountHandlers extends Array<HttpHandler> {
  /** Back to the start: the seeded accounts only, no tokens, an empty outbox, no counts; `auth` too. */
  reset(): void
  /** Every email "sent", newest first. */
  readonly outbox: readonly MockEmail[]
  /** The token of the newest email of a kind to an address, or `undefined`. */
  tokenFor(email: string, kind?: "verify-email" | "reset-password"): string | undefined
  /** The account of an address (any case), or `undefined` (a pending sign-up has none). A copy. */
  account(email: string): MockAccount | undefined
  /** Makes every link issued so far expired: its next use answers `invalid_token`, `reason: "expired"`. */
  expireTokens(): void
  /** The TOTP code of an account's secret (set up or on) now, or at `at` (ms); `undefined` without one. */
  totpFor(email: string, at?: number): string | undefined
  /** The recovery codes of an account that are still unused. */
  recoveryCodesFor(email: string): string[]
  /** The auth handlers the accounts share their state with (`undefined` with `auth: false`). */
  readonly auth: AuthHandlers | undefined
}

const HOUR = 60 * 60 * 1000
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i
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

async function readJson(request: Request): Promise<unknown> {
  if (!JSON_TYPE.test(request.headers.get("content-type") ?? "")) return undefined
  const text = await request.text()
  if (new TextEncoder().encode(text).byteLength > 16 * 1024) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
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
function limitsOf(rate: AccountHandlersOptions["rateLimit"]): AccountRateLimits {
  const window = rate && { limit: rate.after, windowMs: (rate.retryAfter ?? 60) * 1000 }
  const on = (...actions: MockRateLimited[]) => !!rate && actions.some((a) => !rate.actions || rate.actions.includes(a))
  const perAddress = (...actions: MockRateLimited[]): RateLimitRule => ({ perAddress: on(...actions) && window, perIp: false })
  return {
    signIn: perAddress("signin"),
    signUp: perAddress("signup"),
    email: perAddress("forgot-password", "resend-verification"),
    token: { perAddress: false, perIp: on("verify-email", "reset-password") && window },
    changePassword: perAddress("change-password"),
    mfa: perAddress("mfa/setup", "mfa/enable", "mfa/disable"),
  }
}

type Row = MockAccount & { recovery: string[] }

/**
 * Stateful handlers for the account endpoints (all `POST` with JSON, under `accountPath`):
 * `signup` (pending until confirmed), `verify-email` (answers a sign-in `grant`),
 * `resend-verification`, `forgot-password`, `reset-password`, `change-password`, and with `mfa`
 * `mfa/setup`, `mfa/enable`, `mfa/disable` — the server's engine, statuses and bodies. Emails land
 * in `outbox` (newest first) before the request's answer.
 *
 * @example
 * ```ts
 * const accounts = accountHandlers()            // with new authHandlers, signed out
 * const server = setupServer(...accounts)       // serves /api/account/* and /api/auth/*
 * afterEach(() => accounts.reset())
 * // signup → accounts.tokenFor("new@example.com") → verify-email → { grant } → signIn("credentials", { grant, redirect: false })
 * ```
 */
export function accountHandlers(options: AccountHandlersOptions = {}): AccountHandlers {
  const config = options.config ?? {}
  const accountPath = trimPath(options.accountPath ?? config.accounts?.accountPath ?? "/api/account")
  const auth =
    options.auth === false ? undefined : Array.isArray(options.auth) ? options.auth : authHandlers({ basePath: config.authPath, ...options.auth })
  const link = auth && linkOf(auth)
  if (auth && !link) throw new TypeError("[next-auth-kit] accountHandlers: `auth` must be the handlers that authHandlers() returned.")
  const latency = latencyOf(options.delay)
  const configured = config.accounts?.pages ?? {}
  const signInPage = options.pages?.signIn ?? config.loginPath ?? "/login"
  const pages: Record<EnginePage, string> = {
    verifyEmail: options.pages?.verifyEmail ?? configured.verifyEmail ?? "/verify-email",
    resetPassword: options.pages?.resetPassword ?? configured.resetPassword ?? "/reset-password",
    signIn: signInPage,
    forgotPassword: options.pages?.forgotPassword ?? configured.forgotPassword ?? signInPage,
  }
  const basePath = trimPath(config.basePath ?? "").replace(/^\/$/, "")
  const rules = options.password ?? {}
  const common = new Set((rules.common === false ? [] : (rules.common ?? COMMON_PASSWORDS)).map((p) => p.toLowerCase()))
  const defaultRoles = [...(options.defaultRoles ?? [])]
  const shared = {
    rules: { minLength: rules.minLength ?? 8, maxLength: rules.maxLength ?? 128, refuseCommon: rules.common !== false },
    isCommonPassword: (form: string) => common.has(form),
    ttl: { "verify-email": options.tokenTtl?.verifyEmail ?? 24 * HOUR, "reset-password": options.tokenTtl?.resetPassword ?? HOUR, "signin-grant": 5 * 60_000 },
    defaultRoles,
    mfa: options.mfa,
    secret: () => MOCK_SECRET,
    // The mocks' clock is Date.now(), which a test may move (vi.spyOn(Date, "now")).
    now: () => new Date(Date.now()),
  }

  /** One generation of state: the store, what tests read synchronously, the outbox. */
  const start = () => {
    const inner = memoryAccountStore()
    const clear = new Map<string, string>()
    const rows = new Map<string, Row>()
    const outbox: MockEmail[] = []
    const pending = new Set<Promise<unknown>>()
    // A link made before expireTokens() is used as if it were late.
    const born = new Map<string, number>()
    const generation = { now: 0 }
    const at = (key: string, now: Date) => ((born.get(key) ?? generation.now) < generation.now ? new Date(8.64e15) : now)
    const rowById = (id: string) => [...rows.values()].find((row) => row.id === id)
    const put = (user: AccountUser | null) => {
      if (!user) return user
      const row: Row = rowById(user.id) ?? { id: user.id, email: "", name: null, password: "", verified: false, roles: [], mfa: null, recovery: [] }
      const password = clear.get(user.passwordHash) ?? row.password
      rows.set(user.email, Object.assign(row, { email: user.email, name: user.name, password, roles: [...user.roles], verified: user.emailVerified !== null }))
      return user
    }
    // The memory store, watched: each write the engine makes shows in `rows` before it answers.
    const store: AccountStore = {
      ...inner,
      createUser: async (user) => put(await inner.createUser(user)),
      async updateUser(id, patch) {
        await inner.updateUser(id, patch)
        put(await inner.findUserById(id))
      },
      async setMfa(id, state) {
        await inner.setMfa(id, state)
        const row = rowById(id)
        if (row) row.mfa = state && { secret: await openSecret(deps(), state.secret, id), enabled: state.enabledAt !== null }
      },
      async createToken(token) {
        born.set(`${token.kind}:${token.tokenHash}`, generation.now)
        await inner.createToken(token)
      },
      async deleteTokens(id, kind) {
        await inner.deleteTokens(id, kind)
        if (kind === "mfa-recovery") rowById(id)?.recovery.splice(0)
      },
      async consumeToken(kind, hash, now) {
        const used = await inner.consumeToken(kind, hash, kind === "mfa-recovery" ? now : at(`${kind}:${hash}`, now))
        const row = used.ok && kind === "mfa-recovery" ? rowById(used.userId) : undefined
        if (row) {
          // Which code it was, for recoveryCodesFor(): the store keeps only keyed hashes.
          const hashes = await Promise.all(row.recovery.map((code) => recoveryCodeHash(deps(), row.id, code)))
          if (hashes.includes(hash)) row.recovery.splice(hashes.indexOf(hash), 1)
        }
        return used
      },
      async savePendingSignup(signup) {
        born.set(`pending:${signup.tokenHash}`, generation.now)
        await inner.savePendingSignup!(signup)
      },
      consumePendingSignup: (hash, now) => inner.consumePendingSignup!(hash, at(`pending:${hash}`, now)),
    }
    const hasher = mockHasher(clear)
    const report = (error: unknown, route: string) => console.error(`[next-auth-kit] accountHandlers: ${route} failed.`, error)
    /** The engine's dependencies; links on the request's origin. */
    const deps = (origin = "", forced = false): EngineDeps => ({
      ...shared,
      store,
      hasher,
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

    const seeded = (options.users ?? []).map((seed) => {
      const mfa = seed.mfa ? (seed.mfa === true ? {} : seed.mfa) : null
      const row: Row = {
        id: seed.id ?? crypto.randomUUID(),
        email: normaliseEmail(seed.email),
        name: seed.name ?? null,
        password: passwordOf(seed.password) ?? seed.password,
        verified: seed.verified ?? true,
        roles: [...(seed.roles ?? defaultRoles)],
        mfa: mfa && { secret: mfa.secret ?? MOCK_MFA_SECRET, enabled: true },
        recovery: mfa ? [...(mfa.recoveryCodes ?? MOCK_RECOVERY_CODES)] : [],
      }
      if (!rows.has(row.email)) rows.set(row.email, row)
      return row
    })
    // Stored with the engine's own functions; every request waits for it.
    const ready = (async () => {
      for (const row of seeded) {
        const passwordHash = await hasher.hash(row.password)
        const { id, email, name, roles, verified, mfa, recovery } = row
        if (!(await store.createUser({ id, email, name, roles, passwordHash, emailVerified: verified ? new Date() : null }))) continue
        if (!mfa) continue
        await store.setMfa(id, { secret: await sealSecret(deps(), mfa.secret, id), enabledAt: new Date() })
        for (const code of recovery) {
          await inner.createToken({ kind: "mfa-recovery", tokenHash: await recoveryCodeHash(deps(), id, code), userId: id, expiresAt: RECOVERY_CODE_EXPIRY })
        }
      }
    })()
    const idle = async () => {
      while (pending.size > 0) await Promise.all(pending)
    }
    return { rows, outbox, generation, deps, ready, idle }
  }
  let state = start()
  const current = async () => {
    const now = state
    await now.ready
    return now
  }
  const rowOf = (email: unknown) => (typeof email === "string" ? state.rows.get(normaliseEmail(email)) : undefined)

  const handlers: HttpHandler[] = [
    http.all(`*${accountPath}/*`, async ({ request }) => {
      await latency()
      const s = await current()
      const url = new URL(request.url)
      const at = url.pathname.indexOf(`${accountPath}/`)
      const action = at === -1 ? "" : url.pathname.slice(at + accountPath.length + 1)
      const signedIn = link ? await link.session(request) : null
      const email = isObject(signedIn) && isObject(signedIn.user) && typeof signedIn.user.email === "string" ? signedIn.user.email : undefined
      const forced = options.errors?.[action as MockAccountAction]
      let answer = await accountEngine(s.deps(url.origin, forced !== undefined)).handle({
        action,
        method: request.method,
        body: await readJson(request),
        session: email === undefined ? null : { email },
        ip: MOCK_IP,
        userAgent: request.headers.get("user-agent") ?? undefined,
        language: undefined,
      })
      if (forced && answer.status === 500) answer = forcedAnswer(forced)
      await s.idle()
      const caller = rowOf(email)
      if (caller && action === "mfa/enable" && answer.status === 200) caller.recovery = [...(answer.body.recoveryCodes as string[])]
      // A reset ends every session of the user, this browser's too; other changes keep the caller's.
      const changed = answer.effects?.credentialsChanged
      if (changed && !changed.keepCaller && caller?.id === changed.userId) link!.signOut()
      return HttpResponse.json(answer.body, { status: answer.status, headers: { ...answer.headers, "Cache-Control": "no-store" } })
    }),
    ...(auth ?? []),
  ]

  link?.addCredentials(async (credentials) => {
    const s = await current()
    // Not an account of these handlers (nor a grant): authHandlers' own `credentials` decides.
    if (credentials.grant === undefined && !rowOf(credentials.email)) return undefined
    const user = await accountEngine(s.deps()).authorize(credentials, { ip: MOCK_IP })
    await s.idle()
    return user && { id: user.id, name: user.name, email: user.email, roles: user.roles }
  })

  const copy = (row: Row | undefined): MockAccount | undefined =>
    row && { id: row.id, email: row.email, name: row.name, password: row.password, verified: row.verified, roles: [...row.roles], mfa: row.mfa && { ...row.mfa } }
  return Object.defineProperties(handlers, {
    reset: {
      value: () => {
        state = start()
        auth?.reset()
      },
    },
    outbox: { get: () => state.outbox.map((email) => ({ ...email })) },
    tokenFor: {
      value: (email: string, kind = "verify-email") => state.outbox.find((e) => e.kind === kind && e.to === normaliseEmail(email))?.token ?? undefined,
    },
    account: { value: (email: string) => copy(rowOf(email)) },
    totpFor: {
      value: (email: string, at = Date.now()) => {
        const secret = rowOf(email)?.mfa?.secret
        return secret && new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at })
      },
    },
    recoveryCodesFor: { value: (email: string) => [...(rowOf(email)?.recovery ?? [])] },
    expireTokens: { value: () => void state.generation.now++ },
    auth: { value: auth },
  }) as AccountHandlers
}
