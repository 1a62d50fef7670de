/**
 * `sessionCookie()` mints what next-auth reads, with the secret next-auth resolves, and
 * `sessionCookieChunks()` splits a large one as next-auth's SessionStore does, so that a
 * browser, which drops cookies over 4 KB, can hold it.
 */
import type { NextAuthOptions } from "next-auth"
import { getServerSession } from "next-auth/next"
import { afterEach, describe, expect, it, vi } from "vitest"
import { CHUNK_SIZE } from "../../src/core/next-auth-cookies"
import { sessionCookie, sessionCookieChunks } from "../../src/testing"

const SECRET = "test-secret-of-at-least-32-characters-long"
// A cookie of another secret is logged by next-auth, by design: silenced.
const logger = { error: () => {}, warn: () => {}, debug: () => {} }
const options: NextAuthOptions = { secret: SECRET, providers: [], session: { strategy: "jwt" }, logger }

async function nextAuthReads(cookies: Array<{ name: string; value: string }>) {
  const header = cookies.map((c) => `${c.name}=${c.value}`).join("; ")
  const req = { headers: { host: "localhost:3000", cookie: header }, cookies: Object.fromEntries(cookies.map((c) => [c.name, c.value])) }
  const res = { getHeader: () => undefined, setHeader: () => {} }
  return getServerSession(req as never, res as never, options)
}

afterEach(() => vi.unstubAllEnvs())

describe("sessionCookie", () => {
  it("takes the secret as next-auth does: the option, then NEXTAUTH_SECRET, then AUTH_SECRET", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", undefined)
    vi.stubEnv("AUTH_SECRET", SECRET)
    expect(await nextAuthReads([await sessionCookie({ user: { email: "ada@example.com" } })])).toMatchObject({ user: { email: "ada@example.com" } })
    vi.stubEnv("NEXTAUTH_SECRET", "another-secret-that-is-not-the-apps-own")
    expect(await nextAuthReads([await sessionCookie({ user: { email: "ada@example.com" } })])).toBeNull()
    expect(await nextAuthReads([await sessionCookie({ user: { email: "ada@example.com" }, secret: SECRET })])).not.toBeNull()
  })

  it("says how to fix a missing secret", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", undefined)
    vi.stubEnv("AUTH_SECRET", undefined)
    await expect(sessionCookie({ user: { email: "ada@example.com" } })).rejects.toThrow(/NEXTAUTH_SECRET/)
  })
})

describe("sessionCookieChunks", () => {
  it("leaves a cookie that fits as it is", async () => {
    const cookie = await sessionCookie({ user: { email: "ada@example.com" }, secret: SECRET })
    expect(sessionCookieChunks(cookie)).toEqual([cookie])
  })

  it("splits a large one into chunks of at most 3933 characters that next-auth reads back", async () => {
    const cookie = await sessionCookie({ user: { email: "ada@example.com" }, claims: { blob: "x".repeat(9000) }, secret: SECRET })
    const chunks = sessionCookieChunks(cookie)
    expect(chunks.map((c) => c.name)).toEqual(["next-auth.session-token.0", "next-auth.session-token.1", "next-auth.session-token.2", "next-auth.session-token.3"])
    expect(chunks.every((c) => c.value.length <= CHUNK_SIZE)).toBe(true)
    expect(chunks.map((c) => c.value).join("")).toBe(cookie.value)
    expect(await nextAuthReads(chunks)).toMatchObject({ user: { email: "ada@example.com" } })
  })
})
