/**
 * The server's host of the account engine: one request in (from the Pages Router or App Router
 * adapter in `http.ts`), the caller's session read with the kit's session reader, the engine's
 * answer out — with its effects applied (a credential change re-issues the caller's cookie and
 * ends every other session) and its error message in the request's language.
 */
import type { NextAuthOptions } from "next-auth"
import { decode as defaultDecode, type JWT } from "next-auth/jwt"
import type { EngineSession } from "../../core/accounts/engine"
import type { ApiErrorCode } from "../../core/api-errors"
import { AuthKitError } from "../../core/errors"
import { type HeaderSource, resolveJwtSecret } from "../../core/next-auth-cookies"
import { installedNextAuthRules } from "../fast-session"
import { requestScope } from "../request-scope"
import type { Language } from "../i18n/languages"
import { readSession, type RequestLike } from "../session"
import type { AccountsContext } from "./context"
import { reissueSessionCookie, sessionCookieOf, strategyOf } from "./sessions"
import { storeOfKitAdapter } from "./adapter"
import { hashToken } from "../../core/accounts/tokens"

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
  /** The HTTP method: `POST`, or `GET` for the endpoints that read (`sessions`). */
  method: string
  /** The parsed JSON body; `undefined` for a body that was missing, too large or not JSON. */
  body: unknown
  /** The client IP from the resolver, or `undefined` when unknown. */
  ip?: string
  /** The request's headers and cookies, for the session of the signed-in endpoints. */
  request: RequestLike & { cookies: Partial<Record<string, string>> }
}

/**
 * An answer of {@link AccountsHandle}: JSON body, status and headers (`Set-Cookie` a list).
 *
 * @example
 * ```ts
 * const { status, body, headers } = await kit.accounts.handle("signup", input)
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
 * const handle: AccountsHandle = kit.accounts.handle
 * const answer = await handle("verify-email", { method: "POST", body: { token }, request: { headers: {}, cookies: {} } })
 * ```
 */
export type AccountsHandle = (action: string, input: AccountRequest) => Promise<AccountResponse>

const NO_STORE = { "Cache-Control": "no-store" }

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

/** The caller as the session cookie says: who, and what next-auth wrote while reading it. */
interface Caller {
  session: EngineSession | null
  /** Set-Cookie headers next-auth wrote while reading (a cleared cookie), kept for a 401. */
  written: string[]
}

/** Reads the caller's session (next-auth's own rules, through the kit's fast reader). */
async function callerOf(authOptions: NextAuthOptions, request: AccountRequest["request"]): Promise<Caller> {
  const written: string[] = []
  const response = {
    getHeader: (name: string) => (name.toLowerCase() === "set-cookie" ? written : undefined),
    setHeader: (name: string, value: string | number | readonly string[]) => {
      if (name.toLowerCase() === "set-cookie") written.splice(0, written.length, ...(Array.isArray(value) ? value : [String(value)]))
    },
  }
  const session = await readSession(authOptions, request, response, null)
  if (!session) return { session: null, written }
  if (strategyOf(authOptions) === "jwt") {
    const token = await tokenOf(authOptions, sessionCookieOf(authOptions, request).value)
    if (typeof token?.sub === "string") {
      return { session: { userId: token.sub, ...(typeof token.sid === "string" ? { sessionId: token.sid } : {}) }, written }
    }
  }
  const user = session.user as { id?: unknown; email?: unknown } | undefined
  // A database session of the kit's adapter: its row in the sessions list, found by the token's hash.
  const store = storeOfKitAdapter(authOptions.adapter)
  const cookie = store?.findSessionByToken ? sessionCookieOf(authOptions, request).value : ""
  const row = cookie ? await store!.findSessionByToken!(await hashToken(cookie)) : null
  if (row) return { session: { userId: row.userId, sessionId: row.id }, written }
  // A database session of another adapter: the kit keeps no record of it.
  const untracked = strategyOf(authOptions) === "database" && !store
  return {
    session: {
      ...(typeof user?.id === "string" ? { userId: user.id } : { email: typeof user?.email === "string" ? user.email : null }),
      ...(untracked ? { untracked: true } : {}),
    },
    written,
  }
}

/** Builds the endpoints' core over the engine. */
export function createHandle(context: AccountsContext): AccountsHandle {
  return async (action, input) => {
    let chosen: Promise<Language> | undefined
    const language = () => (chosen ??= context.languages.pick(input.request))
    let result: AccountResponse
    let caller: Caller = { session: null, written: [] }
    try {
      context.assertReady()
      if (context.engine.needsSession(action)) {
        const authOptions = context.authOptions()
        if (!authOptions) {
          throw new AuthKitError(
            "invalid_config",
            `${action} needs the session: build the kit with its authOptions, createAuthKit({ authOptions, accounts }), and serve next-auth with kit.authOptions.`,
          )
        }
        caller = await callerOf(authOptions, input.request)
      } else if (context.engine.readsSession(action)) {
        // Read when it can be: without the authOptions (a 0.2 setup not bound yet) there is none.
        const authOptions = context.authOptions()
        if (authOptions) caller = await callerOf(authOptions, input.request)
      }
      const request = {
        action,
        method: input.method,
        body: input.body,
        session: caller.session,
        ip: input.ip,
        userAgent: headerOf(input.request, "user-agent"),
        language,
      }
      // The request's headers in scope: the links in emails take its origin where no base URL is set.
      const answer = await requestScope.run({ ...requestScope.getStore(), headers: input.request.headers as HeaderSource }, () =>
        context.engine.handle(request),
      )
      const headers: Record<string, string | string[]> = { ...answer.headers, ...NO_STORE }
      if (answer.status === 401 && caller.written.length) headers["Set-Cookie"] = caller.written
      const revoked = answer.effects?.sessionsRevoked
      if (revoked) context.versions.revoked(revoked.userId, revoked.ids)
      const changed = answer.effects?.credentialsChanged
      if (changed) {
        const cookies = await endOtherSessions(context, input.request, changed, caller.session?.sessionId)
        if (cookies) headers["Set-Cookie"] = cookies
      }
      result = { status: answer.status, body: answer.body, headers }
    } catch (error) {
      context.report(error, `${context.accountPath}/${action}`)
      result = { status: 500, body: { error: "internal_error" }, headers: { ...NO_STORE } }
    }
    return typeof result.body.error === "string" ? localiseAnswer(result, await language()) : result
  }
}

/**
 * A credential change: every copy of the kit in this process sees the new version at once
 * (other instances within `cacheMs`); the caller's jwt cookie is re-issued with it when the
 * caller keeps their session; database sessions end through `revokeSessions`.
 */
async function endOtherSessions(
  context: AccountsContext,
  request: AccountRequest["request"],
  { userId, version, keepCaller }: { userId: string; version: number; keepCaller: boolean },
  callerSessionId: string | undefined,
): Promise<string[] | null> {
  context.versions.remember(userId, version)
  const authOptions = context.authOptions()
  if (!authOptions) {
    await context.revokeSessions?.(userId, {})
    return null
  }
  const jwt = strategyOf(authOptions) === "jwt"
  // Database sessions of the kit's adapter are rows of the kit's sessions: the kit ends them itself.
  const store = jwt ? undefined : storeOfKitAdapter(authOptions.adapter)
  if (store?.revokeOtherSessions) {
    const ids = await store.revokeOtherSessions(userId, keepCaller ? (callerSessionId ?? null) : null)
    context.versions.revoked(userId, ids)
  }
  const cookie = keepCaller ? sessionCookieOf(authOptions, request) : null
  // A database session's cookie is its session token: the one session to keep.
  await context.revokeSessions?.(userId, !jwt && cookie?.value ? { except: cookie.value } : {})
  return keepCaller && jwt ? reissueSessionCookie(authOptions, request, userId, version) : null
}

function headerOf(request: RequestLike, name: string): string | undefined {
  const value = (request.headers as Record<string, string | string[] | undefined>)[name]
  return Array.isArray(value) ? value[0] : value
}

/** The decrypted session token of a jwt cookie, or `null`. */
async function tokenOf(authOptions: NextAuthOptions, value: string): Promise<JWT | null> {
  // The key next-auth itself decrypts with, under the installed release's rules.
  const secret = resolveJwtSecret(authOptions, { rules: installedNextAuthRules() })
  if (!value || !secret) return null
  try {
    return await (authOptions.jwt?.decode ?? defaultDecode)({ ...authOptions.jwt, token: value, secret })
  } catch {
    return null
  }
}
