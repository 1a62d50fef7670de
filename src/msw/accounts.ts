/**
 * `accountHandlers`: the account endpoints of `createAccounts` (`/api/account/*`), stateful,
 * tied to an `authHandlers` so that sign up → verify → sign in works against the mocks.
 */
import { HttpResponse, http, type HttpHandler } from "msw"
import {
  type ApiErrorBody,
  type ApiErrorCode,
  type ApiErrorDetails,
  apiError,
  type FieldErrorCode,
  type InvalidTokenReason,
} from "../core/api-errors"
import type { AuthKitConfig } from "../core/config"
import type { MockUser } from "../core/mock-session"
import {
  checkEmail,
  cleanName,
  isObject,
  isTokenShaped,
  MAX_NAME_LENGTH,
  type MockPasswordRules,
  normaliseEmail,
  normalisePassword,
  passwordChecker,
  presentString,
} from "./account-rules"
import { ACCOUNT_ACTIONS, type AccountAction } from "../core/account-rules"
import { type AuthHandlers, type AuthHandlersOptions, type AuthLink, authHandlers, linkOf } from "./auth"
import { MOCK_MFA_SECRET, MOCK_RECOVERY_CODES, newRecoveryCodes, newSecret, normaliseRecoveryCode, setupAnswer, totpCode, totpStep } from "./mfa"
import { latencyOf, randomToken, randomUrlToken, trimPath } from "./util"

/** The account endpoints, under `accountPath`: the server's own list. */
export type MockAccountAction = AccountAction

const ACTIONS: readonly MockAccountAction[] = ACCOUNT_ACTIONS

/** What the mocks can rate limit: each endpoint, and credentials sign-ins of their accounts. */
export type MockRateLimited = MockAccountAction | "signin"

/** The kinds of email the account endpoints send, as the server's `AccountEmail["kind"]`. */
export type MockEmailKind = "verify-email" | "reset-password" | "signup-attempt" | "password-changed" | "mfa-enabled" | "mfa-disabled"

/** An email the mocks "sent", in {@link AccountHandlers.outbox}. */
export interface MockEmail {
  /** The (normalised) address. */
  to: string
  kind: MockEmailKind
  /**
   * The link in the email: `<origin>/verify-email?token=…`, `<origin>/reset-password?token=…`,
   * or the sign-in (`signup-attempt`) or forgot-password (`password-changed`, `mfa-enabled`,
   * `mfa-disabled`) page.
   */
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
  /** Whether the address is verified; an unverified account's sign-in answers `EmailNotVerified`. @default true */
  verified?: boolean
  roles?: readonly string[]
  /** @default a random id */
  id?: string
  /** Ignored (mockUsers carry it): sessions of accounts have no image, as on the server. */
  image?: string | null
  /**
   * Two-factor on from the start (needs the handlers' `mfa` option): `true` for the secret
   * {@link MOCK_MFA_SECRET} and the recovery codes {@link MOCK_RECOVERY_CODES}, or your own.
   * @default off
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

/**
 * An error an endpoint answers instead of doing its work (after its field checks, as the
 * server fails after them): a code, or the code with its details.
 */
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
 * accountHandlers({
 *   users: [{ email: "ada@example.com", password: "password", name: "Ada" }],
 *   rateLimit: { after: 3 },
 *   delay: 300,
 * })
 * ```
 */
export interface AccountHandlersOptions {
  /**
   * The app's shared configuration, the object it hands to `createAuthKit`, `createAccounts`
   * and `AuthProvider`: `accounts.accountPath` places the endpoints, `accounts.pages`,
   * `loginPath` and `basePath` the links in emails, `authPath` the auth handlers made here.
   * The options below win over it.
   */
  config?: AuthKitConfig
  /**
   * The sign-in side the accounts share their state with: `change-password` reads its session,
   * its `/callback/credentials` signs the accounts' users in (`EmailNotVerified` before the
   * address is verified), `reset-password` ends the user's session there, and `reset()`
   * resets it too. Pass the handlers of {@link authHandlers}, or its options to make new ones,
   * or `false` for the account endpoints alone (`change-password` then answers 401).
   *
   * Its handlers come after the account handlers in the returned array, so spreading that
   * array serves both (spreading `auth` as well does no harm).
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
   * Rate limits: after `after` requests for one address to one endpoint (all requests, for
   * the token endpoints `verify-email` and `reset-password`, counted together as the server
   * does), the next answer is 429 `rate_limited` with `Retry-After`, until `retryAfter`
   * seconds after the first. Counted where the server counts: after the field checks.
   * Credentials sign-ins of the accounts count as `signin`, and answer `RateLimited`.
   * `{ after: 0 }` refuses every request.
   * @default none
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
   * The pages the emails link to, over `config`: `verifyEmail` (default "/verify-email") and
   * `resetPassword` (default "/reset-password") get `?token=…`; the "someone tried to sign up"
   * email links to `signIn` (default `config.loginPath`, else "/login"), the "password changed"
   * one to `forgotPassword` (default the sign-in page), as createAccounts does.
   */
  pages?: { verifyEmail?: string; resetPassword?: string; signIn?: string; forgotPassword?: string }
  /** The roles of a new account. @default [] */
  defaultRoles?: readonly string[]
  /**
   * Two-factor authentication, as `createAccounts({ mfa })`: the `mfa/*` endpoints answer, and
   * an account with two-factor on signs in with `MfaRequired` until the credentials carry a
   * `code` (a TOTP code, once each, or a recovery code, once each; a wrong one is
   * `MfaInvalid`). Without it the `mfa/*` endpoints answer 404.
   * @default off
   */
  mfa?: { issuer: string }
}

/** The handlers, spread into `setupServer` / `setupWorker`, with what a test needs to drive them. */
export interface AccountHandlers extends Array<HttpHandler> {
  /**
   * Back to the start: the seeded accounts only, no tokens, an empty outbox, no rate-limit
   * counts; and `auth` back to its initial session.
   */
  reset(): void
  /** Every email "sent", newest first. */
  readonly outbox: readonly MockEmail[]
  /** The token of the newest email of a kind to an address, or `undefined`. */
  tokenFor(email: string, kind?: "verify-email" | "reset-password"): string | undefined
  /** The account of an address (any case), or `undefined`. A copy. */
  account(email: string): MockAccount | undefined
  /** Makes every token issued so far expired: its next use answers `invalid_token`, `reason: "expired"`. */
  expireTokens(): void
  /**
   * The TOTP code of an account now (or at `at`, ms), from its secret (set up or on), as an
   * authenticator app shows it; `undefined` without one.
   */
  totpFor(email: string, at?: number): string | undefined
  /** The recovery codes of an account that are still unused. */
  recoveryCodesFor(email: string): string[]
  /** The auth handlers the accounts share their state with (`undefined` with `auth: false`). */
  readonly auth: AuthHandlers | undefined
}

type TokenKind = "verify-email" | "reset-password"
interface TokenRow {
  kind: TokenKind
  userId: string
  expiresAt: number
  usedAt: number | null
}
/** An account as held: its two-factor state lives in `State.mfa`. */
type AccountRow = Omit<MockAccount, "mfa">
interface MfaRow {
  secret: string
  enabled: boolean
  /** Normalised recovery codes not used yet. */
  recovery: Set<string>
  /** The display form of each, by normalised code. */
  shown: Map<string, string>
  /** TOTP steps already used. */
  usedSteps: Set<number>
}
interface State {
  users: Map<string, AccountRow>
  mfa: Map<string, MfaRow>
  tokens: Map<string, TokenRow>
  outbox: MockEmail[]
  hits: Map<string, { count: number; resetAt: number }>
}
type Fields = Partial<Record<string, FieldErrorCode>>
type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> }

const HOUR = 60 * 60 * 1000
// application/json, application/merge-patch+json, …, as the server accepts.
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i
const MAX_BODY_BYTES = 16 * 1024

const ok = (status: 200 | 202): Answer => ({ status, body: { ok: true } })
function fail(code: ApiErrorCode, details?: ApiErrorDetails, headers?: Record<string, string>): Answer {
  const { status, body } = apiError(code, details)
  return { status, body: { ...body } satisfies ApiErrorBody, headers }
}
const invalidInput = (fields: Fields) => fail("invalid_input", { fields })
const rateLimited = (seconds: number) => fail("rate_limited", {}, { "Retry-After": String(seconds) })

function forced(error: MockAccountError): Answer {
  const spec = typeof error === "string" ? { error } : error
  switch (spec.error) {
    case "rate_limited":
      return rateLimited("retryAfter" in spec && spec.retryAfter !== undefined ? spec.retryAfter : 60)
    case "invalid_token":
      return fail("invalid_token", "reason" in spec && spec.reason ? { reason: spec.reason } : {})
    case "invalid_input":
      return fail("invalid_input", "fields" in spec ? { fields: spec.fields } : {})
    default:
      return fail("internal_error")
  }
}

async function readJson(request: Request): Promise<unknown> {
  if (!JSON_TYPE.test(request.headers.get("content-type") ?? "")) return undefined
  const text = await request.text()
  if (new TextEncoder().encode(text).byteLength > MAX_BODY_BYTES) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

const copyAccount = (user: AccountRow, mfa: MfaRow | undefined): MockAccount => ({
  ...user,
  roles: [...user.roles],
  mfa: mfa ? { secret: mfa.secret, enabled: mfa.enabled } : null,
})

function mfaRow(secret: string, enabled: boolean, codes: readonly string[] = []): MfaRow {
  const shown = new Map(codes.map((code) => [normaliseRecoveryCode(code), code]))
  return { secret, enabled, recovery: new Set(shown.keys()), shown, usedSteps: new Set() }
}

/**
 * Stateful handlers for the account endpoints of `createAccounts` (all `POST` with JSON, under
 * `accountPath`): `signup`, `verify-email`, `resend-verification`, `forgot-password`,
 * `reset-password` and `change-password`, and with `mfa` the two-factor ones (`mfa/setup`,
 * `mfa/enable`, `mfa/disable`), answering the server's statuses and bodies (`{ ok:
 * true }` with 202 or 200; `{ error, message, fields?, reason? }` errors), with its field
 * rules, no account enumeration, and single-use, expiring tokens. Emails land in `outbox`
 * (newest first) with their tokens.
 *
 * They share their state with {@link authHandlers} (see `auth`): a new account signs in
 * through `/api/auth/callback/credentials` once verified, `EmailNotVerified` before;
 * `change-password` needs that session.
 *
 * @example
 * ```ts
 * import { setupServer } from "msw/node"
 * import { accountHandlers } from "next-auth-kit/msw"
 *
 * const accounts = accountHandlers()            // with new authHandlers, signed out
 * const server = setupServer(...accounts)       // serves /api/account/* and /api/auth/*
 * afterEach(() => accounts.reset())
 *
 * test("sign up, verify, sign in", async () => {
 *   await fetch("/api/account/signup", { method: "POST", headers: { "content-type": "application/json" },
 *     body: JSON.stringify({ email: "new@example.com", password: "a long passphrase" }) })
 *   const token = accounts.tokenFor("new@example.com")      // or accounts.outbox[0].token
 *   // …post { token } to /api/account/verify-email, then signIn("credentials", …) from next-auth/react
 * })
 * ```
 */
export function accountHandlers(options: AccountHandlersOptions = {}): AccountHandlers {
  const config = options.config ?? {}
  const accountPath = trimPath(options.accountPath ?? config.accounts?.accountPath ?? "/api/account")
  const auth =
    options.auth === false
      ? undefined
      : Array.isArray(options.auth)
        ? options.auth
        : authHandlers({ basePath: config.authPath, ...options.auth })
  const link: AuthLink | undefined = auth && linkOf(auth)
  if (auth && !link) throw new TypeError("[next-auth-kit] accountHandlers: `auth` must be the handlers that authHandlers() returned.")
  const latency = latencyOf(options.delay)
  const checkPassword = passwordChecker(options.password)
  const ttl: Record<TokenKind, number> = {
    "verify-email": options.tokenTtl?.verifyEmail ?? 24 * HOUR,
    "reset-password": options.tokenTtl?.resetPassword ?? HOUR,
  }
  const configured = config.accounts?.pages ?? {}
  const signInPage = options.pages?.signIn ?? config.loginPath ?? "/login"
  const pages = {
    verifyEmail: options.pages?.verifyEmail ?? configured.verifyEmail ?? "/verify-email",
    resetPassword: options.pages?.resetPassword ?? configured.resetPassword ?? "/reset-password",
    signIn: signInPage,
    forgotPassword: options.pages?.forgotPassword ?? configured.forgotPassword ?? signInPage,
  }
  const limited = new Set<MockRateLimited>(options.rateLimit?.actions ?? [...ACTIONS, "signin"])
  const defaultRoles = [...(options.defaultRoles ?? [])]

  let state: State
  const seed = () => {
    state = { users: new Map(), mfa: new Map(), tokens: new Map(), outbox: [], hits: new Map() }
    for (const user of options.users ?? []) {
      const email = normaliseEmail(user.email)
      const account: AccountRow = {
        id: user.id ?? randomToken().slice(0, 32),
        email,
        name: user.name ?? null,
        password: normalisePassword(user.password),
        verified: user.verified ?? true,
        roles: [...(user.roles ?? defaultRoles)],
      }
      state.users.set(email, account)
      if (user.mfa) {
        const given = user.mfa === true ? {} : user.mfa
        state.mfa.set(account.id, mfaRow(given.secret ?? MOCK_MFA_SECRET, true, given.recoveryCodes ?? MOCK_RECOVERY_CODES))
      }
    }
  }
  seed()

  const userById = (id: string) => [...state.users.values()].find((user) => user.id === id)

  /** Counts one request; the seconds to wait when past the limit, else 0. */
  const hit = (action: MockRateLimited, bucket: string): number => {
    const limit = options.rateLimit
    if (!limit || !limited.has(action)) return 0
    const now = Date.now()
    let window = state.hits.get(bucket)
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + (limit.retryAfter ?? 60) * 1000 }
      state.hits.set(bucket, window)
    }
    window.count += 1
    return window.count > limit.after ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : 0
  }

  const basePath = trimPath(config.basePath ?? "").replace(/^\/$/, "")
  const baseOf = (request: Request) => `${(options.baseUrl ?? new URL(request.url).origin).replace(/\/+$/, "")}${basePath}`
  const send = (email: MockEmail) => void state.outbox.unshift(email)
  const sendToken = (request: Request, kind: TokenKind, user: AccountRow) => {
    // Older links stay valid until one is used, as on the server: a stranger's request cannot
    // void the owner's link.
    const token = randomUrlToken()
    state.tokens.set(token, { kind, userId: user.id, expiresAt: Date.now() + ttl[kind], usedAt: null })
    const page = kind === "verify-email" ? pages.verifyEmail : pages.resetPassword
    send({ to: user.email, kind, url: `${baseOf(request)}${page}${page.includes("?") ? "&" : "?"}token=${token}`, token })
  }
  const sendNotice = (request: Request, kind: "signup-attempt" | "password-changed" | "mfa-enabled" | "mfa-disabled", user: AccountRow) =>
    send({ to: user.email, kind, url: `${baseOf(request)}${kind === "signup-attempt" ? pages.signIn : pages.forgotPassword}`, token: null })
  const deleteTokens = (userId: string, kind: TokenKind) => {
    for (const [token, row] of state.tokens) {
      if (row.userId === userId && row.kind === kind && row.usedAt === null) state.tokens.delete(token)
    }
  }
  const consume = (kind: TokenKind, token: string): { ok: true; user: AccountRow } | { ok: false; reason: InvalidTokenReason } => {
    const row = isTokenShaped(token) ? state.tokens.get(token) : undefined
    if (!row || row.kind !== kind) return { ok: false, reason: "unknown" }
    if (row.usedAt !== null) return { ok: false, reason: "used" }
    if (row.expiresAt <= Date.now()) return { ok: false, reason: "expired" }
    row.usedAt = Date.now()
    const user = userById(row.userId)
    return user ? { ok: true, user } : { ok: false, reason: "unknown" }
  }
  const newPasswordField = (fields: Fields, name: string, value: unknown) => {
    const password = presentString(value)
    if (password === undefined) fields[name] = "required"
    else {
      const problem = checkPassword(normalisePassword(password))
      if (problem) fields[name] = problem
    }
  }
  /** Uses a second factor of a user once: a TOTP code (once per step) or a recovery code. */
  const useCode = (row: MfaRow, code: string): boolean => {
    const compact = code.replace(/\s+/g, "")
    if (/^[0-9]{6}$/.test(compact)) {
      const step = totpStep(row.secret, compact)
      if (step === null || row.usedSteps.has(step)) return false
      row.usedSteps.add(step)
      return true
    }
    return row.recovery.delete(normaliseRecoveryCode(code))
  }
  /** The signed-in account of a request: the account, or the answer to give instead. */
  const signedInAccount = async (request: Request): Promise<AccountRow | Answer> => {
    const signedIn = link ? sessionUser(await link.session(request)) : undefined
    if (!signedIn) return fail("unauthenticated")
    const user = typeof signedIn.email === "string" ? state.users.get(normaliseEmail(signedIn.email)) : undefined
    // Signed in, but not with an account that has a password (an OAuth user).
    return user ?? fail("forbidden")
  }
  const isAnswer = (value: AccountRow | Answer): value is Answer => "status" in value

  // The forced error of an endpoint, else the rate limit: what the server would answer at this point.
  const gate = (action: MockAccountAction, bucket: string): Answer | null => {
    const error = options.errors?.[action]
    if (error) return forced(error)
    const wait = hit(action, bucket)
    return wait ? rateLimited(wait) : null
  }

  const actions: Record<MockAccountAction, (body: Record<string, unknown>, request: Request) => Promise<Answer>> = {
    async signup(body, request) {
      const fields: Fields = {}
      const emailProblem = checkEmail(body.email)
      if (emailProblem) fields.email = emailProblem
      newPasswordField(fields, "password", body.password)
      const name = cleanName(body.name)
      if (name !== null && name.length > MAX_NAME_LENGTH) fields.name = "too_long"
      if (Object.keys(fields).length > 0) return invalidInput(fields)
      const email = normaliseEmail(body.email as string)
      const stop = gate("signup", `signup:${email}`)
      if (stop) return stop
      const owner = state.users.get(email)
      if (owner) {
        // The same answer as for a new address; the owner hears of it.
        sendNotice(request, "signup-attempt", owner)
      } else {
        const user: AccountRow = {
          id: randomToken().slice(0, 32),
          email,
          name,
          password: normalisePassword(body.password as string),
          verified: false,
          roles: [...defaultRoles],
        }
        state.users.set(email, user)
        sendToken(request, "verify-email", user)
      }
      return ok(202)
    },

    async "verify-email"(body) {
      const token = presentString(body.token)
      if (token === undefined) return invalidInput({ token: "required" })
      const stop = gate("verify-email", "token")
      if (stop) return stop
      const used = consume("verify-email", token)
      if (!used.ok) return fail("invalid_token", { reason: used.reason })
      used.user.verified = true
      return ok(200)
    },

    async "resend-verification"(body, request) {
      const problem = checkEmail(body.email)
      if (problem) return invalidInput({ email: problem })
      const email = normaliseEmail(body.email as string)
      const stop = gate("resend-verification", `resend:${email}`)
      if (stop) return stop
      const user = state.users.get(email)
      if (user && !user.verified) sendToken(request, "verify-email", user)
      return ok(202)
    },

    async "forgot-password"(body, request) {
      const problem = checkEmail(body.email)
      if (problem) return invalidInput({ email: problem })
      const email = normaliseEmail(body.email as string)
      const stop = gate("forgot-password", `forgot:${email}`)
      if (stop) return stop
      const user = state.users.get(email)
      if (user) sendToken(request, "reset-password", user)
      return ok(202)
    },

    async "reset-password"(body, request) {
      const fields: Fields = {}
      const token = presentString(body.token)
      if (token === undefined) fields.token = "required"
      newPasswordField(fields, "password", body.password)
      if (Object.keys(fields).length > 0) return invalidInput(fields)
      const stop = gate("reset-password", "token")
      if (stop) return stop
      const used = consume("reset-password", token!)
      if (!used.ok) return fail("invalid_token", { reason: used.reason })
      const user = used.user
      user.password = normalisePassword(body.password as string)
      // The link proved the address.
      user.verified = true
      deleteTokens(user.id, "reset-password")
      // Every session of the user ends, this browser's too.
      if (link && normaliseEmail(String(sessionUser(await link.session(request))?.email ?? "")) === user.email) link.signOut()
      sendNotice(request, "password-changed", user)
      return ok(200)
    },

    async "change-password"(body, request) {
      const user = await signedInAccount(request)
      if (isAnswer(user)) return user
      const fields: Fields = {}
      const current = presentString(body.currentPassword)
      if (current === undefined) fields.currentPassword = "required"
      newPasswordField(fields, "newPassword", body.newPassword)
      if (Object.keys(fields).length > 0) return invalidInput(fields)
      const stop = gate("change-password", `change-password:${user.email}`)
      if (stop) return stop
      if (normalisePassword(current!) !== user.password) return invalidInput({ currentPassword: "mismatch" })
      user.password = normalisePassword(body.newPassword as string)
      sendNotice(request, "password-changed", user)
      return ok(200)
    },

    async "mfa/setup"(_body, request) {
      const user = await signedInAccount(request)
      if (isAnswer(user)) return user
      const stop = gate("mfa/setup", `mfa:${user.email}`)
      if (stop) return stop
      if (state.mfa.get(user.id)?.enabled) return fail("mfa_enabled")
      const secret = newSecret()
      state.mfa.set(user.id, mfaRow(secret, false))
      return { status: 200, body: setupAnswer(secret, options.mfa!.issuer, user.email) }
    },

    async "mfa/enable"(body, request) {
      const user = await signedInAccount(request)
      if (isAnswer(user)) return user
      const code = presentString(body.code)
      if (code === undefined) return invalidInput({ code: "required" })
      const stop = gate("mfa/enable", `mfa:${user.email}`)
      if (stop) return stop
      const row = state.mfa.get(user.id)
      if (!row) return fail("mfa_setup_required")
      if (row.enabled) return fail("mfa_enabled")
      // Only a code from the app proves that it has the secret; a recovery code does not.
      if (!useCode({ ...row, recovery: new Set() }, code)) return invalidInput({ code: "invalid_code" })
      const recoveryCodes = newRecoveryCodes()
      state.mfa.set(user.id, { ...mfaRow(row.secret, true, recoveryCodes), usedSteps: row.usedSteps })
      sendNotice(request, "mfa-enabled", user)
      return { status: 200, body: { recoveryCodes } }
    },

    async "mfa/disable"(body, request) {
      const user = await signedInAccount(request)
      if (isAnswer(user)) return user
      const password = presentString(body.password)
      const code = presentString(body.code)
      if (password === undefined && code === undefined) return invalidInput({ password: "required", code: "required" })
      const stop = gate("mfa/disable", `mfa:${user.email}`)
      if (stop) return stop
      const row = state.mfa.get(user.id)
      if (!row?.enabled) return fail("mfa_not_enabled")
      if (password !== undefined) {
        if (normalisePassword(password) !== user.password) return invalidInput({ password: "mismatch" })
      } else if (!useCode(row, code!)) return invalidInput({ code: "invalid_code" })
      state.mfa.delete(user.id)
      sendNotice(request, "mfa-disabled", user)
      return ok(200)
    },
  }

  const answer = async (request: Request): Promise<Answer> => {
    const path = new URL(request.url).pathname
    const at = path.indexOf(`${accountPath}/`)
    const action = at === -1 ? "" : path.slice(at + accountPath.length + 1)
    if (!(ACTIONS as readonly string[]).includes(action) || (action.startsWith("mfa/") && !options.mfa)) return fail("not_found")
    if (request.method.toUpperCase() !== "POST") return fail("method_not_allowed", {}, { Allow: "POST" })
    const body = await readJson(request)
    // Missing, too large, not JSON, or JSON but not an object.
    if (!isObject(body)) return fail("invalid_input")
    try {
      return await actions[action as MockAccountAction](body, request)
    } catch {
      return fail("internal_error")
    }
  }

  const handlers: HttpHandler[] = [
    http.all(`*${accountPath}/*`, async ({ request }) => {
      await latency()
      const { status, body, headers } = await answer(request)
      return HttpResponse.json(body, { status, headers: { ...headers, "Cache-Control": "no-store" } })
    }),
    ...(auth ?? []),
  ]

  link?.addCredentials(async (credentials) => {
    const user = state.users.get(normaliseEmail(credentials.email ?? ""))
    // Not an account of these handlers: authHandlers' own `credentials` decides.
    if (!user) return undefined
    if (hit("signin", `signin:${user.email}`)) throw new Error("RateLimited")
    if (normalisePassword(credentials.password ?? "") !== user.password) return null
    // Only after the password was right, as the server: otherwise this tells who has an account.
    if (!user.verified) throw new Error("EmailNotVerified")
    const mfa = options.mfa ? state.mfa.get(user.id) : undefined
    if (mfa?.enabled) {
      const code = credentials.code?.trim()
      if (!code) throw new Error("MfaRequired")
      if (!useCode(mfa, code)) throw new Error("MfaInvalid")
    }
    return { id: user.id, name: user.name, email: user.email, roles: [...user.roles] } satisfies MockUser
  })

  return Object.defineProperties(handlers, {
    reset: {
      value: () => {
        seed()
        auth?.reset()
      },
    },
    outbox: { get: () => state.outbox.map((email) => ({ ...email })) },
    tokenFor: {
      value: (email: string, kind: TokenKind = "verify-email") =>
        state.outbox.find((e) => e.kind === kind && e.to === normaliseEmail(email))?.token ?? undefined,
    },
    account: {
      value: (email: string) => {
        const user = state.users.get(normaliseEmail(email))
        return user && copyAccount(user, state.mfa.get(user.id))
      },
    },
    totpFor: {
      value: (email: string, at?: number) => {
        const user = state.users.get(normaliseEmail(email))
        const row = user && state.mfa.get(user.id)
        return row ? totpCode(row.secret, at) : undefined
      },
    },
    recoveryCodesFor: {
      value: (email: string) => {
        const user = state.users.get(normaliseEmail(email))
        const row = user && state.mfa.get(user.id)
        return row ? [...row.recovery].map((code) => row.shown.get(code) ?? code) : []
      },
    },
    expireTokens: {
      value: () => {
        const past = Date.now() - 1
        for (const row of state.tokens.values()) row.expiresAt = Math.min(row.expiresAt, past)
      },
    },
    auth: { value: auth },
  }) as AccountHandlers
}

/** The user of a session state, if it is a signed-in session. */
function sessionUser(session: unknown): { email?: unknown } | undefined {
  if (!isObject(session) || !isObject(session.user)) return undefined
  return session.user
}
