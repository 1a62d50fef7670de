/**
 * The SQL account store's schema: numbered migrations and the runner that applies them.
 *
 * A database records the migrations applied to it in `<prefix>schema_migrations`, one row per
 * version. The runner reads the highest version, refuses a database newer than this code (and
 * writes nothing to it), then applies each missing step in a transaction of its own that
 * first inserts the step's row: of two instances starting at once, the second one's insert
 * fails on the primary key before any of the step's statements ran, its transaction rolls back,
 * and it reads again where the database stands.
 *
 * A database written by 0.2 has the tables but no `schema_migrations`: it reads as version 0.
 * Migration 1 is 0.2's schema written with `IF NOT EXISTS`, so applying it adopts such a
 * database unchanged (and adds the two-factor table to one made before two-factor existed)
 * and records version 1. Migration 2 adds the pending sign-ups, 3 the signed-in sessions, 4 what
 * next-auth's adapter needs (linked OAuth accounts, verification tokens, database sessions, the
 * user's image; a user without a password keeps `password_hash = ''`, since SQLite cannot drop a
 * NOT NULL in place), 5 when a session last proved its user, 6 the tokens' `data` (the new address
 * of an email change), 7 the passkeys.
 *
 * Rules for a new migration: append it, never edit a released one; its statements run after
 * the ones before it and must work on both dialects' databases as that step leaves them.
 */
import { AuthKitError } from "../../../core/errors"
import type { SqlDialect, SqlDriver, SqlStatement } from "./drivers"

/** The default table prefix. */
export const DEFAULT_TABLE_PREFIX = "nak_"

const PREFIX_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/

/** The advisory lock key of migrations on PostgreSQL: "nak" in ASCII and 01, stable across releases. */
const MIGRATION_LOCK_KEY = 0x6e616b01

/**
 * One step of the store's schema, as {@link accountMigrations} lists them.
 *
 * @example
 * ```ts
 * const { version, statements } = accountMigrations("postgres").at(-1)!
 * ```
 */
export interface SqlMigration {
  /** 1, 2, …: the version the database is at once this step is applied. */
  version: number
  /** What the step does, for people. */
  description: string
  /** Its DDL, as separate statements. */
  statements: string[]
}

interface MigrationDefinition {
  version: number
  description: string
  statements(dialect: SqlDialect, p: string): string[]
}

// Integers for times: BIGINT on PostgreSQL (ms since the epoch overflow 32 bits); SQLite's
// INTEGER is already 64-bit.
const timeType = (dialect: SqlDialect) => (dialect === "postgres" ? "BIGINT" : "INTEGER")

const MIGRATIONS: readonly MigrationDefinition[] = [
  {
    version: 1,
    description: "users, tokens, rate limits and two-factor state (the schema of 0.2)",
    statements: (dialect, p) => {
      const time = timeType(dialect)
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
    },
  },
  {
    version: 2,
    description: "pending sign-ups (an account exists once its address is confirmed)",
    // The UNIQUE token hash is the index that confirming a sign-up looks the row up by.
    statements: (dialect, p) => [
      `CREATE TABLE IF NOT EXISTS ${p}pending_signups (
  email TEXT PRIMARY KEY,
  name TEXT,
  password_hash TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  expires_at ${timeType(dialect)} NOT NULL,
  created_at ${timeType(dialect)} NOT NULL
)`,
    ],
  },
  {
    version: 3,
    description: "signed-in sessions (the sessions list; a revoked session's row is deleted)",
    statements: (dialect, p) => {
      const time = timeType(dialect)
      return [
        `CREATE TABLE IF NOT EXISTS ${p}sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  method TEXT NOT NULL,
  ip TEXT,
  browser TEXT,
  os TEXT,
  device_type TEXT,
  created_at ${time} NOT NULL,
  last_active_at ${time} NOT NULL,
  expires_at ${time} NOT NULL
)`,
        `CREATE INDEX IF NOT EXISTS ${p}sessions_user_idx ON ${p}sessions (user_id, created_at)`,
        `CREATE INDEX IF NOT EXISTS ${p}sessions_expires_idx ON ${p}sessions (expires_at)`,
      ]
    },
  },
  {
    version: 4,
    description:
      "next-auth's adapter: linked OAuth accounts, verification tokens, database sessions (their token's hash), the user's image; no password is password_hash ''",
    statements: (dialect, p) => {
      const time = timeType(dialect)
      // PostgreSQL can skip a column that exists; SQLite cannot, and runs the step in a transaction.
      const addColumn = (table: string, column: string) =>
        dialect === "postgres" ? `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${column}` : `ALTER TABLE ${table} ADD COLUMN ${column}`
      return [
        addColumn(`${p}users`, "image TEXT"),
        addColumn(`${p}sessions`, "token_hash TEXT"),
        // NULLs (jwt sessions) do not collide in a UNIQUE index, on either database.
        `CREATE UNIQUE INDEX IF NOT EXISTS ${p}sessions_token_idx ON ${p}sessions (token_hash)`,
        `CREATE TABLE IF NOT EXISTS ${p}accounts (
  provider TEXT NOT NULL,
  provider_account_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  type TEXT NOT NULL,
  refresh_token TEXT,
  access_token TEXT,
  expires_at ${time},
  token_type TEXT,
  scope TEXT,
  id_token TEXT,
  session_state TEXT,
  linked_at ${time} NOT NULL,
  PRIMARY KEY (provider, provider_account_id)
)`,
        `CREATE INDEX IF NOT EXISTS ${p}accounts_user_idx ON ${p}accounts (user_id)`,
        `CREATE TABLE IF NOT EXISTS ${p}verification_tokens (
  identifier TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  expires_at ${time} NOT NULL,
  PRIMARY KEY (identifier, token_hash)
)`,
      ]
    },
  },
  {
    version: 5,
    description: "re-authentication: when the user last proved who they are in a session (NULL: at its sign-in)",
    statements: (dialect, p) => [
      dialect === "postgres"
        ? `ALTER TABLE ${p}sessions ADD COLUMN IF NOT EXISTS authenticated_at ${timeType(dialect)}`
        : `ALTER TABLE ${p}sessions ADD COLUMN authenticated_at ${timeType(dialect)}`,
    ],
  },
  {
    version: 6,
    description: "email change: what a token carries besides its user (the new address of a change-email link; NULL for the other kinds)",
    statements: (dialect, p) => [
      dialect === "postgres" ? `ALTER TABLE ${p}tokens ADD COLUMN IF NOT EXISTS data TEXT` : `ALTER TABLE ${p}tokens ADD COLUMN data TEXT`,
    ],
  },
  {
    version: 7,
    description: "passkeys: WebAuthn credentials (public key, signature counter) of users",
    statements: (dialect, p) => {
      const time = timeType(dialect)
      return [
        // The counter is WebAuthn's unsigned 32-bit one: BIGINT on PostgreSQL.
        `CREATE TABLE IF NOT EXISTS ${p}passkeys (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  public_key TEXT NOT NULL,
  counter ${time} NOT NULL,
  transports TEXT NOT NULL DEFAULT '[]',
  backed_up INTEGER NOT NULL DEFAULT 0,
  device_type TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at ${time} NOT NULL,
  last_used_at ${time}
)`,
        `CREATE INDEX IF NOT EXISTS ${p}passkeys_user_idx ON ${p}passkeys (user_id, created_at)`,
      ]
    },
  },
]

/** The schema version this code writes and reads. */
export const ACCOUNT_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version

/** Throws `invalid_config` unless the prefix is a plain identifier (it is spliced into SQL). */
export function checkPrefix(prefix: string): string {
  if (typeof prefix !== "string" || !PREFIX_PATTERN.test(prefix)) {
    throw new AuthKitError(
      "invalid_config",
      `sqlAccountStore: tablePrefix must be letters, digits and _ (starting with a letter or _, at most 40), got ${JSON.stringify(prefix)}.`,
    )
  }
  return prefix
}

const migrationsTable = (dialect: SqlDialect, p: string) => `CREATE TABLE IF NOT EXISTS ${p}schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at ${timeType(dialect)} NOT NULL
)`

/**
 * The store's migrations for one dialect, oldest first, for apps that run their own migration
 * tool (`sqlAccountStore(driver, { autoMigrate: false })`): give each version a migration of
 * your own that runs its statements and records it, e.g.
 * `INSERT INTO nak_schema_migrations (version, applied_at) VALUES (2, <now in ms>)` (the table
 * comes with {@link accountSchema}). The store refuses a database whose recorded version is
 * newer than it knows.
 *
 * @example
 * ```ts
 * for (const m of accountMigrations("postgres", "auth_")) writeFileSync(`migrations/auth_${m.version}.sql`, m.statements.join(";\n") + ";\n")
 * ```
 */
export function accountMigrations(dialect: SqlDialect, tablePrefix: string = DEFAULT_TABLE_PREFIX): SqlMigration[] {
  const p = checkPrefix(tablePrefix)
  return MIGRATIONS.map((m) => ({ version: m.version, description: m.description, statements: m.statements(dialect, p) }))
}

/**
 * The whole current schema for one dialect, as separate statements (each idempotent), for apps
 * that create the tables themselves (`sqlAccountStore(driver, { autoMigrate: false })`). The
 * last statement records the version in `<prefix>schema_migrations`, so that a store with
 * `autoMigrate` (or `store.migrate()`) later knows the database is current. To bring tables
 * made by an earlier release up to date, apply the newer entries of {@link accountMigrations}
 * instead (a table that exists is not changed by `CREATE TABLE IF NOT EXISTS`).
 *
 * @example
 * ```ts
 * for (const statement of accountSchema("sqlite", "auth_")) await client.execute(statement)
 * const store = sqlAccountStore(libsqlDriver(client), { tablePrefix: "auth_", autoMigrate: false })
 * ```
 */
export function accountSchema(dialect: SqlDialect, tablePrefix: string = DEFAULT_TABLE_PREFIX): string[] {
  const p = checkPrefix(tablePrefix)
  const now =
    dialect === "postgres" ? "CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT)" : "CAST(strftime('%s', 'now') AS INTEGER) * 1000"
  return [
    ...MIGRATIONS.flatMap((m) => m.statements(dialect, p)),
    migrationsTable(dialect, p),
    `INSERT INTO ${p}schema_migrations (version, applied_at) VALUES ${MIGRATIONS.map((m) => `(${m.version}, ${now})`).join(", ")}
ON CONFLICT (version) DO NOTHING`,
  ]
}

/** The SQLite/libSQL DDL with the default prefix, as one script (see {@link accountSchema}). */
export const sqliteAccountSchema = `${accountSchema("sqlite").join(";\n\n")};\n`
/** The PostgreSQL DDL with the default prefix, as one script (see {@link accountSchema}). */
export const postgresAccountSchema = `${accountSchema("postgres").join(";\n\n")};\n`

/**
 * The highest version recorded in the database, 0 when nothing is (a new database, or one
 * written by 0.2). Reads only.
 */
export async function readSchemaVersion(db: SqlDriver, p: string): Promise<number> {
  const table = `${p}schema_migrations`
  const found =
    db.dialect === "postgres"
      ? // to_regclass looks the name up the way an unquoted table name in a statement is: along
        // the search_path, folded to lower case.
        (await db.execute("SELECT to_regclass(?) IS NOT NULL AS found", [table]))[0]?.found === true
      : (await db.execute("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE", [table]))
          .length > 0
  if (!found) return 0
  const [row] = await db.execute(`SELECT MAX(version) AS version FROM ${table}`)
  return row?.version === null || row?.version === undefined ? 0 : Number(row.version)
}

/** Throws `invalid_config` for a database that a newer release migrated. */
export function refuseNewer(version: number, p: string): void {
  if (version <= ACCOUNT_SCHEMA_VERSION) return
  throw new AuthKitError(
    "invalid_config",
    `The account tables (prefix ${p}) are at schema version ${version}, but this next-auth-kit knows versions up to ${ACCOUNT_SCHEMA_VERSION}: ` +
      "a newer next-auth-kit migrated them. Upgrade next-auth-kit to that release or later; nothing was written to the database.",
  )
}

/**
 * Brings the database to {@link ACCOUNT_SCHEMA_VERSION}: each missing step in its own
 * transaction with its version row, once however many instances run this at the same time.
 */
export async function migrateSchema(db: SqlDriver, p: string): Promise<void> {
  let version = await readSchemaVersion(db, p)
  refuseNewer(version, p)
  for (const migration of MIGRATIONS) {
    if (migration.version <= version) continue
    try {
      await applyStep(db, p, migration)
      version = migration.version
    } catch (error) {
      // Another instance may have applied the step meanwhile (then our version row was the
      // one that failed, and nothing of ours was kept).
      const now = await readSchemaVersion(db, p).catch(() => version)
      refuseNewer(now, p)
      if (now < migration.version) throw error
      version = now
    }
  }
}

async function applyStep(db: SqlDriver, p: string, migration: MigrationDefinition): Promise<void> {
  const statements = migration.statements(db.dialect, p)
  const record: SqlStatement = {
    sql: `INSERT INTO ${p}schema_migrations (version, applied_at) VALUES (?, ?)`,
    params: [migration.version, Date.now()],
  }
  if (!db.batch) {
    // No transactions: the step's statements (written to be repeatable) first, its version last.
    await db.execute(migrationsTable(db.dialect, p))
    for (const sql of statements) await db.execute(sql)
    await db.execute(`${record.sql} ON CONFLICT (version) DO NOTHING`, record.params)
    return
  }
  await db.batch([
    ...(db.dialect === "postgres"
      ? [
          // Serialises the steps of concurrent instances: without it, two CREATE TABLE IF NOT
          // EXISTS of one name in two open transactions fail on PostgreSQL's catalog (duplicate
          // pg_type row) instead of waiting for each other.
          { sql: `SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})` },
          // Quiet "already exists, skipping" notices when adopting a 0.2 database.
          { sql: "SELECT set_config('client_min_messages', 'warning', true)" },
        ]
      : []),
    { sql: migrationsTable(db.dialect, p) },
    // The version row first: of two instances, the second fails here, before the step's DDL.
    record,
    ...statements.map((sql) => ({ sql })),
  ])
}
