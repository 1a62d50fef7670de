/**
 * `databaseSession` against a real adapter (@auth/drizzle-adapter over embedded SQLite through
 * @libsql/client), read back by next-auth's own `getServerSession` with the `database` strategy.
 */
import { eq } from "drizzle-orm"
import { drizzleDatabase, sessions, users } from "../fixtures/drizzle-database"
import type { NextAuthOptions } from "next-auth"
import { getServerSession } from "next-auth/next"
import { afterAll, describe, expect, it } from "vitest"
import { isAuthKitError } from "../../src/core/errors"
import { databaseSession, type TestCookie } from "../../src/testing"

const { client, db, adapter } = await drizzleDatabase()

const authOptions = (extra: Partial<NextAuthOptions> = {}): NextAuthOptions => ({
  secret: "test-secret-of-at-least-32-characters-long",
  adapter: adapter as NextAuthOptions["adapter"],
  session: { strategy: "database" },
  providers: [],
  logger: { error: () => {}, warn: () => {}, debug: () => {} },
  ...extra,
})

/** next-auth's own getServerSession, handed the cookie as Next.js hands a request over. */
async function serverSession(cookie: TestCookie, options = authOptions()) {
  const req = {
    headers: { host: "localhost:3000", cookie: `${cookie.name}=${cookie.value}` },
    cookies: { [cookie.name]: cookie.value },
  }
  const res = { getHeader: () => undefined, setHeader: () => {} }
  return getServerSession(req as never, res as never, options)
}

const rowCount = async (table: typeof users | typeof sessions) => (await db.select().from(table).all()).length

afterAll(() => client.close())

describe("databaseSession with the database strategy", () => {
  it("creates the user and a session row that getServerSession reads as signed in", async () => {
    const before = Date.now()
    const { cookie, user, expires } = await databaseSession({
      adapter,
      user: { email: "ada@example.com", name: "Ada Lovelace", roles: ["admin"] },
    })
    expect(cookie.name).toBe("next-auth.session-token")
    expect(cookie.value).toMatch(/^[0-9a-f-]{36}$/)
    expect(user).toMatchObject({ id: expect.any(String), email: "ada@example.com", name: "Ada Lovelace", roles: ["admin"] })
    expect(expires.getTime()).toBeGreaterThanOrEqual(before + 30 * 24 * 60 * 60 * 1000)
    const [row] = await db.select().from(sessions).where(eq(sessions.sessionToken, cookie.value)).all()
    expect(row).toMatchObject({ userId: user.id, expires })

    expect(await serverSession(cookie)).toEqual({
      user: { name: "Ada Lovelace", email: "ada@example.com", image: null },
      expires: expect.any(String),
    })
  })

  it("reuses the user with that email, as it is, and gives each call its own session", async () => {
    const users0 = await rowCount(users)
    const first = await databaseSession({ adapter, user: { email: "grace@example.com", name: "Grace Hopper" } })
    const second = await databaseSession({ adapter, user: { email: "grace@example.com", name: "Someone Else" } })
    expect(await rowCount(users)).toBe(users0 + 1)
    expect(second.user.id).toBe(first.user.id)
    expect(second.user.name).toBe("Grace Hopper")
    expect(second.cookie.value).not.toBe(first.cookie.value)
    expect((await serverSession(first.cookie))?.user?.name).toBe("Grace Hopper")
    expect((await serverSession(second.cookie))?.user?.name).toBe("Grace Hopper")
  })

  it("is signed out once the session row is deleted", async () => {
    const { cookie } = await databaseSession({ adapter, user: { email: "ada@example.com" } })
    expect(await serverSession(cookie)).not.toBeNull()
    await adapter.deleteSession!(cookie.value)
    expect(await serverSession(cookie)).toBeNull()
  })

  it("makes an already expired session with a negative maxAge", async () => {
    const { cookie, expires } = await databaseSession({ adapter, user: { email: "ada@example.com" }, maxAge: -60 })
    expect(expires.getTime()).toBeLessThan(Date.now())
    expect(await serverSession(cookie)).toBeNull()
  })

  it("names the cookie __Secure- for an https site", async () => {
    const { cookie } = await databaseSession({ adapter, user: { email: "ada@example.com" }, secure: true })
    expect(cookie.name).toBe("__Secure-next-auth.session-token")
    expect(await serverSession(cookie, authOptions({ useSecureCookies: true }))).toMatchObject({
      user: { email: "ada@example.com" },
    })
  })

  it("refuses an adapter without the methods it needs", async () => {
    const { createSession: _, ...partial } = adapter
    const error = await databaseSession({ adapter: partial, user: { email: "ada@example.com" } }).catch((e) => e)
    expect(isAuthKitError(error, "invalid_config")).toBe(true)
    expect(error.message).toMatch(/^\[next-auth-kit\] databaseSession needs an adapter with .*createSession/)
  })
})
