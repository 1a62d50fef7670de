import type { IncomingHttpHeaders } from "node:http"
import type { NextApiRequest, NextApiResponse } from "next"
import type { NextAuthOptions, Session } from "next-auth"
import { getServerSession } from "next-auth/next"
import type { FastSessionReader } from "./fast-session"

/** What the session readers need of a request: its headers, and cookies when already parsed. */
export interface RequestLike {
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>
  cookies?: Partial<Record<string, string>>
}

/** What next-auth needs of a response: a place to put renewed or cleared cookies. */
export interface ResponseLike {
  getHeader(name: string): unknown
  setHeader(name: string, value: string | number | readonly string[]): unknown
}

/** Parses a `Cookie` header. Malformed pairs and escapes are kept raw, never thrown on. */
export function parseCookies(header: string | string[] | undefined): Record<string, string> {
  const cookies: Record<string, string> = {}
  const text = Array.isArray(header) ? header.join("; ") : (header ?? "")
  for (const pair of text.split(";")) {
    const eq = pair.indexOf("=")
    if (eq <= 0) continue
    const name = pair.slice(0, eq).trim()
    if (!name || name in cookies) continue
    let value = pair.slice(eq + 1).trim()
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
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
 * here and also reads as "no session", never as an exception in the page.
 */
export async function readSession(
  authOptions: NextAuthOptions,
  req: RequestLike,
  res: ResponseLike,
  fast?: FastSessionReader | null,
): Promise<Session | null> {
  const request = { headers: req.headers, cookies: req.cookies ?? parseCookies(req.headers.cookie) }
  try {
    if (fast) {
      const session = await fast(request, res)
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
