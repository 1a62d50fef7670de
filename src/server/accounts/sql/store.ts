/**
 * `sqlAccountStore`: the kit's `AccountStore` on SQL, the same code on the embedded SQLite/libSQL
 * database and on a PostgreSQL server.
 *
 * Portability rules the statements below keep to:
 * - placeholders are written `?`; the PostgreSQL driver numbers them (`$1`, `$2`, …);
 * - times are integers (milliseconds since the epoch: `BIGINT` on PostgreSQL), roles are JSON
 *   text, ids are text, so both databases store and compare the same values;
 * - every method is one statement, atomic on its own: `consumeToken` checks and marks in one
 *   `UPDATE … RETURNING`, `changeEmail` relies on the UNIQUE email, `hit` counts in one `INSERT … ON CONFLICT DO UPDATE … RETURNING` and
 *   gives back in one `UPDATE … RETURNING`, `consumePendingSignup` takes the row in one
 *   `DELETE … RETURNING`, `useVerificationToken` likewise, `touchSession` writes only past its interval in one conditional
 *   `UPDATE`, the revokes delete the user's rows in one `DELETE … RETURNING`, `createUser` relies on the UNIQUE email (`ON CONFLICT DO NOTHING`),
 *   the upserts use `ON CONFLICT (…) DO UPDATE … excluded`. SQLite needs 3.35 or newer for
 *   `RETURNING` (libSQL has it); PostgreSQL 9.6 or newer.
 */
import type {
  AccountStore,
  AccountUser,
  AccountUserPatch,
  ChangeEmailResult,
  ConsumedPendingSignup,
  ConsumedToken,
  LinkedAccount,
  MfaState,
  NewAccountUser,
  PendingSignup,
  StoredPasskey,
  StoredSession,
  StoredToken,
  StoredVerificationToken,
  TokenKind,
  UnlinkResult,
} from "../../../core/accounts/store"
import { OAUTH_TOKEN_FIELDS } from "../../../core/accounts/store"
import { AuthKitError } from "../../../core/errors"
import type { SqlDriver, SqlRow, SqlStatement, SqlValue } from "./drivers"
import { checkPrefix, DEFAULT_TABLE_PREFIX, migrateSchema, readSchemaVersion, refuseNewer } from "./schema"

/** Options of {@link sqlAccountStore}. */
export interface SqlAccountStoreOptions {
  /**
   * Prepended to every table and index name, so the kit's tables sit beside the app's own.
   * Letters, digits and `_`, starting with a letter or `_`, at most 40 characters.
   * @default "nak_"
   */
  tablePrefix?: string
  /**
   * Bring the schema up to date (create the tables, apply the migrations of newer releases)
   * before the first statement. Set `false` when the app runs `accountSchema(dialect, prefix)`
   * or `accountMigrations(dialect, prefix)` with its own migrations; the store then only checks,
   * once, that the database is not newer than it knows. Or call `await store.migrate()` at
   * start-up to migrate eagerly.
   * @default true
   */
  autoMigrate?: boolean
}

/**
 * The SQL account store: an `AccountStore` with every optional method, and its schema
 * management.
 *
 * @example
 * ```ts
 * const store: SqlAccountStore = sqlAccountStore(libsqlDriver(client))
 * await store.migrate() // at start-up, instead of on the first call
 * ```
 */
export interface SqlAccountStore extends AccountStore {
  savePendingSignup(signup: PendingSignup): Promise<void>
  findPendingSignup(email: string): Promise<PendingSignup | null>
  consumePendingSignup(tokenHash: string, now: Date): Promise<ConsumedPendingSignup>
  createSession(session: StoredSession): Promise<void>
  findSession(id: string): Promise<StoredSession | null>
  listSessions(userId: string, now: Date): Promise<StoredSession[]>
  touchSession(id: string, now: Date, options: { minIntervalMs: number; expiresAt: Date }): Promise<boolean>
  revokeSession(userId: string, id: string): Promise<boolean>
  revokeOtherSessions(userId: string, keep: string | null): Promise<string[]>
  markSessionAuthenticated(userId: string, id: string, at: Date): Promise<boolean>
  pruneSessions(now: Date, limit: number): Promise<number>
  linkAccount(account: LinkedAccount): Promise<boolean>
  findAccount(provider: string, providerAccountId: string): Promise<LinkedAccount | null>
  listAccounts(userId: string): Promise<LinkedAccount[]>
  unlinkAccount(provider: string, providerAccountId: string): Promise<boolean>
  unlinkProvider(userId: string, provider: string): Promise<UnlinkResult>
  deleteUser(id: string): Promise<boolean>
  forgetRateLimits(keys: readonly string[]): Promise<void>
  changeEmail(userId: string, email: string, verifiedAt: Date): Promise<ChangeEmailResult>
  createVerificationToken(token: StoredVerificationToken): Promise<void>
  useVerificationToken(identifier: string, tokenHash: string): Promise<StoredVerificationToken | null>
  findSessionByToken(tokenHash: string): Promise<StoredSession | null>
  updateSessionByToken(tokenHash: string, expiresAt: Date, now: Date): Promise<StoredSession | null>
  deleteSessionByToken(tokenHash: string): Promise<StoredSession | null>
  createPasskey(passkey: StoredPasskey): Promise<boolean>
  findPasskey(id: string): Promise<StoredPasskey | null>
  listPasskeys(userId: string): Promise<StoredPasskey[]>
  renamePasskey(userId: string, id: string, name: string): Promise<boolean>
  removePasskey(userId: string, id: string): Promise<UnlinkResult>
  usePasskey(id: string, counter: number, at: Date): Promise<boolean>
  /**
   * Creates the tables, or applies the migrations a database of an earlier release lacks.
   * Idempotent, and each step is applied once however many instances run this at the same
   * time. A database that a newer release migrated is refused (`invalid_config`) and left
   * untouched. With `autoMigrate` (the default) the first call of any method runs it once per
   * store.
   */
  migrate(): Promise<void>
  /**
   * Deletes what can no longer matter at `now`: tokens past their expiry (used or not),
   * rate-limit windows that have ended, pending sign-ups whose link has expired (the
   * address can sign up again) and expired sessions. Optional housekeeping, e.g. from a daily
   * job (the kit prunes expired sessions itself, a batch at a time, as users sign in).
   */
  prune(now?: Date): Promise<void>
}

const USER_COLUMNS = "id, email, name, password_hash, email_verified, roles, credential_version, created_at, image"
// A user without a password: SQLite cannot drop the column's NOT NULL in place (migration 4).
const NO_PASSWORD = ""
const ACCOUNT_COLUMNS = `provider, provider_account_id, user_id, type, ${OAUTH_TOKEN_FIELDS.join(", ")}, linked_at`
const VERIFICATION_COLUMNS = "identifier, token_hash, expires_at"
const PENDING_COLUMNS = "email, name, password_hash, token_hash, expires_at, created_at"
const PASSKEY_COLUMNS = "id, user_id, public_key, counter, transports, backed_up, device_type, name, created_at, last_used_at"
const SESSION_COLUMNS = "id, user_id, method, ip, browser, os, device_type, created_at, last_active_at, expires_at, token_hash, authenticated_at"

/**
 * An `AccountStore` on SQL: embedded SQLite/libSQL or PostgreSQL, the same statements on both.
 * The tables (`nak_users`, `nak_tokens`, `nak_rate_limits`, `nak_mfa`, `nak_pending_signups`,
 * `nak_sessions`, `nak_accounts`, `nak_verification_tokens`, `nak_passkeys` and `nak_schema_migrations` by default) are created on first use, and a database written by
 * an earlier release is migrated in place, keeping its data; see `SqlAccountStoreOptions`.
 *
 * Errors: a statement the database fails rejects with `AuthKitError` `store_unavailable` (the
 * driver's error as its `cause`), and the same store works again once the database does;
 * misuse (a bad prefix, an invalid date or window) throws `invalid_config`.
 *
 * @example
 * ```ts
 * // opened (its folder created) on the first call, not while `next build` loads the module
 * const store = sqlAccountStore(libsqlDriver({ url: "file:.data/auth.db" }))
 *
 * import { Pool } from "pg"
 * const store = sqlAccountStore(pgDriver(new Pool({ connectionString: process.env.DATABASE_URL })))
 * ```
 */
export function sqlAccountStore(db: SqlDriver, options: SqlAccountStoreOptions = {}): SqlAccountStore {
  if (!db || typeof db.execute !== "function" || (db.dialect !== "sqlite" && db.dialect !== "postgres")) {
    throw new AuthKitError(
      "invalid_config",
      'sqlAccountStore: expected a driver { dialect: "sqlite" | "postgres", execute(sql, params) }; wrap the client with libsqlDriver(…) or pgDriver(…).',
    )
  }
  const p = checkPrefix(options.tablePrefix ?? DEFAULT_TABLE_PREFIX)
  const autoMigrate = options.autoMigrate !== false
  const users = `${p}users`
  const tokens = `${p}tokens`
  const limits = `${p}rate_limits`
  const mfa = `${p}mfa`
  const pending = `${p}pending_signups`
  const sessions = `${p}sessions`
  const accounts = `${p}accounts`
  const verification = `${p}verification_tokens`
  const passkeys = `${p}passkeys`

  let prepared: Promise<void> | null = null

  async function migrate(): Promise<void> {
    try {
      await migrateSchema(db, p)
    } catch (error) {
      throw unavailable(error)
    }
  }

  /** With autoMigrate off, the app owns the schema; the store only refuses a newer one. */
  async function check(): Promise<void> {
    try {
      refuseNewer(await readSchemaVersion(db, p), p)
    } catch (error) {
      throw unavailable(error)
    }
  }

  function ready(): Promise<void> {
    if (!prepared) {
      prepared = (autoMigrate ? migrate() : check()).catch((error: unknown) => {
        prepared = null // try again on the next call: the database may be back, or upgraded
        throw error
      })
    }
    return prepared
  }

  async function run(sql: string, params: SqlValue[] = []): Promise<SqlRow[]> {
    await ready()
    try {
      return await db.execute(sql, params)
    } catch (error) {
      throw unavailable(error)
    }
  }

  /**
   * A delete guarded by "another way to sign in remains", for one user. In one transaction: on
   * PostgreSQL the user's row is locked first, so two removals of one user's last two ways in
   * (unlinks, passkeys) run one after the other, and the second statement's snapshot (READ
   * COMMITTED: taken after the lock was granted) sees the first's delete. SQLite's batch takes
   * the write lock at BEGIN; without transactions, one statement (SQLite has one writer).
   */
  async function guardedDelete(guarded: SqlStatement, userId: string): Promise<SqlRow[]> {
    if (!db.batch) return run(guarded.sql, [...guarded.params!])
    await ready()
    const statements: SqlStatement[] =
      db.dialect === "postgres" ? [{ sql: `SELECT id FROM ${users} WHERE id = ? FOR UPDATE`, params: [userId] }, guarded] : [guarded]
    try {
      return (await db.batch(statements)).at(-1) ?? []
    } catch (error) {
      throw unavailable(error)
    }
  }

  return {
    async migrate() {
      await migrate()
      prepared = Promise.resolve()
    },

    async findUserByEmail(email) {
      const rows = await run(`SELECT ${USER_COLUMNS} FROM ${users} WHERE email = ?`, [normaliseEmail(email)])
      return rows[0] ? toUser(rows[0]) : null
    },

    async findUserById(id) {
      const rows = await run(`SELECT ${USER_COLUMNS} FROM ${users} WHERE id = ?`, [String(id)])
      return rows[0] ? toUser(rows[0]) : null
    },

    async createUser(user: NewAccountUser) {
      // No conflict target: a taken email or a taken id (one the caller chose) both answer null.
      const rows = await run(
        `INSERT INTO ${users} (${USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING
RETURNING ${USER_COLUMNS}`,
        [
          user.id ?? globalThis.crypto.randomUUID(),
          normaliseEmail(user.email),
          user.name ?? null,
          user.passwordHash === null ? NO_PASSWORD : String(user.passwordHash),
          timeOrNull(user.emailVerified),
          JSON.stringify(user.roles ?? []),
          0,
          Date.now(),
          user.image ?? null,
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
      if (patch.passwordHash !== undefined) set("password_hash", patch.passwordHash === null ? NO_PASSWORD : String(patch.passwordHash))
      if (patch.image !== undefined) set("image", patch.image)
      if (patch.emailVerified !== undefined) set("email_verified", timeOrNull(patch.emailVerified))
      if (patch.roles !== undefined) set("roles", JSON.stringify(patch.roles))
      if (patch.credentialVersion !== undefined) set("credential_version", integer(patch.credentialVersion))
      if (sets.length === 0) return
      await run(`UPDATE ${users} SET ${sets.join(", ")} WHERE id = ?`, [...params, String(id)])
    },

    async createToken(token: StoredToken) {
      await run(
        `INSERT INTO ${tokens} (kind, token_hash, user_id, expires_at, used_at, created_at, data) VALUES (?, ?, ?, ?, NULL, ?, ?)`,
        [token.kind, token.tokenHash, token.userId, time(token.expiresAt), Date.now(), token.data ?? null],
      )
    },

    async consumeToken(kind: TokenKind, tokenHash: string, now: Date): Promise<ConsumedToken> {
      const at = time(now)
      // Checks and marks in one statement: of concurrent uses, exactly one gets the row back.
      const used = await run(
        `UPDATE ${tokens} SET used_at = ?
WHERE kind = ? AND token_hash = ? AND used_at IS NULL AND expires_at > ?
RETURNING user_id, data`,
        [at, kind, tokenHash, at],
      )
      const taken = used[0]
      if (taken) return taken.data === null || taken.data === undefined ? { ok: true, userId: String(taken.user_id) } : { ok: true, userId: String(taken.user_id), data: String(taken.data) }
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

    async changeEmail(userId: string, newEmail: string, verifiedAt: Date): Promise<ChangeEmailResult> {
      const id = String(userId)
      const email = normaliseEmail(newEmail)
      const statements: SqlStatement[] = [
        // The old address's email sign-in links go with it (the subquery reads it before the update).
        { sql: `DELETE FROM ${verification} WHERE identifier IN (SELECT email FROM ${users} WHERE id = ? AND email <> ?)`, params: [id, email] },
        // The UNIQUE email decides between users changing to one address at once: the loser's
        // statement fails (on PostgreSQL once the winner has committed) and changes nothing.
        { sql: `UPDATE ${users} SET email = ?, email_verified = ? WHERE id = ? RETURNING id`, params: [email, time(verifiedAt), id] },
      ]
      await ready()
      let rows: SqlRow[]
      try {
        if (db.batch) rows = (await db.batch(statements)).at(-1) ?? []
        else {
          rows = []
          for (const s of statements) rows = await db.execute(s.sql, s.params)
        }
      } catch (error) {
        // Which failure: the address taken by someone else, or the database (then this read fails too).
        const owner = await run(`SELECT id FROM ${users} WHERE email = ?`, [email])
        if (owner[0] && String(owner[0].id) !== id) return "taken"
        throw unavailable(error)
      }
      return rows.length > 0 ? "changed" : "unknown"
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

    async forgetRateLimits(keys: readonly string[]) {
      if (keys.length === 0) return
      await run(`DELETE FROM ${limits} WHERE rate_key IN (${keys.map(() => "?").join(", ")})`, keys.map(String))
    },

    async hit(key: string, windowMs: number, now: Date, by = 1) {
      if (!(windowMs > 0) || !Number.isFinite(windowMs)) {
        throw new AuthKitError("invalid_config", `hit: windowMs must be a positive number of milliseconds, got ${windowMs}.`)
      }
      integer(by)
      const at = time(now)
      if (by < 0) {
        // A refund changes only a window still open, and never below 0; with none open it
        // opens none (a refund is not an attempt).
        const rows = await run(
          `UPDATE ${limits} SET hits = CASE WHEN hits + ? < 0 THEN 0 ELSE hits + ? END
WHERE rate_key = ? AND reset_at > ?
RETURNING hits, reset_at`,
          [by, by, key, at],
        )
        const row = rows[0]
        return row ? { count: toNumber(row.hits), resetAt: new Date(toNumber(row.reset_at)) } : { count: 0, resetAt: new Date(at) }
      }
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
      if (!row) throw new AuthKitError("store_unavailable", "hit: the database answered no row.")
      return { count: toNumber(row.hits), resetAt: new Date(toNumber(row.reset_at)) }
    },

    async savePendingSignup(signup: PendingSignup) {
      // Replacing the row replaces its token hash too: the earlier link stops working.
      await run(
        `INSERT INTO ${pending} (${PENDING_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (email) DO UPDATE SET
  name = excluded.name,
  password_hash = excluded.password_hash,
  token_hash = excluded.token_hash,
  expires_at = excluded.expires_at,
  created_at = excluded.created_at`,
        [
          normaliseEmail(signup.email),
          signup.name ?? null,
          String(signup.passwordHash),
          String(signup.tokenHash),
          time(signup.expiresAt),
          time(signup.createdAt),
        ],
      )
    },

    async findPendingSignup(email: string) {
      const rows = await run(`SELECT ${PENDING_COLUMNS} FROM ${pending} WHERE email = ?`, [normaliseEmail(email)])
      return rows[0] ? toPendingSignup(rows[0]) : null
    },

    async consumePendingSignup(tokenHash: string, now: Date): Promise<ConsumedPendingSignup> {
      const at = time(now)
      // Takes the row in one statement: of concurrent uses, exactly one gets it back.
      const taken = await run(
        `DELETE FROM ${pending} WHERE token_hash = ? AND expires_at > ?
RETURNING ${PENDING_COLUMNS}`,
        [String(tokenHash), at],
      )
      if (taken[0]) return { ok: true, signup: toPendingSignup(taken[0]) }
      const rows = await run(`SELECT expires_at FROM ${pending} WHERE token_hash = ?`, [String(tokenHash)])
      const row = rows[0]
      // A row still valid now was saved after the DELETE looked: not the one this link named.
      return row && toNumber(row.expires_at) <= at ? { ok: false, reason: "expired" } : { ok: false, reason: "unknown" }
    },

    async createSession(session: StoredSession) {
      await run(`INSERT INTO ${sessions} (${SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        String(session.id),
        String(session.userId),
        String(session.method),
        session.ip ?? null,
        session.browser ?? null,
        session.os ?? null,
        session.deviceType ?? null,
        time(session.createdAt),
        time(session.lastActiveAt),
        time(session.expiresAt),
        session.tokenHash ?? null,
        session.authenticatedAt ? time(session.authenticatedAt) : null,
      ])
    },

    async findSession(id: string) {
      const rows = await run(`SELECT ${SESSION_COLUMNS} FROM ${sessions} WHERE id = ?`, [String(id)])
      return rows[0] ? toSession(rows[0]) : null
    },

    async listSessions(userId: string, now: Date) {
      const rows = await run(`SELECT ${SESSION_COLUMNS} FROM ${sessions} WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC`, [
        String(userId),
        time(now),
      ])
      return rows.map(toSession)
    },

    async touchSession(id: string, now: Date, { minIntervalMs, expiresAt }: { minIntervalMs: number; expiresAt: Date }) {
      const at = time(now)
      // The interval is checked in the statement: of instances racing, one writes.
      const rows = await run(
        `UPDATE ${sessions} SET last_active_at = ?, expires_at = ?
WHERE id = ? AND last_active_at <= ? AND expires_at > ?
RETURNING id`,
        [at, time(expiresAt), String(id), at - Math.max(0, Math.round(minIntervalMs)), at],
      )
      return rows.length > 0
    },

    async markSessionAuthenticated(userId: string, id: string, at: Date) {
      const rows = await run(`UPDATE ${sessions} SET authenticated_at = ? WHERE id = ? AND user_id = ? RETURNING id`, [time(at), String(id), String(userId)])
      return rows.length > 0
    },

    async revokeSession(userId: string, id: string) {
      const rows = await run(`DELETE FROM ${sessions} WHERE id = ? AND user_id = ? RETURNING id`, [String(id), String(userId)])
      return rows.length > 0
    },

    async revokeOtherSessions(userId: string, keep: string | null) {
      const rows =
        keep === null
          ? await run(`DELETE FROM ${sessions} WHERE user_id = ? RETURNING id`, [String(userId)])
          : await run(`DELETE FROM ${sessions} WHERE user_id = ? AND id <> ? RETURNING id`, [String(userId), String(keep)])
      return rows.map((row) => String(row.id))
    },

    async pruneSessions(now: Date, limit: number) {
      // DELETE … LIMIT is not portable; a bounded subquery is (SQLite and PostgreSQL).
      const rows = await run(
        `DELETE FROM ${sessions} WHERE id IN (SELECT id FROM ${sessions} WHERE expires_at <= ? LIMIT ?) RETURNING id`,
        [time(now), integer(Math.max(0, limit))],
      )
      return rows.length
    },

    async linkAccount(account: LinkedAccount) {
      const tokenValues = OAUTH_TOKEN_FIELDS.map((field) => {
        const value = account.tokens[field]
        if (value === null || value === undefined) return null
        return field === "expires_at" ? integer(Number(value)) : String(value)
      })
      const rows = await run(
        `INSERT INTO ${accounts} (${ACCOUNT_COLUMNS}) VALUES (?, ?, ?, ?, ${OAUTH_TOKEN_FIELDS.map(() => "?").join(", ")}, ?)
ON CONFLICT DO NOTHING
RETURNING provider`,
        [String(account.provider), String(account.providerAccountId), String(account.userId), String(account.type), ...tokenValues, time(account.linkedAt)],
      )
      return rows.length > 0
    },

    async findAccount(provider: string, providerAccountId: string) {
      const rows = await run(`SELECT ${ACCOUNT_COLUMNS} FROM ${accounts} WHERE provider = ? AND provider_account_id = ?`, [
        String(provider),
        String(providerAccountId),
      ])
      return rows[0] ? toAccount(rows[0]) : null
    },

    async listAccounts(userId: string) {
      const rows = await run(`SELECT ${ACCOUNT_COLUMNS} FROM ${accounts} WHERE user_id = ? ORDER BY linked_at, provider`, [String(userId)])
      return rows.map(toAccount)
    },

    async unlinkAccount(provider: string, providerAccountId: string) {
      const rows = await run(`DELETE FROM ${accounts} WHERE provider = ? AND provider_account_id = ? RETURNING provider`, [
        String(provider),
        String(providerAccountId),
      ])
      return rows.length > 0
    },

    async unlinkProvider(userId: string, provider: string): Promise<UnlinkResult> {
      const id = String(userId)
      const name = String(provider)
      // Deletes only while another way to sign in remains: a password, a passkey, or an account
      // of another provider.
      const guarded: SqlStatement = {
        sql: `DELETE FROM ${accounts} WHERE user_id = ? AND provider = ? AND (
  EXISTS (SELECT 1 FROM ${users} WHERE id = ? AND password_hash <> '${NO_PASSWORD}')
  OR EXISTS (SELECT 1 FROM ${passkeys} WHERE user_id = ?)
  OR EXISTS (SELECT 1 FROM ${accounts} other WHERE other.user_id = ? AND other.provider <> ?)
)
RETURNING provider`,
        params: [id, name, id, id, id, name],
      }
      const removed = await guardedDelete(guarded, id)
      if (removed.length > 0) return "ok"
      const left = await run(`SELECT 1 AS found FROM ${accounts} WHERE user_id = ? AND provider = ?`, [id, name])
      return left.length > 0 ? "last_sign_in_method" : "not_found"
    },

    async deleteUser(userId: string) {
      const id = String(userId)
      const statements: SqlStatement[] = [
        { sql: `DELETE FROM ${accounts} WHERE user_id = ?`, params: [id] },
        { sql: `DELETE FROM ${sessions} WHERE user_id = ?`, params: [id] },
        { sql: `DELETE FROM ${passkeys} WHERE user_id = ?`, params: [id] },
        { sql: `DELETE FROM ${tokens} WHERE user_id = ?`, params: [id] },
        { sql: `DELETE FROM ${mfa} WHERE user_id = ?`, params: [id] },
        { sql: `DELETE FROM ${verification} WHERE identifier IN (SELECT email FROM ${users} WHERE id = ?)`, params: [id] },
        { sql: `DELETE FROM ${users} WHERE id = ? RETURNING id`, params: [id] },
      ]
      await ready()
      try {
        if (db.batch) return ((await db.batch(statements)).at(-1) ?? []).length > 0
        // Without transactions: the user last, so that nothing of theirs outlives a failure.
        let rows: SqlRow[] = []
        for (const s of statements) rows = await db.execute(s.sql, s.params)
        return rows.length > 0
      } catch (error) {
        throw unavailable(error)
      }
    },

    async createVerificationToken(token: StoredVerificationToken) {
      await run(
        `INSERT INTO ${verification} (${VERIFICATION_COLUMNS}) VALUES (?, ?, ?)
ON CONFLICT (identifier, token_hash) DO UPDATE SET expires_at = excluded.expires_at`,
        [String(token.identifier), String(token.tokenHash), time(token.expiresAt)],
      )
    },

    async useVerificationToken(identifier: string, tokenHash: string) {
      // Takes the row in one statement: of concurrent uses, exactly one gets it back.
      const rows = await run(`DELETE FROM ${verification} WHERE identifier = ? AND token_hash = ? RETURNING ${VERIFICATION_COLUMNS}`, [
        String(identifier),
        String(tokenHash),
      ])
      const row = rows[0]
      return row
        ? { identifier: String(row.identifier), tokenHash: String(row.token_hash), expiresAt: new Date(toNumber(row.expires_at)) }
        : null
    },

    async findSessionByToken(tokenHash: string) {
      const rows = await run(`SELECT ${SESSION_COLUMNS} FROM ${sessions} WHERE token_hash = ?`, [String(tokenHash)])
      return rows[0] ? toSession(rows[0]) : null
    },

    async updateSessionByToken(tokenHash: string, expiresAt: Date, now: Date) {
      const rows = await run(
        `UPDATE ${sessions} SET expires_at = ?, last_active_at = ? WHERE token_hash = ? RETURNING ${SESSION_COLUMNS}`,
        [time(expiresAt), time(now), String(tokenHash)],
      )
      return rows[0] ? toSession(rows[0]) : null
    },

    async deleteSessionByToken(tokenHash: string) {
      const rows = await run(`DELETE FROM ${sessions} WHERE token_hash = ? RETURNING ${SESSION_COLUMNS}`, [String(tokenHash)])
      return rows[0] ? toSession(rows[0]) : null
    },

    async createPasskey(passkey: StoredPasskey) {
      // The credential id is the primary key: a taken one inserts nothing.
      const rows = await run(
        `INSERT INTO ${passkeys} (${PASSKEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING
RETURNING id`,
        [
          String(passkey.id),
          String(passkey.userId),
          String(passkey.publicKey),
          integer(passkey.counter),
          JSON.stringify(passkey.transports ?? []),
          passkey.backedUp ? 1 : 0,
          String(passkey.deviceType),
          String(passkey.name),
          time(passkey.createdAt),
          timeOrNull(passkey.lastUsedAt),
        ],
      )
      return rows.length > 0
    },

    async findPasskey(id: string) {
      const rows = await run(`SELECT ${PASSKEY_COLUMNS} FROM ${passkeys} WHERE id = ?`, [String(id)])
      return rows[0] ? toPasskey(rows[0]) : null
    },

    async listPasskeys(userId: string) {
      const rows = await run(`SELECT ${PASSKEY_COLUMNS} FROM ${passkeys} WHERE user_id = ? ORDER BY created_at, id`, [String(userId)])
      return rows.map(toPasskey)
    },

    async renamePasskey(userId: string, id: string, name: string) {
      const rows = await run(`UPDATE ${passkeys} SET name = ? WHERE id = ? AND user_id = ? RETURNING id`, [String(name), String(id), String(userId)])
      return rows.length > 0
    },

    async removePasskey(userId: string, passkeyId: string): Promise<UnlinkResult> {
      const user = String(userId)
      const id = String(passkeyId)
      // Deletes only while another way to sign in remains: a password, another passkey, or a
      // linked account (as unlinkProvider, and under the same lock of the user's row).
      const guarded: SqlStatement = {
        sql: `DELETE FROM ${passkeys} WHERE id = ? AND user_id = ? AND (
  EXISTS (SELECT 1 FROM ${users} WHERE id = ? AND password_hash <> '${NO_PASSWORD}')
  OR EXISTS (SELECT 1 FROM ${passkeys} other WHERE other.user_id = ? AND other.id <> ?)
  OR EXISTS (SELECT 1 FROM ${accounts} WHERE user_id = ?)
)
RETURNING id`,
        params: [id, user, user, user, id, user],
      }
      const removed = await guardedDelete(guarded, user)
      if (removed.length > 0) return "ok"
      const left = await run(`SELECT 1 AS found FROM ${passkeys} WHERE id = ? AND user_id = ?`, [id, user])
      return left.length > 0 ? "last_sign_in_method" : "not_found"
    },

    async usePasskey(id: string, counter: number, at: Date) {
      const value = integer(counter)
      // Compare-and-set in one statement: a concurrent update of the row makes PostgreSQL
      // re-check the condition on the row as that update left it; SQLite has one writer.
      // 0 stays 0 (an authenticator without a counter); anything else must move forward.
      const rows = await run(
        `UPDATE ${passkeys} SET counter = ?, last_used_at = ?
WHERE id = ? AND ${value === 0 ? "counter = 0" : "counter < ?"}
RETURNING id`,
        value === 0 ? [value, time(at), String(id)] : [value, time(at), String(id), value],
      )
      return rows.length > 0
    },

    async prune(now = new Date()) {
      const at = time(now)
      await run(`DELETE FROM ${tokens} WHERE expires_at <= ?`, [at])
      await run(`DELETE FROM ${limits} WHERE reset_at <= ?`, [at])
      await run(`DELETE FROM ${pending} WHERE expires_at <= ?`, [at])
      await run(`DELETE FROM ${sessions} WHERE expires_at <= ?`, [at])
      await run(`DELETE FROM ${verification} WHERE expires_at <= ?`, [at])
    },
  }
}

/** A database failure as the kit reports it; the kit's own errors pass through. */
function unavailable(error: unknown): AuthKitError {
  if (error instanceof AuthKitError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new AuthKitError("store_unavailable", `The account store's database failed: ${message}`, { cause: error })
}

/** Trimmed and lower-cased, as `AccountStore` promises; the store does it too, defensively. */
function normaliseEmail(email: string): string {
  return String(email).trim().toLowerCase()
}

function time(date: Date): number {
  const ms = date instanceof Date ? date.getTime() : new Date(date as never).getTime()
  if (!Number.isFinite(ms)) throw new AuthKitError("invalid_config", `sqlAccountStore: invalid date ${String(date)}.`)
  return ms
}

function timeOrNull(date: Date | null | undefined): number | null {
  return date == null ? null : time(date)
}

function integer(value: number): number {
  if (!Number.isSafeInteger(value)) throw new AuthKitError("invalid_config", `sqlAccountStore: expected an integer, got ${value}.`)
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
    passwordHash: row.password_hash === null || row.password_hash === undefined || row.password_hash === NO_PASSWORD ? null : String(row.password_hash),
    emailVerified: dateOrNull(row.email_verified),
    image: textOrNull(row.image),
    roles: parseRoles(row.roles),
    credentialVersion: toNumber(row.credential_version),
    createdAt: new Date(toNumber(row.created_at)),
  }
}

function toPendingSignup(row: SqlRow): PendingSignup {
  return {
    email: String(row.email),
    name: row.name === null || row.name === undefined ? null : String(row.name),
    passwordHash: String(row.password_hash),
    tokenHash: String(row.token_hash),
    expiresAt: new Date(toNumber(row.expires_at)),
    createdAt: new Date(toNumber(row.created_at)),
  }
}

const textOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value))

function toSession(row: SqlRow): StoredSession {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    method: String(row.method),
    ip: textOrNull(row.ip),
    browser: textOrNull(row.browser),
    os: textOrNull(row.os),
    deviceType: textOrNull(row.device_type),
    createdAt: new Date(toNumber(row.created_at)),
    lastActiveAt: new Date(toNumber(row.last_active_at)),
    expiresAt: new Date(toNumber(row.expires_at)),
    // Left out for a jwt session, as the memory store leaves it out.
    ...(row.token_hash === null || row.token_hash === undefined ? {} : { tokenHash: String(row.token_hash) }),
    ...(row.authenticated_at === null || row.authenticated_at === undefined ? {} : { authenticatedAt: new Date(toNumber(row.authenticated_at)) }),
  }
}

function toPasskey(row: SqlRow): StoredPasskey {
  let transports: string[] = []
  try {
    const parsed: unknown = JSON.parse(String(row.transports))
    if (Array.isArray(parsed)) transports = parsed.filter((t): t is string => typeof t === "string")
  } catch {
    // A damaged list: the browser then tries every transport.
  }
  return {
    id: String(row.id),
    userId: String(row.user_id),
    publicKey: String(row.public_key),
    counter: toNumber(row.counter),
    transports,
    backedUp: toNumber(row.backed_up) === 1,
    deviceType: String(row.device_type),
    name: String(row.name),
    createdAt: new Date(toNumber(row.created_at)),
    lastUsedAt: dateOrNull(row.last_used_at),
  }
}

function toAccount(row: SqlRow): LinkedAccount {
  const tokens: LinkedAccount["tokens"] = {}
  for (const field of OAUTH_TOKEN_FIELDS) {
    const value = row[field]
    if (value === null || value === undefined) continue
    if (field === "expires_at") tokens.expires_at = toNumber(value)
    else tokens[field] = String(value)
  }
  return {
    userId: String(row.user_id),
    type: String(row.type),
    provider: String(row.provider),
    providerAccountId: String(row.provider_account_id),
    tokens,
    linkedAt: new Date(toNumber(row.linked_at)),
  }
}
