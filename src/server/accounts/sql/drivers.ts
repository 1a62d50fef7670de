/**
 * The drivers of the SQL account store: the store does not import a database client, the app
 * hands it one through a tiny driver (`libsqlDriver(createClient(…))` for `@libsql/client`,
 * `pgDriver(new Pool(…))` for `pg`, or its own `SqlDriver`), so neither client is a dependency of
 * the kit.
 */
import { mkdir } from "node:fs/promises"
import { dirname } from "node:path"
import { AuthKitError } from "../../../core/errors"

/** The SQL dialects the store speaks. */
export type SqlDialect = "sqlite" | "postgres"

/** A value bound to a placeholder. */
export type SqlValue = string | number | null

/** A result row, by column name. Integers may arrive as numbers, bigints or (pg) strings. */
export type SqlRow = Record<string, unknown>

/** One statement of a {@link SqlDriver.batch}: `?` placeholders and their values. */
export interface SqlStatement {
  sql: string
  params?: readonly SqlValue[]
}

/**
 * What the store needs from a database client: run one statement with `?` placeholders and
 * answer its rows. `libsqlDriver` and `pgDriver` adapt the usual clients; anything else fits
 * with a few lines.
 *
 * @example
 * ```ts
 * // better-sqlite3: all() for statements that answer rows, run() for the others
 * const rows = (sql: string, params: readonly SqlValue[] = []) => {
 *   const statement = db.prepare(sql)
 *   return statement.reader ? statement.all(...params) : (statement.run(...params), [])
 * }
 * const driver: SqlDriver = {
 *   dialect: "sqlite",
 *   execute: async (sql, params) => rows(sql, params),
 *   batch: async (statements) => db.transaction(() => statements.map((s) => rows(s.sql, s.params))).immediate(),
 * }
 * ```
 */
export interface SqlDriver {
  readonly dialect: SqlDialect
  execute(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>
  /**
   * Runs the statements as one write transaction, all or nothing, answering each one's rows.
   * While it runs, no other writer gets in (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: one
   * connection from `BEGIN` to `COMMIT`), so a migration step and its version bump are one
   * step for every instance. Optional: without it, the store migrates statement by statement,
   * which is safe only when instances do not start at the same moment.
   */
  batch?(statements: readonly SqlStatement[]): Promise<SqlRow[][]>
}

/** The part of `@libsql/client`'s `Client` that `libsqlDriver` uses. */
export interface LibsqlClientLike {
  execute(statement: { sql: string; args: SqlValue[] }): Promise<LibsqlResultLike>
  /** `Client.batch`: the statements in one transaction, `"write"` taking the write lock first. */
  batch?(statements: { sql: string; args: SqlValue[] }[], mode: "write"): Promise<LibsqlResultLike[]>
  /** `"file"` for a local database (its connections then wait for the write lock), `"http"`, `"ws"`, … */
  protocol?: string
}

/**
 * How long a local database's connection waits for another process's write lock before failing
 * with `SQLITE_BUSY` (SQLite's default is not to wait at all): two app processes, or the app and
 * a script, sharing one file.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5000

/** The part of a libSQL result set that `libsqlDriver` reads. */
export interface LibsqlResultLike {
  columns: string[]
  rows: ArrayLike<unknown>[]
}

/**
 * The options of `@libsql/client`'s `createClient` (`url`, `authToken`, …), for a driver that
 * opens the database itself, on first use.
 */
export interface LibsqlConfigLike {
  /** `file:.data/app.db` (a file, its folder created when missing), `:memory:`, or a libSQL server's URL. */
  url: string
  authToken?: string
  [option: string]: unknown
}

/**
 * A driver for `@libsql/client` (embedded SQLite file, `:memory:`, or a libSQL server).
 *
 * Given `createClient`'s options rather than a client, it opens the database on the first
 * statement, not when the app's modules load: `next build` evaluates them and must not open
 * (or create, or migrate) the database. A `file:` database's folder is then created when missing
 * (`.data/` for `file:.data/app.db`), which `createClient` itself does not do. This form imports
 * `@libsql/client`, which the app installs.
 *
 * Either way, a local (`file:`) database's connection is told to wait up to
 * {@link SQLITE_BUSY_TIMEOUT_MS} for another process's write lock (`PRAGMA busy_timeout`) before
 * its first statement, so that two processes sharing the file do not fail with `SQLITE_BUSY`.
 *
 * @example
 * ```ts
 * const store = sqlAccountStore(libsqlDriver({ url: "file:.data/app.db" }))
 *
 * // a client of the app's own, opened by createClient when this module loads
 * import { createClient } from "@libsql/client"
 * const store = sqlAccountStore(libsqlDriver(createClient({ url: process.env.DATABASE_URL! })))
 * ```
 */
export function libsqlDriver(client: LibsqlClientLike | LibsqlConfigLike): SqlDriver {
  if (!client || typeof client !== "object") {
    throw new AuthKitError("invalid_config", 'libsqlDriver: expected a libSQL client or createClient\'s options, such as { url: "file:.data/app.db" }.')
  }
  if (typeof (client as LibsqlClientLike).execute === "function") {
    const given = client as LibsqlClientLike
    let ready: Promise<LibsqlClientLike> | undefined
    return driverOf(() => {
      ready ??= waitsForLocks(given).catch((error: unknown) => {
        ready = undefined
        throw error
      })
      return ready
    }, typeof given.batch === "function")
  }
  const config = client as LibsqlConfigLike
  if (typeof config.url !== "string" || config.url === "") {
    throw new AuthKitError("invalid_config", 'libsqlDriver: `url` must be the database\'s URL, such as "file:.data/app.db".')
  }
  let opening: Promise<LibsqlClientLike> | undefined
  return driverOf(() => {
    opening ??= openLibsql(config).catch((error: unknown) => {
      opening = undefined // try again on the next statement
      throw error
    })
    return opening
  }, true)
}

/** Creates a `file:` database's folder, then the client. */
async function openLibsql(config: LibsqlConfigLike): Promise<LibsqlClientLike> {
  const path = libsqlFilePath(config.url)
  if (path !== undefined) await mkdir(dirname(path), { recursive: true })
  const { createClient } = await import("@libsql/client")
  return waitsForLocks(createClient(config as Parameters<typeof createClient>[0]) as unknown as LibsqlClientLike)
}

/** A local database's client, told to wait {@link SQLITE_BUSY_TIMEOUT_MS} for the write lock. */
async function waitsForLocks(client: LibsqlClientLike): Promise<LibsqlClientLike> {
  if (client.protocol === "file") await client.execute({ sql: `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`, args: [] })
  return client
}

/**
 * The path of a `file:` URL's database, as libSQL reads it (`file:.data/app.db` is relative to
 * the working directory, `file:///srv/app.db` and `file:/srv/app.db` absolute; the query is
 * options); `undefined` for another scheme or an in-memory database.
 *
 * @example
 * ```ts
 * libsqlFilePath("file:.data/app.db") // ".data/app.db"
 * ```
 */
export function libsqlFilePath(url: string): string | undefined {
  const match = /^file:(?:\/\/(?:localhost)?(?=\/))?([^?#]*)/i.exec(url)
  if (!match) return undefined
  const path = decodeURIComponent(match[1]!)
  return path === "" || path === ":memory:" ? undefined : path
}

/** The driver over a client, at hand or opened on first use; `transactions` when it has `batch`. */
function driverOf(clientOf: () => LibsqlClientLike | Promise<LibsqlClientLike>, transactions: boolean): SqlDriver {
  return {
    dialect: "sqlite",
    async execute(sql, params = []) {
      return toRows(await (await clientOf()).execute({ sql, args: [...params] }))
    },
    // `batch(…, "write")` rather than `transaction("write")`: an interactive transaction holds
    // a connection across awaits, and on a single-connection client (`:memory:`) every other
    // call fails while it is open; a batch runs BEGIN IMMEDIATE … COMMIT in one go.
    ...(transactions && {
      async batch(statements: readonly SqlStatement[]) {
        const client = await clientOf()
        const results = await client.batch!(
          statements.map((s) => ({ sql: s.sql, args: [...(s.params ?? [])] })),
          "write",
        )
        return results.map(toRows)
      },
    }),
  }
}

/** libSQL rows are array-like with named properties: plain objects by column. */
function toRows(result: LibsqlResultLike): SqlRow[] {
  return Array.from(result.rows, (row) => {
    const out: SqlRow = {}
    result.columns.forEach((column, i) => {
      out[column] = row[i]
    })
    return out
  })
}

/**
 * The part of `pg`'s `Pool`, `Client` or `PoolClient` that `pgDriver` uses: `query`, and on a
 * `Pool` also `connect` (a connection for a transaction) and `on("error")`.
 */
export interface PgClientLike {
  query(text: string, values?: unknown[]): Promise<{ rows: SqlRow[] }>
  /** A `Pool`'s: lends a connection. (A `Client`'s `connect` opens it; the driver tells them apart.) */
  connect?(): Promise<unknown>
  /** `pg` reports the failures of connections nobody is using as `error` events. */
  on?(event: "error", listener: (error: Error) => void): unknown
}

/** A connection lent by a `Pool`: given back with `release`, destroyed with `release(error)`. */
interface PgPoolClientLike {
  query(text: string, values?: unknown[]): Promise<{ rows: SqlRow[] }>
  release(destroy?: Error | boolean): void
}

/** Options of {@link pgDriver}. */
export interface PgDriverOptions {
  /**
   * Called with the errors of the pool's idle connections (the server restarted or dropped
   * them: "Connection terminated unexpectedly"). The pool has already let go of the broken
   * connection and opens a new one on the next query, so the process goes on; without a
   * listener, `pg` would throw the error as an uncaught exception and end the process.
   * @default logs it with `console.error`
   *
   * @example
   * ```ts
   * pgDriver(pool, { onError: (error) => logger.warn({ err: error }, "postgres connection lost") })
   * ```
   */
  onError?: (error: Error) => void
}

const logPoolError = (error: Error) => {
  console.error(
    `[next-auth-kit] A PostgreSQL connection of the account store failed while idle: ${error.message}. ` +
      "The pool opens a new one on the next query; if this repeats, check that the server is up. " +
      "Pass pgDriver(pool, { onError }) to report these your own way.",
  )
}

/** Per pool (or client), the one `error` listener the drivers add, and the handlers it calls. */
const errorHandlers = new WeakMap<object, Set<(error: Error) => void>>()

function listenForErrors(client: PgClientLike, onError: (error: Error) => void) {
  if (typeof client.on !== "function") return
  let handlers = errorHandlers.get(client)
  if (!handlers) {
    const set = new Set<(error: Error) => void>()
    handlers = set
    errorHandlers.set(client, set)
    // One listener however many drivers wrap the pool: no MaxListeners warning, one report.
    client.on("error", (error) => {
      for (const handler of set) {
        try {
          handler(error)
        } catch {
          // A failing handler must not turn a handled error into an uncaught one.
        }
      }
    })
  }
  handlers.add(onError)
}

/** A `pg.Pool` lends connections; a `Client` or `PoolClient` is one. */
function isPool(client: PgClientLike): boolean {
  return typeof client.connect === "function" && typeof (client as { totalCount?: unknown }).totalCount === "number"
}

/**
 * A driver for `pg` (node-postgres). Pass a `Pool` (recommended: statements of concurrent
 * requests then run on several connections, and a connection the server dropped is replaced);
 * a `Client` or `PoolClient` works too, for one caller at a time, and does not come back once
 * its connection is lost.
 *
 * The driver listens to the pool's `error` events (idle connections that the server closed,
 * e.g. on a restart), which `pg` would otherwise throw as an uncaught exception; statements
 * that fail while the server is down reject, and succeed again once it is back.
 *
 * @example
 * ```ts
 * import { Pool } from "pg"
 * const store = sqlAccountStore(pgDriver(new Pool({ connectionString: process.env.DATABASE_URL })))
 * ```
 */
export function pgDriver(client: PgClientLike, options: PgDriverOptions = {}): SqlDriver {
  if (!client || typeof client.query !== "function") {
    throw new AuthKitError("invalid_config", "pgDriver: expected a pg Pool, Client or PoolClient (an object with query()).")
  }
  const { onError = logPoolError } = options
  if (typeof onError !== "function") {
    throw new AuthKitError("invalid_config", "pgDriver: `onError` must be a function (error) => void.")
  }
  listenForErrors(client, onError)

  async function inTransaction(connection: PgClientLike | PgPoolClientLike, statements: readonly SqlStatement[]) {
    // One statement after the other, each awaited: pg 8 deprecates queueing on a connection.
    await connection.query("BEGIN")
    try {
      const results: SqlRow[][] = []
      for (const s of statements) {
        results.push((await connection.query(toNumberedPlaceholders(s.sql), [...(s.params ?? [])])).rows)
      }
      await connection.query("COMMIT")
      return results
    } catch (error) {
      await connection.query("ROLLBACK").catch(() => {})
      throw error
    }
  }

  return {
    dialect: "postgres",
    async execute(sql, params = []) {
      const result = await client.query(toNumberedPlaceholders(sql), [...params])
      return result.rows
    },
    async batch(statements) {
      if (!isPool(client)) return inTransaction(client, statements)
      // A transaction needs one connection throughout; `pool.query` may use another each time.
      const connection = (await client.connect!()) as PgPoolClientLike
      try {
        const results = await inTransaction(connection, statements)
        connection.release()
        return results
      } catch (error) {
        // Destroyed rather than reused: after a failure mid-transaction its state is unknown.
        connection.release(error instanceof Error ? error : true)
        throw error
      }
    },
  }
}

/**
 * Turns `?` placeholders into PostgreSQL's `$1`, `$2`, …, leaving `?` inside quoted strings,
 * quoted identifiers and comments alone.
 *
 * @example
 * ```ts
 * toNumberedPlaceholders("SELECT ? WHERE note = '?'") // "SELECT $1 WHERE note = '?'"
 * ```
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
