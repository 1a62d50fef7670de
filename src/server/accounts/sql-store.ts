/**
 * `sqlAccountStore`: the kit's `AccountStore` on SQL, the same code on the embedded SQLite/libSQL
 * database and on a PostgreSQL server.
 *
 * The store does not import a database client: the app hands it one through a tiny driver
 * (`libsqlDriver(createClient(…))` for `@libsql/client`, `pgDriver(new Pool(…))` for `pg`, or its
 * own `SqlDriver`), so neither client is a dependency of the kit.
 *
 * Portability rules the statements below keep to:
 * - placeholders are written `?`; the PostgreSQL driver numbers them (`$1`, `$2`, …);
 * - times are integers (milliseconds since the epoch: `BIGINT` on PostgreSQL), roles are JSON
 *   text, ids are text, so both databases store and compare the same values;
 * - every method is one statement, atomic on its own: `consumeToken` checks and marks in one
 *   `UPDATE … RETURNING`, `hit` counts in one `INSERT … ON CONFLICT DO UPDATE … RETURNING`,
 *   `createUser` relies on the UNIQUE email (`ON CONFLICT (email) DO NOTHING`), `setMfa` upserts
 *   with `ON CONFLICT (user_id) DO UPDATE … excluded`. SQLite needs 3.35 or newer for
 *   `RETURNING` (libSQL has it); PostgreSQL 9.5 or newer.
 */
import type {
  AccountStore,
  AccountUser,
  AccountUserPatch,
  ConsumedToken,
  MfaState,
  NewAccountUser,
  StoredToken,
  TokenKind,
} from "../../core/accounts/store"

/** The SQL dialects the store speaks. */
export type SqlDialect = "sqlite" | "postgres"

/** A value bound to a placeholder. */
export type SqlValue = string | number | null

/** A result row, by column name. Integers may arrive as numbers, bigints or (pg) strings. */
export type SqlRow = Record<string, unknown>

/**
 * What the store needs from a database client: run one statement with `?` placeholders and
 * answer its rows. `libsqlDriver` and `pgDriver` adapt the usual clients; anything else fits
 * with a few lines.
 */
export interface SqlDriver {
  readonly dialect: SqlDialect
  execute(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>
}

/** The part of `@libsql/client`'s `Client` that `libsqlDriver` uses. */
export interface LibsqlClientLike {
  execute(statement: { sql: string; args: SqlValue[] }): Promise<{
    columns: string[]
    rows: ArrayLike<unknown>[]
  }>
}

/** The part of `pg`'s `Pool`, `Client` or `PoolClient` that `pgDriver` uses. */
export interface PgClientLike {
  query(text: string, values?: unknown[]): Promise<{ rows: SqlRow[] }>
}

/**
 * A driver for `@libsql/client` (embedded SQLite file, `:memory:`, or a libSQL server):
 * `sqlAccountStore(libsqlDriver(createClient({ url: "file:auth.db" })))`.
 */
export function libsqlDriver(client: LibsqlClientLike): SqlDriver {
  return {
    dialect: "sqlite",
    async execute(sql, params = []) {
      const result = await client.execute({ sql, args: [...params] })
      // Rows are array-like with named properties; copy them into plain objects by column.
      return Array.from(result.rows, (row) => {
        const out: SqlRow = {}
        result.columns.forEach((column, i) => {
          out[column] = (row as ArrayLike<unknown>)[i]
        })
        return out
      })
    },
  }
}

/**
 * A driver for `pg` (node-postgres): pass a `Pool` (recommended: statements of concurrent
 * requests then run on several connections), a `Client` or a `PoolClient`:
 * `sqlAccountStore(pgDriver(new Pool({ connectionString: process.env.DATABASE_URL })))`.
 */
export function pgDriver(client: PgClientLike): SqlDriver {
  return {
    dialect: "postgres",
    async execute(sql, params = []) {
      const result = await client.query(toNumberedPlaceholders(sql), [...params])
      return result.rows
    },
  }
}

/**
 * Turns `?` placeholders into PostgreSQL's `$1`, `$2`, …, leaving `?` inside quoted strings,
 * quoted identifiers and comments alone.
 */
export function toNumberedPlaceholders(sql: string): string {
  let out = ""
  let n = 0
  let i = 0
  while (i < sql.length) {
    const ch = sql[i]!
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1)
      const stop = end === -1 ? sql.length : end + 1
      out += sql.slice(i, stop)
      i = stop
    } else if (ch === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i)
      const stop = end === -1 ? sql.length : end
      out += sql.slice(i, stop)
      i = stop
    } else if (ch === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2)
      const stop = end === -1 ? sql.length : end + 2
      out += sql.slice(i, stop)
      i = stop
    } else if (ch === "?") {
      out += `$${++n}`
      i++
    } else {
      out += ch
      i++
    }
  }
  return out
}

/** Options of `sqlAccountStore`. */
export interface SqlAccountStoreOptions {
  /**
   * Prepended to every table and index name, so the kit's tables sit beside the app's own.
   * Letters, digits and `_`, starting with a letter or `_`, at most 40 characters. Default `nak_`.
   */
  tablePrefix?: string
  /**
   * Create the tables (`CREATE TABLE IF NOT EXISTS`) before the first statement. Default `true`.
   * Set `false` when the app runs `accountSchema(dialect, prefix)` with its own migrations; or
   * call `await store.migrate()` at start-up to create them eagerly.
   */
  autoMigrate?: boolean
}

/** The SQL account store: an `AccountStore` with its schema management. */
export interface SqlAccountStore extends AccountStore {
  /**
   * Creates the tables and indexes when they are missing. Idempotent and safe to run from
   * several processes at once (on PostgreSQL it takes an advisory lock). With `autoMigrate` (the
   * default) the first call of any method runs it once per store.
   */
  migrate(): Promise<void>
  /**
   * Deletes what can no longer matter at `now`: tokens past their expiry (used or not) and
   * rate-limit windows that have ended. Optional housekeeping, e.g. from a daily job.
   */
  prune(now?: Date): Promise<void>
}

export const DEFAULT_TABLE_PREFIX = "nak_"

const PREFIX_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/

/** The advisory lock key of migrations: "nak" in ASCII and 01, stable across releases. */
const MIGRATION_LOCK_KEY = 0x6e616b01

/**
 * The DDL of the store's tables for one dialect, as separate statements (each idempotent):
 * for apps that run their own migrations (`sqlAccountStore(driver, { autoMigrate: false })`).
 */
export function accountSchema(dialect: SqlDialect, tablePrefix: string = DEFAULT_TABLE_PREFIX): string[] {
  const p = checkPrefix(tablePrefix)
  // Integers for times: BIGINT on PostgreSQL (ms since the epoch overflow 32 bits); SQLite's
  // INTEGER is already 64-bit.
  const time = dialect === "postgres" ? "BIGINT" : "INTEGER"
  return [
    `CREATE TABLE IF NOT EXISTS ${p}users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT,
  password_hash TEXT NOT NULL,
  email_verified ${time},
  roles TEXT NOT NULL DEFAULT '[]',
  credential_version INTEGER NOT NULL DEFAULT 0,
  created_at ${time} NOT NULL
)`,
    `CREATE TABLE IF NOT EXISTS ${p}tokens (
  kind TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  user_id TEXT NOT NULL,
  expires_at ${time} NOT NULL,
  used_at ${time},
  created_at ${time} NOT NULL,
  PRIMARY KEY (kind, token_hash)
)`,
    `CREATE INDEX IF NOT EXISTS ${p}tokens_user_kind_idx ON ${p}tokens (user_id, kind)`,
    `CREATE TABLE IF NOT EXISTS ${p}rate_limits (
  rate_key TEXT PRIMARY KEY,
  hits INTEGER NOT NULL,
  reset_at ${time} NOT NULL
)`,
    // Two-factor: the encrypted TOTP secret; enabled_at NULL while a setup is pending.
    `CREATE TABLE IF NOT EXISTS ${p}mfa (
  user_id TEXT PRIMARY KEY,
  secret TEXT NOT NULL,
  enabled_at ${time}
)`,
  ]
}

/** The SQLite/libSQL DDL with the default prefix, as one script. */
export const sqliteAccountSchema = `${accountSchema("sqlite").join(";\n\n")};\n`
/** The PostgreSQL DDL with the default prefix, as one script. */
export const postgresAccountSchema = `${accountSchema("postgres").join(";\n\n")};\n`

/**
 * An `AccountStore` on SQL: embedded SQLite/libSQL or PostgreSQL, the same statements on both.
 *
 * ```ts
 * import { createClient } from "@libsql/client"
 * const store = sqlAccountStore(libsqlDriver(createClient({ url: "file:.data/auth.db" })))
 *
 * import { Pool } from "pg"
 * const store = sqlAccountStore(pgDriver(new Pool({ connectionString: process.env.DATABASE_URL })))
 * ```
 *
 * The tables (`nak_users`, `nak_tokens`, `nak_rate_limits`, `nak_mfa` by default) are created on
 * first use, and a table added by a later version of the kit is created by the same migration
 * on an existing database; see `SqlAccountStoreOptions`.
 */
export function sqlAccountStore(db: SqlDriver, options: SqlAccountStoreOptions = {}): SqlAccountStore {
  if (!db || typeof db.execute !== "function" || (db.dialect !== "sqlite" && db.dialect !== "postgres")) {
    throw new TypeError(
      'sqlAccountStore: expected a driver { dialect: "sqlite" | "postgres", execute(sql, params) }; wrap the client with libsqlDriver(…) or pgDriver(…)',
    )
  }
  const p = checkPrefix(options.tablePrefix ?? DEFAULT_TABLE_PREFIX)
  const users = `${p}users`
  const tokens = `${p}tokens`
  const limits = `${p}rate_limits`
  const mfa = `${p}mfa`
  const userColumns =
    "id, email, name, password_hash, email_verified, roles, credential_version, created_at"

  let migrated: Promise<void> | null = null

  async function migrate(): Promise<void> {
    const statements = accountSchema(db.dialect, p)
    if (db.dialect === "postgres") {
      // One statement, one transaction: the advisory lock serialises concurrent migrations,
      // which would otherwise race in `CREATE TABLE IF NOT EXISTS` (duplicate pg_type rows);
      // the "already exists, skipping" notices of a repeated migration are kept quiet.
      await db.execute(
        `DO $nak$ BEGIN
PERFORM pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});
PERFORM set_config('client_min_messages', 'warning', true);
${statements.map((s) => `${s};`).join("\n")}
END $nak$`,
      )
    } else {
      for (const statement of statements) await db.execute(statement)
    }
  }

  function ready(): Promise<void> {
    if (options.autoMigrate === false) return Promise.resolve()
    if (!migrated) {
      migrated = migrate().catch((error: unknown) => {
        migrated = null // try again on the next call
        throw error
      })
    }
    return migrated
  }

  async function run(sql: string, params: SqlValue[] = []): Promise<SqlRow[]> {
    await ready()
    return db.execute(sql, params)
  }

  return {
    async migrate() {
      await migrate()
      if (options.autoMigrate !== false) migrated = Promise.resolve()
    },

    async findUserByEmail(email) {
      const rows = await run(`SELECT ${userColumns} FROM ${users} WHERE email = ?`, [normaliseEmail(email)])
      return rows[0] ? toUser(rows[0]) : null
    },

    async findUserById(id) {
      const rows = await run(`SELECT ${userColumns} FROM ${users} WHERE id = ?`, [String(id)])
      return rows[0] ? toUser(rows[0]) : null
    },

    async createUser(user: NewAccountUser) {
      const rows = await run(
        `INSERT INTO ${users} (${userColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (email) DO NOTHING
RETURNING ${userColumns}`,
        [
          user.id ?? globalThis.crypto.randomUUID(),
          normaliseEmail(user.email),
          user.name ?? null,
          user.passwordHash,
          timeOrNull(user.emailVerified),
          JSON.stringify(user.roles ?? []),
          0,
          Date.now(),
        ],
      )
      return rows[0] ? toUser(rows[0]) : null
    },

    async updateUser(id: string, patch: AccountUserPatch) {
      const sets: string[] = []
      const params: SqlValue[] = []
      const set = (column: string, value: SqlValue) => {
        sets.push(`${column} = ?`)
        params.push(value)
      }
      if (patch.name !== undefined) set("name", patch.name)
      if (patch.passwordHash !== undefined) set("password_hash", patch.passwordHash)
      if (patch.emailVerified !== undefined) set("email_verified", timeOrNull(patch.emailVerified))
      if (patch.roles !== undefined) set("roles", JSON.stringify(patch.roles))
      if (patch.credentialVersion !== undefined) set("credential_version", integer(patch.credentialVersion))
      if (sets.length === 0) return
      await run(`UPDATE ${users} SET ${sets.join(", ")} WHERE id = ?`, [...params, String(id)])
    },

    async createToken(token: StoredToken) {
      await run(
        `INSERT INTO ${tokens} (kind, token_hash, user_id, expires_at, used_at, created_at) VALUES (?, ?, ?, ?, NULL, ?)`,
        [token.kind, token.tokenHash, token.userId, time(token.expiresAt), Date.now()],
      )
    },

    async consumeToken(kind: TokenKind, tokenHash: string, now: Date): Promise<ConsumedToken> {
      const at = time(now)
      // Checks and marks in one statement: of concurrent uses, exactly one gets the row back.
      const used = await run(
        `UPDATE ${tokens} SET used_at = ?
WHERE kind = ? AND token_hash = ? AND used_at IS NULL AND expires_at > ?
RETURNING user_id`,
        [at, kind, tokenHash, at],
      )
      if (used[0]) return { ok: true, userId: String(used[0].user_id) }
      // Why not: a used token stays used (a fact), even once it has expired too.
      const rows = await run(`SELECT used_at, expires_at FROM ${tokens} WHERE kind = ? AND token_hash = ?`, [
        kind,
        tokenHash,
      ])
      const row = rows[0]
      if (!row) return { ok: false, reason: "unknown" }
      if (row.used_at !== null && row.used_at !== undefined) return { ok: false, reason: "used" }
      if (toNumber(row.expires_at) <= at) return { ok: false, reason: "expired" }
      // Unused and valid now, yet the update missed it: it was created in between. Not ours.
      return { ok: false, reason: "unknown" }
    },

    async deleteTokens(userId: string, kind: TokenKind) {
      await run(`DELETE FROM ${tokens} WHERE user_id = ? AND kind = ? AND used_at IS NULL`, [String(userId), kind])
    },

    async getMfa(userId: string): Promise<MfaState | null> {
      const rows = await run(`SELECT secret, enabled_at FROM ${mfa} WHERE user_id = ?`, [String(userId)])
      const row = rows[0]
      return row ? { secret: String(row.secret), enabledAt: dateOrNull(row.enabled_at) } : null
    },

    async setMfa(userId: string, state: MfaState | null) {
      if (!state) {
        await run(`DELETE FROM ${mfa} WHERE user_id = ?`, [String(userId)])
        return
      }
      await run(
        `INSERT INTO ${mfa} (user_id, secret, enabled_at) VALUES (?, ?, ?)
ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, enabled_at = excluded.enabled_at`,
        [String(userId), String(state.secret), timeOrNull(state.enabledAt)],
      )
    },

    async hit(key: string, windowMs: number, now: Date, by = 1) {
      if (!(windowMs > 0) || !Number.isFinite(windowMs)) {
        throw new RangeError(`hit: windowMs must be a positive number of milliseconds, got ${windowMs}`)
      }
      const at = time(now)
      const end = at + Math.max(1, Math.round(windowMs))
      // The window starts at the first hit; a window that has ended (reset_at <= now) restarts.
      const rows = await run(
        `INSERT INTO ${limits} (rate_key, hits, reset_at) VALUES (?, ?, ?)
ON CONFLICT (rate_key) DO UPDATE SET
  hits = CASE WHEN ${limits}.reset_at <= ? THEN ? ELSE ${limits}.hits + ? END,
  reset_at = CASE WHEN ${limits}.reset_at <= ? THEN ? ELSE ${limits}.reset_at END
RETURNING hits, reset_at`,
        [key, by, end, at, by, by, at, end],
      )
      const row = rows[0]
      if (!row) throw new Error("hit: the database answered no row")
      return { count: toNumber(row.hits), resetAt: new Date(toNumber(row.reset_at)) }
    },

    async prune(now = new Date()) {
      const at = time(now)
      await run(`DELETE FROM ${tokens} WHERE expires_at <= ?`, [at])
      await run(`DELETE FROM ${limits} WHERE reset_at <= ?`, [at])
    },
  }
}

function checkPrefix(prefix: string): string {
  if (typeof prefix !== "string" || !PREFIX_PATTERN.test(prefix)) {
    throw new TypeError(
      `sqlAccountStore: tablePrefix must be letters, digits and _ (starting with a letter or _, at most 40), got ${JSON.stringify(prefix)}`,
    )
  }
  return prefix
}

/** Trimmed and lower-cased, as `AccountStore` promises; the store does it too, defensively. */
function normaliseEmail(email: string): string {
  return String(email).trim().toLowerCase()
}

function time(date: Date): number {
  const ms = date instanceof Date ? date.getTime() : new Date(date as never).getTime()
  if (!Number.isFinite(ms)) throw new RangeError("sqlAccountStore: invalid date")
  return ms
}

function timeOrNull(date: Date | null | undefined): number | null {
  return date == null ? null : time(date)
}

function integer(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`sqlAccountStore: expected an integer, got ${value}`)
  return value
}

/** Integers arrive as numbers (libSQL), strings (pg's BIGINT) or bigints (libSQL's intMode). */
function toNumber(value: unknown): number {
  return typeof value === "number" ? value : Number(value)
}

function dateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(toNumber(value))
}

function parseRoles(value: unknown): string[] {
  if (typeof value !== "string") return []
  try {
    const roles: unknown = JSON.parse(value)
    return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === "string") : []
  } catch {
    return []
  }
}

function toUser(row: SqlRow): AccountUser {
  return {
    id: String(row.id),
    email: String(row.email),
    name: row.name === null || row.name === undefined ? null : String(row.name),
    passwordHash: String(row.password_hash),
    emailVerified: dateOrNull(row.email_verified),
    roles: parseRoles(row.roles),
    credentialVersion: toNumber(row.credential_version),
    createdAt: new Date(toNumber(row.created_at)),
  }
}
