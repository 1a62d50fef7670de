/**
 * The account engine: one implementation of the account endpoints and of `authorize`, for every
 * host. The server adapters (Pages Router, App Router) and the mocks (`next-auth-kit/msw`) only
 * translate requests and answers: an account request is a plain value handed to
 * {@link AccountEngine.handle}, which answers `{ status, body, headers, effects }`.
 *
 * Runtime-neutral: Web Crypto only, no React, no Next, no `node:` (the scrypt hasher is Node's and
 * is injected by the server).
 */
import { type ApiErrorCode, type ApiErrorDetails, apiError, type FieldErrorCode } from "../api-errors"
import { AuthKitError } from "../errors"
import { type AccountAction, isObject, normaliseEmail } from "../account-rules"
import { deriveKey } from "./crypto"
import { type AccountRateLimits, attempt, type Attempt, LIMITS_OF_A_USER, limitKeys, type RateLimitRule } from "./limits"
import type { CommonPasswordCheck, PasswordHasher, ResolvedPasswordRules } from "./passwords"
import type { AccountStore, AccountUser } from "./store"
import type { PasskeyDeps } from "./webauthn"

/**
 * The kinds of email the engine sends: the link to confirm an address, the link to reset a
 * password, "someone tried to sign up with your address", "your password was changed",
 * "two-factor authentication was turned on" / "… off", "a new sign-in" from a browser the
 * user had not used before, "your account was deleted", and for an email change the link to
 * the new address (`change-email`), the notice to the old one (`email-change-requested`),
 * "someone tried to use your address for another account" to a taken address's owner
 * (`email-change-attempt`) and "your email was changed" to the old address (`email-changed`),
 * and "a passkey was added" / "… removed" (`passkey-added`, `passkey-removed`).
 */
export type EngineEmailKind =
  | "verify-email"
  | "reset-password"
  | "signup-attempt"
  | "password-changed"
  | "mfa-enabled"
  | "mfa-disabled"
  | "new-sign-in"
  | "account-deleted"
  | "change-email"
  | "email-change-requested"
  | "email-change-attempt"
  | "email-changed"
  | "passkey-added"
  | "passkey-removed"

/** What a "new sign-in" email tells of the sign-in: when, from which browser and address. */
export interface EngineSignInNotice {
  at: Date
  /** e.g. `"Firefox 128"`; `null` when the User-Agent named none. */
  browser: string | null
  /** e.g. `"Windows 10"`; `null` when unknown. */
  os: string | null
  /** The client IP; `null` when unknown. */
  ip: string | null
}

/** An email the engine asks its host to deliver (the server renders it, the mocks keep it). */
export interface EngineEmail {
  kind: EngineEmailKind
  /** The normalised address. */
  to: string
  name: string | null
  /** The link in the email: a page with `?token=…`, or the sign-in or forgot-password page. */
  url: string
  /** The token in `url`, for the kinds that carry one. */
  token: string | null
  /** How long the link works, for the kinds with a token. */
  expiresInMs?: number
  /** The sign-in a `new-sign-in` email tells of. */
  signIn?: EngineSignInNotice
  /** The address an email change asks for (`change-email`, `email-change-requested`, `email-changed`). */
  newEmail?: string
}

/** The pages the emails link to (`account`: the account page with the sessions list). */
export type EnginePage = "verifyEmail" | "resetPassword" | "signIn" | "forgotPassword" | "account"

/** The caller's session, as the host read it: who is signed in, and which of their sessions it is. */
export interface EngineSession {
  /** The user id (a jwt's `sub`, a database session's user). */
  userId?: string
  /** The address, when the host knows no id. */
  email?: string | null
  /** The id of this session in the sessions list (a jwt's `sid`), when it has one. */
  sessionId?: string
  /**
   * A session the kit does not record (a database session of another adapter): the sessions
   * list and the re-authentication check cannot apply to it.
   */
  untracked?: boolean
}

/**
 * One account request, as a host hands it over.
 *
 * @typeParam L - the host's language value, handed back with the emails the request causes
 */
export interface EngineRequest<L = unknown> {
  /** The endpoint: `signup`, `mfa/enable`, … */
  action: string
  method: string
  /** The parsed JSON body; `undefined` for one that was missing, too large or not JSON. */
  body: unknown
  /** Who is signed in, or `null`. */
  session: EngineSession | null
  /** The client IP, or `undefined` when unknown. */
  ip?: string
  userAgent?: string
  /** The request's language, for the emails it causes. */
  language: L
}

/**
 * What the host does besides answering: a credential change ends the user's other sessions
 * (the host bumps its credential cache and re-issues the caller's cookie when `keepCaller`);
 * revoked sessions end at once in the host's session check.
 */
export interface EngineEffects {
  credentialsChanged?: { userId: string; version: number; keepCaller: boolean }
  sessionsRevoked?: { userId: string; ids: string[] }
}

/** The engine's answer: JSON body, status, headers and effects. */
export interface EngineResponse {
  status: number
  body: Record<string, unknown>
  headers: Record<string, string>
  effects?: EngineEffects
}

/**
 * Everything the engine needs from its host.
 *
 * @typeParam L - the host's language value (opaque to the engine)
 */
export interface EngineDeps<L = unknown> {
  store: AccountStore
  hasher: PasswordHasher
  rules: ResolvedPasswordRules
  isCommonPassword: CommonPasswordCheck
  /** How long each kind of token works, in ms. */
  ttl: { "verify-email": number; "reset-password": number; "change-email": number; "signin-grant": number }
  limits: AccountRateLimits
  defaultRoles: readonly string[]
  /** Two-factor, when on. */
  mfa: { issuer: string } | undefined
  /** The app's secret, for the keys derived from it; throws `invalid_config` when there is none. */
  secret(): string
  /** The absolute URL of a page, with `?token=` when given; throws `invalid_config` without a base URL. */
  link(page: EnginePage, token?: string): string
  /** Delivers an email (after the answer). */
  deliver(email: EngineEmail, language: L): Promise<void>
  /** Runs work after the answer. */
  background(route: string, task: () => Promise<unknown>): void
  report(error: unknown, route: string): void
  now?: () => Date
  /** How long a sign-in or `reauthenticate` lets the session do sensitive actions. @default 600_000 (10 minutes) */
  freshForMs?: number
  /** Passkeys, when on: the relying party and the WebAuthn verification the host injects. */
  passkeys?: PasskeyDeps
}

/** How long a sign-in or `reauthenticate` counts as recent for sensitive actions, by default (10 minutes). */
export const DEFAULT_FRESH_FOR_MS = 10 * 60_000

/** What one feature module's action gets to work with. */
export interface ActionContext<L = unknown> {
  deps: EngineDeps<L>
  request: EngineRequest<L>
  body: Record<string, unknown>
  /** The signed-in user, for actions that need one. */
  user: AccountUser
  now: Date
}

/** One endpoint of a feature module. */
export interface EngineAction {
  /** The HTTP method it answers (405 with `Allow` for others); a GET takes no body. @default "POST" */
  method?: "GET" | "POST"
  /** Needs a signed-in user with an account (401 without a session, 403 without an account). */
  signedIn?: boolean
  /**
   * Sensitive: needs, besides a signed-in user, a recent authentication in this session (a
   * sign-in or `reauthenticate` within `freshForMs`), or answers 403 `reauthentication_required`.
   */
  fresh?: boolean
  /**
   * Reads the caller's session when there is one, without needing one (`verify-email`: a
   * confirmed email change keeps the confirming session of its user signed in).
   */
  readsSession?: boolean
  /** Served only with two-factor on (404 otherwise). */
  mfa?: boolean
  /** Served only with passkeys on (404 otherwise). */
  passkeys?: boolean
  /** The optional store methods it needs: served only when the store has them (404 otherwise). */
  store?: readonly (keyof AccountStore)[]
  run(context: ActionContext): Promise<EngineResponse>
}

/** A feature: its endpoints. */
export type EngineFeature = Partial<Record<AccountAction, EngineAction>>

// ---------------------------------------------------------------------------------------------
// Answers.

/** 200 or 202 `{ ok: true }`, with more of the body when given. */
export const ok = (status: 200 | 202 = 200, body: Record<string, unknown> = {}, effects?: EngineEffects): EngineResponse => ({
  status,
  body: { ok: true, ...body },
  headers: {},
  ...(effects ? { effects } : {}),
})

/** An answer with a body of its own (no `ok`). */
export const answer = (body: Record<string, unknown>, effects?: EngineEffects): EngineResponse => ({
  status: 200,
  body,
  headers: {},
  ...(effects ? { effects } : {}),
})

/** An error answer, `{ error, message, … }`. */
export function fail(code: ApiErrorCode, details?: ApiErrorDetails, headers: Record<string, string> = {}): EngineResponse {
  const { status, body } = apiError(code, details)
  return { status, body: { ...body }, headers }
}

/** Field problems, by field name. */
export type Fields = Partial<Record<string, FieldErrorCode>>

/** 400 `invalid_input` with `fields`. */
export const invalidInput = (fields: Fields) => fail("invalid_input", { fields })

/** 429 with `Retry-After`. */
export const rateLimited = (seconds: number) => fail("rate_limited", {}, { "Retry-After": String(seconds) })

// ---------------------------------------------------------------------------------------------
// Derived keys and limits.

/** The purposes of the keys derived from the app's secret (HKDF `info`). Never change them. */
const PURPOSES = {
  mfaSecret: "next-auth-kit/mfa-secret/v1",
  recoveryCode: "next-auth-kit/recovery-code/v1",
  limitKey: "next-auth-kit/rate-limit-key/v1",
  passkeyUser: "next-auth-kit/passkey-user-handle/v1",
} as const

const keyCache = new Map<string, Promise<Uint8Array>>()

/** A key for one purpose, derived once per secret. */
export function keyFor(deps: Pick<EngineDeps, "secret">, purpose: keyof typeof PURPOSES): Promise<Uint8Array> {
  const secret = deps.secret()
  const id = `${PURPOSES[purpose]}\u0000${secret}`
  let key = keyCache.get(id)
  if (!key) {
    if (keyCache.size > 64) keyCache.clear()
    keyCache.set(id, (key = deriveKey(secret, PURPOSES[purpose])))
  }
  return key
}

const limitKeysOf = new WeakMap<object, ReturnType<typeof limitKeys>>()

/** The rate-limit counters' keys of these deps (derived once from the app's secret). */
function keysOf(deps: EngineDeps): ReturnType<typeof limitKeys> {
  let keys = limitKeysOf.get(deps)
  if (!keys) limitKeysOf.set(deps, (keys = limitKeys(() => keyFor(deps, "limitKey"))))
  return keys
}

/**
 * Counts one attempt against a limit before its secret is checked (see `attempt`): the wait
 * in seconds, and `succeeded()` to give a failures-only count back.
 */
export function limit(
  deps: EngineDeps,
  name: string,
  rule: RateLimitRule,
  who: { address?: string; ip?: string | null },
  now: Date,
  options?: { refundAddress?: boolean },
): Promise<Attempt> {
  return attempt(deps.store, keysOf(deps), name, rule, who, now, options)
}

/**
 * Removes the rate-limit counters that name a user (their address and id, see
 * `LIMITS_OF_A_USER`), for a deleted account; nothing for a store without `forgetRateLimits`.
 */
export async function forgetLimitsOf(deps: EngineDeps, user: { id: string; email: string }): Promise<void> {
  if (!deps.store.forgetRateLimits) return
  const of = keysOf(deps)
  const names = [
    ...LIMITS_OF_A_USER.email.map((name) => of(name, "address", user.email)),
    ...LIMITS_OF_A_USER.id.map((name) => of(name, "address", user.id)),
  ]
  await deps.store.forgetRateLimits(await Promise.all(names))
}

// ---------------------------------------------------------------------------------------------
// The engine.

/** The engine: the endpoints and nothing else (sign-in is `createAuthorize`). */
export interface AccountEngine<L = unknown> {
  /** Answers one account request. Never throws: a failure is reported and answered 500. */
  handle(request: EngineRequest<L>): Promise<EngineResponse>
  /** Whether an action needs the caller's session (so that hosts read it only then). */
  needsSession(action: string): boolean
  /** Whether an action reads the caller's session when there is one, without needing it (hosts read it when they can). */
  readsSession(action: string): boolean
  readonly deps: EngineDeps<L>
}

/**
 * Builds the engine from its features: one dispatch table, the checks every endpoint shares
 * (method, body, session), and the one place failures are caught.
 */
export function createAccountEngine<L>(deps: EngineDeps<L>, features: readonly EngineFeature[]): AccountEngine<L> {
  const table = new Map<string, EngineAction>()
  for (const feature of features) for (const [name, action] of Object.entries(feature)) if (action) table.set(name, action)

  const signedInUser = async (session: EngineSession | null): Promise<AccountUser | EngineResponse> => {
    if (!session) return fail("unauthenticated")
    const user =
      typeof session.userId === "string"
        ? await deps.store.findUserById(session.userId)
        : typeof session.email === "string"
          ? await deps.store.findUserByEmail(normaliseEmail(session.email))
          : null
    // Signed in, but not with an account of the kit (an OAuth user of another adapter).
    return user ?? fail("forbidden")
  }

  return {
    deps,
    needsSession: (action) => table.get(action)?.signedIn === true || table.get(action)?.fresh === true,
    readsSession: (action) => table.get(action)?.readsSession === true,
    async handle(request) {
      const action = table.get(request.action)
      if (!action || (action.mfa && !deps.mfa) || (action.passkeys && !deps.passkeys) || action.store?.some((name) => typeof deps.store[name] !== "function")) return fail("not_found")
      const method = action.method ?? "POST"
      if (request.method.toUpperCase() !== method) return fail("method_not_allowed", {}, { Allow: method })
      // Missing, too large, not JSON, or JSON but not an object.
      if (method === "POST" && !isObject(request.body)) return fail("invalid_input")
      try {
        let user: AccountUser | undefined
        const now = deps.now?.() ?? new Date()
        if (action.signedIn || action.fresh) {
          const found = await signedInUser(request.session)
          if ("status" in found) return found
          user = found
          if (action.fresh && !(await isFresh(deps, user, request.session, now))) return fail("reauthentication_required")
        }
        const body = isObject(request.body) ? request.body : {}
        return await action.run({ deps: deps as EngineDeps, request, body, user: user!, now })
      } catch (error) {
        deps.report(error, request.action)
        return fail("internal_error")
      }
    },
  }
}

/**
 * Whether the caller's session proved who its user is recently: its record in the sessions list
 * was signed in or re-authenticated within `freshForMs`. The record is shared by every instance,
 * so they all agree. A session without a record (a sign-in whose recording failed, a cookie of
 * 0.2) is never fresh. A store without sessions, or another adapter's database session, has no
 * record: there the check is off.
 */
async function isFresh(deps: EngineDeps, user: AccountUser, session: EngineSession | null, now: Date): Promise<boolean> {
  if (typeof deps.store.findSession !== "function" || session?.untracked) return true
  if (!session?.sessionId) return false
  const record = await deps.store.findSession(session.sessionId)
  if (!record || record.userId !== user.id || record.expiresAt.getTime() <= now.getTime()) return false
  const at = (record.authenticatedAt ?? record.createdAt).getTime()
  return at > now.getTime() - (deps.freshForMs ?? DEFAULT_FRESH_FOR_MS)
}

/** Throws `invalid_config` from a dependency that is missing its configuration. */
export function invalidConfig(message: string): never {
  throw new AuthKitError("invalid_config", message)
}
