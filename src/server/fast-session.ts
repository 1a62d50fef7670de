import { createDecipheriv } from "node:crypto"
import type { IncomingHttpHeaders } from "node:http"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import type { NextAuthOptions, Session } from "next-auth"
import { encode, type JWT } from "next-auth/jwt"
import {
  CHUNK_SIZE,
  callbackUrlCookieName,
  expiredCookieHeaders,
  isValidCallbackUrl,
  type NextAuthRules,
  type NextAuthUrl,
  nextAuthRules,
  nextAuthSite,
  processEnv,
  readChunkedCookie,
  resolveSecret,
  sessionCookieHeaders,
  sessionTokenCookie,
} from "../core/next-auth-cookies"

/**
 * What the session readers need of a request: its headers, and cookies when already parsed.
 *
 * @example
 * ```ts
 * const req: RequestLike = { headers: { cookie: "next-auth.session-token=…" } }
 * ```
 */
export interface RequestLike {
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>
  cookies?: Partial<Record<string, string>>
}

/**
 * What next-auth needs of a response: a place to put renewed or cleared cookies.
 *
 * @example
 * ```ts
 * const res: ResponseLike = { getHeader: () => undefined, setHeader: (name, value) => headers.set(name, String(value)) }
 * ```
 */
export interface ResponseLike {
  getHeader(name: string): unknown
  setHeader(name: string, value: string | number | readonly string[]): unknown
}

/**
 * The session fast path for the `jwt` strategy. next-auth's `getServerSession` re-derives the
 * encryption key (HKDF) on every call, builds its whole request context, and re-encrypts and
 * re-sets the session cookie (plus CSRF and callback cookies) on every read. This reader derives
 * the key once per secret, decrypts with Node's AES-GCM what next-auth's `encode` writes (and
 * remembers the payloads of the cookies it decrypted, see {@link PayloadCache}), runs the
 * app's `jwt` and `session` callbacks and `events.session` exactly as next-auth's session route
 * does, and re-issues the cookie (chunked as next-auth's SessionStore chunks it) only when the
 * `jwt` callback changed the token or when the cookie has lived past its renewal age:
 * `min(session.updateAge, session.maxAge / 2)`. The sliding expiry still works, in steps of
 * that age: a user who comes back within `maxAge` minus it stays signed in, where next-auth
 * (which re-issues on every read) keeps anyone who comes back within `maxAge`. The session's
 * `expires` is the cookie's real expiry. A callback that throws signs the user out and clears
 * the cookie, as next-auth does.
 *
 * It answers `undefined` ("not sure, ask next-auth") whenever it cannot match next-auth
 * exactly for this request: a cookie that does not decrypt (so next-auth logs it and clears
 * it), and whatever makes `getServerSession` throw for the request (its `assertConfig`): an
 * origin its URL parser refuses (`NEXTAUTH_URL`, or a trusted proxy's forwarded host), a
 * callback-url cookie that does not parse as an http(s) URL against that origin, or an app's
 * `callbacks.redirect` that throws for it. {@link createFastSessionReader} answers `null` for
 * options it does not model (a database session, `jwt` options other than `maxAge`, custom
 * session or callback-url cookie options, an unverified next-auth version).
 *
 * It does not write next-auth's CSRF and callback-url cookies: those belong to next-auth's
 * sign-in routes, which write them again when they need them. It calls an app's own
 * `callbacks.redirect` with the callback-url cookie as next-auth does on every read (its
 * default one cannot throw for a cookie that passed the check), but not what it answers.
 */
export type FastSessionReader = (req: RequestLike, res: ResponseLike, known?: KnownSecret) => Promise<Session | null | undefined>

/**
 * The secret as the caller already resolved it for this request with the installed next-auth's
 * rules ({@link installedNextAuthRules}), so that the reader does not read the environment for
 * it again; a reader built for another release's rules resolves it itself.
 * @internal
 */
export interface KnownSecret {
  secret: string | undefined
}

/**
 * The next-auth versions that the differential suite (`tests/server/fast-session.test.ts`, the
 * fast reader against `getServerSession`) passed against, inclusive: it runs on 4.24.15 and on
 * each earlier release whose session, jwt or cookie code changed, down to 4.24.3, the oldest
 * 4.24 that loads (the `next-auth-<version>` projects of vitest.config.ts). Outside them the
 * kit reads every session with `getServerSession`. Widen it only after the suite passed against
 * the new bound.
 */
export const VERIFIED_NEXT_AUTH: { readonly min: string; readonly max: string } = { min: "4.24.3", max: "4.24.15" }

/** Internal seams of {@link createFastSessionReader}, for tests. @internal */
export interface FastSessionInternals {
  /** Answers the installed next-auth version, or `undefined` when unknown. @default {@link installedNextAuthVersion} */
  nextAuthVersion?: () => string | undefined
}

const THIRTY_DAYS = 30 * 24 * 60 * 60
const ONE_DAY = 24 * 60 * 60
// Decrypted session cookies remembered per secret: ~0.5 MB for typical sessions (340-character
// cookies), ~7 MB at worst (unchunked cookies near 4 KB, with their payloads).
const PAYLOADS_PER_SECRET = 1000
type PerSecret = { key: Promise<Uint8Array>; payloads: PayloadCache<Payload> }
const secrets = new Map<string, PerSecret>()
// next-auth's encode writes exactly this protected header: base64url of {"alg":"dir","enc":"A256GCM"}.
const NEXT_AUTH_HEADER = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0"
// jose's clock tolerance in next-auth's decode.
const CLOCK_TOLERANCE = 15

/**
 * Decrypts a JWE exactly as next-auth writes it (dir, A256GCM, no compression), with Node's
 * AES-GCM: jose's Web Crypto build, which some server bundles pick, costs ~13× as much per call.
 * Answers the payload's JSON text, or `undefined` for anything else so that next-auth decides.
 */
function decryptNextAuthJwe(jwe: string, key: Uint8Array): string | undefined {
  const parts = jwe.split(".")
  if (parts.length !== 5) return undefined
  const [protectedHeader, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string]
  if (protectedHeader !== NEXT_AUTH_HEADER || encryptedKey !== "") return undefined
  try {
    const nonce = Buffer.from(iv, "base64url")
    const authTag = Buffer.from(tag, "base64url")
    if (nonce.length !== 12 || authTag.length !== 16) return undefined
    const decipher = createDecipheriv("aes-256-gcm", key, nonce)
    decipher.setAAD(Buffer.from(protectedHeader, "ascii"))
    decipher.setAuthTag(authTag)
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8")
  } catch {
    return undefined
  }
}

/**
 * A decrypted cookie as the reader remembers it: its payload's text and, parsed once, its
 * claims. The claims are never handed out: every read gets a copy of its own (see
 * {@link copyClaims}), so that a callback that changes its token in place changes only that
 * read's copy.
 */
interface Payload {
  /** The payload's JSON text, as decrypted. */
  readonly json: string
  /** The claims, or `undefined` for a payload that jose would refuse whatever the time (see {@link parsePayload}). */
  readonly claims: JWT | undefined
  /** Whether `JSON.stringify(claims)` gives `json` back: then a token equal to the claims keeps the cookie's text. */
  readonly canonical: boolean
  /** The last expiry reported for this cookie while it was not re-issued: its end (s) and as an ISO date. */
  expires?: { readonly ends: number; readonly iso: string }
}

/**
 * Parses a decrypted payload once: its claims, or `undefined` for claims that jose would refuse
 * at any time (a payload that is not an object, an `exp` that is not a number, an `nbf` or `iat`
 * of another type), so that next-auth's own decode decides.
 */
function parsePayload(json: string): Payload {
  let claims: JWT | undefined
  try {
    const payload = JSON.parse(json) as unknown
    if (payload && typeof payload === "object" && !Array.isArray(payload)) {
      const { exp, nbf, iat } = payload as { exp?: unknown; nbf?: unknown; iat?: unknown }
      if (typeof exp === "number" && (nbf === undefined || typeof nbf === "number") && (iat === undefined || typeof iat === "number")) {
        claims = payload as JWT
      }
    }
  } catch {
    // Not JSON: next-auth decides.
  }
  let canonical = false
  try {
    canonical = claims !== undefined && JSON.stringify(claims) === json
  } catch {
    // Not reached for parsed JSON; a payload that does not round-trip is simply not canonical.
  }
  return { json, claims, canonical }
}

/** `new Date(ends * 1000).toISOString()`, remembered for the cookie (it throws as that does). */
function expiryOf(payload: Payload, ends: number): string {
  const known = payload.expires
  if (known !== undefined && known.ends === ends) return known.iso
  const iso = new Date(ends * 1000).toISOString()
  payload.expires = { ends, iso }
  return iso
}

/** Whether claims parsed by {@link parsePayload} are current: jose's exp and nbf checks, with its clock tolerance. */
function isCurrent(claims: JWT, now: number): boolean {
  const { exp, nbf } = claims as { exp: number; nbf?: number }
  return exp > now - CLOCK_TOLERANCE && (nbf === undefined || nbf <= now + CLOCK_TOLERANCE)
}

/**
 * A deep copy of parsed JSON, as `JSON.parse` of its text would give (own data properties
 * only, `__proto__` included as one), about ten times cheaper than parsing the text again.
 */
function copyClaims<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value
  if (Array.isArray(value)) {
    const copy = new Array(value.length)
    for (let i = 0; i < value.length; i++) copy[i] = copyClaims(value[i])
    return copy as T
  }
  // A spread defines its properties, so a `__proto__` key stays an own property, as JSON.parse makes it.
  const copy = { ...value } as Record<string, unknown>
  for (const key in copy) {
    const nested = copy[key]
    if (typeof nested === "object" && nested !== null) copy[key] = copyClaims(nested)
  }
  return copy as T
}

/** The keys of the remembered claims' objects, which never change (they are never handed out). */
const keysOfParsed = new WeakMap<object, string[]>()

/**
 * Whether `JSON.stringify(value)` is certainly `JSON.stringify(parsed)`, for `parsed` from
 * `JSON.parse`: the same strings, numbers, booleans and nulls, arrays and plain objects with the
 * same keys in the same order. `false` means "not certain" (a `toJSON`, an `undefined` or a
 * function that JSON leaves out, a different value): the caller then compares the JSON text.
 */
function sameJson(value: unknown, parsed: unknown): boolean {
  if (typeof parsed !== "object" || parsed === null) return value === parsed
  if (typeof value !== "object" || value === null || typeof (value as { toJSON?: unknown }).toJSON === "function") return false
  if (Array.isArray(parsed)) {
    if (!Array.isArray(value) || value.length !== parsed.length) return false
    for (let i = 0; i < parsed.length; i++) if (!sameJson(value[i], parsed[i])) return false
    return true
  }
  if (Array.isArray(value)) return false
  const keys = Object.keys(value)
  let expected = keysOfParsed.get(parsed)
  if (expected === undefined) keysOfParsed.set(parsed, (expected = Object.keys(parsed)))
  if (keys.length !== expected.length) return false
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    if (key !== expected[i] || !sameJson((value as Record<string, unknown>)[key], (parsed as Record<string, unknown>)[key])) return false
  }
  return true
}

/**
 * Remembers the payloads of the cookies it decrypted: a browser sends the same cookie with every
 * request, and AES-GCM always decrypts the same cookie to the same text, so a repeat costs a map
 * lookup instead of a cipher (and the reader keeps what it parsed of the text with it). Bounded
 * (oldest out first); only cookies that decrypted are kept, and their claims (exp, nbf) are
 * still checked on every read.
 */
export class PayloadCache<V = string> {
  private readonly entries = new Map<string, V>()
  constructor(private readonly limit: number) {}

  get(jwe: string): V | undefined {
    return this.entries.get(jwe)
  }

  set(jwe: string, payload: V) {
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(jwe, payload)
  }
}

/** next-auth v4's key: HKDF-SHA256 of the secret, empty salt, its fixed info, 32 bytes. */
function deriveKey(secret: string): Promise<Uint8Array> {
  const text = new TextEncoder()
  return crypto.subtle
    .importKey("raw", text.encode(secret), "HKDF", false, ["deriveBits"])
    .then((material) =>
      crypto.subtle.deriveBits(
        { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: text.encode("NextAuth.js Generated Encryption Key") },
        material,
        256,
      ),
    )
    .then((bits) => new Uint8Array(bits))
}

/** What the reader keeps per secret: the derived key, and the payloads decrypted with it. */
function forSecret(secret: string): PerSecret {
  let state = secrets.get(secret)
  if (!state) secrets.set(secret, (state = { key: deriveKey(secret), payloads: new PayloadCache<Payload>(PAYLOADS_PER_SECRET) }))
  return state
}

/** Whether a version string lies in {@link VERIFIED_NEXT_AUTH}; pre-releases never do. */
function isVerifiedNextAuth(version: string | undefined): boolean {
  const parse = (v: string) => /^(\d+)\.(\d+)\.(\d+)$/.exec(v)?.slice(1).map(Number)
  const compare = (a: number[], b: number[]) => a.map((n, i) => n - b[i]!).find((d) => d !== 0) ?? 0
  const v = version === undefined ? undefined : parse(version)
  const min = parse(VERIFIED_NEXT_AUTH.min)!
  const max = parse(VERIFIED_NEXT_AUTH.max)!
  return v !== undefined && compare(v, min) >= 0 && compare(v, max) <= 0
}

let installed: { version: string | undefined } | undefined

/**
 * The version of the next-auth that the app runs, read once from its `package.json`, or
 * `undefined` when it cannot be read (a bundle without `node_modules`).
 * @internal
 */
export function installedNextAuthVersion(): string | undefined {
  if (!installed) {
    let version: string | undefined
    try {
      // Resolved from the app's root, where a peer dependency lives (the kit ships as CJS too,
      // where `import.meta.url` does not exist). next-auth's `exports` does not list its
      // package.json, so the main entry is resolved and the manifest read next to it.
      const entry = createRequire(join(process.cwd(), "package.json")).resolve("next-auth")
      const manifest = JSON.parse(readFileSync(join(dirname(entry), "package.json"), "utf8")) as {
        name?: unknown
        version?: unknown
      }
      if (manifest.name === "next-auth" && typeof manifest.version === "string") version = manifest.version
    } catch {
      // Unknown: the reader steps aside.
    }
    installed = { version }
  }
  return installed.version
}

/** Whether a callback answered a promise (or another thenable), which next-auth awaits. */
const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === "function"

function appendCookies(res: ResponseLike, cookies: string[]) {
  const existing = res.getHeader("Set-Cookie")
  const list = Array.isArray(existing) ? existing.map(String) : existing === undefined ? [] : [String(existing)]
  res.setHeader("Set-Cookie", [...list, ...cookies])
}

/** jose's `isObject`, which next-auth's `encode` applies to the token. */
function isPlainObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Object.prototype.toString.call(value) !== "[object Object]") {
    return false
  }
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === null || proto === Object.prototype
}

type Logger = NonNullable<NextAuthOptions["logger"]>

let installedRules: NextAuthRules | undefined

/**
 * The rules of the installed next-auth where its releases differ (the secret, the origin),
 * read once: the newest release's when its version cannot be read.
 *
 * @example
 * ```ts
 * const secret = resolveSecret(authOptions, { rules: installedNextAuthRules() })
 * ```
 * @internal
 */
export function installedNextAuthRules(): NextAuthRules {
  return (installedRules ??= nextAuthRules(installedNextAuthVersion()))
}

/** next-auth's logger for these options: the app's functions, else its console format. */
function loggerFor(authOptions: NextAuthOptions): Required<Pick<Logger, "error" | "debug">> {
  const custom = authOptions.logger
  return {
    error:
      custom?.error ??
      ((code, error) => {
        const metadata =
          error instanceof Error ? { message: error.message, stack: error.stack, name: error.name } : (error as { message?: unknown })
        console.error(`[next-auth][error][${code}]`, `\nhttps://next-auth.js.org/errors#${code.toLowerCase()}`, metadata?.message, metadata)
      }),
    // next-auth calls a custom debug whatever `debug` says; its own only with `debug: true`.
    debug: custom?.debug ?? (authOptions.debug ? (code, metadata) => console.log(`[next-auth][debug][${code}]`, metadata) : () => {}),
  }
}

/**
 * A fast reader for these options, or `null` when they need next-auth's own path: everything
 * here is checked once, so that a request pays only for its cookie.
 *
 * @example
 * ```ts
 * const fast = createFastSessionReader(authOptions)
 * const session = fast ? await fast(req, res) : undefined // undefined: ask getServerSession
 * ```
 */
export function createFastSessionReader(
  authOptions: NextAuthOptions,
  internals: FastSessionInternals = {},
): FastSessionReader | null {
  // next-auth's init spreads the app's options over its defaults, so a key given as
  // `undefined` overrides the default: the same spreads here, and whatever they leave that
  // next-auth would trip on (a missing maxAge, callback or event) is next-auth's to handle.
  const session = {
    strategy: authOptions.adapter ? "database" : "jwt",
    maxAge: THIRTY_DAYS,
    updateAge: ONE_DAY,
    ...authOptions.session,
  }
  if (session.strategy !== "jwt") return null
  const maxAge = session.maxAge
  if (typeof maxAge !== "number" || !Number.isFinite(maxAge)) return null
  // The session route encodes with `{ ...jwt, maxAge: session.maxAge }`: `jwt.maxAge` is
  // overridden (it applies at sign-in only), anything else (secret, salt, encode, decode)
  // changes the key or the format.
  if (authOptions.jwt && Object.keys(authOptions.jwt).some((key) => key !== "maxAge")) return null
  if (authOptions.cookies && Object.keys(authOptions.cookies).includes("sessionToken")) return null
  const callbacks = {
    jwt: ({ token }: { token: JWT }) => token,
    session: ({ session }: { session: Session }) => session,
    ...authOptions.callbacks,
  }
  if (typeof callbacks.jwt !== "function" || typeof callbacks.session !== "function") return null
  const events = authOptions.events ?? {}
  const onSession = Object.keys(events).includes("session") ? events.session : undefined
  if (Object.keys(events).includes("session") && typeof onSession !== "function") return null

  const version = (internals.nextAuthVersion ?? installedNextAuthVersion)()
  if (!isVerifiedNextAuth(version)) {
    const range =
      VERIFIED_NEXT_AUTH.min === VERIFIED_NEXT_AUTH.max ? VERIFIED_NEXT_AUTH.min : `${VERIFIED_NEXT_AUTH.min} to ${VERIFIED_NEXT_AUTH.max}`
    console.warn(
      `[next-auth-kit] The fast session reader is verified against next-auth ${range}, but ${
        version === undefined ? "the installed next-auth's version could not be read" : `next-auth ${version} is installed`
      }: sessions are read with next-auth's getServerSession instead (the same sessions, slower). ` +
        `Install next-auth@${VERIFIED_NEXT_AUTH.max}, or a next-auth-kit verified against your next-auth, ` +
        "or pass `{ fastSession: false }` to createAuthKit to silence this warning.",
    )
    return null
  }

  // Renewed no later than half of maxAge: a maxAge below updateAge (an hour against a day)
  // would otherwise sign an active user out at maxAge, where next-auth re-issues on every read.
  const updateAge = typeof session.updateAge === "number" && !Number.isNaN(session.updateAge) ? session.updateAge : Infinity
  const renewAge = Math.min(updateAge, maxAge / 2)
  const rules = nextAuthRules(version)
  // init.ts reads `options.cookies.callbackUrl.name` on every request: an app's own callback-url
  // cookie without a name (or set to undefined) fails there, which is next-auth's to report.
  const customCallbackUrl = authOptions.cookies && Object.keys(authOptions.cookies).includes("callbackUrl")
  const callbackUrlName = authOptions.cookies?.callbackUrl?.name
  if (customCallbackUrl && typeof callbackUrlName !== "string") return null
  // next-auth calls `callbacks.redirect` with the callback-url cookie on every request (init.ts,
  // createCallbackUrl): an app's own may throw, and then getServerSession throws. Its default
  // one cannot, for a cookie that passed `isValidCallbackUrl`, and is left out.
  const redirect = authOptions.callbacks?.redirect
  const redirectThrows = Object.keys(authOptions.callbacks ?? {}).includes("redirect")
    ? async (url: string, baseUrl: string): Promise<boolean> => {
        try {
          await redirect!({ url, baseUrl })
          return false
        } catch {
          return true
        }
      }
    : undefined
  const logger = loggerFor(authOptions)
  // The last callback-url cookie that passed, with the parsed origin it passed against: a
  // browser sends the same one request after request, so it is parsed once.
  let passed: { cookie: string; url: NextAuthUrl } | undefined

  // The cookies' names and options for either kind of site, built once (none is ever changed).
  const plainCookie = sessionTokenCookie(undefined, false)
  const secureCookie = sessionTokenCookie(undefined, true)
  const plainCallbackUrl = callbackUrlCookieName(false)
  const secureCallbackUrl = callbackUrlCookieName(true)
  // Whether a secret resolved with the installed release's rules is this reader's too.
  const sameSecretRule = rules.authSecret === installedNextAuthRules().authSecret

  return async (req, res, known) => {
    const env = processEnv()
    const secret = known && sameSecretRule ? known.secret : resolveSecret(authOptions, { env, rules })
    if (!secret) return undefined
    const site = nextAuthSite(req.headers, { useSecureCookies: authOptions.useSecureCookies, env, rules })
    // next-auth's assertConfig parses the origin first, and throws for one it cannot.
    if (!site.url) return undefined
    // next-auth's default session cookie: the reader steps aside for an app's own.
    const option = site.secure ? secureCookie : plainCookie
    const cookies = req.cookies ?? {}
    // assertConfig refuses the whole request (getServerSession throws) for a callback-url
    // cookie that does not parse, against the origin, as an http(s) URL.
    const callbackUrl = cookies[callbackUrlName ?? (site.secure ? secureCallbackUrl : plainCallbackUrl)]
    if (callbackUrl && !(passed && passed.cookie === callbackUrl && passed.url === site.url)) {
      if (!isValidCallbackUrl(callbackUrl, site.url.base)) return undefined
      passed = { cookie: callbackUrl, url: site.url }
    }
    const origin = site.url.origin
    const { names, value } = readChunkedCookie(cookies, option.name)
    if (!value) return redirectThrows && callbackUrl && (await redirectThrows(callbackUrl, origin)) ? undefined : null

    const { key, payloads } = forSecret(secret)
    let payload = payloads.get(value)
    if (payload === undefined) {
      const json = decryptNextAuthJwe(value, await key)
      if (json === undefined) return undefined
      payload = parsePayload(json)
      // Only single cookies are remembered, which keeps the memory bound above.
      if (value.length <= CHUNK_SIZE) payloads.set(value, payload)
    }
    const { claims, json } = payload
    const seconds = Math.floor(Date.now() / 1000)
    if (!claims || !isCurrent(claims, seconds)) return undefined
    // Called only now, so that a read handed over above does not call it twice.
    if (redirectThrows && callbackUrl && (await redirectThrows(callbackUrl, origin))) return undefined
    // Read before the callbacks, which may change the token in place. The cookie ends when the
    // browser drops it (written at iat for maxAge) or when the token expires (jwt.maxAge at
    // sign-in), whichever comes first; it is renewed once less than maxAge - renewAge is left.
    const ends = typeof claims.iat === "number" ? Math.min(claims.exp as number, claims.iat + maxAge) : undefined
    const due = ends === undefined || ends - seconds <= maxAge - renewAge
    // This read's own token: the callbacks may change it in place.
    const decoded = copyClaims(claims)

    try {
      // Awaited only when a callback answers a promise: the kit's own are synchronous on a
      // remembered user, and an await of a plain value would still cost a turn of the queue.
      let token = callbacks.jwt({ token: decoded, session: undefined } as never) as JWT | PromiseLike<JWT>
      if (isThenable(token)) token = await token
      // Compared with the cookie's own text, so a change made in place is seen too (a token
      // equal to the parsed claims has the text of a canonical payload, without writing it
      // out); a token that next-auth's encode would refuse is encoded here too, so that it
      // fails the same way.
      const renew =
        due || !isPlainObject(token) || (!(payload.canonical && sameJson(token, claims)) && JSON.stringify(token) !== json)
      const expires = renew ? new Date(Date.now() + maxAge * 1000) : undefined
      let session = callbacks.session({
        session: {
          user: { name: decoded?.name, email: decoded?.email, image: decoded?.picture },
          expires: expires ? expires.toISOString() : expiryOf(payload, ends!),
        },
        token,
      } as never) as Session | PromiseLike<Session>
      if (isThenable(session)) session = await session

      if (renew) {
        const fresh = await encode({ token, secret, maxAge })
        const written = sessionCookieHeaders({ option, stored: names, value: fresh, expires: expires!, debug: logger.debug })
        appendCookies(res, written)
      }
      if (onSession) {
        // next-auth wraps every event: one that throws is logged, and the session stands.
        try {
          await onSession({ session, token })
        } catch (error) {
          logger.error("SESSION_EVENT_ERROR", error as Error)
        }
      }
      return session && typeof session === "object" && Object.keys(session).length > 0 ? session : null
    } catch (error) {
      // next-auth's session route: log, clear every cookie it read, answer no session.
      logger.error("JWT_SESSION_ERROR", error as Error)
      appendCookies(res, expiredCookieHeaders(option, names))
      return null
    }
  }
}
