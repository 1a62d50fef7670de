/**
 * A database written by 0.2, upgraded in place: tests/fixtures/accounts-0.2.* (made by
 * tests/fixtures/accounts-0.2.mjs with 0.2's own store) opened by today's store, on each
 * database by its own test file.
 */
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import type { AccountUser, TokenKind } from "../../../src/core/accounts/store"
import { ACCOUNT_SCHEMA_VERSION, accountMigrations, sqlAccountStore, type SqlDriver } from "../../../src/server/accounts/sql"
import { barrier, versions, watch } from "./sql-suite"

const fixtures = new URL("../../fixtures/", import.meta.url)

/** The libSQL file 0.2 wrote (copy it before opening: the tests write to it). */
export const FIXTURE_DB = new URL("accounts-0.2.db", fixtures)

/** 0.2's PostgreSQL DDL and the same rows, with `prefix` instead of `nak_`. */
export function fixturePostgresScript(prefix: string): string {
  return readFileSync(new URL("accounts-0.2.postgres.sql", fixtures), "utf8").replace(/\bnak_/g, prefix)
}

interface Manifest {
  madeAt: string
  users: (Omit<AccountUser, "emailVerified" | "createdAt"> & { emailVerified: string | null; createdAt: string; password: string })[]
  tokens: { kind: TokenKind; token: string; tokenHash: string; userId: string; expiresAt: string; state: "unused" | "used" | "expired" }[]
  mfa: Record<string, { sealed: string; enabledAt: string | null }>
  recoveryCodes: Record<string, { used: string[]; unused: string[] }>
  rateLimits: { key: string; hits: number; resetAt: string }[]
}

const manifest = JSON.parse(readFileSync(new URL("accounts-0.2.json", fixtures), "utf8")) as Manifest
const madeAt = new Date(manifest.madeAt).getTime()
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")

export interface FixtureSetup {
  /**
   * A new copy of the 0.2 database, not opened by any store yet, and two drivers on it that
   * are two app instances (two clients, two pools); `prefix` is its tables' prefix.
   */
  fresh(): Promise<{ drivers: [SqlDriver, SqlDriver]; prefix: string }>
}

export function fixtureSuite(name: string, setup: FixtureSetup): void {
  describe(`a database written by 0.2, opened by this release: ${name}`, () => {
    it("is what 0.2 left: the tables and rows, no version recorded", async () => {
      const { drivers: [db], prefix: p } = await setup.fresh()
      await expect(db.execute(`SELECT COUNT(*) AS n FROM ${p}schema_migrations`)).rejects.toThrow()
      const [row] = await db.execute(`SELECT COUNT(*) AS n FROM ${p}users`)
      expect(Number(row?.n)).toBe(manifest.users.length)
    })

    it("reads back every user, password hash, token, two-factor state and rate limit, at the current version", async () => {
      const { drivers: [db], prefix: p } = await setup.fresh()
      const store = sqlAccountStore(db, { tablePrefix: p })

      for (const { password: _, ...user } of manifest.users) {
        const expected: AccountUser = {
          ...user,
          emailVerified: user.emailVerified === null ? null : new Date(user.emailVerified),
          createdAt: new Date(user.createdAt),
          image: null,
        }
        expect(await store.findUserById(user.id)).toEqual(expected)
        expect(await store.findUserByEmail(user.email.toUpperCase())).toEqual(expected)
      }
      expect(await versions(db, p)).toEqual(Array.from({ length: ACCOUNT_SCHEMA_VERSION }, (_, i) => i + 1))

      // Rate-limit windows as they were (read before any hit changes them), then counting on.
      const limits = await db.execute(`SELECT rate_key, hits, reset_at FROM ${p}rate_limits ORDER BY rate_key`)
      expect(limits.map((r) => ({ key: r.rate_key, hits: Number(r.hits), resetAt: new Date(Number(r.reset_at)).toISOString() }))).toEqual(
        manifest.rateLimits,
      )
      const open = manifest.rateLimits.find((l) => l.key === "signin:email:ada@example.com")!
      expect(await store.hit(open.key, 15 * 60_000, new Date(madeAt), 0)).toEqual({ count: open.hits, resetAt: new Date(open.resetAt) })
      expect(await store.hit(open.key, 15 * 60_000, new Date(madeAt), -1)).toEqual({ count: open.hits - 1, resetAt: new Date(open.resetAt) })

      // Tokens: the pending ones work once, the used and expired ones stay so.
      const now = new Date(madeAt + 60_000)
      for (const token of manifest.tokens) {
        expect(sha256(token.token)).toBe(token.tokenHash)
        const expected = { unused: { ok: true, userId: token.userId }, used: { ok: false, reason: "used" }, expired: { ok: false, reason: "expired" } }[token.state]
        expect(await store.consumeToken(token.kind, token.tokenHash, now)).toEqual(expected)
      }
      const reset = manifest.tokens.find((t) => t.state === "unused" && t.kind === "reset-password")!
      expect(await store.consumeToken("reset-password", reset.tokenHash, now)).toEqual({ ok: false, reason: "used" })

      // Two-factor: the sealed secrets as 0.2 stored them, and the recovery codes.
      for (const [userId, state] of Object.entries(manifest.mfa)) {
        expect(await store.getMfa(userId)).toEqual({ secret: state.sealed, enabledAt: state.enabledAt === null ? null : new Date(state.enabledAt) })
      }
      expect(await store.getMfa("user-ada")).toBeNull()
      // 0.2 hashed a recovery code as SHA-256 of `<userId>:<code without the dash>`.
      const codeHash = (code: string) => sha256(`user-grace:${code.replace("-", "")}`)
      const { used, unused } = manifest.recoveryCodes["user-grace"]!
      expect(unused).toHaveLength(8)
      for (const code of unused) expect(await store.consumeToken("mfa-recovery", codeHash(code), now)).toEqual({ ok: true, userId: "user-grace" })
      for (const code of used) expect(await store.consumeToken("mfa-recovery", codeHash(code), now)).toEqual({ ok: false, reason: "used" })

      // And what 0.2 did not have.
      const signup = { email: "new@example.com", name: null, passwordHash: "h", tokenHash: sha256("new"), expiresAt: new Date(madeAt + 3_600_000), createdAt: new Date(madeAt) }
      await store.savePendingSignup(signup)
      expect(await store.consumePendingSignup(signup.tokenHash, now)).toEqual({ ok: true, signup })
      const session = { id: "s1", userId: "user-ada", method: "password", ip: null, browser: null, os: null, deviceType: null, createdAt: now, lastActiveAt: now, expiresAt: new Date(madeAt + 3_600_000) }
      await store.createSession(session)
      expect(await store.listSessions("user-ada", now)).toEqual([session])
    })

    it("is migrated once when two instances open it at the same moment", async () => {
      const { drivers, prefix: p } = await setup.fresh()
      const bothRead = barrier(2)
      const [a, b] = drivers.map((db) => watch(db, bothRead))
      const [one, two] = [a!, b!].map((w) => sqlAccountStore(w.driver, { tablePrefix: p }))
      const [ada, grace] = await Promise.all([one!.findUserById("user-ada"), two!.findUserById("user-grace")])
      expect(ada?.email).toBe("ada@example.com")
      expect(grace?.roles).toEqual(["editor", 'rôle "quoted"'])
      expect([...a!.applied, ...b!.applied].sort()).toEqual(Array.from({ length: ACCOUNT_SCHEMA_VERSION }, (_, i) => i + 1))
      expect([a!.attempted[0], b!.attempted[0]]).toEqual([1, 1]) // the race did happen
      expect(await versions(drivers[0], p)).toEqual(Array.from({ length: ACCOUNT_SCHEMA_VERSION }, (_, i) => i + 1))
      const [row] = await drivers[1].execute(`SELECT COUNT(*) AS n FROM ${p}users`)
      expect(Number(row?.n)).toBe(manifest.users.length)
    })
  })
}
