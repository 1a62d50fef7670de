/**
 * The jwt fast path must return what next-auth's getServerSession returns, for the same cookie
 * and the same callbacks, and write the same session cookies when it re-issues one; only
 * `expires` may differ (it reports the cookie's real expiry and slides in steps of
 * min(updateAge, maxAge / 2), where next-auth re-issues on every read).
 */
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import fc from "fast-check"
import type { NextAuthOptions, Session } from "next-auth"
import { decode, type JWT } from "next-auth/jwt"
import { getServerSession } from "next-auth/next"
import { afterEach, describe, expect, it, vi } from "vitest"
import {
  CHUNK_SIZE,
  callbackUrlCookieName,
  type CookieAttributes,
  expiredCookieHeaders,
  isValidCallbackUrl,
  nextAuthOrigin,
  nextAuthRules,
  parseNextAuthUrl,
  readChunkedCookie,
  sessionCookieHeaders,
} from "../../src/core/next-auth-cookies"
import {
  createFastSessionReader,
  installedNextAuthVersion,
  PayloadCache,
  VERIFIED_NEXT_AUTH,
} from "../../src/server/fast-session"
import { parseCookies, readSession } from "../../src/server/session"
import { sessionCookie } from "../../src/testing"
import { callbackUrlCookies } from "../fixtures/callback-urls"
import {
  baseAuthOptions,
  badCookies,
  cookieFor,
  CookieJar,
  DUE_FOR_RENEWAL,
  logged,
  makeAuthOptions,
  OTHER_SECRET,
  SECRET,
  serveNextAuth,
  signInSetCookies,
} from "./harness"

// The next-auth-<version> Vitest projects load another release by an alias (vitest.config.ts);
// the reader is told which one, as it reads the installed one's version in an app.
const underTest = process.env.NEXT_AUTH_UNDER_TEST
const nextAuthDir = fileURLToPath(
  new URL(underTest ? `../../compat/next-auth/node_modules/next-auth-${underTest}/` : "../../node_modules/next-auth/", import.meta.url),
)
const versionUnderTest = (JSON.parse(readFileSync(join(nextAuthDir, "package.json"), "utf8")) as { version: string }).version
/** The fast reader for these options, for the next-auth release under test. */
const readerFor = (options: NextAuthOptions) => createFastSessionReader(options, { nextAuthVersion: () => versionUnderTest })

function request(cookie: string, headers: Record<string, string> = {}) {
  return { headers: { host: "localhost:3000", ...headers, cookie }, cookies: parseCookies(cookie) }
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
  const fast = readerFor(options)!
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
    // A cookie as next-auth writes it under these options (maxAge an hour): an hour-long cookie
    // under the default 30 days is one that next-auth would extend now, and so does the reader.
    const options = makeAuthOptions({ session: { strategy: "jwt", maxAge: 3600 } })
    const { fast, fastCookies } = await both(options, await cookieFor("ada", { maxAge: 3600 }))
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
    const viaKit = await readSession(options, request(cookie), response(), readerFor(options))
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

describe("the fast path's remembered claims", () => {
  const sessionCookieIn = (cookies: string[]) => cookies.filter((c) => c.startsWith("next-auth.session-token="))

  it("hands each read a deep copy: a callback's change to a nested claim, or a handler's to the session, never reaches the next read", async () => {
    const seen: unknown[] = []
    const options = makeAuthOptions({
      callbacks: {
        jwt: ({ token }) => {
          seen.push([...(token.roles as string[])], (token.nested as { n: number } | undefined)?.n)
          ;(token.roles as string[]).push("intruder")
          return token
        },
      },
    })
    const fast = createFastSessionReader(options)!
    const cookie = await cookieFor("ada", { claims: { nested: { n: 1 } } })
    for (let i = 0; i < 3; i++) {
      const session = await fast(request(cookie), response())
      expect(session?.user).toMatchObject({ roles: ["admin", "user", "intruder"] })
      ;(session!.user as { roles: string[] }).roles.push("handler")
      session!.user!.name = "changed by a handler"
    }
    expect(seen).toEqual([["admin", "user"], 1, ["admin", "user"], 1, ["admin", "user"], 1])
    const again = await fast(request(cookie), response())
    expect(again?.user?.name).toBe("Ada Lovelace")
  })

  it("hands each read a session object of its own", async () => {
    const fast = createFastSessionReader(makeAuthOptions())!
    const cookie = await cookieFor("ada")
    const [a, b] = [await fast(request(cookie), response()), await fast(request(cookie), response())]
    expect(a).toEqual(b)
    expect(a).not.toBe(b)
    expect(a!.user).not.toBe(b!.user)
  })

  it("keeps a `__proto__` claim an own property of the token, as JSON.parse makes it", async () => {
    const protos: unknown[] = []
    const options = baseAuthOptions({
      callbacks: {
        jwt: ({ token }) => {
          protos.push(Object.getPrototypeOf(token) === Object.prototype && Object.hasOwn(token, "__proto__"))
          return token
        },
      },
    })
    const fast = createFastSessionReader(options)!
    const cookie = await cookieFor("ada", { claims: JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown> })
    // Side by side with getServerSession, which calls the callback too: both see the claim alike.
    for (let i = 0; i < 2; i++) expect(sessionCookieIn((await both(options, cookie)).fastCookies)).toEqual([])
    await fast(request(cookie), response())
    expect(protos).toEqual([true, true, true, true, true])
  })

  // What a jwt callback may do to the token it is given, each either keeping its JSON or not.
  const change = fc.oneof(
    fc.constant((t: JWT) => t),
    fc.constant((t: JWT) => ({ ...t })),
    fc.constant((t: JWT) => Object.assign(t, { name: t.name })),
    fc.constant((t: JWT) => Object.assign(t, { name: "someone else" })),
    fc.constant((t: JWT) => Object.assign(t, { extra: undefined })),
    fc.constant((t: JWT) => Object.assign(t, { extra: () => 1 })),
    fc.constant((t: JWT) => Object.assign(t, { extra: null })),
    fc.constant((t: JWT) => Object.assign(t, { at: new Date(0) })),
    fc.constant((t: JWT) => Object.assign(t, { roles: [...(t.roles as string[])] })),
    fc.constant((t: JWT) => Object.assign(t, { roles: [...(t.roles as string[]), undefined] })),
    fc.constant((t: JWT) => Object.assign(t, { roles: [...(t.roles as string[])].reverse() })),
    fc.constant((t: JWT) => Object.assign(t, { nested: { n: (t.nested as { n: number }).n } })),
    fc.constant((t: JWT) => Object.assign(t, { nested: { n: 2 } })),
    fc.constant((t: JWT) => Object.assign(t, { nested: { n: 1, toJSON: () => ({ n: 1 }) } })),
    fc.constant((t: JWT) => Object.assign(t, { nested: { n: Number.NaN } })),
    fc.constant((t: JWT) => {
      const { name, ...rest } = t
      return { ...rest, name } as JWT // the same keys, another order
    }),
    fc.constant((t: JWT) => {
      delete t.email
      return t
    }),
  )

  it("re-issues the cookie exactly when the token's JSON would change, on the first read and on the remembered ones", async () => {
    const cookie = await cookieFor("ada", { claims: { nested: { n: 1 } } })
    const original = (await decode({ token: cookie.split("=")[1]!, secret: SECRET }))!
    await fc.assert(
      fc.asyncProperty(fc.array(change, { maxLength: 3 }), async (changes) => {
        let expected: boolean | undefined
        const options = makeAuthOptions({
          callbacks: {
            jwt: ({ token }) => {
              const result = changes.reduce((t, f) => f(t), token)
              expected = JSON.stringify(result) !== JSON.stringify(original)
              return result
            },
          },
        })
        const fast = createFastSessionReader(options)!
        for (let i = 0; i < 2; i++) {
          const res = response()
          await fast(request(cookie), res)
          expect(sessionCookieIn(res.cookies()).length > 0).toBe(expected)
        }
      }),
      { numRuns: 60 },
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Differential scenarios: the fast reader and getServerSession side by side, each with its own
// browser (cookie jar) and its own spies, fed back the Set-Cookie headers they wrote.
// ---------------------------------------------------------------------------------------------

const SESSION = "next-auth.session-token"
const MINUTE = 60_000

/** The Set-Cookie headers for the session cookie and its chunks (next-auth also writes CSRF and callback-url cookies, which the reader leaves to next-auth's routes). */
const sessionCookiesOf = (setCookies: readonly string[], name = SESSION) =>
  setCookies.filter((c) => c.startsWith(`${name}=`) || c.startsWith(`${name}.`))
/** A Set-Cookie header with its (random) encrypted value masked: name, attributes, expiry. */
const shape = (setCookie: string) => setCookie.replace(/^([^=]+)=([^;]*)/, (_, name: string, value: string) => `${name}=${value ? "<jwe>" : ""}`)
const shapes = (setCookies: readonly string[], name = SESSION) => sessionCookiesOf(setCookies, name).map(shape)

/** The token that the session cookies in `setCookies` carry, chunks joined as next-auth joins them, without its random `jti`. */
async function tokenIn(setCookies: readonly string[], name = SESSION): Promise<JWT | null> {
  const parts = sessionCookiesOf(setCookies, name)
    .map((c) => c.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="))
    .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)] as const)
    .sort(([a], [b]) => Number(a.split(".").pop()) - Number(b.split(".").pop()))
  if (parts.length === 0) return null
  const { jti: _, ...token } = (await decode({ token: parts.map(([, value]) => value).join(""), secret: SECRET }))!
  return token
}

/** Callback and event spies for one side; each side gets its own set. */
function spies() {
  return {
    jwt: vi.fn(({ token }: { token: JWT }) => token),
    session: vi.fn(({ session, token }: { session: Session; token: JWT }) => ({ ...session, sub: token.sub ?? null })),
    event: vi.fn(),
    error: vi.fn(),
    debug: vi.fn(),
  }
}
type Spies = ReturnType<typeof spies>
function optionsWith(s: Spies, extra: Partial<NextAuthOptions> = {}): NextAuthOptions {
  return baseAuthOptions({
    callbacks: { jwt: s.jwt as never, session: s.session as never },
    events: { session: s.event },
    logger: { error: s.error, warn: () => {}, debug: s.debug },
    ...extra,
  })
}
/** Spy calls as data, without what differs by design: the random `jti`, the token times, `expires`. */
const callsOf = (spy: { mock: { calls: unknown[][] } }) =>
  JSON.parse(
    JSON.stringify(spy.mock.calls, (key, value: unknown) =>
      ["jti", "iat", "exp", "expires"].includes(key) ? undefined : value instanceof Error ? `Error: ${value.message}` : value,
    ),
  ) as unknown

/** Two browsers on one site: one served by the fast reader, one by getServerSession. */
function twoBrowsers(fastOptions: NextAuthOptions, realOptions: NextAuthOptions, headers: Record<string, string> = {}) {
  const reader = readerFor(fastOptions)
  expect(reader).not.toBeNull()
  const fastJar = new CookieJar()
  const realJar = new CookieJar()
  return {
    fastJar,
    realJar,
    seed(setCookies: readonly string[]) {
      fastJar.apply(setCookies)
      realJar.apply(setCookies)
    },
    async visit() {
      const fastRes = response()
      const realRes = response()
      const fast = await reader!(request(fastJar.header(), headers), fastRes)
      const real = await getServerSession(request(realJar.header(), headers) as never, realRes as never, realOptions)
      fastJar.apply(fastRes.cookies())
      realJar.apply(realRes.cookies())
      return { fast, real, fastCookies: fastRes.cookies(), realCookies: realRes.cookies() }
    },
  }
}

/** Runs `body` with the clock frozen at `now`, moved on by `at(ms)`. */
async function withClock<T>(body: (at: (ms: number) => void) => Promise<T>): Promise<T> {
  const start = Date.now()
  vi.useFakeTimers({ toFake: ["Date"], now: start })
  try {
    return await body((ms) => vi.setSystemTime(start + ms))
  } finally {
    vi.useRealTimers()
  }
}

async function signedIn(serverOptions: NextAuthOptions): Promise<string[]> {
  const server = await serveNextAuth(serverOptions)
  try {
    const setCookies = await signInSetCookies(server.url, "ada@example.com", "right")
    expect(sessionCookiesOf(setCookies)).toHaveLength(1)
    return setCookies
  } finally {
    await server.close()
  }
}

describe("given session.maxAge below updateAge (an hour, with updateAge's default of a day)", () => {
  it("keeps a user who comes back every 20 minutes signed in for five hours, as next-auth does", async () => {
    const hourly = { session: { strategy: "jwt" as const, maxAge: 3600 } }
    const [a, b] = [spies(), spies()]
    const browsers = twoBrowsers(optionsWith(a, hourly), optionsWith(b, hourly))
    browsers.seed(await signedIn(baseAuthOptions(hourly)))
    await withClock(async (at) => {
      for (let visit = 1; visit <= 15; visit++) {
        at(visit * 20 * MINUTE)
        const { fast, real, fastCookies, realCookies } = await browsers.visit()
        expect(real, `next-auth at visit ${visit}`).toMatchObject({ user: { email: "ada@example.com" } })
        expect(fast, `fast reader at visit ${visit}`).toBeTruthy()
        expect(withoutExpires(fast)).toEqual(withoutExpires(real))
        // When it re-issues, it writes what next-auth writes (same clock: same Expires).
        if (fastCookies.length > 0) expect(shapes(fastCookies)).toEqual(shapes(realCookies))
      }
    })
    expect(browsers.fastJar.names()).toContain(SESSION)
    for (const spy of ["jwt", "session", "event"] as const) expect(callsOf(a[spy])).toEqual(callsOf(b[spy]))
  })

  it("re-issues the cookie once half of maxAge has passed, not only after updateAge", async () => {
    const options = makeAuthOptions({ session: { strategy: "jwt", maxAge: 3600 } })
    const reader = createFastSessionReader(options)!
    const cookie = await cookieFor("ada", { maxAge: 3600 })
    await withClock(async (at) => {
      at(29 * MINUTE)
      const early = response()
      await reader(request(cookie), early)
      expect(early.cookies()).toEqual([])
      at(31 * MINUTE)
      const due = response()
      await reader(request(cookie), due)
      expect(sessionCookiesOf(due.cookies())).toHaveLength(1)
    })
  })
})

describe("given a token that outgrows one cookie", () => {
  it("writes chunks and expires the single cookie, reads them, and shrinks back, writing what next-auth's SessionStore writes", async () => {
    let blob = 0
    const jwt = ({ token }: { token: JWT }) => ({ ...token, blob: "x".repeat(blob) })
    const session = ({ session, token }: { session: Session; token: JWT }) => ({ ...session, blob: (token.blob as string).length })
    const options = () => baseAuthOptions({ callbacks: { jwt, session } })
    const browsers = twoBrowsers(options(), options())
    const start = await cookieFor("ada")
    browsers.seed([`${start}; Path=/`])

    await withClock(async (at) => {
      // Grows: next-auth expires the single cookie and writes the chunks.
      blob = 6000
      let visit = await browsers.visit()
      expect(visit.fast).toMatchObject({ blob: 6000 })
      expect(withoutExpires(visit.fast)).toEqual(withoutExpires(visit.real))
      expect(shapes(visit.fastCookies)).toEqual(shapes(visit.realCookies))
      expect(shapes(visit.fastCookies).map((c) => c.split(";")[0])).toEqual([`${SESSION}=`, `${SESSION}.0=<jwe>`, `${SESSION}.1=<jwe>`, `${SESSION}.2=<jwe>`])
      expect(await tokenIn(visit.fastCookies)).toEqual(await tokenIn(visit.realCookies))
      expect(browsers.fastJar.names().filter((n) => n.startsWith(SESSION))).toEqual([`${SESSION}.0`, `${SESSION}.1`, `${SESSION}.2`])

      // The next request carries the chunks: still signed in, with the same session.
      at(MINUTE)
      visit = await browsers.visit()
      expect(visit.fast).toBeTruthy()
      expect(withoutExpires(visit.fast)).toEqual(withoutExpires(visit.real))

      // Shrinks: next-auth expires every chunk and writes the single cookie again.
      blob = 0
      at(2 * MINUTE)
      visit = await browsers.visit()
      expect(withoutExpires(visit.fast)).toEqual(withoutExpires(visit.real))
      expect(shapes(visit.fastCookies)).toEqual(shapes(visit.realCookies))
      expect(shapes(visit.fastCookies).map((c) => c.split(";")[0])).toEqual([`${SESSION}.0=`, `${SESSION}.1=`, `${SESSION}.2=`, `${SESSION}=<jwe>`])
      expect(await tokenIn(visit.fastCookies)).toEqual(await tokenIn(visit.realCookies))

      at(3 * MINUTE)
      visit = await browsers.visit()
      expect(visit.fast).toMatchObject({ blob: 0, user: { email: "ada@example.com" } })
      expect(withoutExpires(visit.fast)).toEqual(withoutExpires(visit.real))
      expect(browsers.fastJar.names().filter((n) => n.startsWith(SESSION))).toEqual([SESSION])
    })
  })

  it("logs the chunking to a custom logger.debug, as next-auth's SessionStore does", async () => {
    const [a, b] = [spies(), spies()]
    const grow = (s: Spies) => optionsWith(s, { callbacks: { jwt: ({ token }) => ({ ...token, blob: "x".repeat(5000) }) } })
    const browsers = twoBrowsers(grow(a), grow(b))
    browsers.seed([await cookieFor("ada")])
    await browsers.visit()
    const chunking = (s: Spies) => s.debug.mock.calls.filter(([code]) => code === "CHUNKING_SESSION_COOKIE")
    expect(chunking(a)).toHaveLength(1)
    expect(chunking(a)).toEqual(chunking(b))
  })
})

describe("given jwt options", () => {
  it.each([
    ["jwt.secret", { jwt: { secret: OTHER_SECRET } }],
    ["jwt.secret set to undefined (next-auth then has no key)", { jwt: { secret: undefined } }],
    ["jwt.salt", { jwt: { salt: "x" } }],
    ["an unknown jwt option", { jwt: { future: true } }],
  ] as const)("steps aside for %s", (_, extra) => {
    expect(createFastSessionReader(baseAuthOptions(extra as unknown as Partial<NextAuthOptions>))).toBeNull()
  })

  it("takes jwt.maxAge, which next-auth applies only at sign-in: a one-hour sign-in token under 30-day sessions lives on, as with next-auth", async () => {
    const shortJwt = { jwt: { maxAge: 3600 } }
    const [a, b] = [spies(), spies()]
    const browsers = twoBrowsers(optionsWith(a, shortJwt), optionsWith(b, shortJwt))
    browsers.seed(await signedIn(baseAuthOptions(shortJwt)))
    await withClock(async (at) => {
      for (let visit = 1; visit <= 6; visit++) {
        at(visit * 30 * MINUTE)
        const { fast, real, fastCookies, realCookies } = await browsers.visit()
        expect(real, `next-auth at visit ${visit}`).toBeTruthy()
        expect(fast, `fast reader at visit ${visit}`).toBeTruthy()
        expect(withoutExpires(fast)).toEqual(withoutExpires(real))
        if (fastCookies.length > 0) {
          expect(shapes(fastCookies)).toEqual(shapes(realCookies))
          // The session route encodes with session.maxAge, never jwt.maxAge.
          expect(await tokenIn(fastCookies)).toEqual(await tokenIn(realCookies))
        }
      }
    })
    for (const spy of ["jwt", "session", "event"] as const) expect(callsOf(a[spy])).toEqual(callsOf(b[spy]))
  })
})

describe("given where the site runs (the __Secure- cookie rule)", () => {
  afterEach(() => vi.unstubAllEnvs())

  async function agree(headers: Record<string, string>, expected: "secure" | "plain") {
    const options = makeAuthOptions()
    for (const secure of [true, false]) {
      const cookie = await cookieFor("ada", { secure })
      const fastRes = response()
      const fast = await readerFor(options)!(request(cookie, headers), fastRes)
      const real = await getServerSession(request(cookie, headers) as never, response() as never, options)
      expect(fast).not.toBeUndefined()
      expect(withoutExpires(fast)).toEqual(withoutExpires(real))
      expect(fast === null).toBe(secure !== (expected === "secure"))
    }
  }

  it("reads __Secure- with NEXTAUTH_URL without a scheme (next-auth takes it as https)", async () => {
    vi.stubEnv("NEXTAUTH_URL", "app.example.com")
    await agree({}, "secure")
  })

  it("reads __Secure- behind a proxy with AUTH_TRUST_HOST and x-forwarded-proto: https", async () => {
    vi.stubEnv("NEXTAUTH_URL", undefined)
    vi.stubEnv("AUTH_TRUST_HOST", "true")
    await agree({ host: "app.example.com", "x-forwarded-proto": "https" }, "secure")
  })

  it("reads the plain cookie behind a proxy with AUTH_TRUST_HOST and x-forwarded-proto: http", async () => {
    vi.stubEnv("NEXTAUTH_URL", undefined)
    vi.stubEnv("AUTH_TRUST_HOST", "true")
    await agree({ host: "app.example.com", "x-forwarded-proto": "http" }, "plain")
  })

  it("does not trust the host when VERCEL is set but empty, even with AUTH_TRUST_HOST (next-auth reads VERCEL ?? AUTH_TRUST_HOST)", async () => {
    vi.stubEnv("NEXTAUTH_URL", undefined)
    vi.stubEnv("VERCEL", "")
    vi.stubEnv("AUTH_TRUST_HOST", "true")
    await agree({ host: "app.example.com", "x-forwarded-proto": "https" }, "plain")
  })

  // next-auth 4.24.15 takes NEXTAUTH_URL first; earlier releases a trusted proxy's headers.
  const proxyWins = !nextAuthRules(versionUnderTest).urlFirst

  it(`reads the ${proxyWins ? "__Secure-" : "plain"} cookie when NEXTAUTH_URL is http and a trusted proxy says https (next-auth ${versionUnderTest})`, async () => {
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000")
    vi.stubEnv("AUTH_TRUST_HOST", "true")
    await agree({ host: "app.example.com", "x-forwarded-proto": "https" }, proxyWins ? "secure" : "plain")
  })

  it(`reads the ${proxyWins ? "plain" : "__Secure-"} cookie when NEXTAUTH_URL is https and a trusted proxy says http (next-auth ${versionUnderTest})`, async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://app.example.com")
    vi.stubEnv("VERCEL", "1")
    await agree({ host: "app.example.com", "x-forwarded-proto": "http" }, proxyWins ? "plain" : "secure")
  })

  it("re-issues the __Secure- cookie with the attributes next-auth writes", async () => {
    vi.stubEnv("NEXTAUTH_URL", "app.example.com")
    const options = makeAuthOptions()
    const cookie = await cookieFor("ada", { secure: true, issuedSecondsAgo: DUE_FOR_RENEWAL })
    await withClock(async () => {
      const fastRes = response()
      const realRes = response()
      await readerFor(options)!(request(cookie), fastRes)
      await getServerSession(request(cookie) as never, realRes as never, options)
      const name = `__Secure-${SESSION}`
      expect(shapes(fastRes.cookies(), name)).toHaveLength(1)
      expect(shapes(fastRes.cookies(), name)).toEqual(shapes(realRes.cookies(), name))
      expect(fastRes.cookies()[0]).toMatch(/; HttpOnly; Secure; SameSite=Lax$/)
    })
  })
})

describe("given callbacks and events that throw", () => {
  it("keeps the session when events.session throws, and logs SESSION_EVENT_ERROR, as next-auth does", async () => {
    const throwing = (s: Spies) => {
      s.event.mockImplementation(() => {
        throw new Error("event failed")
      })
      return optionsWith(s)
    }
    const [a, b] = [spies(), spies()]
    const browsers = twoBrowsers(throwing(a), throwing(b))
    browsers.seed([await cookieFor("ada", { issuedSecondsAgo: DUE_FOR_RENEWAL })])
    await withClock(async () => {
      const { fast, real, fastCookies, realCookies } = await browsers.visit()
      expect(real).toMatchObject({ user: { email: "ada@example.com" } })
      expect(withoutExpires(fast)).toEqual(withoutExpires(real))
      expect(shapes(fastCookies)).toEqual(shapes(realCookies))
    })
    expect(callsOf(a.error)).toEqual([["SESSION_EVENT_ERROR", "Error: event failed"]])
    expect(callsOf(a.error)).toEqual(callsOf(b.error))
  })

  it.each([
    ["the jwt callback", "jwt"],
    ["the session callback", "session"],
  ] as const)("signs out when %s throws: logs JWT_SESSION_ERROR and clears the cookie, as next-auth does", async (_, which) => {
    const throwing = (s: Spies) => {
      s[which].mockImplementation(() => {
        throw new Error(`${which} failed`)
      })
      return optionsWith(s)
    }
    const [a, b] = [spies(), spies()]
    const browsers = twoBrowsers(throwing(a), throwing(b))
    browsers.seed([await cookieFor("ada")])
    const { fast, real, fastCookies, realCookies } = await browsers.visit()
    expect(real).toBeNull()
    expect(fast).toBeNull()
    expect(shapes(fastCookies)).toEqual([`${SESSION}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax`])
    expect(shapes(fastCookies)).toEqual(shapes(realCookies))
    expect(callsOf(a.error)).toEqual([["JWT_SESSION_ERROR", `Error: ${which} failed`]])
    expect(callsOf(a.error)).toEqual(callsOf(b.error))
    expect(a.event).not.toHaveBeenCalled()
    expect(b.event).not.toHaveBeenCalled()
  })

  it("clears every chunk of a chunked cookie when the jwt callback throws", async () => {
    let fail = false
    const jwt = ({ token }: { token: JWT }) => {
      if (fail) throw new Error("jwt failed")
      return { ...token, blob: "x".repeat(5000) }
    }
    const browsers = twoBrowsers(baseAuthOptions({ callbacks: { jwt } }), baseAuthOptions({ callbacks: { jwt } }))
    browsers.seed([await cookieFor("ada")])
    await browsers.visit()
    fail = true
    const { fast, real, fastCookies, realCookies } = await browsers.visit()
    expect([fast, real]).toEqual([null, null])
    expect(shapes(fastCookies)).toEqual([`${SESSION}.0=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax`, `${SESSION}.1=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax`])
    expect(shapes(fastCookies)).toEqual(shapes(realCookies))
  })

  it("logs with next-auth's own format when the app has no logger", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {})
    try {
      const options = { ...baseAuthOptions({ callbacks: { jwt: () => Promise.reject(new Error("nope")) } }), logger: undefined }
      expect(await createFastSessionReader(options)!(request(await cookieFor("ada")), response())).toBeNull()
      expect(error).toHaveBeenCalledWith(
        "[next-auth][error][JWT_SESSION_ERROR]",
        "\nhttps://next-auth.js.org/errors#jwt_session_error",
        "nope",
        expect.objectContaining({ message: "nope", name: "Error" }),
      )
    } finally {
      error.mockRestore()
    }
  })
})

describe("given the same cookie name twice in the Cookie header", () => {
  const require = createRequire(import.meta.url)
  // What Next.js fills req.cookies with for API routes and getServerSideProps.
  const { parse: pagesParse } = require("next/dist/compiled/cookie") as { parse(header: string): Record<string, string> }
  // What cookies() from next/headers holds, which getServerSession() reads in the App Router.
  const { RequestCookies } = require("next/dist/compiled/@edge-runtime/cookies") as {
    RequestCookies: new (headers: Headers) => { getAll(): Array<{ name: string; value: string }> }
  }
  const appParse = (header: string) =>
    Object.fromEntries(new RequestCookies(new Headers({ cookie: header })).getAll().map((c) => [c.name, c.value]))

  const orders = async () => {
    const valid = (await cookieFor("ada")).split("=")[1]!
    const invalid = (await cookieFor("grace", { secret: OTHER_SECRET })).split("=")[1]!
    return [
      ["valid first", `${SESSION}=${valid}; ${SESSION}=${invalid}`],
      ["invalid first", `${SESSION}=${invalid}; ${SESSION}=${valid}`],
      ["a bad escape second", `${SESSION}=${valid}; ${SESSION}=%E0%A4%A`],
      ["a bad escape first", `${SESSION}=%E0%A4%A; ${SESSION}=${valid}`],
    ] as const
  }

  it("reads the one that next-auth reads in the Pages Router (the first)", async () => {
    const options = makeAuthOptions()
    for (const [order, header] of await orders()) {
      const nextReq = { headers: { host: "localhost:3000", cookie: header }, cookies: pagesParse(header) }
      const real = await getServerSession(nextReq as never, response() as never, options)
      // The kit's own parse, as when a request comes without req.cookies.
      const kit = await readSession(options, { headers: { host: "localhost:3000", cookie: header } }, response(), readerFor(options))
      expect(withoutExpires(kit), order).toEqual(withoutExpires(real))
      const fast = await readerFor(options)!(nextReq, response())
      if (fast !== undefined) expect(withoutExpires(fast), order).toEqual(withoutExpires(real))
    }
  })

  it("reads the one that next-auth reads in the App Router (the last that decodes)", async () => {
    const options = makeAuthOptions()
    let signedIn = 0
    for (const [order, header] of await orders()) {
      const headers = { host: "localhost:3000", cookie: header }
      const real = await getServerSession({ headers, cookies: appParse(header) } as never, response() as never, options)
      if (real) signedIn++
      const kit = await readSession(options, { headers, cookies: parseCookies(header, { router: "app" }) }, response(), readerFor(options))
      expect(withoutExpires(kit), order).toEqual(withoutExpires(real))
    }
    expect(signedIn).toBe(3)
  })

  it("parses like Next.js, pair for pair", () => {
    const header = `a=1; a=2; q="x"; r="y; s=%E0%A4%A; s=ok; t=%41; =e; flag; u=v=w`
    expect(parseCookies(header)).toEqual(pagesParse(header))
    expect(parseCookies(header, { router: "pages" })).toEqual(pagesParse(header))
    expect(parseCookies(header, { router: "app" })).toEqual(appParse(header))
  })
})

type Request = { headers: Record<string, string>; cookies: Record<string, string> }

/**
 * The fast reader and getServerSession on one request, and the kit's own answer (readSession:
 * the reader, else getServerSession, whose throw it logs and reads as no session).
 */
async function sideBySide(fastOptions: NextAuthOptions, realOptions: NextAuthOptions, req: Request) {
  const fast = await readerFor(fastOptions)!(req, response())
  let real: { session: unknown } | { threw: unknown }
  try {
    real = { session: await getServerSession(req as never, response() as never, realOptions) }
  } catch (threw) {
    real = { threw }
  }
  const error = vi.spyOn(console, "error").mockImplementation(() => {})
  try {
    const kit = await readSession(realOptions, req, response(), readerFor(realOptions))
    return { fast, real, kit }
  } finally {
    error.mockRestore()
  }
}

/**
 * Where getServerSession throws, the reader hands over (`undefined`); where it answers a
 * session, the reader answers the same one itself; where it answers none, so does the reader or
 * it hands over. The kit answers next-auth's session, or none where next-auth throws.
 */
function expectAgreement({ fast, real, kit }: Awaited<ReturnType<typeof sideBySide>>, label?: string) {
  if ("threw" in real) {
    expect(fast, label).toBeUndefined()
    expect(kit, label).toBeNull()
    return
  }
  if (real.session) {
    expect(fast, label).not.toBeUndefined()
    expect(withoutExpires(fast), label).toEqual(withoutExpires(real.session))
  } else {
    expect(fast === undefined || fast === null, label).toBe(true)
  }
  expect(withoutExpires(kit), label).toEqual(withoutExpires(real.session))
}

const adaValue = (await cookieFor("ada")).split("=")[1]!
const graceSecureValue = (await cookieFor("grace", { secure: true })).split("=")[1]!

describe("given a callback-url cookie", () => {
  it("steps aside when next-auth would refuse it (getServerSession throws: no session)", async () => {
    const options = makeAuthOptions()
    const cookie = `${await cookieFor("ada")}; next-auth.callback-url=javascript%3Aalert(1)`
    expect(await readerFor(options)!(request(cookie), response())).toBeUndefined()
    await expect(getServerSession(request(cookie) as never, response() as never, options)).rejects.toThrow()
    const error = vi.spyOn(console, "error").mockImplementation(() => {}) // readSession logs next-auth's throw
    try {
      expect(await readSession(options, request(cookie), response(), readerFor(options))).toBeNull()
    } finally {
      error.mockRestore()
    }
  })

  it.each(["http%3A%2F%2Flocalhost%3A3000%2Fdashboard", "%2Fdashboard"])("reads the session with a valid one (%s)", async (url) => {
    const options = makeAuthOptions()
    const cookie = `${await cookieFor("ada")}; next-auth.callback-url=${url}`
    const { fast, real } = await both(options, cookie)
    expect(fast).toBeTruthy()
    expect(withoutExpires(fast)).toEqual(withoutExpires(real))
  })

  it.each(["//[", "//a b", "//a:99999/x", "/\\["])("is refused by next-auth when it starts with a slash but does not parse against the origin (%s)", async (url) => {
    const req = { headers: { host: "localhost:3000" }, cookies: { [SESSION]: adaValue, "next-auth.callback-url": url } }
    logged.length = 0
    await expect(getServerSession(req as never, response() as never, makeAuthOptions())).rejects.toThrow()
    expect(logged).toContainEqual({ level: "error", code: "INVALID_CALLBACK_URL_ERROR" })
    expect(await readerFor(makeAuthOptions())!(req, response())).toBeUndefined()
  })

  const label = (url: string) => (url.length > 60 ? `${JSON.stringify(url.slice(0, 40))}… (${url.length} characters)` : JSON.stringify(url))

  it.each(callbackUrlCookies.map((url) => [label(url), url]))("agrees with getServerSession on the callback-url cookie %s", async (_, url) => {
    const options = makeAuthOptions()
    const req = { headers: { host: "localhost:3000" }, cookies: { [SESSION]: adaValue, "next-auth.callback-url": url } }
    expectAgreement(await sideBySide(options, options, req))
  })

  it.each(["//[", "//a b", "//a:99999/x", "/\\[", "/\\evil.example", "//a%20b", "", "/dashboard", "https://app.example.com/x", `//${"a".repeat(4000)}`])(
    "agrees on an https site with a base path, where the cookie is the __Secure- one (%s)",
    async (url) => {
      vi.stubEnv("NEXTAUTH_URL", "https://app.example.com/custom/auth")
      try {
        const options = makeAuthOptions()
        const req = { headers: { host: "app.example.com" }, cookies: { [`__Secure-${SESSION}`]: graceSecureValue, "__Secure-next-auth.callback-url": url } }
        expectAgreement(await sideBySide(options, options, req))
      } finally {
        vi.unstubAllEnvs()
      }
    },
  )

  it("checks a cookie it passed before again against another origin", async () => {
    // A relative URL fails only against an origin that is not http(s) (its base is "null/…").
    const reader = readerFor(makeAuthOptions())!
    const req = { headers: { host: "localhost:3000" }, cookies: { [SESSION]: adaValue, "next-auth.callback-url": "/dashboard" } }
    try {
      vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000")
      expect(await reader(req, response())).toBeTruthy()
      vi.stubEnv("NEXTAUTH_URL", "httpx://localhost:3000")
      expect(await reader(req, response())).toBeUndefined()
      await expect(getServerSession(req as never, response() as never, makeAuthOptions())).rejects.toThrow()
      vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000")
      expect(await reader(req, response())).toBeTruthy()
    } finally {
      vi.unstubAllEnvs()
    }
  })
})

describe("given the app's own callbacks.redirect, which next-auth calls with the callback-url cookie on every read", () => {
  type Redirect = (params: { url: string; baseUrl: string }) => string | Promise<string>
  const redirects: Array<[string, Redirect | undefined]> = [
    ["one that answers the base URL", ({ baseUrl }) => baseUrl],
    ["one that throws", () => {
      throw new Error("redirect failed")
    }],
    ["one that rejects", () => Promise.reject(new Error("redirect failed"))],
    ["one that throws for a relative URL (new URL(url) without a base)", ({ url, baseUrl }) => (new URL(url).origin === baseUrl ? url : baseUrl)],
    ["undefined (next-auth then calls undefined)", undefined],
  ]

  it.each(redirects)("agrees with getServerSession, and calls it as next-auth does: %s", async (_, impl) => {
    for (const url of ["/dashboard", "http://localhost:3000/x", "https://evil.example/", ""]) {
      const [a, b] = impl ? [vi.fn(impl), vi.fn(impl)] : [undefined, undefined]
      const variants: Array<Record<string, string>> = [{ [SESSION]: adaValue, "next-auth.callback-url": url }, { "next-auth.callback-url": url }]
      for (const cookies of variants) {
        a?.mockClear()
        b?.mockClear()
        const req = { headers: { host: "localhost:3000" }, cookies }
        const result = await sideBySide(baseAuthOptions({ callbacks: { redirect: a as never } }), baseAuthOptions({ callbacks: { redirect: b as never } }), req)
        expectAgreement(result, `${url} ${Object.keys(cookies).join(", ")}`)
        // getServerSession ran twice (alone, then for the kit); the reader once, unless it handed over.
        if (a && b && result.fast !== undefined) expect([...a.mock.calls, ...a.mock.calls]).toEqual(b.mock.calls)
      }
    }
  })
})

describe("given the origin next-auth parses for every request", () => {
  afterEach(() => vi.unstubAllEnvs())

  const origins: Array<[string, Record<string, string>, Record<string, string>]> = [
    ["an empty NEXTAUTH_URL", { NEXTAUTH_URL: "" }, {}],
    ["a NEXTAUTH_URL with a space in its host", { NEXTAUTH_URL: "https://app example.com" }, {}],
    ["a NEXTAUTH_URL with a port over 65535", { NEXTAUTH_URL: "http://localhost:99999" }, {}],
    ["a NEXTAUTH_URL of a scheme alone", { NEXTAUTH_URL: "http://" }, {}],
    ["a NEXTAUTH_URL of a bracket", { NEXTAUTH_URL: "[" }, {}],
    ["a NEXTAUTH_URL with a base path", { NEXTAUTH_URL: "http://localhost:3000/custom/auth" }, {}],
    ["a NEXTAUTH_URL with an upper-case scheme", { NEXTAUTH_URL: "httpS://app.example.com" }, {}],
    ["a NEXTAUTH_URL of another scheme (origin null)", { NEXTAUTH_URL: "httpx://app.example.com" }, {}],
    ["a trusted forwarded host with a space", { AUTH_TRUST_HOST: "1" }, { "x-forwarded-host": "a b" }],
    ["a trusted forwarded host of a bracket", { AUTH_TRUST_HOST: "1" }, { "x-forwarded-host": "[" }],
    ["a trusted forwarded host with a port over 65535", { AUTH_TRUST_HOST: "1" }, { "x-forwarded-host": "app.example.com:99999" }],
    ["a trusted forwarded host", { AUTH_TRUST_HOST: "1" }, { "x-forwarded-host": "app.example.com", "x-forwarded-proto": "https" }],
    ["a trusted host header with a port", { AUTH_TRUST_HOST: "1" }, { host: "app.example.com:8443", "x-forwarded-proto": "http" }],
    ["VERCEL with a host header that is not a host", { VERCEL: "1" }, { host: "a b" }],
    ["an http NEXTAUTH_URL beside a trusted forwarded host that is not one", { NEXTAUTH_URL: "http://localhost:3000", AUTH_TRUST_HOST: "1" }, { "x-forwarded-host": "a b" }],
  ]

  it.each(origins)("agrees with getServerSession given %s", async (_, env, headers) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
    for (const callbackUrl of [undefined, "/dashboard", "http://localhost:3000/x"]) {
      // Ada's plain cookie and Grace's __Secure- one: the session says which name was read.
      const cookies: Record<string, string> = { [SESSION]: adaValue, [`__Secure-${SESSION}`]: graceSecureValue }
      if (callbackUrl) cookies["next-auth.callback-url"] = cookies["__Secure-next-auth.callback-url"] = callbackUrl
      const options = makeAuthOptions()
      expectAgreement(await sideBySide(options, options, { headers: { host: "localhost:3000", ...headers }, cookies }), String(callbackUrl))
    }
  })
})

describe("given the secret in the environment", () => {
  afterEach(() => vi.unstubAllEnvs())

  it.each<[string, Record<string, string | undefined>]>([
    ["NEXTAUTH_SECRET alone", { NEXTAUTH_SECRET: SECRET, AUTH_SECRET: undefined }],
    ["AUTH_SECRET alone (which next-auth reads from 4.24.10 on)", { NEXTAUTH_SECRET: undefined, AUTH_SECRET: SECRET }],
    ["both, NEXTAUTH_SECRET the one that made the cookie", { NEXTAUTH_SECRET: SECRET, AUTH_SECRET: OTHER_SECRET }],
    ["both, AUTH_SECRET the one that made the cookie", { NEXTAUTH_SECRET: OTHER_SECRET, AUTH_SECRET: SECRET }],
    ["an empty NEXTAUTH_SECRET beside AUTH_SECRET", { NEXTAUTH_SECRET: "", AUTH_SECRET: SECRET }],
    ["neither", { NEXTAUTH_SECRET: undefined, AUTH_SECRET: undefined }],
  ])("reads the session that getServerSession reads with %s", async (_, env) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
    const options = makeAuthOptions({ secret: undefined })
    const req = { headers: { host: "localhost:3000" }, cookies: { [SESSION]: adaValue } }
    expectAgreement(await sideBySide(options, options, req))
  })

  it("reads with authOptions.secret before the environment", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", OTHER_SECRET)
    const options = makeAuthOptions({ secret: SECRET })
    const result = await sideBySide(options, options, { headers: { host: "localhost:3000" }, cookies: { [SESSION]: adaValue } })
    expectAgreement(result)
    expect(result.fast).toMatchObject({ user: { email: "ada@example.com" } })
  })
})

describe("the next-auth cookie module, against the code of the next-auth release under test", () => {
  // That release's own modules, and the `cookie` package it serialises with.
  const load = createRequire(join(nextAuthDir, "package.json"))
  const { SessionStore } = load("./core/lib/cookie.js") as {
    SessionStore: new (
      option: { name: string; options: CookieAttributes },
      req: { cookies: unknown },
      logger: { debug: (...args: unknown[]) => void },
    ) => { value: string; chunk(value: string, options: { expires: Date }): Cookie[]; clean(): Cookie[] }
  }
  type Cookie = { name: string; value: string; options: CookieAttributes }
  const { serialize } = load("cookie") as { serialize(name: string, value: string, options: CookieAttributes): string }
  const parseUrl = (load("./utils/parse-url.js") as { default: (url?: string) => { origin: string; base: string } }).default
  const { detectOrigin } = load("./utils/detect-origin.js") as { detectOrigin(host: unknown, proto: unknown): string | undefined }
  const { assertConfig } = load("./core/lib/assert.js") as { assertConfig(params: { options: unknown; req: unknown }): unknown }
  const rules = nextAuthRules(versionUnderTest)

  const names = [SESSION, `${SESSION}.0`, `${SESSION}.1`, `${SESSION}.2`, `${SESSION}.10`, `${SESSION}.x`, `${SESSION}X`, `${SESSION}.1.0`, `${SESSION}.-1`, "other", `__Secure-${SESSION}`]

  it("reads a chunked cookie as SessionStore does, from a parsed object and from RequestCookies", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...names), fc.string({ maxLength: 4 })), { maxLength: 8 }), (pairs) => {
        const record = Object.fromEntries(pairs)
        const getAll = { getAll: () => Object.entries(record).map(([name, value]) => ({ name, value })) }
        for (const cookies of [record, getAll]) {
          const store = new SessionStore({ name: SESSION, options: {} }, { cookies }, { debug: () => {} })
          expect(readChunkedCookie(cookies, SESSION).value).toBe(store.value)
        }
      }),
      { numRuns: 300 },
    )
  })

  // `Partitioned` only where the release's `cookie` writes it (0.7; 0.5 ignores the option).
  const writesPartitioned = serialize("a", "", { partitioned: true }).includes("Partitioned")
  const attributeSets: CookieAttributes[] = [
    { httpOnly: true, sameSite: "lax", path: "/", secure: false },
    { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    { domain: "example.com", path: "/app", sameSite: "Strict", priority: "High", maxAge: 3600.5, httpOnly: true, secure: true },
    { sameSite: true, path: "/" },
    { sameSite: "None", secure: true, priority: "low" },
    { sameSite: false, httpOnly: false },
    {},
    ...(writesPartitioned ? [{ partitioned: true, secure: true, sameSite: "none" } as CookieAttributes] : []),
  ]

  it("writes and expires the session cookie as SessionStore.chunk and clean do, byte for byte, and logs the chunking alike", () => {
    const lengths = [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE, 2 * CHUNK_SIZE + 1, 3 * CHUNK_SIZE + 10]
    fc.assert(
      fc.property(
        fc.subarray([SESSION, `${SESSION}.0`, `${SESSION}.1`, `${SESSION}.2`, `${SESSION}.x`]),
        fc.oneof(fc.constantFrom(...lengths), fc.integer({ min: 0, max: 4 * CHUNK_SIZE })),
        fc.constantFrom(...attributeSets),
        (stored, length, options) => {
          const cookies = Object.fromEntries(stored.map((name) => [name, "v"]))
          const value = "eyJ.-_".repeat(Math.ceil(length / 6)).slice(0, length)
          const expires = new Date(Date.now() + 3_600_000)
          const [theirs, ours] = [vi.fn(), vi.fn()]
          const store = new SessionStore({ name: SESSION, options }, { cookies }, { debug: theirs })
          const written = store.chunk(value, { expires }).map((c) => serialize(c.name, c.value, c.options))
          const read = readChunkedCookie(cookies, SESSION)
          expect(sessionCookieHeaders({ option: { name: SESSION, options }, stored: read.names, value, expires, debug: ours })).toEqual(written)
          expect(ours.mock.calls).toEqual(theirs.mock.calls)
          const cleaned = new SessionStore({ name: SESSION, options }, { cookies }, { debug: () => {} }).clean()
          expect(expiredCookieHeaders({ name: SESSION, options }, read.names)).toEqual(cleaned.map((c) => serialize(c.name, c.value, c.options)))
        },
      ),
      { numRuns: 200 },
    )
  })

  it(`detects and parses the origin as next-auth ${versionUnderTest} does`, () => {
    const urls = [undefined, "", "http://localhost:3000", "https://app.example.com", "app.example.com", "app.example.com/auth", "https://app.example.com/custom/", "httpS://x.example", "HTTPS://app.example.com", "https:app.example.com", "http://", "[", "https://a b", "http://localhost:99999", "httpx://a.example"]
    const trust = [{}, { AUTH_TRUST_HOST: "1" }, { VERCEL: "1" }, { VERCEL: "", AUTH_TRUST_HOST: "1" }]
    const requests: Array<Record<string, string>> = [
      { host: "localhost:3000" },
      { host: "app.example.com", "x-forwarded-proto": "http" },
      { host: "app.example.com", "x-forwarded-host": "b.example.com", "x-forwarded-proto": "https" },
      { "x-forwarded-host": "a b" },
      {},
    ]
    try {
      for (const url of urls) {
        for (const env of trust) {
          vi.stubEnv("NEXTAUTH_URL", url)
          vi.stubEnv("AUTH_TRUST_HOST", undefined)
          vi.stubEnv("VERCEL", undefined)
          for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
          for (const headers of requests) {
            const at = JSON.stringify({ url, env, headers })
            const origin = nextAuthOrigin(headers, { rules })
            expect(origin, at).toBe(detectOrigin(headers["x-forwarded-host"] ?? headers.host, headers["x-forwarded-proto"]))
            let parsed: { origin: string; base: string } | null
            try {
              parsed = parseUrl(origin)
            } catch {
              parsed = null
            }
            expect(parseNextAuthUrl(origin), at).toEqual(parsed && { origin: parsed.origin, base: parsed.base })
          }
        }
      }
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it("checks a callback-url cookie as assertConfig does, for the suite's cookies and generated ones", () => {
    const agrees = (url: string, origin?: string) => {
      const base = parseNextAuthUrl(origin)!.base
      const name = callbackUrlCookieName(base.startsWith("https://"))
      const refused = assertConfig({ options: { providers: [], secret: SECRET }, req: { action: "session", cookies: { [name]: url }, origin } }) instanceof Error
      expect(!!url && !isValidCallbackUrl(url, base), JSON.stringify([url, origin])).toBe(refused)
    }
    for (const origin of [undefined, "https://app.example.com/custom/auth"]) for (const url of callbackUrlCookies) agrees(url, origin)
    const unit = fc.constantFrom("/", "\\", "[", "]", ":", "a", "9", " ", "%", "2", "F", ".", "@", "#", "?", "h", "t", "p", "s", "\t", "x", "n", "-", "\u0000", "\uFF0E")
    fc.assert(fc.property(fc.oneof(fc.string({ unit, maxLength: 14 }), fc.string()), (url) => agrees(url)), { numRuns: 2000 })
  })
})

describe("given options that next-auth reads differently from their defaults", () => {
  it.each([
    ["session.maxAge set to undefined (next-auth then fails every read)", { session: { strategy: "jwt", maxAge: undefined } }],
    ["session.strategy set to undefined", { session: { strategy: undefined } }],
    ["callbacks.jwt set to undefined", { callbacks: { jwt: undefined } }],
    ["callbacks.session set to undefined", { callbacks: { session: undefined } }],
    ["events.session set to undefined", { events: { session: undefined } }],
    ["cookies.sessionToken set to undefined", { cookies: { sessionToken: undefined } }],
  ] as const)("steps aside for %s", (_, extra) => {
    expect(createFastSessionReader(baseAuthOptions(extra as unknown as Partial<NextAuthOptions>))).toBeNull()
  })
})

describe("given the installed next-auth version", () => {
  function warnings(body: () => void) {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
    try {
      body()
      return warn.mock.calls.map((call) => String(call[0]))
    } finally {
      warn.mockRestore()
    }
  }

  // Below VERIFIED_NEXT_AUTH.min (4.24.0 to 4.24.2 do not load), above its max, pre-releases, unknown.
  it.each([["4.24.2"], ["4.23.2"], ["4.25.0"], ["5.0.0-beta.25"], ["4.24.15-canary.1"], ["4.24.9-beta.1"], [undefined]])(
    "steps aside for next-auth %s, with one warning that says how to fix it",
    (version) => {
      const warned = warnings(() => {
        expect(createFastSessionReader(makeAuthOptions(), { nextAuthVersion: () => version })).toBeNull()
      })
      expect(warned).toHaveLength(1)
      expect(warned[0]).toMatch(/^\[next-auth-kit\] /)
      expect(warned[0]).toContain("fastSession: false")
      if (version) expect(warned[0]).toContain(version)
    },
  )

  it("reads sessions for the verified versions, silently", () => {
    const warned = warnings(() => {
      for (const version of [VERIFIED_NEXT_AUTH.min, VERIFIED_NEXT_AUTH.max]) {
        expect(createFastSessionReader(makeAuthOptions(), { nextAuthVersion: () => version })).not.toBeNull()
      }
    })
    expect(warned).toEqual([])
  })

  it("stays silent when the options need next-auth anyway", () => {
    const warned = warnings(() => {
      const options = baseAuthOptions({ session: { strategy: "database" } })
      expect(createFastSessionReader(options, { nextAuthVersion: () => "3.0.0" })).toBeNull()
    })
    expect(warned).toEqual([])
  })

  it(`runs against next-auth ${underTest ?? "as installed"}, a verified release, and loads no other`, () => {
    const manifest = JSON.parse(readFileSync(join(nextAuthDir, "package.json"), "utf8")) as { name: string; version: string }
    expect(manifest.name).toBe("next-auth")
    if (underTest) expect(manifest.version).toBe(underTest)
    // Every next-auth module this file loaded (getServerSession, decode, the kit's encode) is that release's.
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => /[\\/]node_modules[\\/]next-auth(-[\d.]+)?[\\/]/.test(path))
    expect(loaded).toContainEqual(expect.stringMatching(/[\\/]next[\\/]index\.js$/))
    expect(loaded.filter((path) => !path.startsWith(nextAuthDir))).toEqual([])
    const warned = warnings(() => expect(createFastSessionReader(makeAuthOptions(), { nextAuthVersion: () => manifest.version })).not.toBeNull())
    expect(warned, "widen VERIFIED_NEXT_AUTH only after this suite passed against the new version").toEqual([])
  })

  it("runs against a verified next-auth here: the one installed, read from its package.json", () => {
    const manifest = JSON.parse(readFileSync(new URL("../../node_modules/next-auth/package.json", import.meta.url), "utf8")) as { version: string }
    expect(installedNextAuthVersion()).toBe(manifest.version)
    const warned = warnings(() => expect(createFastSessionReader(makeAuthOptions())).not.toBeNull())
    expect(warned, "bump VERIFIED_NEXT_AUTH only after this suite passed against the new version").toEqual([])
  })
})
