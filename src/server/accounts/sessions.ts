import type { NextAuthOptions, Session } from "next-auth"
import { decode as defaultDecode, encode as defaultEncode, type JWT } from "next-auth/jwt"
import {
  nextAuthSite,
  readChunkedCookie,
  resolveJwtSecret,
  sessionCookieHeaders,
  sessionTokenCookie,
} from "../../core/next-auth-cookies"
import { installedNextAuthRules } from "../fast-session"
import type { RequestLike } from "../session"
import type { AccountStore } from "../../core/accounts/store"

export { ENDED_CLAIM } from "../../core/ended-session"
import { ENDED_CLAIM } from "../../core/ended-session"

/**
 * Options of the credential-version check of jwt sessions.
 *
 * @example
 * ```ts
 * createAccounts({ store, sendEmail, sessionCheck: { cacheMs: 1000 } }) // other instances notice within 1 s
 * ```
 */
export interface SessionCheckOptions {
  /**
   * How long one instance trusts the credential version it read for a user, in ms. A session
   * ended on another instance may still be read as valid here for up to this long; the
   * instance that changed the password knows at once. (A token newer than the remembered
   * version, re-issued by another instance's change-password, is always checked with the store.)
   * @default 5000
   */
  cacheMs?: number
  /** Users remembered at most (oldest out first). @default 10000 */
  maxUsers?: number
}

type Version = number | null
type Entry = { at: number; value: Version | Promise<Version | undefined> }

/**
 * What any instance in this process wrote last, per user. Next.js may load the module that
 * calls `createAccounts` more than once in one server (API routes and pages sit in separate
 * server chunks), so the copy that changed a password must reach the copies that read
 * sessions: through one map for the whole process, not through each copy's own cache.
 */
const WRITTEN = Symbol.for("next-auth-kit.credential-versions")
type Written = Map<string, { at: number; version: number }>
const written = ((globalThis as { [WRITTEN]?: Written })[WRITTEN] ??= new Map())

/**
 * The store's current `credentialVersion` per user, remembered for `cacheMs`, so that a
 * session read costs a map lookup, not a database query. A failed lookup keeps the session
 * (a database outage must not sign everyone out) and is reported to `onError`.
 */
export class CredentialVersions {
  private readonly entries = new Map<string, Entry>()
  constructor(
    private readonly store: AccountStore,
    private readonly cacheMs: number,
    private readonly maxUsers: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /**
   * The version, `null` for a user who is gone, `undefined` when it could not be read.
   * @param fresh ask the store even when a remembered value is recent
   */
  current(userId: string, fresh = false): Version | Promise<Version | undefined> {
    let entry = this.entries.get(userId)
    const now = Date.now()
    const latest = written.get(userId)
    if (latest && (!entry || (latest.at >= entry.at && entry.value !== latest.version))) {
      this.set(userId, latest.version, latest.at)
      entry = this.entries.get(userId)
    }
    if (entry && now - entry.at < this.cacheMs && !(fresh && !(entry.value instanceof Promise))) return entry.value
    const stale = entry && !(entry.value instanceof Promise) ? entry.value : undefined
    // Concurrent reads of one user share one lookup.
    const lookup = this.store.findUserById(userId).then(
      (user) => {
        const version = user ? user.credentialVersion : null
        if (this.entries.get(userId)?.value === lookup) this.set(userId, version, now)
        return version
      },
      (error: unknown) => {
        this.onError(error)
        if (this.entries.get(userId)?.value === lookup) this.entries.delete(userId)
        return stale
      },
    )
    this.set(userId, lookup, now)
    return lookup
  }

  /** What this instance just wrote to the store; every copy in the process sees it at once. */
  remember(userId: string, version: number) {
    const at = Date.now()
    this.set(userId, version, at)
    written.delete(userId)
    if (written.size >= this.maxUsers) written.delete(written.keys().next().value!)
    written.set(userId, { at, version })
  }

  private set(userId: string, value: Entry["value"], at: number) {
    this.entries.delete(userId)
    if (this.entries.size >= this.maxUsers) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(userId, { at, value })
  }
}

type Callbacks = NonNullable<NextAuthOptions["callbacks"]>
type JwtParams = Parameters<NonNullable<Callbacks["jwt"]>>[0]

/**
 * The callbacks that `withAccounts` adds: the credential version stored in the token at
 * sign-in (`token.cv`, from what `authorize` returned) and compared with the store's on every
 * read after. A token whose version is not the current one (the password changed since, or
 * the user is gone) ends: it becomes `{ sessionEnded: true }`, which the `session` callback
 * answers with an empty session. Tokens without `cv` (other providers) pass untouched. The
 * app's own callbacks run after the kit's, except for a session that ended.
 */
export function withCredentialCheck(authOptions: NextAuthOptions, versions: CredentialVersions): NextAuthOptions {
  const own = authOptions.callbacks ?? {}
  // Not async: next-auth awaits whatever they return, and a cached read costs no promise.
  const next = (params: JwtParams, token: JWT) => (own.jwt ? own.jwt({ ...params, token }) : token)
  return {
    ...authOptions,
    callbacks: {
      ...own,
      jwt(params) {
        const token = params.token
        if (token?.[ENDED_CLAIM]) return token
        if (params.user) {
          const version = (params.user as { credentialVersion?: unknown }).credentialVersion
          return next(params, typeof version === "number" ? { ...token, cv: version } : token)
        }
        const claimed = token?.cv
        if (typeof claimed !== "number" || typeof token.sub !== "string") return next(params, token)
        let current = versions.current(token.sub)
        // A token newer than what this instance remembers was re-issued by another instance
        // (change-password): the store decides, not the stale memory.
        if (typeof current === "number" && claimed > current) current = versions.current(token.sub, true)
        if (current === null || typeof current === "number") {
          return current === claimed ? next(params, token) : { [ENDED_CLAIM]: true }
        }
        return current.then((version) =>
          version === undefined || version === claimed ? next(params, token) : { [ENDED_CLAIM]: true },
        )
      },
      session(params) {
        const token = (params as { token?: JWT }).token
        // next-auth reads a session without keys as no session, everywhere.
        if (token?.[ENDED_CLAIM]) return {} as Session
        return own.session ? own.session(params) : params.session
      },
    },
  }
}

/** The session strategy next-auth uses for these options. */
export const strategyOf = (authOptions: NextAuthOptions) =>
  authOptions.session?.strategy ?? (authOptions.adapter ? "database" : "jwt")

const THIRTY_DAYS = 30 * 24 * 60 * 60

/**
 * The session cookie of a request as next-auth reads it for these options: its name (the app's
 * `cookies.sessionToken`, else next-auth's for the site), the names it came under (the cookie,
 * or its chunks) and its value, chunks joined. Whether the cookie is a `Secure` one.
 *
 * @example
 * ```ts
 * const { value } = sessionCookieOf(authOptions, { headers: req.headers, cookies: req.cookies })
 * const token = value ? await decode({ token: value, secret }) : null
 * ```
 */
export function sessionCookieOf(authOptions: NextAuthOptions, req: RequestLike & { cookies: Partial<Record<string, string>> }) {
  const rules = installedNextAuthRules()
  const site = nextAuthSite(req.headers, { useSecureCookies: authOptions.useSecureCookies, rules })
  const option = sessionTokenCookie(authOptions, site.secure)
  const { names, value } = readChunkedCookie(req.cookies, option.name)
  return { name: option.name, names, secure: Boolean(option.options?.secure), value }
}

/**
 * Re-issues the caller's jwt session cookie with a new credential version, so that the
 * session that changed the password lives on while every other one ends. The token is the
 * caller's own (its cookie, decrypted with the app's `jwt` options and key, as next-auth's
 * session route decrypts it), with only `cv` changed; `Set-Cookie` headers as next-auth's
 * SessionStore writes them (chunks, and the names that are no longer used expired). Answers
 * `null` when the cookie cannot be read.
 *
 * @example
 * ```ts
 * const cookies = await reissueSessionCookie(authOptions, request, user.id, version)
 * if (cookies) headers["Set-Cookie"] = cookies
 * ```
 */
export async function reissueSessionCookie(
  authOptions: NextAuthOptions,
  req: RequestLike & { cookies: Partial<Record<string, string>> },
  userId: string,
  version: number,
): Promise<string[] | null> {
  const rules = installedNextAuthRules()
  const secret = resolveJwtSecret(authOptions, { rules })
  if (!secret) return null
  const site = nextAuthSite(req.headers, { useSecureCookies: authOptions.useSecureCookies, rules })
  const option = sessionTokenCookie(authOptions, site.secure)
  const { names, value } = readChunkedCookie(req.cookies, option.name)
  if (!value) return null
  const maxAge = authOptions.session?.maxAge ?? THIRTY_DAYS
  // init.ts's `jwt`: the app's options (salt, encode, decode, …) over the key and maxAge.
  const jwt = { secret, maxAge, encode: defaultEncode, decode: defaultDecode, ...authOptions.jwt }
  let token: JWT | null
  try {
    token = await jwt.decode({ ...jwt, token: value })
  } catch {
    return null
  }
  if (!token || token.sub !== userId) return null
  const fresh = await jwt.encode({ ...jwt, token: { ...token, cv: version }, maxAge })
  const expires = new Date(Date.now() + maxAge * 1000)
  return sessionCookieHeaders({ option, stored: names, value: fresh, expires })
}
