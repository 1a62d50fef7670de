import type { NextApiRequest, NextApiResponse } from "next"
import type { NextAuthOptions, Session } from "next-auth"
import { getServerSession } from "next-auth/next"
import { AuthKitError } from "../core/errors"
import { resolveSecret } from "../core/next-auth-cookies"
import { type FastSessionReader, installedNextAuthRules, type RequestLike, type ResponseLike } from "./fast-session"

// Declared beside the fast reader, which this module builds on, so that the two do not import
// each other; exported from here too, where the rest of the kit takes them from.
export type { RequestLike, ResponseLike } from "./fast-session"

/** Options of {@link parseCookies}. */
export interface ParseCookiesOptions {
  /**
   * Whose parsing to copy, so that the kit reads the same cookie that next-auth would where a
   * name comes twice (two session cookies for one site, a stale one from a parent domain):
   * - `"pages"`: `req.cookies` in API routes and `getServerSideProps` (Next's compiled
   *   `cookie` package): the first of a name wins, values trimmed and unquoted, a bad escape
   *   kept raw.
   * - `"app"`: `cookies()` from `next/headers`, which `getServerSession()` reads in the App
   *   Router: the last of a name wins, values as sent, a pair with a bad escape skipped.
   * @default "pages"
   */
  router?: "pages" | "app"
}

/** Parses a `Cookie` header as Next.js does for the given router; never throws. */
export function parseCookies(
  header: string | string[] | undefined,
  { router = "pages" }: ParseCookiesOptions = {},
): Record<string, string> {
  const text = Array.isArray(header) ? header.join("; ") : (header ?? "")
  if (router === "app") {
    // @edge-runtime/cookies' parseCookie (RequestCookies), pair for pair.
    const cookies = new Map<string, string>()
    for (const pair of text.split(/; */)) {
      if (!pair) continue
      const eq = pair.indexOf("=")
      if (eq === -1) {
        cookies.set(pair, "true")
        continue
      }
      try {
        cookies.set(pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)))
      } catch {
        // Skipped: an earlier pair of the same name stays.
      }
    }
    return Object.fromEntries(cookies)
  }
  // The `cookie` package's parse as Next.js compiles it: a plain `{}`, so a name
  // that an object inherits (`constructor`) is skipped, as there.
  const cookies: Record<string, string> = {}
  for (const pair of text.split(/; */)) {
    const eq = pair.indexOf("=")
    if (eq < 0) continue
    const name = pair.slice(0, eq).trim()
    let value = pair.slice(eq + 1).trim()
    if (value[0] === '"') value = value.slice(1, -1)
    if (cookies[name] !== undefined) continue
    try {
      cookies[name] = decodeURIComponent(value)
    } catch {
      cookies[name] = value
    }
  }
  return cookies
}

/**
 * The session of a request, or `null`: through the jwt fast path when it applies, else
 * next-auth's own `getServerSession` (never an HTTP round trip). A malformed, tampered, expired or foreign cookie is "no session": next-auth logs
 * it and clears the cookie through `res`; anything it throws (a misconfiguration) is logged
 * here and also reads as "no session", never as an exception in the page. A missing secret in
 * production is the exception: it throws `invalid_config`, since no session could ever be read.
 * `rethrow` lets the errors that Next.js throws for control flow pass (App Router).
 */
export async function readSession(
  authOptions: NextAuthOptions,
  req: RequestLike,
  res: ResponseLike,
  fast?: FastSessionReader | null,
  rethrow?: (error: unknown) => void,
): Promise<Session | null> {
  const secret = assertSecret(authOptions)
  const request = { headers: req.headers, cookies: req.cookies ?? parseCookies(req.headers.cookie) }
  try {
    if (fast) {
      const session = await fast(request, res, { secret })
      if (session !== undefined) return session
    }
    // next-auth reads only `headers` and `cookies` of the request, and sets cookies on `res`.
    const session = await getServerSession(
      request as unknown as NextApiRequest,
      res as unknown as NextApiResponse,
      authOptions,
    )
    return session && typeof session === "object" ? (session as Session) : null
  } catch (error) {
    // In the App Router, Next.js signals dynamic rendering, redirects and bailouts by throwing.
    rethrow?.(error)
    console.error("[next-auth-kit] Reading the session failed; treating the request as signed out.", error)
    return null
  }
}

/**
 * A copy of the session that Next.js can serialise as page props: `undefined` removed at any
 * depth (next-auth callbacks often add it), `Date`s as ISO strings, functions dropped.
 */
export function toSerializable(session: Session): Session {
  return JSON.parse(
    JSON.stringify(session, (_, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
    ),
  ) as Session
}

// Here, beside its one caller, rather than in config.ts: config.ts imports the i18n modules,
// which import this one (parseCookies), and the import would close a cycle.
/**
 * next-auth in production refuses to run without a secret (`assertConfig`: `MissingSecret`,
 * for the secret as `getServerSession` resolves it, an empty one included, and `AUTH_SECRET`
 * only from next-auth 4.24.10 on); the kit says so on first use instead of reading every
 * request as signed out. Answers the secret it found (`undefined` outside production without one).
 *
 * @example
 * ```ts
 * assertSecret(authOptions) // throws invalid_config in production without NEXTAUTH_SECRET
 * ```
 */
export function assertSecret(authOptions: NextAuthOptions): string | undefined {
  const secret = resolveSecret(authOptions, { rules: installedNextAuthRules() })
  if (secret || process.env.NODE_ENV !== "production") return secret
  throw new AuthKitError(
    "invalid_config",
    "No secret: set NEXTAUTH_SECRET in the environment (or `secret` in authOptions). Without it no session can be read.",
  )
}
