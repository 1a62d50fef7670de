import type { NextAuthOptions } from "next-auth"
import { decode as defaultDecode, type JWT } from "next-auth/jwt"
import { type ApiErrorCode, type ApiErrorDetails, apiError, type FieldErrorCode } from "../../shared/api-errors"
import { AuthKitError } from "../../shared/errors"
import { readSession, type RequestLike } from "../session"
import type { AccountsContext } from "./context"
import { checkNewPassword } from "./password"
import { consume } from "./rate-limit"
import { reissueSessionCookie, sessionCookieOf, strategyOf } from "./sessions"
import { hashToken, isTokenShaped } from "./tokens"
import { type AccountAction, checkEmail, cleanName, isObject, MAX_NAME_LENGTH, normaliseEmail, normalisePassword, presentString } from "../../shared/account-rules"

export { ACCOUNT_ACTIONS, type AccountAction } from "../../shared/account-rules"

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
  /** The request's headers and cookies, for the session of `change-password`. */
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
 * throws: whatever fails inside is reported to `onError` and answered 500.
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


/** A new password's problem, in `fields` under `name`. */
async function checkPasswordField(context: AccountsContext, fields: Fields, name: string, value: unknown) {
  const password = presentString(value)
  if (password === undefined) fields[name] = "required"
  else {
    const problem = await checkNewPassword(normalisePassword(password), context.rules)
    if (problem) fields[name] = problem
  }
}

/** Builds the core of the endpoints. */
export function createHandle(context: AccountsContext): AccountsHandle {
  const { store, hasher, limits } = context
  const actions: Record<AccountAction, (body: Record<string, unknown>, input: AccountRequest) => Promise<AccountResponse>> = {
    async signup(body, { ip }) {
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
        if (user) return context.sendTokenEmail("verify-email", user)
        const owner = await store.findUserByEmail(email)
        if (owner) await context.sendNotice("signup-attempt", owner)
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

    async "resend-verification"(body, { ip }) {
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
        if (user && !user.emailVerified) await context.sendTokenEmail("verify-email", user)
      })
      return ok(202)
    },

    async "forgot-password"(body, { ip }) {
      const problem = checkEmail(body.email)
      if (problem) return invalidInput({ email: problem })
      context.baseUrl()
      const email = normaliseEmail(body.email as string)
      const wait = await consume(store, "forgot", limits.email, { address: email, ip }, new Date())
      if (wait) return rateLimited(wait)
      context.background("forgot-password", async () => {
        const user = await store.findUserByEmail(email)
        if (user) await context.sendTokenEmail("reset-password", user)
      })
      return ok(202)
    },

    async "reset-password"(body, { ip }) {
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
      context.background("reset-password", () => context.sendNotice("password-changed", user))
      return ok(200)
    },

    async "change-password"(body, { ip, request }) {
      const authOptions = context.authOptions
      if (!authOptions) {
        throw new AuthKitError(
          "invalid_config",
          "change-password needs the session: wrap your authOptions with `accounts.withAccounts(authOptions)` and serve next-auth with the result.",
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
      if (!session) return fail("unauthenticated", {}, written.length ? { "Set-Cookie": written } : {})
      const jwt = strategyOf(authOptions) === "jwt"
      const cookie = sessionCookieOf(authOptions, request)
      const userId = jwt ? (await tokenOf(authOptions, cookie.value))?.sub : (session.user as { id?: unknown } | undefined)?.id
      const user =
        typeof userId === "string"
          ? await store.findUserById(userId)
          : typeof session.user?.email === "string"
            ? await store.findUserByEmail(normaliseEmail(session.user.email))
            : null
      // Signed in, but not with an account that has a password (an OAuth user).
      if (!user) return fail("forbidden")

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
      context.background("change-password", () => context.sendNotice("password-changed", user))
      return { ...ok(200), headers: { ...headers, ...NO_STORE } }
    },
  }

  return async (action, input) => {
    const run = Object.hasOwn(actions, action) ? actions[action as AccountAction] : undefined
    if (!run) return fail("not_found")
    if (input.method.toUpperCase() !== "POST") return fail("method_not_allowed", {}, { Allow: "POST" })
    // Missing, too large, not JSON, or JSON but not an object.
    if (!isObject(input.body)) return fail("invalid_input")
    try {
      return await run(input.body, input)
    } catch (error) {
      context.report(error, `${context.accountPath}/${action}`)
      return fail("internal_error")
    }
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
