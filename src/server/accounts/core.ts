import type { NextAuthOptions } from "next-auth"
import { decode as defaultDecode, type JWT } from "next-auth/jwt"
import { type ApiErrorCode, type ApiErrorDetails, apiError, type FieldErrorCode } from "../../core/api-errors"
import { AuthKitError } from "../../core/errors"
import { readSession, type RequestLike } from "../session"
import { renderSVG } from "uqr"
import type { Language } from "../i18n/languages"
import type { AccountsContext } from "./context"
import { consumeSecondFactor, consumeTotpCode, newRecoveryCodes, openSecret, RECOVERY_CODE_EXPIRY, recoveryCodeHash, sealSecret } from "./mfa"
import { checkNewPassword } from "./password"
import { checkFailures, consume, recordFailure } from "./rate-limit"
import { reissueSessionCookie, sessionCookieOf, strategyOf } from "./sessions"
import type { AccountUser } from "../../core/accounts/store"
import { hashToken, isTokenShaped } from "./tokens"
import { newTotpSecret, otpauthUrl } from "./totp"
import { type AccountAction, checkEmail, cleanName, isObject, MAX_NAME_LENGTH, normaliseEmail, normalisePassword, presentString } from "../../core/account-rules"

export { ACCOUNT_ACTIONS, type AccountAction } from "../../core/account-rules"

/**
 * A request to one endpoint, as both adapters (Pages Router, App Router) hand it over.
 *
 * @example
 * ```ts
 * const input: AccountRequest = { method: "POST", body: { email }, ip: "203.0.113.9", request: { headers: {}, cookies: {} } }
 * ```
 */
export interface AccountRequest {
  /** The HTTP method; only `POST` is answered. */
  method: string
  /** The parsed JSON body; `undefined` for a body that was missing, too large or not JSON. */
  body: unknown
  /** The client IP from the resolver, or `undefined` when unknown. */
  ip?: string
  /** The request's headers and cookies, for the session of `change-password` and `mfa/*`. */
  request: RequestLike & { cookies: Partial<Record<string, string>> }
}

/**
 * An answer of {@link AccountsHandle}: JSON body, status and headers (`Set-Cookie` a list).
 *
 * @example
 * ```ts
 * const { status, body, headers } = await accounts.handle("signup", input)
 * return new Response(JSON.stringify(body), { status, headers: Object.entries(headers).flatMap(([k, v]) => [v].flat().map((x) => [k, x])) })
 * ```
 */
export interface AccountResponse {
  status: number
  body: Record<string, unknown>
  headers: Record<string, string | string[]>
}

/**
 * The framework-free core of the endpoints: one action, one request, one answer. Never
 * throws: whatever fails inside is reported to `onError` and answered 500. Error answers speak
 * the request's language (the app's `locale`, else `accept-language` of `request.headers`)
 * and say so in `Content-Language`; the emails they cause speak it too.
 *
 * @example
 * ```ts
 * const handle: AccountsHandle = accounts.handle
 * const answer = await handle("verify-email", { method: "POST", body: { token }, request: { headers: {}, cookies: {} } })
 * ```
 */
export type AccountsHandle = (action: string, input: AccountRequest) => Promise<AccountResponse>

const NO_STORE = { "Cache-Control": "no-store" }

const ok = (status: 200 | 202): AccountResponse => ({ status, body: { ok: true }, headers: { ...NO_STORE } })

function fail(code: ApiErrorCode, details?: ApiErrorDetails, headers: Record<string, string | string[]> = {}): AccountResponse {
  const { status, body } = apiError(code, details)
  return { status, body: { ...body }, headers: { ...headers, ...NO_STORE } }
}

type Fields = Partial<Record<string, FieldErrorCode>>
const invalidInput = (fields: Fields) => fail("invalid_input", { fields })
const rateLimited = (seconds: number) => fail("rate_limited", {}, { "Retry-After": String(seconds) })

/**
 * An answer in a language: an error's `message` in it (a `rate_limited` one saying how long
 * `Retry-After` asks to wait) and `Content-Language`. Other answers carry no text: unchanged.
 */
export function localiseAnswer(answer: AccountResponse, language: Language): AccountResponse {
  const code = answer.body.error
  if (typeof code !== "string") return answer
  const retryAfter = Number(answer.headers["Retry-After"])
  const message = language.error(code as ApiErrorCode, { retryAfter: Number.isFinite(retryAfter) ? retryAfter : undefined })
  return { ...answer, body: { ...answer.body, message }, headers: { ...answer.headers, "Content-Language": language.tag } }
}

/** A new password's problem, in `fields` under `name`. */
async function checkPasswordField(context: AccountsContext, fields: Fields, name: string, value: unknown) {
  const password = presentString(value)
  if (password === undefined) fields[name] = "required"
  else {
    const problem = await checkNewPassword(normalisePassword(password), context.rules)
    if (problem) fields[name] = problem
  }
}

/** The signed-in caller of an endpoint, or the answer that refuses them. */
type SignedIn =
  | { user: AccountUser; authOptions: NextAuthOptions; jwt: boolean; cookie: ReturnType<typeof sessionCookieOf> }
  | { refused: AccountResponse }

/**
 * The account of the session in the request's cookie: 401 without a session (keeping what
 * next-auth wrote to the cookie), 403 for a session without a password account (OAuth).
 */
async function signedInUser(context: AccountsContext, request: AccountRequest["request"], action: string): Promise<SignedIn> {
  const authOptions = context.authOptions
  if (!authOptions) {
    throw new AuthKitError(
      "invalid_config",
      `${action} needs the session: wrap your authOptions with \`accounts.withAccounts(authOptions)\` and serve next-auth with the result.`,
    )
  }
  // next-auth may renew or clear the cookie while reading it: kept for a 401, replaced on success.
  const written: string[] = []
  const response = {
    getHeader: (name: string) => (name.toLowerCase() === "set-cookie" ? written : undefined),
    setHeader: (name: string, value: string | number | readonly string[]) => {
      if (name.toLowerCase() === "set-cookie") written.splice(0, written.length, ...(Array.isArray(value) ? value : [String(value)]))
    },
  }
  const session = await readSession(authOptions, request, response, null)
  if (!session) return { refused: fail("unauthenticated", {}, written.length ? { "Set-Cookie": written } : {}) }
  const jwt = strategyOf(authOptions) === "jwt"
  const cookie = sessionCookieOf(authOptions, request)
  const userId = jwt ? (await tokenOf(authOptions, cookie.value))?.sub : (session.user as { id?: unknown } | undefined)?.id
  const user =
    typeof userId === "string"
      ? await context.store.findUserById(userId)
      : typeof session.user?.email === "string"
        ? await context.store.findUserByEmail(normaliseEmail(session.user.email))
        : null
  // Signed in, but not with an account that has a password (an OAuth user).
  if (!user) return { refused: fail("forbidden") }
  return { user, authOptions, jwt, cookie }
}

/** Builds the core of the endpoints. */
export function createHandle(context: AccountsContext): AccountsHandle {
  const { store, hasher, limits } = context
  // `language()`: the request's language, chosen once, when an error or an email needs it.
  type Action = (body: Record<string, unknown>, input: AccountRequest, language: () => Promise<Language>) => Promise<AccountResponse>
  const actions: Record<AccountAction, Action> = {
    async signup(body, { ip }, language) {
      const fields: Fields = {}
      const emailProblem = checkEmail(body.email)
      if (emailProblem) fields.email = emailProblem
      await checkPasswordField(context, fields, "password", body.password)
      const name = cleanName(body.name)
      if (name !== null && name.length > MAX_NAME_LENGTH) fields.name = "too_long"
      if (Object.keys(fields).length > 0) return invalidInput(fields)
      context.baseUrl()

      const email = normaliseEmail(body.email as string)
      const wait = await consume(store, "signup", limits.signUp, { address: email, ip }, new Date())
      if (wait) return rateLimited(wait)
      // Hashed whether or not the address is taken: the answer must take as long either way.
      const passwordHash = await hasher.hash(normalisePassword(body.password as string))
      const user = await store.createUser({ email, name, passwordHash, emailVerified: null, roles: [...context.defaultRoles] })
      context.background("signup", async () => {
        if (user) return context.sendTokenEmail("verify-email", user, await language())
        const owner = await store.findUserByEmail(email)
        if (owner) await context.sendNotice("signup-attempt", owner, await language())
      })
      return ok(202)
    },

    async "verify-email"(body, { ip }) {
      const token = presentString(body.token)
      if (token === undefined) return invalidInput({ token: "required" })
      const wait = await consume(store, "token", limits.token, { ip }, new Date())
      if (wait) return rateLimited(wait)
      if (!isTokenShaped(token)) return fail("invalid_token", { reason: "unknown" })
      const now = new Date()
      const used = await store.consumeToken("verify-email", hashToken(token), now)
      if (!used.ok) return fail("invalid_token", { reason: used.reason })
      const user = await store.findUserById(used.userId)
      if (!user) return fail("invalid_token", { reason: "unknown" })
      if (!user.emailVerified) await store.updateUser(user.id, { emailVerified: now })
      return ok(200)
    },

    async "resend-verification"(body, { ip }, language) {
      const problem = checkEmail(body.email)
      if (problem) return invalidInput({ email: problem })
      context.baseUrl()
      const email = normaliseEmail(body.email as string)
      const wait = await consume(store, "resend", limits.email, { address: email, ip }, new Date())
      if (wait) return rateLimited(wait)
      // Even the lookup happens after the answer: known and unknown addresses answer after the
      // very same work.
      context.background("resend-verification", async () => {
        const user = await store.findUserByEmail(email)
        if (user && !user.emailVerified) await context.sendTokenEmail("verify-email", user, await language())
      })
      return ok(202)
    },

    async "forgot-password"(body, { ip }, language) {
      const problem = checkEmail(body.email)
      if (problem) return invalidInput({ email: problem })
      context.baseUrl()
      const email = normaliseEmail(body.email as string)
      const wait = await consume(store, "forgot", limits.email, { address: email, ip }, new Date())
      if (wait) return rateLimited(wait)
      context.background("forgot-password", async () => {
        const user = await store.findUserByEmail(email)
        if (user) await context.sendTokenEmail("reset-password", user, await language())
      })
      return ok(202)
    },

    async "reset-password"(body, { ip }, language) {
      const fields: Fields = {}
      const token = presentString(body.token)
      if (token === undefined) fields.token = "required"
      await checkPasswordField(context, fields, "password", body.password)
      if (Object.keys(fields).length > 0) return invalidInput(fields)
      context.baseUrl()
      const wait = await consume(store, "token", limits.token, { ip }, new Date())
      if (wait) return rateLimited(wait)
      if (!isTokenShaped(token!)) return fail("invalid_token", { reason: "unknown" })
      const now = new Date()
      const used = await store.consumeToken("reset-password", hashToken(token!), now)
      if (!used.ok) return fail("invalid_token", { reason: used.reason })
      const user = await store.findUserById(used.userId)
      if (!user) return fail("invalid_token", { reason: "unknown" })

      const passwordHash = await hasher.hash(normalisePassword(body.password as string))
      const version = user.credentialVersion + 1
      // The link proved the address, so an unverified account is verified now, with the
      // password of whoever holds the mailbox (not of whoever signed up with it).
      await store.updateUser(user.id, { passwordHash, credentialVersion: version, emailVerified: user.emailVerified ?? now })
      context.versions.remember(user.id, version)
      await store.deleteTokens(user.id, "reset-password")
      await context.revokeSessions?.(user.id, {})
      context.background("reset-password", async () => context.sendNotice("password-changed", user, await language()))
      return ok(200)
    },

    async "change-password"(body, { ip, request }, language) {
      const caller = await signedInUser(context, request, "change-password")
      if ("refused" in caller) return caller.refused
      const { user, authOptions, jwt, cookie } = caller

      const fields: Fields = {}
      const current = presentString(body.currentPassword)
      if (current === undefined) fields.currentPassword = "required"
      await checkPasswordField(context, fields, "newPassword", body.newPassword)
      if (Object.keys(fields).length > 0) return invalidInput(fields)
      context.baseUrl()
      const wait = await consume(store, "change-password", limits.changePassword, { address: user.email, ip }, new Date())
      if (wait) return rateLimited(wait)
      if (!(await hasher.verify(user.passwordHash, normalisePassword(current!)))) {
        return invalidInput({ currentPassword: "mismatch" })
      }

      const passwordHash = await hasher.hash(normalisePassword(body.newPassword as string))
      const version = user.credentialVersion + 1
      await store.updateUser(user.id, { passwordHash, credentialVersion: version })
      context.versions.remember(user.id, version)
      // A reset link sent before the change must not undo it.
      await store.deleteTokens(user.id, "reset-password")
      const headers: Record<string, string[]> = {}
      if (jwt) {
        const cookies = await reissueSessionCookie(authOptions, request, user.id, version)
        if (cookies) headers["Set-Cookie"] = cookies
      }
      // A database session's cookie is its session token: the one session to keep.
      await context.revokeSessions?.(user.id, jwt ? {} : { except: cookie.value || undefined })
      context.background("change-password", async () => context.sendNotice("password-changed", user, await language()))
      return { ...ok(200), headers: { ...headers, ...NO_STORE } }
    },

    async "mfa/setup"(_body, { ip, request }) {
      const caller = await signedInUser(context, request, "mfa/setup")
      if ("refused" in caller) return caller.refused
      const { user } = caller
      const wait = await checkFailures(store, "mfa", limits.mfa, { address: user.id, ip }, new Date())
      if (wait) return rateLimited(wait)
      if ((await store.getMfa(user.id))?.enabledAt) return fail("mfa_enabled")
      // A new secret on every setup: an earlier pending one (another tab, a QR code shown on
      // a screen someone photographed) is replaced.
      const secret = newTotpSecret()
      await store.setMfa(user.id, { secret: sealSecret(context.mfaKey(), secret, user.id), enabledAt: null })
      const url = otpauthUrl({ issuer: context.mfa!.issuer, label: user.email, secret })
      // Rendered here, so that no QR code library reaches the browser; four modules of quiet zone.
      const qrSvg = renderSVG(url, { ecc: "M", border: 4 })
      return { status: 200, body: { secret, otpauthUrl: url, qrSvg }, headers: { ...NO_STORE } }
    },

    async "mfa/enable"(body, { ip, request }, language) {
      const caller = await signedInUser(context, request, "mfa/enable")
      if ("refused" in caller) return caller.refused
      const { user } = caller
      const code = presentString(body.code)
      if (code === undefined) return invalidInput({ code: "required" })
      context.baseUrl()
      const now = new Date()
      const wait = await checkFailures(store, "mfa", limits.mfa, { address: user.id, ip }, now)
      if (wait) return rateLimited(wait)
      const state = await store.getMfa(user.id)
      if (!state) return fail("mfa_setup_required")
      if (state.enabledAt) return fail("mfa_enabled")
      // Only a code from the app proves that the app has the secret; a recovery code does not.
      if (!(await consumeTotpCode(store, user.id, openSecret(context.mfaKey(), state.secret, user.id), code, now))) {
        await recordFailure(store, "mfa", limits.mfa, user.id, now)
        return invalidInput({ code: "invalid_code" })
      }
      // Codes first: two-factor is never on without the codes that were shown.
      const recoveryCodes = newRecoveryCodes()
      await store.deleteTokens(user.id, "mfa-recovery")
      await Promise.all(
        recoveryCodes.map((recoveryCode) =>
          store.createToken({ kind: "mfa-recovery", tokenHash: recoveryCodeHash(user.id, recoveryCode), userId: user.id, expiresAt: RECOVERY_CODE_EXPIRY }),
        ),
      )
      await store.setMfa(user.id, { secret: state.secret, enabledAt: now })
      context.background("mfa/enable", async () => context.sendNotice("mfa-enabled", user, await language()))
      return { status: 200, body: { recoveryCodes }, headers: { ...NO_STORE } }
    },

    async "mfa/disable"(body, { ip, request }, language) {
      const caller = await signedInUser(context, request, "mfa/disable")
      if ("refused" in caller) return caller.refused
      const { user } = caller
      const password = presentString(body.password)
      const code = presentString(body.code)
      if (password === undefined && code === undefined) return invalidInput({ password: "required", code: "required" })
      context.baseUrl()
      const now = new Date()
      const wait = await checkFailures(store, "mfa", limits.mfa, { address: user.id, ip }, now)
      if (wait) return rateLimited(wait)
      const state = await store.getMfa(user.id)
      if (!state?.enabledAt) return fail("mfa_not_enabled")
      if (password !== undefined) {
        if (!(await hasher.verify(user.passwordHash, normalisePassword(password)))) {
          await recordFailure(store, "mfa", limits.mfa, user.id, now)
          return invalidInput({ password: "mismatch" })
        }
      } else if (!(await consumeSecondFactor(store, context.mfaKey, user.id, state, code!, now))) {
        await recordFailure(store, "mfa", limits.mfa, user.id, now)
        return invalidInput({ code: "invalid_code" })
      }
      await store.setMfa(user.id, null)
      await store.deleteTokens(user.id, "mfa-recovery")
      context.background("mfa/disable", async () => context.sendNotice("mfa-disabled", user, await language()))
      return ok(200)
    },
  }

  const answer = async (action: string, input: AccountRequest, language: () => Promise<Language>): Promise<AccountResponse> => {
    const run = Object.hasOwn(actions, action) ? actions[action as AccountAction] : undefined
    if (!run || (action.startsWith("mfa/") && !context.mfa)) return fail("not_found")
    if (input.method.toUpperCase() !== "POST") return fail("method_not_allowed", {}, { Allow: "POST" })
    // Missing, too large, not JSON, or JSON but not an object.
    if (!isObject(input.body)) return fail("invalid_input")
    try {
      return await run(input.body, input, language)
    } catch (error) {
      context.report(error, `${context.accountPath}/${action}`)
      return fail("internal_error")
    }
  }

  return async (action, input) => {
    let chosen: Promise<Language> | undefined
    const language = () => (chosen ??= context.languages.pick(input.request))
    const result = await answer(action, input, language)
    return typeof result.body.error === "string" ? localiseAnswer(result, await language()) : result
  }
}

/** The decrypted session token of a jwt cookie, or `null`. */
async function tokenOf(authOptions: NextAuthOptions, value: string): Promise<JWT | null> {
  const secret = authOptions.secret ?? authOptions.jwt?.secret ?? process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET
  if (!value || !secret) return null
  try {
    return await (authOptions.jwt?.decode ?? defaultDecode)({ token: value, secret })
  } catch {
    return null
  }
}
