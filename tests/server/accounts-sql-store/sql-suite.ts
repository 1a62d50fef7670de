/**
 * What the SQL store promises beyond the `AccountStore` contract (tables it creates, prefixes,
 * migrations, storage formats), run against each database by its own test file.
 */
import { describe, expect, it } from "vitest"
import {
  accountSchema,
  postgresAccountSchema,
  sqlAccountStore,
  sqliteAccountSchema,
  type SqlDriver,
} from "../../../src/server/accounts/sql-store"

export interface SqlSuiteSetup {
  /** The driver on the database under test (shared by the suite's tests). */
  driver: () => SqlDriver
  /** A table prefix no other test of the run uses. */
  prefix: () => string
}

const T0 = new Date("2030-01-01T00:00:00.000Z")
const at = (ms: number) => new Date(T0.getTime() + ms)

export function sqlStoreSuite(name: string, setup: SqlSuiteSetup): void {
  describe(`sqlAccountStore on ${name}`, () => {
    const tableExists = async (db: SqlDriver, table: string) =>
      db.execute(`SELECT COUNT(*) AS n FROM ${table}`).then(
        () => true,
        () => false,
      )

    it("creates its tables, with the prefix, on first use", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      const store = sqlAccountStore(db, { tablePrefix: p })
      expect(await tableExists(db, `${p}users`)).toBe(false)
      expect(await store.findUserById("x")).toBeNull()
      for (const table of ["users", "tokens", "rate_limits", "mfa"]) expect(await tableExists(db, `${p}${table}`)).toBe(true)
    })

    it("adds the two-factor table to a database that an earlier version created, keeping its data", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      // The schema before two-factor: every statement but the mfa table's.
      for (const statement of accountSchema(db.dialect, p).filter((s) => !s.includes(`${p}mfa`))) await db.execute(statement)
      const old = sqlAccountStore(db, { tablePrefix: p, autoMigrate: false })
      const user = (await old.createUser({ email: "ada@example.com", name: null, passwordHash: "h", emailVerified: null, roles: [] }))!
      await expect(old.getMfa(user.id)).rejects.toThrow()
      const store = sqlAccountStore(db, { tablePrefix: p })
      await store.setMfa(user.id, { secret: "v1.a.b", enabledAt: at(7) })
      expect(await store.getMfa(user.id)).toEqual({ secret: "v1.a.b", enabledAt: at(7) })
      expect(await store.findUserById(user.id)).toEqual(user)
    })

    it("stores two-factor state as the sealed text and integer milliseconds, one row per user", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      const store = sqlAccountStore(db, { tablePrefix: p })
      await store.setMfa("u1", { secret: "v1.iv.body", enabledAt: null })
      await store.setMfa("u1", { secret: "v1.iv.body", enabledAt: at(3) })
      const rows = await db.execute(`SELECT user_id, secret, enabled_at FROM ${p}mfa`)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ user_id: "u1", secret: "v1.iv.body" })
      expect(Number(rows[0]?.enabled_at)).toBe(at(3).getTime())
      await store.createToken({ kind: "mfa-recovery", tokenHash: "9".repeat(64), userId: "u1", expiresAt: new Date("9999-01-01T00:00:00Z") })
      const [token] = await db.execute(`SELECT expires_at FROM ${p}tokens WHERE kind = ?`, ["mfa-recovery"])
      expect(Number(token?.expires_at)).toBe(Date.UTC(9999, 0, 1))
    })

    it("keeps two prefixes apart on one database", async () => {
      const db = setup.driver()
      const one = sqlAccountStore(db, { tablePrefix: setup.prefix() })
      const two = sqlAccountStore(db, { tablePrefix: setup.prefix() })
      const user = await one.createUser({
        email: "ada@example.com",
        name: null,
        passwordHash: "h",
        emailVerified: null,
        roles: [],
      })
      expect(user).not.toBeNull()
      expect(await two.findUserByEmail("ada@example.com")).toBeNull()
      expect(await two.createUser({ email: "ada@example.com", name: null, passwordHash: "h", emailVerified: null, roles: [] }))
        .not.toBeNull()
      expect((await one.hit("k", 1000, at(0))).count).toBe(1)
      expect((await two.hit("k", 1000, at(0))).count).toBe(1)
    })

    it("migrates twice, and from several stores at once, without harm or data loss", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      const store = sqlAccountStore(db, { tablePrefix: p })
      await store.migrate()
      await store.migrate()
      const user = await store.createUser({ email: "a@b.c", name: "A", passwordHash: "h", emailVerified: null, roles: ["x"] })
      await Promise.all(Array.from({ length: 5 }, () => sqlAccountStore(db, { tablePrefix: p }).migrate()))
      await store.migrate()
      expect(await sqlAccountStore(db, { tablePrefix: p }).findUserByEmail("a@b.c")).toEqual(user)

      // First use by many stores at once (each migrates on its own first call).
      const q = setup.prefix()
      const found = await Promise.all(
        Array.from({ length: 5 }, () => sqlAccountStore(db, { tablePrefix: q }).findUserById("x")),
      )
      expect(found).toEqual([null, null, null, null, null])
    })

    it("with autoMigrate: false, uses the tables the app created from accountSchema()", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      const store = sqlAccountStore(db, { tablePrefix: p, autoMigrate: false })
      await expect(store.findUserById("x")).rejects.toThrow()
      for (const statement of accountSchema(db.dialect, p)) await db.execute(statement)
      expect(await store.findUserById("x")).toBeNull()
      expect((await store.hit("k", 10, at(0))).count).toBe(1)
    })

    it("stores times as integer milliseconds, roles as JSON text and emails normalised", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      const store = sqlAccountStore(db, { tablePrefix: p })
      const verified = new Date("2029-02-03T04:05:06.789Z")
      const user = (await store.createUser({
        email: " Grace@Example.com",
        name: "Grace",
        passwordHash: "h",
        emailVerified: verified,
        roles: ["admin", "user"],
      }))!
      const [row] = await db.execute(`SELECT email, email_verified, created_at, roles FROM ${p}users WHERE id = ?`, [
        user.id,
      ])
      expect(row?.email).toBe("grace@example.com")
      expect(Number(row?.email_verified)).toBe(verified.getTime())
      expect(Number(row?.created_at)).toBe(user.createdAt.getTime())
      expect(row?.roles).toBe('["admin","user"]')

      await store.createToken({ kind: "verify-email", tokenHash: "f".repeat(64), userId: user.id, expiresAt: at(5) })
      const [token] = await db.execute(`SELECT token_hash, expires_at, used_at FROM ${p}tokens`)
      expect(token).toMatchObject({ token_hash: "f".repeat(64), used_at: null })
      expect(Number(token?.expires_at)).toBe(at(5).getTime())
    })

    it("refuses a second token with the same kind and hash", async () => {
      const store = sqlAccountStore(setup.driver(), { tablePrefix: setup.prefix() })
      const token = { kind: "verify-email" as const, tokenHash: "e".repeat(64), userId: "u", expiresAt: at(5) }
      await store.createToken(token)
      await expect(store.createToken({ ...token, userId: "v" })).rejects.toThrow()
      expect(await store.consumeToken("verify-email", token.tokenHash, at(0))).toEqual({ ok: true, userId: "u" })
    })

    it("prune() deletes expired tokens and ended windows, nothing else", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      const store = sqlAccountStore(db, { tablePrefix: p })
      await store.createToken({ kind: "reset-password", tokenHash: "1".repeat(64), userId: "u", expiresAt: at(10) })
      await store.createToken({ kind: "reset-password", tokenHash: "2".repeat(64), userId: "u", expiresAt: at(100) })
      await store.hit("old", 10, at(0))
      await store.hit("new", 1000, at(0))
      await store.prune(at(50))
      expect(await store.consumeToken("reset-password", "1".repeat(64), at(0))).toEqual({ ok: false, reason: "unknown" })
      expect(await store.consumeToken("reset-password", "2".repeat(64), at(60))).toEqual({ ok: true, userId: "u" })
      const keys = await db.execute(`SELECT rate_key FROM ${p}rate_limits ORDER BY rate_key`)
      expect(keys).toEqual([{ rate_key: "new" }])
      expect(await store.hit("new", 1000, at(60))).toEqual({ count: 2, resetAt: at(1000) })
    })

    it("rejects a prefix that is not a plain identifier, and a client that is not a driver", () => {
      const db = setup.driver()
      for (const tablePrefix of ["", "nak-", "x; DROP TABLE users; --", "1abc", "a".repeat(41), "naïve_"]) {
        expect(() => sqlAccountStore(db, { tablePrefix })).toThrow(TypeError)
      }
      expect(() => sqlAccountStore({ execute: async () => [] } as never)).toThrow(/libsqlDriver|pgDriver/)
      expect(() => sqlAccountStore({ query: async () => ({ rows: [] }) } as never)).toThrow(/pgDriver/)
    })

    it("rejects a window that is not a positive duration", async () => {
      const store = sqlAccountStore(setup.driver(), { tablePrefix: setup.prefix() })
      for (const windowMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(store.hit("k", windowMs, at(0))).rejects.toThrow(RangeError)
      }
    })

    it("exports the default-prefix DDL for apps that migrate themselves", () => {
      expect(sqliteAccountSchema).toContain("CREATE TABLE IF NOT EXISTS nak_users")
      expect(postgresAccountSchema).toContain("CREATE TABLE IF NOT EXISTS nak_rate_limits")
      expect(postgresAccountSchema).toContain("BIGINT")
      expect(accountSchema("sqlite", "app_auth_").join("\n")).toContain("app_auth_tokens_user_kind_idx")
      expect(sqliteAccountSchema).toContain("CREATE TABLE IF NOT EXISTS nak_mfa")
      expect(postgresAccountSchema).toMatch(/CREATE TABLE IF NOT EXISTS nak_mfa \(\s+user_id TEXT PRIMARY KEY,\s+secret TEXT NOT NULL,\s+enabled_at BIGINT\s+\)/)
    })
  })
}
