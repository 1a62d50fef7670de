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
import { ACTIVITY_INTERVAL_MS, type SignInDetails } from "../../core/accounts/features/sessions"

export { ENDED_CLAIM } from "../../core/ended-session"
import { ENDED_CLAIM } from "../../core/ended-session"

/**
 * Options of the session check of jwt sessions: the credential version and the session id.
 *
 * @example
 * ```ts
 * createAccounts({ store, sendEmail, sessionCheck: { cacheMs: 1000 } }) // other instances notice within 1 s
 * ```
 */
export interface SessionCheckOptions {
  /**
   * How long one instance trusts what it read of a user (their credential version and their
   * sessions), in ms. A session ended on another instance (a password changed, a session
   * revoked) may still be read as valid here for up to this long; the instance that ended it
   * knows at once. (A token newer than what was read, re-issued by another instance's
   * change-password or signed in since, is always checked with the store.)
   * @default 5000
   */
  cacheMs?: number
  /** Users remembered at most (oldest out first). @default 10000 */
  maxUsers?: number
}

/**
 * What the check knows of a user: the credential version (`null` for a user who is gone) and
 * their sessions with the last activity of each (`null` when the store keeps no sessions).
 */
interface UserState {
  version: number | null
  sessions: Map<string, number> | null
}
type Entry = { at: number; seq: number; value: UserState | Promise<UserState | undefined> }

/**
 * What any instance in this process wrote last, per user. Next.js may load the module that
 * calls `createAccounts` more than once in one server (API routes and pages sit in separate
 * server chunks), so the copy that changed a password must reach the copies that read
 * sessions: through one map for the whole process, not through each copy's own cache.
 */
const WRITTEN = Symbol.for("next-auth-kit.credential-versions")
type Written = Map<string, { at: number; version: number }>
const written = ((globalThis as { [WRITTEN]?: Written })[WRITTEN] ??= new Map())

/** The sessions revoked in this process (by any copy of the module), oldest out first. */
const REVOKED = Symbol.for("next-auth-kit.revoked-sessions")
const revokedHere = ((globalThis as { [REVOKED]?: Set<string> })[REVOKED] ??= new Set())
const MAX_REMEMBERED_IDS = 10_000

function remember(set: Set<string>, id: string) {
  set.delete(id)
  if (set.size >= MAX_REMEMBERED_IDS) set.delete(set.values().next().value!)
  set.add(id)
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => value instanceof Promise
/** `f(value)`, without a promise when `value` is none. */
const then = <T, R>(value: T | Promise<T>, f: (value: T) => R | Promise<R>): R | Promise<R> => (isPromise(value) ? value.then(f) : f(value))

/**
 * The session check's memory: per user, the store's current `credentialVersion` and the ids of
 * their sessions, read together and remembered for `cacheMs`, so that a session read costs a
 * map lookup, not a database query. A failed lookup keeps the session (a database outage must
 * not sign everyone out) and is reported to `onError`. A session id that was revoked, or that
 * a read made after the request arrived does not find, is remembered as ended.
 */
export class CredentialVersions {
  private readonly entries = new Map<string, Entry>()
  /** Ids this instance found gone: they never come back (ids are random and never reused). */
  private readonly ended = new Set<string>()
  private seq = 0
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
    const state = this.state(userId, fresh)
    return isPromise(state) ? state.then((s) => s?.version) : state.version
  }

  /**
   * Whether a jwt session is still on: its credential version is the user's current one and,
   * when it carries a session id, that session was not revoked. `touch` is called with the id
   * when its activity is due to be written (once per five minutes in this instance).
   */
  check(userId: string, claimed: number, sessionId: string | undefined, touch?: (sessionId: string) => void): boolean | Promise<boolean> {
    if (sessionId !== undefined && (revokedHere.has(sessionId) || this.ended.has(sessionId))) return false
    // Reads started after this mark see every session created before the request arrived.
    const mark = this.seq
    let state = this.state(userId)
    // A token newer than what this instance remembers was re-issued by another instance
    // (change-password): the store decides, not the stale memory.
    if (!isPromise(state) && typeof state.version === "number" && claimed > state.version) state = this.state(userId, true)
    // A remembered state (the common case) is decided without a closure.
    if (!isPromise(state)) return this.decide(userId, claimed, sessionId, state, mark, touch)
    return state.then((s) => this.decide(userId, claimed, sessionId, s, mark, touch))
  }

  private decide(
    userId: string,
    claimed: number,
    sessionId: string | undefined,
    state: UserState | undefined,
    mark: number | undefined,
    touch: ((sessionId: string) => void) | undefined,
  ): boolean | Promise<boolean> {
    if (state === undefined) return true
    if (state.version !== claimed) return false
    // A token from before sessions were recorded, or a store that keeps none.
    if (sessionId === undefined || state.sessions === null) return true
    const last = state.sessions.get(sessionId)
    if (last !== undefined) {
      const now = Date.now()
      if (touch && now - last >= ACTIVITY_INTERVAL_MS) {
        state.sessions.set(sessionId, now)
        touch(sessionId)
      }
      return true
    }
    if (mark === undefined) {
      remember(this.ended, sessionId)
      return false
    }
    // Not among what was read: signed in since (on any instance), or gone. A read that started
    // after the request arrived tells.
    return then(this.state(userId, mark), (fresh) => this.decide(userId, claimed, sessionId, fresh, undefined, touch))
  }

  /**
   * What the store holds for a user, remembered for `cacheMs`.
   * @param fresh `true`: ask the store even when a remembered value is recent (sharing a read
   * under way); a mark from {@link check}: ask it unless a read started after the mark
   */
  private state(userId: string, fresh: boolean | number = false): UserState | Promise<UserState | undefined> {
    let entry = this.entries.get(userId)
    const now = Date.now()
    const latest = written.get(userId)
    if (latest && entry && latest.at >= entry.at) {
      const value = entry.value
      if (!isPromise(value) && value.version !== latest.version) {
        // Another copy wrote a new version: take it, keep the sessions read with the old one.
        this.set(userId, { at: latest.at, seq: entry.seq, value: { version: latest.version, sessions: value.sessions } })
        entry = this.entries.get(userId)
      } else if (isPromise(value) && latest.at > entry.at) entry = undefined // it may answer the old version
    }
    if (entry) {
      const recent = now - entry.at < this.cacheMs
      if (typeof fresh === "number" ? entry.seq > fresh : recent && !(fresh && !isPromise(entry.value))) return entry.value
    }
    const stale = entry && !isPromise(entry.value) ? entry.value : undefined
    const seq = ++this.seq
    const store = this.store
    // Concurrent reads of one user share one lookup: the user and their sessions, together.
    const lookup: Promise<UserState | undefined> = Promise.all([
      store.findUserById(userId),
      typeof store.listSessions === "function" ? store.listSessions(userId, new Date(now)) : null,
    ]).then(
      ([user, rows]) => {
        const state: UserState = {
          version: user ? user.credentialVersion : null,
          sessions: rows && new Map(rows.map((row) => [row.id, row.lastActiveAt.getTime()])),
        }
        if (this.entries.get(userId)?.value === lookup) this.set(userId, { at: now, seq, value: state })
        return state
      },
      (error: unknown) => {
        this.onError(error)
        if (this.entries.get(userId)?.value === lookup) this.entries.delete(userId)
        return stale
      },
    )
    this.set(userId, { at: now, seq, value: lookup })
    return lookup
  }

  /** What this instance just wrote to the store; every copy in the process sees it at once. */
  remember(userId: string, version: number) {
    const at = Date.now()
    const entry = this.entries.get(userId)
    if (entry && !isPromise(entry.value)) this.set(userId, { at, seq: entry.seq, value: { version, sessions: entry.value.sessions } })
    else this.entries.delete(userId)
    written.delete(userId)
    if (written.size >= this.maxUsers) written.delete(written.keys().next().value!)
    written.set(userId, { at, version })
  }

  /** A session this instance just recorded: known at once, without a read. */
  started(userId: string, sessionId: string) {
    const value = this.entries.get(userId)?.value
    if (value && !isPromise(value)) value.sessions?.set(sessionId, Date.now())
  }

  /** Sessions just revoked: every copy in the process ends them at once. */
  revoked(userId: string, sessionIds: readonly string[]) {
    const value = this.entries.get(userId)?.value
    for (const id of sessionIds) {
      remember(revokedHere, id)
      if (value && !isPromise(value)) value.sessions?.delete(id)
    }
  }

  private set(userId: string, entry: Entry) {
    this.entries.delete(userId)
    if (this.entries.size >= this.maxUsers) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(userId, entry)
  }
}

type Version = number | null
type Callbacks = NonNullable<NextAuthOptions["callbacks"]>
type JwtParams = Parameters<NonNullable<Callbacks["jwt"]>>[0]

/**
 * What the session check records and writes for the sessions list: a sign-in's session (its id
 * goes into the token as `sid`; `null` when it could not be recorded), the activity of a
 * session, the end of one at sign-out.
 */
export interface SessionRecorder {
  start(userId: string, details: SignInDetails): Promise<string | null>
  /**
   * How a sign-in of another provider than the kit's Credentials (OAuth, an email link through
   * the kit's adapter) happened, from the request being served; `undefined` to record nothing.
   */
  detailsOf?(account: { type?: unknown; provider?: unknown } | null | undefined): SignInDetails | undefined
  touch(sessionId: string): void
  end(userId: string, sessionId: string): Promise<void>
}

const isSignInDetails = (value: unknown): value is SignInDetails =>
  typeof value === "object" && value !== null && typeof (value as { method?: unknown }).method === "string"

/** The token an app's own jwt callback answered, with the session id the kit checked kept. */
function keepSessionId(result: JWT | PromiseLike<JWT>, sessionId: string | undefined): JWT | PromiseLike<JWT> {
  if (sessionId === undefined) return result
  const keep = (token: JWT) => (token && !token[ENDED_CLAIM] && token.sid !== sessionId ? { ...token, sid: sessionId } : token)
  return typeof (result as PromiseLike<JWT>)?.then === "function" ? Promise.resolve(result).then(keep) : keep(result as JWT)
}

/**
 * The callbacks that accounts add to jwt sessions: at sign-in, the credential version
 * (`token.cv`, from what `authorize` returned, or from the user the kit's adapter answered for
 * an OAuth or email-link sign-in) and, with a store that keeps sessions, the id of
 * the session recorded for this sign-in (`token.sid`); on every read after, both are checked
 * against the store's (through {@link CredentialVersions}: at most one read per user per
 * `cacheMs`). A token whose version is not the current one (the password changed since, or the
 * user is gone), or whose session was revoked, ends: it becomes `{ sessionEnded: true }`, which
 * the `session` callback answers with an empty session. Tokens without `cv` (users the store
 * does not hold) pass untouched; tokens with `cv` but no `sid` (issued before sessions were
 * recorded) are checked by their version only. Signing out ends the recorded session. The
 * app's own callbacks run after the kit's, except for a session that ended, and cannot change
 * `sid`.
 */
export function withCredentialCheck(
  authOptions: NextAuthOptions,
  versions: CredentialVersions,
  recorder?: SessionRecorder,
  profileOf?: (userId: string) => Promise<{ name: string | null; image: string | null; email?: string } | null>,
): NextAuthOptions {
  const own = authOptions.callbacks ?? {}
  const events = authOptions.events ?? {}
  // Not async: next-auth awaits whatever they return, and a cached read costs no promise.
  const next = (params: JwtParams, token: JWT) => (own.jwt ? own.jwt({ ...params, token }) : token)
  const ended = { [ENDED_CLAIM]: true }
  /** A sign-in's token: its credential version and, when recorded, its session id. */
  const signedInToken = (params: JwtParams, token: JWT, version: number, signedIn: unknown) => {
    const signed = { ...token, cv: version }
    const userId = token.sub
    if (!recorder || !isSignInDetails(signedIn) || typeof userId !== "string") return next(params, signed)
    return recorder.start(userId, signedIn).then((sessionId) => {
      if (sessionId === null) return next(params, signed)
      versions.started(userId, sessionId)
      return keepSessionId(next(params, { ...signed, sid: sessionId }), sessionId)
    })
  }
  return {
    ...authOptions,
    callbacks: {
      ...own,
      jwt(params) {
        const token = params.token
        if (token?.[ENDED_CLAIM]) return token
        if (params.user) {
          const { credentialVersion: version, signedIn: given } = params.user as { credentialVersion?: unknown; signedIn?: unknown }
          if (typeof version !== "number") return next(params, token)
          // The kit's adapter hands next-auth users with their credential version: an OAuth or
          // email-link sign-in is recorded as a password one is.
          return signedInToken(params, token, version, given ?? recorder?.detailsOf?.(params.account))
        }
        const claimed = token?.cv
        if (typeof claimed !== "number" || typeof token.sub !== "string") return next(params, token)
        const sessionId = typeof token.sid === "string" ? token.sid : undefined
        const on = versions.check(token.sub, claimed, sessionId, recorder?.touch)
        if (params.trigger === "update" && profileOf) {
          // next-auth's update(): the name, picture (`profile`) and email (a confirmed
          // `change-email`) as the store has them now.
          const userId = token.sub
          return Promise.resolve(on).then(async (live) => {
            if (!live) return ended
            const profile = await profileOf(userId)
            const refreshed = profile && { ...token, name: profile.name, picture: profile.image, ...(profile.email === undefined ? {} : { email: profile.email }) }
            return keepSessionId(next(params, refreshed ?? token), sessionId)
          })
        }
        if (typeof on === "boolean") return on ? keepSessionId(next(params, token), sessionId) : ended
        return on.then((live) => (live ? keepSessionId(next(params, token), sessionId) : ended))
      },
      session(params) {
        const token = (params as { token?: JWT }).token
        // next-auth reads a session without keys as no session, everywhere.
        if (token?.[ENDED_CLAIM]) return {} as Session
        // After update() next-auth builds the session from the cookie it was sent, not from the
        // token the jwt callback answered: the name, picture and email changed show at once.
        const user = params.session?.user
        if (profileOf && token && user && (user.name !== token.name || user.image !== token.picture || user.email !== token.email)) {
          const session = { ...params.session, user: { ...user, name: token.name, image: token.picture, email: token.email } }
          return own.session ? own.session({ ...params, session } as typeof params) : session
        }
        return own.session ? own.session(params) : params.session
      },
    },
    events: recorder
      ? {
          ...events,
          async signOut(message) {
            const token = (message as { token?: JWT | null }).token
            if (typeof token?.sub === "string" && typeof token.sid === "string") {
              versions.revoked(token.sub, [token.sid])
              await recorder.end(token.sub, token.sid)
            }
            await events.signOut?.(message)
          },
        }
      : authOptions.events,
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
