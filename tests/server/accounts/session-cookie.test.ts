/**
 * The session re-issue of change-password against next-auth's own session route: for the same
 * request, options and clock, `reissueSessionCookie` writes the Set-Cookie headers that
 * getServerSession writes (names, attributes, chunks and the names it expires), decrypts with
 * the key and jwt options next-auth uses, and the token it writes differs only in `cv`.
 */
import type { NextAuthOptions } from "next-auth"
import { decode, encode, type JWT } from "next-auth/jwt"
import { getServerSession } from "next-auth/next"
import { afterEach, describe, expect, it, vi } from "vitest"
import { readChunkedCookie } from "../../../src/core/next-auth-cookies"
import { reissueSessionCookie, sessionCookieOf } from "../../../src/server/accounts/sessions"
import { parseCookies } from "../../../src/server/session"
import { baseAuthOptions, OTHER_SECRET, SECRET } from "../harness"

const SESSION = "next-auth.session-token"

function response() {
  let setCookie: string[] = []
  return {
    getHeader: (name: string) => (name.toLowerCase() === "set-cookie" ? setCookie : undefined),
    setHeader: (name: string, value: string | readonly string[]) => {
      if (name.toLowerCase() === "set-cookie") setCookie = [...(Array.isArray(value) ? value : [String(value)])]
    },
    cookies: () => setCookie,
  }
}

/** A Set-Cookie header with its encrypted value masked. */
const shape = (header: string) => header.replace(/^([^=]+)=([^;]*)/, (_, name: string, value: string) => `${name}=${value ? "<jwe>" : ""}`)

/** What both write for the request: the session cookie's headers (next-auth adds CSRF ones). */
async function sideBySide(options: NextAuthOptions, cookies: Record<string, string>, name = SESSION, headers: Record<string, string> = {}) {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() })
  try {
    const req = { headers: { host: "localhost:3000", ...headers }, cookies }
    const ours = await reissueSessionCookie(options, req, "1", 7)
    const res = response()
    await getServerSession(req as never, res as never, options)
    const theirs = res.cookies().filter((c) => c.startsWith(`${name}=`) || c.startsWith(`${name}.`))
    return { ours, theirs }
  } finally {
    vi.useRealTimers()
  }
}

/** The token a list of Set-Cookie headers carries, chunks joined as next-auth joins them. */
async function tokenIn(headers: readonly string[], name: string, jwt: { secret: string; salt?: string }) {
  const written = parseCookies(headers.map((c) => c.split(";")[0]!).join("; "))
  const { value } = readChunkedCookie(Object.fromEntries(Object.entries(written).filter(([, v]) => v)), name)
  const { jti: _, iat: __, exp: ___, ...token } = (await decode({ ...jwt, token: value }))!
  return token
}

const token: JWT = { sub: "1", email: "ada@example.com", cv: 3 }

afterEach(() => vi.unstubAllEnvs())

describe("reissueSessionCookie, beside next-auth's session route", () => {
  it("writes the cookie next-auth writes, with only cv changed", async () => {
    const options = baseAuthOptions()
    const { ours, theirs } = await sideBySide(options, { [SESSION]: await encode({ token, secret: SECRET }) })
    expect(ours!.map(shape)).toEqual(theirs.map(shape))
    expect(await tokenIn(ours!, SESSION, { secret: SECRET })).toEqual({ ...(await tokenIn(theirs, SESSION, { secret: SECRET })), cv: 7 })
  })

  it("writes chunks and expires the single cookie when the token outgrows one, and back", async () => {
    const options = baseAuthOptions()
    const big = await encode({ token: { ...token, blob: "x".repeat(6000) }, secret: SECRET })
    const grown = await sideBySide(options, { [SESSION]: big })
    expect(grown.ours!.map(shape)).toEqual(grown.theirs.map(shape))
    expect(grown.ours!.map((c) => c.split("=")[0])).toEqual([SESSION, `${SESSION}.0`, `${SESSION}.1`, `${SESSION}.2`])

    const chunks = Object.fromEntries(
      grown.ours!.map((c) => c.split(";")[0]!.split("=") as [string, string]).filter(([, value]) => value),
    )
    const again = await sideBySide(options, chunks)
    expect(sessionCookieOf(options, { headers: {}, cookies: chunks }).names).toEqual(Object.keys(chunks))
    expect(again.ours!.map(shape)).toEqual(again.theirs.map(shape))
  })

  it("writes the app's own sessionToken name and attributes, as next-auth does (its option replaces the default whole)", async () => {
    const sessionToken = { name: "app.session", options: { domain: "example.com", path: "/", sameSite: "strict" as const, secure: true } }
    const options = baseAuthOptions({ cookies: { sessionToken } })
    const { ours, theirs } = await sideBySide(options, { "app.session": await encode({ token, secret: SECRET }) }, "app.session")
    expect(ours!.map(shape)).toEqual(theirs.map(shape))
    expect(ours![0]).not.toContain("HttpOnly")
  })

  it("writes the __Secure- cookie on an https site", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://app.example.com")
    const name = `__Secure-${SESSION}`
    const { ours, theirs } = await sideBySide(baseAuthOptions(), { [name]: await encode({ token, secret: SECRET }) }, name)
    expect(ours!.map(shape)).toEqual(theirs.map(shape))
    expect(ours![0]).toMatch(/; Secure; SameSite=Lax$/)
  })

  it("decrypts and encrypts with jwt.secret and jwt.salt, as next-auth's session route does", async () => {
    const options = baseAuthOptions({ jwt: { secret: OTHER_SECRET, salt: "app-salt" } as never })
    const jwt = { secret: OTHER_SECRET, salt: "app-salt" }
    const { ours, theirs } = await sideBySide(options, { [SESSION]: await encode({ ...jwt, token }) })
    expect(theirs.length).toBe(1)
    expect(ours!.map(shape)).toEqual(theirs.map(shape))
    expect(await tokenIn(ours!, SESSION, jwt)).toEqual({ ...(await tokenIn(theirs, SESSION, jwt)), cv: 7 })
  })

  it("answers null for a cookie of another user, another key, or none", async () => {
    const options = baseAuthOptions()
    const req = (cookies: Record<string, string>) => ({ headers: { host: "localhost:3000" }, cookies })
    expect(await reissueSessionCookie(options, req({ [SESSION]: await encode({ token: { ...token, sub: "2" }, secret: SECRET }) }), "1", 7)).toBeNull()
    expect(await reissueSessionCookie(options, req({ [SESSION]: await encode({ token, secret: OTHER_SECRET }) }), "1", 7)).toBeNull()
    expect(await reissueSessionCookie(options, req({}), "1", 7)).toBeNull()
  })
})
