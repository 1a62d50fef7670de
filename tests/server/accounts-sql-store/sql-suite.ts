/**
 * What the SQL store promises beyond the `AccountStore` contract (tables it creates, prefixes,
 * migrations, storage formats), run against each database by its own test file.
 */
import { describe, expect, it } from "vitest"
import { AuthKitError } from "../../../src/core/errors"
import {
  ACCOUNT_SCHEMA_VERSION,
  accountMigrations,
  accountSchema,
  postgresAccountSchema,
  sqlAccountStore,
  sqliteAccountSchema,
  type SqlDriver,
  type SqlStatement,
  type SqlValue,
} from "../../../src/server/accounts/sql"

export interface SqlSuiteSetup {
  /** The driver on the database under test (shared by the suite's tests). */
  driver: () => SqlDriver
  /** A table prefix no other test of the run uses. */
  prefix: () => string
}

const T0 = new Date("2030-01-01T00:00:00.000Z")
const at = (ms: number) => new Date(T0.getTime() + ms)
const HOUR_MS = 3_600_000
/** 1 to the version this code writes: every migration, recorded. */
const EVERY_VERSION = Array.from({ length: ACCOUNT_SCHEMA_VERSION }, (_, i) => i + 1)

/** The schema as migration 5 left it (0.3's sessions and adapter, before email changes and passkeys), recorded as such. */
async function schemaAtVersion5(db: SqlDriver, p: string) {
  for (const m of accountMigrations(db.dialect, p).filter((m) => m.version <= 5)) for (const sql of m.statements) await db.execute(sql)
  await db.execute(`CREATE TABLE ${p}schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`)
  await db.execute(`INSERT INTO ${p}schema_migrations (version, applied_at) VALUES (1, 0), (2, 0), (3, 0), (4, 0), (5, 0)`)
}

/** The versions recorded in a database. */
export async function versions(db: SqlDriver, p: string): Promise<number[]> {
  const rows = await db.execute(`SELECT version FROM ${p}schema_migrations ORDER BY version`)
  return rows.map((row) => Number(row.version))
}

/** Resolves for everyone once `n` callers are waiting. */
export function barrier(n: number): () => Promise<void> {
  let arrived = 0
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return () => {
    if (++arrived >= n) open()
    return opened
  }
}

/**
 * A driver over `db` as one app instance: records the migration steps it committed and every
 * statement that writes; `down = true` makes it fail as an unreachable server does. With a
 * `gate`, its first batch waits there (for the other instance).
 */
export function watch(db: SqlDriver, gate?: () => Promise<void>) {
  let gated = false
  const versionOf = (statements: readonly SqlStatement[]) =>
    statements.find((s) => /^INSERT INTO \w+schema_migrations \(version, applied_at\) VALUES \(\?, \?\)$/.test(s.sql))?.params?.[0]
  const writes: string[] = []
  const noteWrites = (sql: string) => {
    if (/^\s*(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\b/i.test(sql)) writes.push(sql)
  }
  const refused = () => Promise.reject(new Error("connect ECONNREFUSED"))
  const w = {
    /** Versions of the steps it committed, and of those it tried (a lost race fails at its version row). */
    applied: [] as number[],
    attempted: [] as number[],
    writes,
    down: false,
    driver: {
      dialect: db.dialect,
      execute: (sql: string, params?: readonly SqlValue[]) => {
        if (w.down) return refused()
        noteWrites(sql)
        return db.execute(sql, params)
      },
      batch: async (statements: readonly SqlStatement[]) => {
        if (w.down) return refused()
        if (gate && !gated) {
          gated = true
          await gate()
        }
        const version = versionOf(statements)
        if (version !== undefined) w.attempted.push(Number(version))
        const results = await db.batch!(statements)
        for (const s of statements) noteWrites(s.sql)
        if (version !== undefined) w.applied.push(Number(version))
        return results
      },
    } satisfies SqlDriver,
  }
  return w
}

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
      // The schema before two-factor, with no version recorded (as 0.2 had none): migration 1
      // without the mfa table.
      const first = accountMigrations(db.dialect, p)[0]!
      for (const statement of first.statements.filter((s) => !s.includes(`${p}mfa`))) await db.execute(statement)
      // A user as that release wrote it (today's code writes the columns of migration 4 too).
      await db.execute(
        `INSERT INTO ${p}users (id, email, name, password_hash, email_verified, roles, credential_version, created_at) VALUES ('u0', 'ada@example.com', NULL, 'h', NULL, '[]', 0, 7)`,
      )
      const old = sqlAccountStore(db, { tablePrefix: p, autoMigrate: false })
      await expect(old.getMfa("u0")).rejects.toThrow()
      const store = sqlAccountStore(db, { tablePrefix: p })
      const user = { id: "u0", email: "ada@example.com", name: null, passwordHash: "h", emailVerified: null, image: null, roles: [], credentialVersion: 0, createdAt: new Date(7) }
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

    it("records its schema version on first use, with the pending sign-ups and sessions tables", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      expect(ACCOUNT_SCHEMA_VERSION).toBe(7)
      await sqlAccountStore(db, { tablePrefix: p }).findUserById("x")
      expect(await versions(db, p)).toEqual(EVERY_VERSION)
      expect(await tableExists(db, `${p}accounts`)).toBe(true)
      expect(await tableExists(db, `${p}verification_tokens`)).toBe(true)
      expect(await tableExists(db, `${p}pending_signups`)).toBe(true)
      expect(await tableExists(db, `${p}sessions`)).toBe(true)
    })

    it("applies each migration step once when two instances start at once", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      // Both read "version 0" before either writes: the race a deployment of two instances has.
      const bothRead = barrier(2)
      const [a, b] = [watch(db, bothRead), watch(db, bothRead)]
      const found = await Promise.all([a, b].map((w) => sqlAccountStore(w.driver, { tablePrefix: p }).findUserById("x")))
      expect(found).toEqual([null, null])
      expect([...a.applied, ...b.applied].sort()).toEqual(EVERY_VERSION)
      // Both tried step 1: the race happened, and the loser's attempt left nothing.
      expect(a.attempted[0]).toBe(1)
      expect(b.attempted[0]).toBe(1)
      expect(await versions(db, p)).toEqual(EVERY_VERSION)
    })

    it("refuses a database that a newer release migrated, naming both versions, and writes nothing to it", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      const today = sqlAccountStore(db, { tablePrefix: p })
      await today.createUser({ email: "ada@example.com", name: null, passwordHash: "h", emailVerified: null, roles: [] })
      const newer = ACCOUNT_SCHEMA_VERSION + 1
      await db.execute(`INSERT INTO ${p}schema_migrations (version, applied_at) VALUES (?, ?)`, [newer, 0])

      const w = watch(db)
      for (const options of [{}, { autoMigrate: false }]) {
        const store = sqlAccountStore(w.driver, { tablePrefix: p, ...options })
        for (const call of [() => store.findUserById("x"), () => store.createUser({ email: "bob@example.com", name: null, passwordHash: "h", emailVerified: null, roles: [] }), () => store.hit("k", 1000, at(0))]) {
          const error = await call().then(() => null, (e: unknown) => e)
          expect(error).toBeInstanceOf(AuthKitError)
          expect(error).toMatchObject({ code: "invalid_config" })
          expect((error as Error).message).toContain(`schema version ${newer}`)
          expect((error as Error).message).toContain(`up to ${ACCOUNT_SCHEMA_VERSION}`)
          expect((error as Error).message).toMatch(/Upgrade next-auth-kit/)
        }
        await expect(store.migrate()).rejects.toMatchObject({ code: "invalid_config" })
      }
      expect(w.writes).toEqual([])
      expect(await db.execute(`SELECT email FROM ${p}users`)).toEqual([{ email: "ada@example.com" }])
      expect(await versions(db, p)).toEqual([...EVERY_VERSION, newer])
    })

    it("creates no table in a database whose only table says it is newer", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      await db.execute(`CREATE TABLE ${p}schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`)
      await db.execute(`INSERT INTO ${p}schema_migrations (version, applied_at) VALUES (?, ?)`, [ACCOUNT_SCHEMA_VERSION + 5, 0])
      await expect(sqlAccountStore(db, { tablePrefix: p }).findUserById("x")).rejects.toMatchObject({ code: "invalid_config" })
      for (const table of ["users", "tokens", "rate_limits", "mfa", "pending_signups", "sessions"]) {
        expect(await tableExists(db, `${p}${table}`)).toBe(false)
      }
    })

    it("finds nothing to apply on tables made with accountSchema(), which records the version", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      // Twice on PostgreSQL, where every statement is idempotent; SQLite cannot add a column only
      // when it is missing (migrations 4, 5 and 6), so there it runs once.
      for (let i = 0; i < (db.dialect === "postgres" ? 2 : 1); i++) for (const statement of accountSchema(db.dialect, p)) await db.execute(statement)
      expect(await versions(db, p)).toEqual(EVERY_VERSION)
      const w = watch(db)
      expect(await sqlAccountStore(w.driver, { tablePrefix: p }).findUserById("x")).toBeNull()
      expect(w.applied).toEqual([])
      expect(w.writes).toEqual([])
    })

    it("lists its migrations in order for apps with their own tool (6 is another branch's; numbers need not be contiguous), the last being the version it records", () => {
      const db = setup.driver()
      const migrations = accountMigrations(db.dialect, "app_")
      expect(migrations.map((m) => m.version)).toEqual(EVERY_VERSION)
      expect(migrations[3]?.statements.join("\n")).toContain("CREATE TABLE IF NOT EXISTS app_accounts")
      expect(migrations.at(-1)?.version).toBe(ACCOUNT_SCHEMA_VERSION)
      expect(migrations[1]?.statements.join("\n")).toContain("CREATE TABLE IF NOT EXISTS app_pending_signups")
      expect(migrations[2]?.statements.join("\n")).toContain("CREATE TABLE IF NOT EXISTS app_sessions")
      expect(accountSchema(db.dialect, "app_")).toEqual(expect.arrayContaining(migrations.flatMap((m) => m.statements)))
      for (const m of migrations) expect(m.description.length).toBeGreaterThan(0)
    })

    it("upgrades a database at version 2 (0.3.0) in place: users, tokens and pending sign-ups kept, sessions added", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      // The schema as 0.3.0 left it: migrations 1 and 2, recorded.
      for (const m of accountMigrations(db.dialect, p).filter((m) => m.version <= 2)) for (const sql of m.statements) await db.execute(sql)
      await db.execute(`CREATE TABLE ${p}schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`)
      await db.execute(`INSERT INTO ${p}schema_migrations (version, applied_at) VALUES (1, 0), (2, 0)`)
      await db.execute(
        `INSERT INTO ${p}users (id, email, name, password_hash, email_verified, roles, credential_version, created_at) VALUES ('u1', 'ada@example.com', 'Ada', 'h', 5, '["admin"]', 3, 7)`,
      )
      await db.execute(`INSERT INTO ${p}tokens (kind, token_hash, user_id, expires_at, used_at, created_at) VALUES ('reset-password', 'th', 'u1', ?, NULL, 0)`, [at(HOUR_MS).getTime()])
      await db.execute(`INSERT INTO ${p}pending_signups (email, name, password_hash, token_hash, expires_at, created_at) VALUES ('new@example.com', NULL, 'h', 'pt', ?, 0)`, [at(HOUR_MS).getTime()])
      expect(await tableExists(db, `${p}sessions`)).toBe(false)

      const store = sqlAccountStore(db, { tablePrefix: p })
      expect(await store.findUserById("u1")).toEqual({
        id: "u1", email: "ada@example.com", name: "Ada", passwordHash: "h", emailVerified: new Date(5), roles: ["admin"], credentialVersion: 3, createdAt: new Date(7), image: null,
      })
      expect(await versions(db, p)).toEqual(EVERY_VERSION)
      expect(await store.consumeToken("reset-password", "th", at(0))).toEqual({ ok: true, userId: "u1" })
      expect((await store.consumePendingSignup("pt", at(0))).ok).toBe(true)
      const session = { id: "s1", userId: "u1", method: "grant", ip: "203.0.113.9", browser: null, os: null, deviceType: null, createdAt: at(0), lastActiveAt: at(0), expiresAt: at(HOUR_MS) }
      await store.createSession(session)
      expect(await store.listSessions("u1", at(1))).toEqual([session])
    })

    it("upgrades a database at version 5 in place: its tokens kept and usable, new tokens carry data", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      await schemaAtVersion5(db, p)
      await db.execute(
        `INSERT INTO ${p}users (id, email, name, password_hash, email_verified, roles, credential_version, created_at, image) VALUES ('u5', 'ada@example.com', 'Ada', 'h', 5, '[]', 2, 7, NULL)`,
      )
      await db.execute(`INSERT INTO ${p}tokens (kind, token_hash, user_id, expires_at, used_at, created_at) VALUES ('reset-password', 'r5', 'u5', ?, NULL, 0)`, [at(HOUR_MS).getTime()])
      await db.execute(`INSERT INTO ${p}tokens (kind, token_hash, user_id, expires_at, used_at, created_at) VALUES ('mfa-recovery', 'c5', 'u5', ?, NULL, 0)`, [at(HOUR_MS).getTime()])

      const store = sqlAccountStore(db, { tablePrefix: p })
      expect(await store.consumeToken("reset-password", "r5", at(0))).toEqual({ ok: true, userId: "u5" })
      expect(await versions(db, p)).toEqual(EVERY_VERSION)
      expect(await store.consumeToken("mfa-recovery", "c5", at(0))).toEqual({ ok: true, userId: "u5" })
      await store.createToken({ kind: "change-email", tokenHash: "e6", userId: "u5", expiresAt: at(HOUR_MS), data: "ada@new.example.com" })
      expect(await store.consumeToken("change-email", "e6", at(0))).toEqual({ ok: true, userId: "u5", data: "ada@new.example.com" })
      expect(await store.changeEmail("u5", "ada@new.example.com", at(1))).toBe("changed")
      expect(await store.findUserByEmail("ada@new.example.com")).toMatchObject({ id: "u5", emailVerified: at(1), credentialVersion: 2 })
    })

    it("upgrades a database at version 5 in place: its data kept, the passkeys table added, and passkeys stored as integers and JSON text", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      await schemaAtVersion5(db, p)
      await db.execute(
        `INSERT INTO ${p}users (id, email, name, password_hash, email_verified, roles, credential_version, created_at) VALUES ('u1', 'ada@example.com', 'Ada', 'h', 5, '[]', 3, 7)`,
      )
      expect(await tableExists(db, `${p}passkeys`)).toBe(false)
      const store = sqlAccountStore(db, { tablePrefix: p })
      expect((await store.findUserById("u1"))?.credentialVersion).toBe(3)
      expect(await versions(db, p)).toEqual(EVERY_VERSION)
      const passkey = {
        id: "cred", userId: "u1", publicKey: "pQECAyYg", counter: 4_294_967_295, transports: ["internal", "hybrid"], backedUp: true,
        deviceType: "multiDevice", name: "Phone", createdAt: at(1), lastUsedAt: null,
      }
      expect(await store.createPasskey(passkey)).toBe(true)
      const [row] = await db.execute(`SELECT counter, transports, backed_up, created_at, last_used_at FROM ${p}passkeys WHERE id = 'cred'`)
      expect(Number(row!.counter)).toBe(4_294_967_295)
      expect(row!.transports).toBe('["internal","hybrid"]')
      expect(Number(row!.backed_up)).toBe(1)
      expect(Number(row!.created_at)).toBe(at(1).getTime())
      expect(row!.last_used_at).toBeNull()
      expect(await store.findPasskey("cred")).toEqual(passkey)
    })

    it("stores sessions with integer milliseconds, and prune() deletes the expired ones", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      const store = sqlAccountStore(db, { tablePrefix: p })
      const base = { userId: "u1", method: "password", ip: null, browser: "Chrome 126", os: "macOS", deviceType: "desktop", createdAt: at(0), lastActiveAt: at(1) }
      await store.createSession({ ...base, id: "old", expiresAt: at(10) })
      await store.createSession({ ...base, id: "live", expiresAt: at(HOUR_MS) })
      const [row] = await db.execute(`SELECT id, user_id, method, created_at, last_active_at, expires_at FROM ${p}sessions WHERE id = 'live'`)
      expect({ ...row, created_at: Number(row!.created_at), last_active_at: Number(row!.last_active_at), expires_at: Number(row!.expires_at) }).toEqual({
        id: "live", user_id: "u1", method: "password", created_at: at(0).getTime(), last_active_at: at(1).getTime(), expires_at: at(HOUR_MS).getTime(),
      })
      await store.prune(at(10))
      expect((await db.execute(`SELECT id FROM ${p}sessions`)).map((r) => r.id)).toEqual(["live"])
    })

    it("migrates through a driver without batch(), statement by statement", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      const plain: SqlDriver = { dialect: db.dialect, execute: (sql, params) => db.execute(sql, params) }
      const store = sqlAccountStore(plain, { tablePrefix: p })
      await store.savePendingSignup({ email: "a@b.c", name: null, passwordHash: "h", tokenHash: "t1", expiresAt: at(10), createdAt: at(0) })
      expect(await versions(db, p)).toEqual(EVERY_VERSION)
      await store.migrate()
      expect((await store.consumePendingSignup("t1", at(0))).ok).toBe(true)
    })

    it("answers store_unavailable (the cause kept) while the database fails, and works again after, as the same store", async () => {
      const db = setup.driver()
      const p = setup.prefix()
      const w = watch(db)
      const store = sqlAccountStore(w.driver, { tablePrefix: p })
      w.down = true
      const first = await store.findUserById("x").then(() => null, (e: unknown) => e)
      expect(first).toBeInstanceOf(AuthKitError)
      expect(first).toMatchObject({ code: "store_unavailable", cause: expect.objectContaining({ message: "connect ECONNREFUSED" }) })
      expect((first as Error).message).toContain("connect ECONNREFUSED")
      w.down = false
      const user = await store.createUser({ email: "ada@example.com", name: null, passwordHash: "h", emailVerified: null, roles: [] })
      w.down = true
      await expect(store.findUserByEmail("ada@example.com")).rejects.toMatchObject({ code: "store_unavailable" })
      await expect(store.hit("k", 1000, at(0))).rejects.toMatchObject({ code: "store_unavailable" })
      w.down = false
      expect(await store.findUserByEmail("ada@example.com")).toEqual(user)
      // A statement the database refuses is a failure of the store too (createToken's duplicate).
      const token = { kind: "verify-email" as const, tokenHash: "b".repeat(64), userId: "u", expiresAt: at(5) }
      await store.createToken(token)
      await expect(store.createToken(token)).rejects.toMatchObject({ code: "store_unavailable" })
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
        expect(() => sqlAccountStore(db, { tablePrefix })).toThrow(expect.objectContaining({ code: "invalid_config" }))
        expect(() => accountSchema(db.dialect, tablePrefix)).toThrow(AuthKitError)
      }
      expect(() => sqlAccountStore({ execute: async () => [] } as never)).toThrow(/libsqlDriver|pgDriver/)
      expect(() => sqlAccountStore({ query: async () => ({ rows: [] }) } as never)).toThrow(/pgDriver/)
      expect(() => sqlAccountStore({ query: async () => ({ rows: [] }) } as never)).toThrow(
        expect.objectContaining({ code: "invalid_config" }),
      )
    })

    it("rejects a window that is not a positive duration", async () => {
      const store = sqlAccountStore(setup.driver(), { tablePrefix: setup.prefix() })
      for (const windowMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(store.hit("k", windowMs, at(0))).rejects.toMatchObject({ code: "invalid_config" })
      }
    })

    it("rejects invalid dates and counts that are not integers as invalid_config", async () => {
      const store = sqlAccountStore(setup.driver(), { tablePrefix: setup.prefix() })
      const invalid = { code: "invalid_config" }
      await expect(store.hit("k", 1000, new Date(Number.NaN))).rejects.toMatchObject(invalid)
      await expect(store.hit("k", 1000, at(0), 1.5)).rejects.toMatchObject(invalid)
      await expect(
        store.createToken({ kind: "verify-email", tokenHash: "d".repeat(64), userId: "u", expiresAt: new Date("nope") }),
      ).rejects.toMatchObject(invalid)
      await expect(store.consumePendingSignup("d".repeat(64), new Date(Number.NaN))).rejects.toMatchObject(invalid)
      await expect(store.updateUser("u", { credentialVersion: 0.5 })).rejects.toMatchObject(invalid)
    })

    it("exports the default-prefix DDL for apps that migrate themselves", () => {
      expect(sqliteAccountSchema).toContain("CREATE TABLE IF NOT EXISTS nak_users")
      expect(sqliteAccountSchema).toContain("CREATE TABLE IF NOT EXISTS nak_pending_signups")
      expect(postgresAccountSchema).toContain("CREATE TABLE IF NOT EXISTS nak_schema_migrations")
      expect(postgresAccountSchema).toContain("CREATE TABLE IF NOT EXISTS nak_rate_limits")
      expect(postgresAccountSchema).toContain("BIGINT")
      expect(accountSchema("sqlite", "app_auth_").join("\n")).toContain("app_auth_tokens_user_kind_idx")
      expect(sqliteAccountSchema).toContain("CREATE TABLE IF NOT EXISTS nak_mfa")
      expect(postgresAccountSchema).toMatch(/CREATE TABLE IF NOT EXISTS nak_mfa \(\s+user_id TEXT PRIMARY KEY,\s+secret TEXT NOT NULL,\s+enabled_at BIGINT\s+\)/)
    })
  })
}
