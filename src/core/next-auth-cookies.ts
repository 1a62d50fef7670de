/**
 * next-auth v4's cookie rules, in one place for every runtime that reads or writes its session
 * cookie (the fast session reader, the session re-issue of the account endpoints, the
 * middleware, the testing helpers): the secret, the site's origin and the `__Secure-` rule, the
 * cookie names, the chunked session cookie (read, split, written and expired as next-auth's
 * `SessionStore` does) and the check next-auth's `assertConfig` makes of the callback-url
 * cookie. Edge-safe: no `node:` import, nothing but `URL`.
 *
 * Each function names the next-auth code it copies (`node_modules/next-auth/src/…`). Where the
 * 4.24 releases differ, {@link NextAuthRules} says which way; without one, the newest release's
 * rules apply.
 */

/** The environment variables next-auth reads for the origin and the secret. */
export interface NextAuthEnv {
  NEXTAUTH_URL?: string
  VERCEL?: string
  AUTH_TRUST_HOST?: string
  NEXTAUTH_SECRET?: string
  AUTH_SECRET?: string
}

/**
 * The environment, or an empty one where `process` does not exist.
 *
 * @example
 * ```ts
 * const secret = resolveSecret(authOptions, { env: processEnv() })
 * ```
 */
export function processEnv(): NextAuthEnv {
  return typeof process === "undefined" ? {} : (process.env as NextAuthEnv)
}

// ---------------------------------------------------------------------------------------------
// Where the 4.24 releases differ
// ---------------------------------------------------------------------------------------------

/**
 * The rules that changed within next-auth 4.24, for one release.
 *
 * @example
 * ```ts
 * const rules: NextAuthRules = nextAuthRules("4.24.9") // { authSecret: false, urlFirst: false }
 * ```
 */
export interface NextAuthRules {
  /**
   * `getServerSession`, the route handlers and `getToken` fall back to `AUTH_SECRET` after
   * `NEXTAUTH_SECRET` (4.24.10 and later; before, `NEXTAUTH_SECRET` only).
   */
  readonly authSecret: boolean
  /**
   * `NEXTAUTH_URL` wins over a trusted host (`VERCEL` or `AUTH_TRUST_HOST`) for the origin
   * (4.24.15 and later; before, a trusted host's `x-forwarded-*` headers won).
   */
  readonly urlFirst: boolean
}

const NEWEST: NextAuthRules = { authSecret: true, urlFirst: true }

/**
 * The rules of a next-auth release; those of the newest one for a version that cannot be read.
 *
 * @example
 * ```ts
 * nextAuthRules("4.24.15") // { authSecret: true, urlFirst: true }
 * nextAuthRules(undefined) // the same: the newest rules
 * ```
 */
export function nextAuthRules(version: string | undefined): NextAuthRules {
  const parts = version === undefined ? undefined : /^(\d+)\.(\d+)\.(\d+)/.exec(version)?.slice(1).map(Number)
  if (!parts) return NEWEST
  const atLeast = (patch: number) => {
    const [major, minor, p] = parts as [number, number, number]
    return major > 4 || (major === 4 && (minor > 24 || (minor === 24 && p >= patch)))
  }
  return { authSecret: atLeast(10), urlFirst: atLeast(15) }
}

/** What the origin, secret and cookie functions read besides their arguments. */
export interface NextAuthContext {
  /** @default {@link processEnv}() */
  env?: NextAuthEnv
  /** @default the newest release's rules */
  rules?: NextAuthRules
}

// ---------------------------------------------------------------------------------------------
// The secret
// ---------------------------------------------------------------------------------------------

/** The part of `authOptions` that the secret comes from. */
export interface SecretOptions {
  secret?: string | null
  jwt?: { secret?: string | null } | null
}

/**
 * next-auth's `secret` for these options, as `getServerSession` and the App Router handler
 * resolve it (`next/index.ts`: `options.secret ??= process.env.NEXTAUTH_SECRET ??
 * process.env.AUTH_SECRET`), and as `getToken` and next-auth's own middleware default it: the
 * option, else `NEXTAUTH_SECRET`, else `AUTH_SECRET` (4.24.10 and later). `??`, not `||`: an
 * empty `NEXTAUTH_SECRET` is kept, which next-auth then refuses in production (`MissingSecret`).
 * It is what next-auth checks for at all (`assertConfig`); the key of session tokens is
 * {@link resolveJwtSecret}. `undefined` when there is none.
 *
 * @example
 * ```ts
 * const secret = resolveSecret(authOptions)
 * if (!secret) throw new Error("set NEXTAUTH_SECRET")
 * ```
 */
export function resolveSecret(authOptions?: SecretOptions | null, { env = processEnv(), rules = NEWEST }: NextAuthContext = {}): string | undefined {
  return authOptions?.secret ?? env.NEXTAUTH_SECRET ?? (rules.authSecret ? env.AUTH_SECRET : undefined)
}

/**
 * The key that next-auth encrypts and decrypts session tokens with: `authOptions.jwt.secret`
 * when the option is there at all (init.ts builds `jwt: { secret, …authOptions.jwt }`, so
 * even `jwt: { secret: undefined }` replaces it), else {@link resolveSecret}. The Pages API
 * handler's `options.secret ??= options.jwt?.secret ?? …` comes to the same key.
 *
 * @example
 * ```ts
 * const token = await decode({ token: cookie, secret: resolveJwtSecret(authOptions)! })
 * ```
 */
export function resolveJwtSecret(authOptions?: SecretOptions | null, context: NextAuthContext = {}): string | undefined {
  const jwt = authOptions?.jwt
  if (jwt && Object.keys(jwt).includes("secret")) return jwt.secret ?? undefined
  return resolveSecret(authOptions, context)
}

// ---------------------------------------------------------------------------------------------
// The origin and the __Secure- rule
// ---------------------------------------------------------------------------------------------

/** Request headers: a Fetch `Headers` or a Node headers object. */
export type HeaderSource =
  | { get(name: string): string | null }
  | Record<string, string | string[] | undefined>

/** A header as next-auth reads it from a plain headers object: as it is, arrays included. */
function header(headers: HeaderSource | undefined, name: string): string | string[] | undefined {
  if (!headers) return undefined
  if (typeof (headers as { get?: unknown }).get === "function") {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined
  }
  return (headers as Record<string, string | string[] | undefined>)[name]
}

/**
 * The site's origin as next-auth detects it (`utils/detect-origin.ts`): `NEXTAUTH_URL`, or
 * with `VERCEL` or `AUTH_TRUST_HOST` set (`VERCEL ?? AUTH_TRUST_HOST`, so an empty `VERCEL`
 * hides `AUTH_TRUST_HOST`) the forwarded host and protocol (anything but `http` is https). Up to
 * 4.24.14 a trusted host wins over `NEXTAUTH_URL` ({@link NextAuthRules.urlFirst}).
 * `undefined` stands for next-auth's default, `http://localhost:3000`.
 *
 * @example
 * ```ts
 * nextAuthOrigin({ host: "app.example.com", "x-forwarded-proto": "https" }, { env: { AUTH_TRUST_HOST: "1" } })
 * // "https://app.example.com"
 * ```
 */
export function nextAuthOrigin(headers: HeaderSource | undefined, { env = processEnv(), rules = NEWEST }: NextAuthContext = {}): string | undefined {
  // Each variable read once: a read of process.env is a call into the runtime.
  const url = env.NEXTAUTH_URL
  if (rules.urlFirst && url) return url
  if (env.VERCEL ?? env.AUTH_TRUST_HOST) {
    const host = header(headers, "x-forwarded-host") ?? header(headers, "host")
    return `${header(headers, "x-forwarded-proto") === "http" ? "http" : "https"}://${host}`
  }
  return url
}

/**
 * next-auth's URL of its own API (`utils/parse-url.ts`): the origin, and the base that relative
 * callback URLs are resolved against.
 *
 * @example
 * ```ts
 * const url: NextAuthUrl = { origin: "https://app.example.com", base: "https://app.example.com/api/auth" }
 * ```
 */
export interface NextAuthUrl {
  readonly origin: string
  readonly base: string
}

// Parsed origins, remembered: one per site (NEXTAUTH_URL), or one per forwarded host behind a
// trusted proxy; bounded, oldest out first.
const parsedUrls = new Map<string | undefined, NextAuthUrl | null>()
const PARSED_URLS = 100

/**
 * next-auth's `parseUrl(origin)`, or `null` where it throws, and with it every request
 * (`assertConfig` parses the origin first): an empty or malformed `NEXTAUTH_URL`, or a trusted
 * forwarded host that is not a host. A URL without a scheme is taken as https; no path or `/`
 * is `/api/auth`. Remembered per origin.
 *
 * @example
 * ```ts
 * parseNextAuthUrl("app.example.com")?.base // "https://app.example.com/api/auth"
 * parseNextAuthUrl("https://a b") // null: next-auth throws
 * ```
 */
export function parseNextAuthUrl(origin: string | undefined): NextAuthUrl | null {
  let url = parsedUrls.get(origin)
  if (url !== undefined) return url
  try {
    const fallback = new URL("http://localhost:3000/api/auth")
    // `??`, as there: an empty NEXTAUTH_URL is parsed, and fails.
    const parsed = new URL(origin && !origin.startsWith("http") ? `https://${origin}` : (origin ?? fallback))
    const path = (parsed.pathname === "/" ? fallback.pathname : parsed.pathname).replace(/\/$/, "")
    url = { origin: parsed.origin, base: `${parsed.origin}${path}` }
  } catch {
    url = null
  }
  if (parsedUrls.size >= PARSED_URLS) parsedUrls.delete(parsedUrls.keys().next().value)
  parsedUrls.set(origin, url)
  return url
}

/**
 * The site as next-auth sees it for one request.
 *
 * @example
 * ```ts
 * const site: NextAuthSite = nextAuthSite(req.headers, { useSecureCookies: authOptions.useSecureCookies })
 * if (!site.url) return undefined // next-auth throws for this request
 * ```
 */
export interface NextAuthSite {
  /** What {@link nextAuthOrigin} detected. */
  readonly origin: string | undefined
  /** The parsed origin, or `null` where next-auth's `parseUrl` throws (and so does every request). */
  readonly url: NextAuthUrl | null
  /** Whether its cookies are the `__Secure-` ones. */
  readonly secure: boolean
}

/**
 * The site of a request as next-auth sees it: its origin, parsed, and whether its cookies are
 * the `__Secure-` ones (`useSecureCookies ?? url.base.startsWith("https://")`, init.ts and
 * `assertConfig`). `useSecureCookies` wins when set; `null` falls through, as with `??`.
 *
 * @example
 * ```ts
 * const { secure } = nextAuthSite(req.headers, { useSecureCookies: authOptions.useSecureCookies })
 * const name = sessionCookieName(secure)
 * ```
 */
export function nextAuthSite(
  headers: HeaderSource | undefined,
  context: NextAuthContext & { useSecureCookies?: boolean | null } = {},
): NextAuthSite {
  // The context as it is (nextAuthOrigin reads only env and rules): no copy on every request.
  const { useSecureCookies } = context
  const origin = nextAuthOrigin(headers, context)
  const url = parseNextAuthUrl(origin)
  let secure: boolean
  if (useSecureCookies !== undefined && useSecureCookies !== null) secure = Boolean(useSecureCookies)
  else if (url) secure = url.base.startsWith("https://")
  // An origin next-auth cannot parse fails its every request; getToken (the middleware) reads
  // the cookie all the same: by the scheme, a bare host being https.
  else secure = !!origin && (!origin.startsWith("http") || origin.startsWith("https:"))
  return { origin, url, secure }
}

/**
 * Whether next-auth serves this request with `__Secure-` cookies; see {@link nextAuthSite}.
 *
 * @param useSecureCookies `authOptions.useSecureCookies`, which wins when set
 * @example
 * ```ts
 * const name = sessionCookieName(isSecureSite(request.headers, authOptions.useSecureCookies))
 * ```
 */
export function isSecureSite(
  headers: HeaderSource | undefined,
  useSecureCookies?: boolean | null,
  context: NextAuthContext = {},
): boolean {
  return nextAuthSite(headers, { ...context, useSecureCookies }).secure
}

// ---------------------------------------------------------------------------------------------
// Cookie names and options
// ---------------------------------------------------------------------------------------------

/**
 * next-auth's session cookie name for a secure or plain site (`core/lib/cookie.ts`,
 * `defaultCookies`).
 *
 * @example
 * ```ts
 * sessionCookieName(true) // "__Secure-next-auth.session-token"
 * ```
 */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}next-auth.session-token`
}

/**
 * next-auth's callback-url cookie name for a secure or plain site (`defaultCookies`).
 *
 * @example
 * ```ts
 * callbackUrlCookieName(false) // "next-auth.callback-url"
 * ```
 */
export function callbackUrlCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}next-auth.callback-url`
}

/**
 * The attributes of a `Set-Cookie` header, as the `cookie` package's `serialize` takes them
 * (next-auth's `CookieOption["options"]`).
 *
 * @example
 * ```ts
 * const attributes: CookieAttributes = { httpOnly: true, sameSite: "lax", path: "/", secure: true }
 * ```
 */
export interface CookieAttributes {
  domain?: string
  path?: string
  expires?: Date
  maxAge?: number
  httpOnly?: boolean
  secure?: boolean
  sameSite?: boolean | "lax" | "strict" | "none" | (string & {})
  priority?: "low" | "medium" | "high" | (string & {})
  partitioned?: boolean
  encode?: (value: string) => string
}

/**
 * A cookie's name and attributes (next-auth's `CookieOption`).
 *
 * @example
 * ```ts
 * const option: CookieOption = { name: "next-auth.session-token", options: { httpOnly: true, path: "/" } }
 * ```
 */
export interface CookieOption {
  name: string
  options?: CookieAttributes
}

/** The part of `authOptions` that the session cookie's name and attributes come from. */
export interface CookieOptions {
  useSecureCookies?: boolean | null
  cookies?: { sessionToken?: CookieOption | null; callbackUrl?: CookieOption | null } | null
}

/**
 * next-auth's session cookie for these options: `authOptions.cookies.sessionToken` when given
 * (init.ts spreads the app's cookies over the defaults: the app's replaces the default whole,
 * attributes included), else the default one for the site (`httpOnly`, `sameSite: "lax"`,
 * `path: "/"`, `secure` and the `__Secure-` name on a secure site).
 *
 * @example
 * ```ts
 * const { name, options } = sessionTokenCookie(authOptions, isSecureSite(req.headers, authOptions.useSecureCookies))
 * ```
 */
export function sessionTokenCookie(authOptions: CookieOptions | null | undefined, secure: boolean): CookieOption {
  return (
    authOptions?.cookies?.sessionToken ?? {
      name: sessionCookieName(secure),
      options: { httpOnly: true, sameSite: "lax", path: "/", secure },
    }
  )
}

// ---------------------------------------------------------------------------------------------
// The callback-url cookie
// ---------------------------------------------------------------------------------------------

/**
 * next-auth's check of a callback URL (`core/lib/assert.ts`, `isValidHttpUrl`): it parses as a
 * URL, resolved against the base when it starts with `/`, and comes out http or https. On every
 * request, the session read included, `assertConfig` refuses a callback-url cookie that fails it:
 * `getServerSession` throws (`InvalidCallbackUrl`). The same `URL` parser decides, so a
 * protocol-relative `//[`, a port over 65535 or a space in the host fail here as there.
 *
 * @param base {@link NextAuthUrl.base}
 * @example
 * ```ts
 * isValidCallbackUrl("/dashboard", "http://localhost:3000/api/auth") // true
 * isValidCallbackUrl("//a:99999/x", "http://localhost:3000/api/auth") // false
 * ```
 */
export function isValidCallbackUrl(url: string, base: string): boolean {
  try {
    return /^https?:/.test(new URL(url, url.startsWith("/") ? base : undefined).protocol)
  } catch {
    return false
  }
}

// ---------------------------------------------------------------------------------------------
// The chunked session cookie: SessionStore (core/lib/cookie.ts)
// ---------------------------------------------------------------------------------------------

/**
 * The room for a session cookie's value (`SessionStore`): 4096 bytes less its estimate of the
 * attributes (163). A longer value is written in chunks `<name>.0`, `<name>.1`, …
 *
 * @example
 * ```ts
 * const chunked = token.length > CHUNK_SIZE
 * ```
 */
export const CHUNK_SIZE = 4096 - 163

/** The cookies of a request: a parsed object, or Next.js's `RequestCookies` (`request.cookies`). */
export type CookieSource =
  | Partial<Record<string, string>>
  | { getAll(): Array<{ name: string; value: string }> }

/**
 * A session cookie as a request carries it.
 *
 * @example
 * ```ts
 * const { names, value }: StoredCookie = readChunkedCookie(req.cookies, "next-auth.session-token")
 * ```
 */
export interface StoredCookie {
  /** Every cookie whose name starts with the cookie's own, in the request's order. */
  names: string[]
  /** Their values joined in the order of their numeric suffix; `""` without any. */
  value: string
}

// SessionStore's comparator on the same keys, so that even odd names join the same way (a
// name without a numeric suffix compares as NaN, which sort takes as equal).
const suffix = (key: string) => parseInt(key.split(".").pop() ?? "0")
const bySuffix = (a: string, b: string) => suffix(a) - suffix(b)

/**
 * Reads a session cookie as next-auth's `SessionStore` does: every cookie whose name *starts
 * with* the name (the cookie and its chunks, and anything else so named), joined in the order
 * of their numeric suffix.
 *
 * @example
 * ```ts
 * const { value } = readChunkedCookie({ "next-auth.session-token.1": "b", "next-auth.session-token.0": "a" }, "next-auth.session-token")
 * // value === "ab"
 * ```
 */
export function readChunkedCookie(cookies: CookieSource | null | undefined, name: string): StoredCookie {
  if (!cookies) return { names: [], value: "" }
  if (typeof (cookies as { getAll?: unknown }).getAll === "function") {
    const chunks: Record<string, string> = {}
    for (const cookie of (cookies as { getAll(): Array<{ name: string; value: string }> }).getAll()) {
      if (cookie.name.startsWith(name)) chunks[cookie.name] = cookie.value
    }
    return joined(chunks)
  }
  const record = cookies as Partial<Record<string, string>>
  const names: string[] = []
  for (const key in record) if (key.startsWith(name)) names.push(key)
  // The common case, one cookie, without a copy or a sort.
  if (names.length === 1) return { names, value: record[names[0]!] ?? "" }
  return { names, value: [...names].sort(bySuffix).map((key) => record[key] ?? "").join("") }
}

function joined(chunks: Record<string, string>): StoredCookie {
  const names = Object.keys(chunks)
  return { names, value: [...names].sort(bySuffix).map((key) => chunks[key]).join("") }
}

/**
 * Splits a cookie as `SessionStore` does: itself when its value fits {@link CHUNK_SIZE}, else
 * `<name>.0`, `<name>.1`, … of `CHUNK_SIZE` characters each (and none for an empty value).
 *
 * @example
 * ```ts
 * chunkCookie("next-auth.session-token", "x".repeat(5000)).map((c) => c.name)
 * // ["next-auth.session-token.0", "next-auth.session-token.1"]
 * ```
 */
export function chunkCookie(name: string, value: string): Array<{ name: string; value: string }> {
  const count = Math.ceil(value.length / CHUNK_SIZE)
  if (count === 1) return [{ name, value }]
  return Array.from({ length: count }, (_, i) => ({ name: `${name}.${i}`, value: value.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE) }))
}

/**
 * A `Set-Cookie` header as the `cookie` package's `serialize` writes it (0.7, which next-auth
 * 4.24.9 and later use; 0.5 writes the same but for `Partitioned`): the value through
 * `encode` (`encodeURIComponent` by default), then `Max-Age`, `Domain`, `Path`, `Expires`,
 * `HttpOnly`, `Secure`, `Partitioned`, `Priority`, `SameSite`, byte for byte. It does not
 * repeat `serialize`'s checks, which throw for names, values and attributes that next-auth's
 * own cookies never have.
 *
 * @example
 * ```ts
 * serializeCookie("next-auth.session-token", "", { path: "/", httpOnly: true, sameSite: "lax", maxAge: 0 })
 * // "next-auth.session-token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"
 * ```
 */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes = {}): string {
  let header = `${name}=${(attributes.encode ?? encodeURIComponent)(value)}`
  if (attributes.maxAge !== undefined && attributes.maxAge !== null) header += `; Max-Age=${Math.floor(attributes.maxAge)}`
  if (attributes.domain) header += `; Domain=${attributes.domain}`
  if (attributes.path) header += `; Path=${attributes.path}`
  if (attributes.expires) header += `; Expires=${attributes.expires.toUTCString()}`
  if (attributes.httpOnly) header += "; HttpOnly"
  if (attributes.secure) header += "; Secure"
  if (attributes.partitioned) header += "; Partitioned"
  const priority = typeof attributes.priority === "string" ? attributes.priority.toLowerCase() : undefined
  if (priority === "low" || priority === "medium" || priority === "high") {
    header += `; Priority=${priority[0]!.toUpperCase()}${priority.slice(1)}`
  }
  const sameSite = typeof attributes.sameSite === "string" ? attributes.sameSite.toLowerCase() : attributes.sameSite
  if (sameSite === true || sameSite === "strict") header += "; SameSite=Strict"
  else if (sameSite === "lax") header += "; SameSite=Lax"
  else if (sameSite === "none") header += "; SameSite=None"
  return header
}

/** What `SessionStore` logs (`logger.debug`) when it writes a session cookie in chunks. */
export interface ChunkingDebug {
  message: string
  emptyCookieSize: number
  valueSize: number
  chunks: number[]
}

/**
 * The `Set-Cookie` headers of a new session cookie value, as next-auth's session route writes
 * them (`SessionStore.chunk(value, { expires })`): every cookie the request carried under the
 * name is expired (`Max-Age=0`), then the value, chunked, is written over them by name, with
 * the cookie's attributes and `expires`. A cookie that grew into chunks so expires the single
 * one, and one that shrank its chunks. `debug` gets what `SessionStore` logs as
 * `CHUNKING_SESSION_COOKIE`.
 *
 * @example
 * ```ts
 * const option = sessionTokenCookie(authOptions, secure)
 * const { names } = readChunkedCookie(req.cookies, option.name)
 * res.setHeader("Set-Cookie", sessionCookieHeaders({ option, stored: names, value: jwe, expires }))
 * ```
 */
export function sessionCookieHeaders({
  option,
  stored,
  value,
  expires,
  debug,
}: {
  /** The session cookie, {@link sessionTokenCookie}. */
  option: CookieOption
  /** The names the request carried, {@link StoredCookie.names}. */
  stored: readonly string[]
  /** The new value: the encrypted token. */
  value: string
  /** When the cookie ends. */
  expires: Date
  debug?: (code: "CHUNKING_SESSION_COOKIE", metadata: ChunkingDebug) => void
}): string[] {
  // A plain object, as there: its key order is the order of the headers.
  const written: Record<string, string> = {}
  for (const name of stored) written[name] = serializeCookie(name, "", { ...option.options, maxAge: 0 })
  const chunks = chunkCookie(option.name, value)
  for (const chunk of chunks) written[chunk.name] = serializeCookie(chunk.name, chunk.value, { ...option.options, expires })
  if (chunks.length !== 1) {
    debug?.("CHUNKING_SESSION_COOKIE", {
      message: "Session cookie exceeds allowed 4096 bytes.",
      emptyCookieSize: 4096 - CHUNK_SIZE,
      valueSize: value.length,
      chunks: chunks.map((chunk) => chunk.value.length + 4096 - CHUNK_SIZE),
    })
  }
  return Object.values(written)
}

/**
 * The `Set-Cookie` headers that expire every cookie a request carried under the session
 * cookie's name, as next-auth writes them when it drops a session (`SessionStore.clean()`).
 *
 * @example
 * ```ts
 * res.setHeader("Set-Cookie", expiredCookieHeaders(sessionTokenCookie(authOptions, secure), names))
 * ```
 */
export function expiredCookieHeaders(option: CookieOption, stored: readonly string[]): string[] {
  return stored.map((name) => serializeCookie(name, "", { ...option.options, maxAge: 0 }))
}
