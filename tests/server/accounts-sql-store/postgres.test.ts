// The SQL account store, unchanged, on a real PostgreSQL server. The server comes from
// scripts/postgres.mjs: NAK_TEST_DATABASE_URL / DATABASE_URL / PGHOST when set, otherwise
// Debian's PostgreSQL on this machine, installed (as root) and started as needed. A server that
// cannot be reached fails this file: nothing here is ever skipped.
//
// Isolation: each run works in its own schema (`nak_run_<time>_<pid>_<random>`, dropped at the
// end; ones left by killed runs are dropped after 6 hours), and each store in it gets its own
// table prefix.
import { randomBytes } from "node:crypto"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pgDriver, sqlAccountStore, type SqlDriver } from "../../../src/server/accounts/sql"
// @ts-expect-error a plain .mjs script without declarations
import { ensurePostgres } from "../../../scripts/postgres.mjs"
import { accountStoreContract } from "./contract"
import { sqlStoreSuite } from "./sql-suite"

const STALE_AFTER_MS = 6 * 3_600_000
const schema = `nak_run_${Date.now().toString(36)}_${process.pid}_${randomBytes(3).toString("hex")}`

let pool: pg.Pool | undefined
let driver: SqlDriver | undefined
let setupError: unknown
let prefixes = 0
const prefix = () => `t${++prefixes}_`

/**
 * The driver, or the reason there is none. Every test starts here, so a server that could not
 * be set up fails each test with that reason (a throwing beforeAll would report them skipped).
 */
function theDriver(): SqlDriver {
  if (driver) return driver
  throw new Error(`No PostgreSQL server for the tests: ${setupError instanceof Error ? setupError.message : setupError}`, {
    cause: setupError,
  })
}

beforeAll(async () => {
  try {
    await setUp()
  } catch (error) {
    setupError = error
    await pool?.end().catch(() => {})
    pool = undefined
    driver = undefined
  }
}, 300_000)

async function setUp() {
  // Minutes at most: on a fresh machine this may apt-get install postgresql.
  const { url } = (await ensurePostgres()) as { url: string }
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    // Schemas of runs that were killed before their afterAll.
    const { rows } = await admin.query<{ nspname: string }>(
      "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'nak\\_run\\_%'",
    )
    for (const { nspname } of rows) {
      const started = parseInt(nspname.split("_")[2] ?? "", 36)
      if (Number.isFinite(started) && Date.now() - started > STALE_AFTER_MS) {
        await admin.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`)
      }
    }
    await admin.query(`CREATE SCHEMA "${schema}"`)
  } finally {
    await admin.end()
  }
  pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` })
  driver = pgDriver(pool)
  const [row] = await driver.execute("SELECT current_schema() AS s, current_setting('server_version_num') AS v")
  if (row?.s !== schema) throw new Error(`search_path did not take: current_schema() is ${row?.s}`)
  console.log(`[postgres] server ${row?.v}, schema ${schema}`)
}

afterAll(async () => {
  if (!pool) return
  try {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  } finally {
    await pool.end()
  }
})

accountStoreContract("sqlAccountStore on PostgreSQL", () => sqlAccountStore(theDriver(), { tablePrefix: prefix() }))
sqlStoreSuite("PostgreSQL", { driver: theDriver, prefix })

describe("sqlAccountStore on PostgreSQL, with concurrency on separate connections", () => {
  it("has a PostgreSQL server (started by scripts/postgres.mjs when none was given)", () => {
    expect(theDriver().dialect).toBe("postgres")
  })

  it("runs concurrent statements on several pool connections", async () => {
    // The concurrency tests above only prove something when statements really overlap.
    const rows = await Promise.all(
      Array.from({ length: 5 }, () => theDriver().execute("SELECT pg_backend_pid() AS pid, pg_sleep(0.05)")),
    )
    expect(new Set(rows.map((r) => r[0]?.pid)).size).toBeGreaterThan(1)
  })

  it("works through a single pg.Client and a PoolClient too", async () => {
    theDriver()
    const client = await pool!.connect()
    try {
      const store = sqlAccountStore(pgDriver(client), { tablePrefix: prefix() })
      const user = await store.createUser({ email: "A@B.C", name: null, passwordHash: "h", emailVerified: null, roles: [] })
      expect(user?.email).toBe("a@b.c")
      expect((await store.hit("k", 1000, new Date(0))).count).toBe(1)
    } finally {
      client.release()
    }
  })

  it("uses BIGINT for times, so dates far from 1970 fit", async () => {
    const p = prefix()
    const store = sqlAccountStore(theDriver(), { tablePrefix: p })
    await store.migrate()
    const { rows } = await pool!.query<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY column_name",
      [schema, `${p}tokens`],
    )
    expect(Object.fromEntries(rows.map((r) => [r.column_name, r.data_type]))).toMatchObject({
      created_at: "bigint",
      expires_at: "bigint",
      used_at: "bigint",
    })
    const far = new Date("2200-01-01T00:00:00Z")
    await store.createToken({ kind: "verify-email", tokenHash: "c".repeat(64), userId: "u", expiresAt: far })
    expect(await store.consumeToken("verify-email", "c".repeat(64), new Date("2199-12-31T23:59:59.999Z"))).toEqual({
      ok: true,
      userId: "u",
    })
  })
})
