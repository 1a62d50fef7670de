/**
 * The credential-minting helpers refuse to run in production unless a test opts in, and the
 * entry itself imports cleanly there.
 */
import { afterEach, describe, expect, it, vi } from "vitest"
import { isAuthKitError } from "../../src/core/errors"
import { databaseSession, type DatabaseSessionAdapter, sessionCookie } from "../../src/testing"

const SECRET = "test-secret-of-at-least-32-characters-long"

/** An adapter that records what it was asked to write. */
function memoryAdapter() {
  const created: unknown[] = []
  const adapter: DatabaseSessionAdapter = {
    getUserByEmail: async () => null,
    createUser: async (user: { email: string }) => ({ ...user, id: "u1", emailVerified: null }),
    createSession: async (session) => {
      created.push(session)
      return session
    },
  }
  return { adapter, created }
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe("given NODE_ENV=production", () => {
  it("refuses to mint a cookie, saying how to allow it", async () => {
    vi.stubEnv("NODE_ENV", "production")
    const error = await sessionCookie({ user: { email: "ada@example.com" }, secret: SECRET }).catch((e) => e)
    expect(isAuthKitError(error, "testing_in_production")).toBe(true)
    expect(error.message).toMatch(/^\[next-auth-kit\] sessionCookie /)
    expect(error.message).toContain("allowInProduction: true")
    expect(error.message).toContain("NEXT_AUTH_KIT_ALLOW_TESTING=1")
  })

  it("refuses to create a database session, before it writes anything", async () => {
    vi.stubEnv("NODE_ENV", "production")
    const { adapter, created } = memoryAdapter()
    const error = await databaseSession({ adapter, user: { email: "ada@example.com" } }).catch((e) => e)
    expect(isAuthKitError(error, "testing_in_production")).toBe(true)
    expect(error.message).toMatch(/^\[next-auth-kit\] databaseSession /)
    expect(created).toEqual([])
  })

  it("still lets the entry be imported (the check runs per call)", async () => {
    vi.stubEnv("NODE_ENV", "production")
    vi.resetModules()
    const entry = await import("../../src/testing")
    expect(typeof entry.sessionCookie).toBe("function")
    expect(entry.mockSession().user?.name).toBe("Grace Hopper")
  })

  it("mints when the call opts in with allowInProduction", async () => {
    vi.stubEnv("NODE_ENV", "production")
    const cookie = await sessionCookie({ user: { email: "ada@example.com" }, secret: SECRET, allowInProduction: true })
    expect(cookie.name).toBe("next-auth.session-token")
    const { adapter, created } = memoryAdapter()
    await databaseSession({ adapter, user: { email: "ada@example.com" }, allowInProduction: true })
    expect(created).toHaveLength(1)
  })

  it.each(["1", "true"])("mints when NEXT_AUTH_KIT_ALLOW_TESTING=%s", async (flag) => {
    vi.stubEnv("NODE_ENV", "production")
    vi.stubEnv("NEXT_AUTH_KIT_ALLOW_TESTING", flag)
    await expect(sessionCookie({ user: { email: "ada@example.com" }, secret: SECRET })).resolves.toMatchObject({
      name: "next-auth.session-token",
    })
    const { adapter, created } = memoryAdapter()
    await databaseSession({ adapter, user: { email: "ada@example.com" } })
    expect(created).toHaveLength(1)
  })

  it.each(["0", "", "yes"])("still refuses with NEXT_AUTH_KIT_ALLOW_TESTING=%j", async (flag) => {
    vi.stubEnv("NODE_ENV", "production")
    vi.stubEnv("NEXT_AUTH_KIT_ALLOW_TESTING", flag)
    await expect(sessionCookie({ user: { email: "ada@example.com" }, secret: SECRET })).rejects.toMatchObject({
      code: "testing_in_production",
    })
  })
})

describe.each(["test", "development", undefined])("given NODE_ENV=%s", (nodeEnv) => {
  it("mints without any opt-in", async () => {
    vi.stubEnv("NODE_ENV", nodeEnv)
    const cookie = await sessionCookie({ user: { email: "ada@example.com" }, secret: SECRET })
    expect(cookie.value.split(".")).toHaveLength(5) // a JWE, as next-auth writes it
    const { adapter, created } = memoryAdapter()
    await databaseSession({ adapter, user: { email: "ada@example.com" } })
    expect(created).toHaveLength(1)
  })
})
