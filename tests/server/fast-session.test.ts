/**
 * The jwt fast path must return what next-auth's getServerSession returns, for the same cookie
 * and the same callbacks; only `expires` may differ (it reports the cookie's real expiry and
 * slides in steps of updateAge).
 */
import fc from "fast-check"
import type { NextAuthOptions } from "next-auth"
import { getServerSession } from "next-auth/next"
import { describe, expect, it, vi } from "vitest"
import { createFastSessionReader, PayloadCache } from "../../src/server/fast-session"
import { parseCookies, readSession } from "../../src/server/session"
import { sessionCookie } from "../../src/testing"
import { baseAuthOptions, badCookies, cookieFor, DUE_FOR_RENEWAL, makeAuthOptions, SECRET } from "./harness"

function request(cookie: string) {
  const headers = { host: "localhost:3000", cookie }
  return { headers, cookies: parseCookies(cookie) }
}
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
const bad = await badCookies()
const withoutExpires = <T,>(session: T) => {
  if (!session || typeof session !== "object") return session
  const { expires: _, ...rest } = session as Record<string, unknown>
  return rest
}

async function both(options: NextAuthOptions, cookie: string) {
  const fast = createFastSessionReader(options)!
  const fastRes = response()
  const viaFast = await fast(request(cookie), fastRes)
  const real = await getServerSession(request(cookie) as never, response() as never, options)
  return { fast: viaFast, real, fastCookies: fastRes.cookies() }
}

const user = fc.record({
  id: fc.string({ minLength: 1, maxLength: 20 }),
  name: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
  email: fc.option(fc.emailAddress(), { nil: undefined }),
  image: fc.option(fc.webUrl(), { nil: undefined }),
})
const claims = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 10 }).filter((k) => !["exp", "iat", "jti", "nbf", "sub", "name", "email", "picture", "roles"].includes(k)),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 4 },
)

describe("the jwt session fast path", () => {
  it("returns the same session as getServerSession over many generated tokens", async () => {
    const options = makeAuthOptions({
      callbacks: {
        session: ({ session, token }) => ({ ...session, claims: token, tier: (token as { tier?: unknown }).tier ?? null }),
      },
    })
    await fc.assert(
      fc.asyncProperty(user, fc.array(fc.constantFrom("admin", "user", "editor"), { maxLength: 3 }), claims, async (u, roles, extra) => {
        const cookie = await sessionCookie({ user: u, roles, claims: extra, secret: SECRET })
        const { fast, real } = await both(options, `${cookie.name}=${cookie.value}`)
        expect(fast).not.toBeUndefined()
        expect(withoutExpires(fast)).toEqual(withoutExpires(real))
      }),
      { numRuns: 150 },
    )
  })

  it("runs a jwt callback that changes the token, and then re-issues the cookie", async () => {
    const jwt = vi.fn(({ token }) => ({ ...token, refreshedAt: 1 }))
    const options = baseAuthOptions({ callbacks: { jwt, session: ({ session, token }) => ({ ...session, refreshedAt: token.refreshedAt }) } })
    const { fast, real, fastCookies } = await both(options, await cookieFor("ada"))
    expect(withoutExpires(fast)).toEqual(withoutExpires(real))
    expect(fast).toMatchObject({ refreshedAt: 1 })
    expect(fastCookies.some((c) => c.startsWith("next-auth.session-token="))).toBe(true)
  })

  it("persists a jwt callback that changes the token in place, request after request, as next-auth does", async () => {
    // The refresh-token pattern: the callback mutates the token it is given and returns it.
    const options = baseAuthOptions({
      callbacks: {
        jwt: ({ token }) => {
          token.visits = ((token.visits as number | undefined) ?? 0) + 1
          return token
        },
        session: ({ session, token }) => ({ ...session, visits: token.visits }),
      },
    })
    const fast = createFastSessionReader(options)!
    const sessionCookieOf = (cookies: string[], fallback: string) =>
      cookies.find((c) => c.startsWith("next-auth.session-token="))?.split(";")[0] ?? fallback
    let viaFast = await cookieFor("ada")
    let viaNextAuth = viaFast
    for (const visit of [1, 2, 3]) {
      const fastRes = response()
      const realRes = response()
      const a = await fast(request(viaFast), fastRes)
      const b = await getServerSession(request(viaNextAuth) as never, realRes as never, options)
      expect(a).toMatchObject({ visits: visit })
      expect(withoutExpires(a)).toEqual(withoutExpires(b))
      viaFast = sessionCookieOf(fastRes.cookies(), viaFast)
      viaNextAuth = sessionCookieOf(realRes.cookies(), viaNextAuth)
    }
  })

  it("hands each read a token of its own: a callback's change never leaks into the next read of the same cookie", async () => {
    const seen: unknown[] = []
    const options = baseAuthOptions({
      callbacks: {
        jwt: ({ token }) => {
          seen.push(token.scratch)
          token.scratch = "changed"
          return token
        },
      },
    })
    const fast = createFastSessionReader(options)!
    const cookie = await cookieFor("ada")
    for (let i = 0; i < 3; i++) await fast(request(cookie), response())
    expect(seen).toEqual([undefined, undefined, undefined])
  })

  it("checks the expiry on every read, also of a cookie it has read before", async () => {
    const options = makeAuthOptions()
    const fast = createFastSessionReader(options)!
    const cookie = await cookieFor("ada", { maxAge: 60 })
    expect(await fast(request(cookie), response())).toMatchObject({ user: { email: "ada@example.com" } })
    vi.useFakeTimers({ now: Date.now() + 120_000, toFake: ["Date"] })
    try {
      expect(await fast(request(cookie), response())).toBeUndefined() // next-auth decides: expired
      expect(await readSession(options, request(cookie), response(), fast)).toBeNull()
    } finally {
      vi.useRealTimers()
    }
  })

  it("re-issues a cookie older than updateAge, and reports the new expiry", async () => {
    const { fast, fastCookies } = await both(makeAuthOptions(), await cookieFor("ada", { issuedSecondsAgo: DUE_FOR_RENEWAL }))
    expect(fastCookies).toHaveLength(1)
    expect(new Date(fast!.expires).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000)
  })

  it("leaves a fresh cookie alone and reports its real expiry", async () => {
    const { fast, fastCookies } = await both(makeAuthOptions(), await cookieFor("ada", { maxAge: 3600 }))
    expect(fastCookies).toEqual([])
    expect(Math.abs(new Date(fast!.expires).getTime() - (Date.now() + 3_600_000))).toBeLessThan(5_000)
  })

  it("calls events.session once per read, as next-auth does", async () => {
    const session = vi.fn()
    await both(makeAuthOptions({ events: { session } }), await cookieFor("grace"))
    expect(session).toHaveBeenCalledTimes(2) // once by the fast path, once by getServerSession
  })

  it.each(bad)("agrees on a cookie %s: no session (it defers to next-auth)", async (_, cookie) => {
    const { fast, real } = await both(makeAuthOptions(), cookie)
    expect(real).toBeNull()
    expect(fast === undefined || fast === null).toBe(true)
  })

  it("answers null with no cookie at all", async () => {
    const { fast, real } = await both(makeAuthOptions(), "other=1")
    expect(fast).toBeNull()
    expect(real).toBeNull()
  })

  it("reads the __Secure- cookie on an https origin, like next-auth", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://app.example.com")
    try {
      const plain = await cookieFor("ada")
      const secure = await cookieFor("ada", { secure: true })
      const options = makeAuthOptions()
      expect((await both(options, plain)).fast).toBeNull()
      const { fast, real } = await both(options, secure)
      expect(withoutExpires(fast)).toEqual(withoutExpires(real))
      expect(fast).not.toBeNull()
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it.each([
    ["the database strategy", { session: { strategy: "database" } }],
    ["an adapter without a strategy (database by default)", { adapter: {}, session: {} }],
    ["a custom jwt.decode", { jwt: { decode: async () => null } }],
    ["a custom jwt.encode", { jwt: { encode: async () => "" } }],
    ["custom session cookie options", { cookies: { sessionToken: { name: "s", options: {} } } }],
  ] as const)("steps aside for %s", (_, extra) => {
    expect(createFastSessionReader(baseAuthOptions(extra as Partial<NextAuthOptions>))).toBeNull()
  })
})

describe("the fast path's decryption, at the edges of what next-auth writes", () => {
  async function key() {
    const text = new TextEncoder()
    const material = await crypto.subtle.importKey("raw", text.encode(SECRET), "HKDF", false, ["deriveBits"])
    const bits = await crypto.subtle.deriveBits(
      { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: text.encode("NextAuth.js Generated Encryption Key") },
      material,
      256,
    )
    return new Uint8Array(bits)
  }
  async function mint(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: "dir", enc: "A256GCM" }) {
    const { EncryptJWT } = await import("jose")
    return `next-auth.session-token=${await new EncryptJWT(claims).setProtectedHeader(header as never).encrypt(await key())}`
  }
  const now = () => Math.floor(Date.now() / 1000)

  it.each([
    ["expired 10 s ago (inside jose's 15 s tolerance)", { email: "ada@example.com", iat: now() - 100, exp: now() - 10 }],
    ["expired 60 s ago", { email: "ada@example.com", iat: now() - 100, exp: now() - 60 }],
    ["not valid before a minute from now", { email: "ada@example.com", iat: now(), exp: now() + 3600, nbf: now() + 60 }],
    ["without exp", { email: "ada@example.com", iat: now() }],
  ])("agrees with next-auth on a token %s", async (_, claims) => {
    const options = makeAuthOptions()
    const cookie = await mint(claims)
    const viaKit = await readSession(options, request(cookie), response(), createFastSessionReader(options))
    const real = await getServerSession(request(cookie) as never, response() as never, options)
    expect(withoutExpires(viaKit)).toEqual(withoutExpires(real))
  })

  it("defers to next-auth for a header next-auth does not write", async () => {
    const cookie = await mint({ email: "ada@example.com", exp: now() + 3600 }, { alg: "dir", enc: "A256GCM", cty: "JWT" })
    const fast = createFastSessionReader(makeAuthOptions())!
    expect(await fast(request(cookie), response())).toBeUndefined()
    const real = await getServerSession(request(cookie) as never, response() as never, makeAuthOptions())
    expect(real).toMatchObject({ user: { email: "ada@example.com" } })
  })
})

describe("the fast path's memory of decrypted cookies", () => {
  it("keeps at most its limit, dropping the oldest first", () => {
    const cache = new PayloadCache(3)
    for (const name of ["a", "b", "c", "d"]) cache.set(name, `{"sub":"${name}"}`)
    expect(["a", "b", "c", "d"].map((name) => cache.get(name))).toEqual([
      undefined,
      '{"sub":"b"}',
      '{"sub":"c"}',
      '{"sub":"d"}',
    ])
  })
})
