/**
 * Real next-auth for the server tests: authOptions with a CredentialsProvider and the jwt
 * strategy, cookies minted by the kit's own `sessionCookie`, and Node's own request and
 * response objects.
 */
import { createServer, IncomingMessage, type Server, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { Socket } from "node:net"
import type { GetServerSidePropsContext, NextApiHandler, NextApiRequest, NextApiResponse } from "next"
import type { NextAuthOptions } from "next-auth"
import CredentialsProvider from "next-auth/providers/credentials"
import { vi } from "vitest"
import { withRoleClaims } from "../../src/server"
import { sessionCookie, type SessionCookieOptions } from "../../src/testing"

export const SECRET = "test-secret-of-at-least-32-characters-long"
export const OTHER_SECRET = "another-secret-that-is-not-the-apps-own"

export const users = {
  ada: { id: "1", name: "Ada Lovelace", email: "ada@example.com", roles: ["admin", "user"] },
  grace: { id: "2", name: "Grace Hopper", email: "grace@example.com", roles: ["user"] },
} as const

/** next-auth's logger, silenced and recorded: bad cookies are logged, by design. */
export const logged: Array<{ level: string; code: string }> = []

/** The app's authOptions with roles carried into the session by the kit's withRoleClaims. */
export function makeAuthOptions(extra: Partial<NextAuthOptions> = {}): NextAuthOptions {
  return withRoleClaims(baseAuthOptions(extra))
}

/** The app's authOptions as written by hand, without the kit. */
export function baseAuthOptions(extra: Partial<NextAuthOptions> = {}): NextAuthOptions {
  return {
    secret: SECRET,
    session: { strategy: "jwt" },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        credentials: { email: {}, password: {} },
        async authorize(credentials) {
          const user = Object.values(users).find((u) => u.email === credentials?.email)
          return user && credentials?.password === "right" ? { ...user, roles: [...user.roles] } : null
        },
      }),
    ],
    logger: {
      error: (code) => void logged.push({ level: "error", code }),
      warn: (code) => void logged.push({ level: "warn", code }),
      debug: () => {},
    },
    ...extra,
  }
}

/** A session cookie header for one of the users, optionally minted some seconds ago. */
export async function cookieFor(
  user: keyof typeof users,
  { issuedSecondsAgo = 0, ...options }: Partial<SessionCookieOptions> & { issuedSecondsAgo?: number } = {},
): Promise<string> {
  const { roles, ...rest } = users[user]
  // jose stamps iat from `new Date()`: move the whole Date back while minting.
  if (issuedSecondsAgo) vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - issuedSecondsAgo * 1000 })
  try {
    const cookie = await sessionCookie({ user: rest, roles, secret: SECRET, ...options })
    return `${cookie.name}=${cookie.value}`
  } finally {
    if (issuedSecondsAgo) vi.useRealTimers()
  }
}

/** Older than next-auth's default updateAge (a day): due for renewal. */
export const DUE_FOR_RENEWAL = 2 * 24 * 60 * 60

/** A real IncomingMessage / ServerResponse pair, as Next.js hands to getServerSideProps. */
export function pageContext(
  resolvedUrl: string,
  cookie?: string,
): GetServerSidePropsContext & { res: ServerResponse } {
  const req = new IncomingMessage(new Socket())
  req.method = "GET"
  req.url = resolvedUrl
  req.headers = { host: "localhost:3000", ...(cookie === undefined ? {} : { cookie }) }
  const res = new ServerResponse(req)
  return { req, res, resolvedUrl, query: {}, params: {} } as unknown as GetServerSidePropsContext & {
    res: ServerResponse
  }
}

/**
 * Serves an API handler on 127.0.0.1 the way Next.js's API resolver does: parsed
 * `req.query` and `req.cookies`, and `res.status()` / `res.json()` / `res.send()`.
 */
export async function serveApi(handler: NextApiHandler): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const apiReq = req as NextApiRequest
    const apiRes = res as NextApiResponse
    const url = new URL(req.url ?? "/", "http://localhost")
    Object.assign(apiReq, { query: Object.fromEntries(url.searchParams) })
    apiRes.status = (code: number) => {
      res.statusCode = code
      return apiRes
    }
    apiRes.json = (body: unknown) => {
      res.setHeader("Content-Type", "application/json; charset=utf-8")
      res.end(JSON.stringify(body))
    }
    apiRes.send = (body: unknown) => {
      res.end(typeof body === "string" ? body : JSON.stringify(body))
    }
    Promise.resolve(handler(apiReq, apiRes)).catch(() => {
      // Next.js answers 500 itself when a handler rejects; the kit's must never get here.
      res.statusCode = 599
      res.end("unhandled")
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** Cookies that must all read as "signed out". */
export async function badCookies(): Promise<Array<[string, string]>> {
  const good = (await cookieFor("ada")).split("=")[1]!
  const name = "next-auth.session-token"
  const flip = (value: string, at: number) =>
    value.slice(0, at) + (value[at] === "A" ? "B" : "A") + value.slice(at + 1)
  return [
    ["tampered in the ciphertext", `${name}=${flip(good, Math.floor(good.length / 2))}`],
    ["tampered in the header", `${name}=${flip(good, 5)}`],
    ["tampered in the tag", `${name}=${flip(good, good.length - 3)}`],
    ["truncated", `${name}=${good.slice(0, good.length - 20)}`],
    ["cut to its header", `${name}=${good.split(".")[0]}`],
    ["expired", await cookieFor("ada", { maxAge: -60 })],
    ["encrypted with another secret", await cookieFor("ada", { secret: OTHER_SECRET })],
    ["garbage", `${name}=garbage`],
    ["empty", `${name}=`],
    ["five dots", `${name}=.....`],
    ["a plain signed JWT", `${name}=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl`],
    ["10 KB long", `${name}=${"A".repeat(10 * 1024)}`],
    ["percent garbage", `${name}=%E0%A4%A`],
    // UTF-8 bytes as a server reads them from the header.
    ["unicode", `${name}=${Buffer.from("ŝéšşïøñ✓").toString("latin1")}`],
  ]
}

/**
 * next-auth itself, served on 127.0.0.1 the way Next.js serves `pages/api/auth/[...nextauth]`:
 * `req.query.nextauth` from the path, the body parsed from JSON or a form.
 */
export async function serveNextAuth(
  authOptions: NextAuthOptions,
  basePath = "/api/auth",
  /** next-auth's handler when not `NextAuth(authOptions)`: a kit instance's `handler`. */
  given?: (req: NextApiRequest, res: NextApiResponse) => unknown,
): Promise<{ url: string; close: () => Promise<void> }> {
  const { default: NextAuth } = await import("next-auth")
  const handler = given ?? NextAuth(authOptions)
  return serveApi(async (req, res) => {
    const url = new URL(req.url!, "http://localhost")
    if (!url.pathname.startsWith(`${basePath}/`)) return res.status(404).json({})
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString("utf8")
    const type = req.headers["content-type"] ?? ""
    req.body = type.includes("application/json")
      ? JSON.parse(raw || "{}")
      : Object.fromEntries(new URLSearchParams(raw))
    req.cookies = parseCookieHeader(req.headers.cookie)
    req.query = {
      ...Object.fromEntries(url.searchParams),
      nextauth: url.pathname.slice(basePath.length + 1).split("/"),
    }
    await handler(req, res)
  })
}

function parseCookieHeader(header: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (header ?? "")
      .split(";")
      .map((pair) => pair.trim().split("="))
      .filter(([name]) => name)
      .map(([name, ...value]) => [name!, decodeURIComponent(value.join("="))]),
  )
}

/** Signs in through next-auth's real credentials flow; returns the session cookie header. */
export async function signInWithCredentials(
  baseUrl: string,
  email: string,
  password: string,
): Promise<string | null> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ")
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  })
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("next-auth.session-token="))
  return session ?? null
}

/**
 * A browser's cookie jar for one site, enough to play next-auth's `Set-Cookie` headers back
 * request after request: `Max-Age=0` or a past `Expires` deletes, a live `Expires` is honoured
 * against the (possibly faked) clock, and an updated cookie keeps its place in the `Cookie`
 * header, as browsers order by creation time.
 */
export class CookieJar {
  private readonly jar = new Map<string, { value: string; expires: number }>()

  /** Stores `name=value`, live until `expires` (ms since the epoch; default: a session cookie). */
  set(name: string, value: string, expires = Number.POSITIVE_INFINITY): this {
    this.jar.set(name, { value, expires })
    return this
  }

  /** Applies `Set-Cookie` headers, as a browser does. */
  apply(setCookies: readonly string[]): this {
    for (const header of setCookies) {
      const [pair = "", ...attributes] = header.split(";").map((part) => part.trim())
      const eq = pair.indexOf("=")
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      let expires = Number.POSITIVE_INFINITY
      for (const attribute of attributes) {
        const [key = "", raw = ""] = attribute.split("=")
        if (key.toLowerCase() === "max-age") expires = Date.now() + Number(raw) * 1000
        if (key.toLowerCase() === "expires" && expires === Number.POSITIVE_INFINITY) expires = Date.parse(raw)
      }
      if (expires <= Date.now()) this.jar.delete(name)
      else this.jar.set(name, { value, expires })
    }
    return this
  }

  /** The `Cookie` header the browser sends now: live cookies only. */
  header(): string {
    return [...this.jar]
      .filter(([, { expires }]) => expires > Date.now())
      .map(([name, { value }]) => `${name}=${value}`)
      .join("; ")
  }

  /** Names of the live cookies. */
  names(): string[] {
    return [...this.jar].filter(([, { expires }]) => expires > Date.now()).map(([name]) => name)
  }
}

/**
 * Signs in through next-auth's real credentials flow and answers every `Set-Cookie` header a
 * browser received on the way (CSRF, callback URL, session), for a {@link CookieJar}.
 */
export async function signInSetCookies(baseUrl: string, email: string, password: string): Promise<string[]> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const received = csrf.headers.getSetCookie()
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: new CookieJar().apply(received).header(),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  })
  return [...received, ...response.headers.getSetCookie()]
}
