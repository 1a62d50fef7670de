/**
 * The session cookie's name follows next-auth's own rule (`__Secure-` on an https site,
 * including a NEXTAUTH_URL without a scheme and AUTH_TRUST_HOST behind a proxy), not getToken's
 * default, which looks only for "https://" in NEXTAUTH_URL and for VERCEL.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { authMiddleware } from "../../src/middleware"
import { cookieFor, SECRET } from "../server/harness"
import { clearAuthEnv, passes, request } from "./helpers"

const middleware = authMiddleware({ rules: [{ path: "/members/:path*" }], loginPath: "/login", secret: SECRET })
const secure = await cookieFor("grace", { secure: true })
const plain = await cookieFor("grace")

beforeEach(clearAuthEnv)
afterEach(() => vi.unstubAllEnvs())

const signedIn = async (cookie: string, headers?: Record<string, string>) =>
  passes(await middleware(request("/members/x", { cookie, headers })))

describe("the session cookie the middleware reads", () => {
  it("is the __Secure- one when NEXTAUTH_URL has no scheme, as next-auth takes it for https", async () => {
    vi.stubEnv("NEXTAUTH_URL", "app.example.com")
    expect(await signedIn(secure)).toBe(true)
    expect(await signedIn(plain)).toBe(false)
  })

  it("is the __Secure- one when NEXTAUTH_URL is https", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://app.example.com")
    expect(await signedIn(secure)).toBe(true)
    expect(await signedIn(plain)).toBe(false)
  })

  it("is the plain one when NEXTAUTH_URL is http", async () => {
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000")
    expect(await signedIn(plain)).toBe(true)
    expect(await signedIn(secure)).toBe(false)
  })

  it("is the __Secure- one behind an https proxy with AUTH_TRUST_HOST", async () => {
    vi.stubEnv("AUTH_TRUST_HOST", "1")
    expect(await signedIn(secure, { "x-forwarded-proto": "https" })).toBe(true)
    expect(await signedIn(plain, { "x-forwarded-proto": "https" })).toBe(false)
  })

  it("is the plain one behind an http proxy with AUTH_TRUST_HOST", async () => {
    vi.stubEnv("AUTH_TRUST_HOST", "1")
    expect(await signedIn(plain, { "x-forwarded-proto": "http" })).toBe(true)
    expect(await signedIn(secure, { "x-forwarded-proto": "http" })).toBe(false)
  })

  it("is the plain one with no environment at all", async () => {
    expect(await signedIn(plain)).toBe(true)
    expect(await signedIn(secure)).toBe(false)
  })

  it("is the one secureCookie says, whatever the environment", async () => {
    vi.stubEnv("NEXTAUTH_URL", "app.example.com")
    const forced = authMiddleware({ rules: [{ path: "/members/:path*" }], secret: SECRET, secureCookie: false })
    expect(passes(await forced(request("/members/x", { cookie: plain })))).toBe(true)
    expect(passes(await forced(request("/members/x", { cookie: secure })))).toBe(false)
  })

  it("is read in chunks when next-auth split it", async () => {
    vi.stubEnv("NEXTAUTH_URL", "app.example.com")
    const [name, value] = secure.split("=") as [string, string]
    const half = Math.ceil(value.length / 2)
    const chunked = `${name}.0=${value.slice(0, half)}; ${name}.1=${value.slice(half)}`
    expect(await signedIn(chunked)).toBe(true)
  })
})
