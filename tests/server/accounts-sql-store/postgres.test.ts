// The SQL account store, unchanged, on a real PostgreSQL server. The server comes from
// scripts/postgres.mjs: NAK_TEST_DATABASE_URL / DATABASE_URL / PGHOST when set, otherwise
// Debian's PostgreSQL on this machine, installed (as root) and started as needed. A server that
// cannot be reached fails this file: nothing here is ever skipped.
//
// Isolation: each run works in its own schema (`nak_run_<time>_<pid>_<random>`, dropped at the
// end; ones left by killed runs are dropped after 6 hours), and each store in it gets its own
// table prefix.
import { execFile, spawnSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import { setTimeout as sleep } from "node:timers/promises"
import { promisify } from "node:util"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AuthKitError } from "../../../src/core/errors"
import { pgDriver, sqlAccountStore, type SqlDriver } from "../../../src/server/accounts/sql"
// @ts-expect-error a plain .mjs script without declarations
import { ensurePostgres } from "../../../scripts/postgres.mjs"
import { engineConcurrencyContract } from "../accounts/concurrency"
import { adapterContract } from "./adapter-contract"
import { accountStoreContract, concurrencyContract } from "./contract"
import { fixturePostgresScript, fixtureSuite } from "./fixture-0.2"
import { sqlStoreSuite } from "./sql-suite"

const STALE_AFTER_MS = 6 * 3_600_000
const schema = `nak_run_${Date.now().toString(36)}_${process.pid}_${randomBytes(3).toString("hex")}`

let url: string | undefined
let source: "env" | "local" | undefined
let pool: pg.Pool | undefined
/** A second pool on the same schema: a second app instance. */
let pool2: pg.Pool | undefined
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
    await pool2?.end().catch(() => {})
    pool = undefined
    pool2 = undefined
    driver = undefined
  }
}, 300_000)

async function setUp() {
  // Minutes at most: on a fresh machine this may apt-get install postgresql.
  ;({ url, source } = (await ensurePostgres()) as { url: string; source: "env" | "local" })
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
  pool2 = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` })
  driver = quietDriver(pool)
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
    await pool2?.end()
  }
})

/**
 * The connections the restart test's server restart takes from the file's own pools are
 * reported here, not on the console.
 */
const lostConnections: Error[] = []
const quietDriver = (client: pg.Pool | pg.PoolClient) => pgDriver(client, { onError: (error) => lostConnections.push(error) })

accountStoreContract("sqlAccountStore on PostgreSQL", () => sqlAccountStore(theDriver(), { tablePrefix: prefix() }))
sqlStoreSuite("PostgreSQL", { driver: theDriver, prefix })
concurrencyContract("sqlAccountStore on two PostgreSQL pools (two app instances)", async () => {
  const p = prefix()
  return [sqlAccountStore(theDriver(), { tablePrefix: p }), sqlAccountStore(quietDriver(pool2!), { tablePrefix: p })]
})
adapterContract("sqlAccountStore on two PostgreSQL pools (two app instances)", async () => {
  const p = prefix()
  return [sqlAccountStore(theDriver(), { tablePrefix: p }), sqlAccountStore(quietDriver(pool2!), { tablePrefix: p })]
})
engineConcurrencyContract("sqlAccountStore on two PostgreSQL pools (two app instances)", async () => {
  const p = prefix()
  return [sqlAccountStore(theDriver(), { tablePrefix: p }), sqlAccountStore(quietDriver(pool2!), { tablePrefix: p })]
})
fixtureSuite("PostgreSQL, from 0.2's DDL and rows", {
  async fresh() {
    theDriver()
    const p = prefix()
    // Several statements in one simple query (no parameters), as psql would run the file.
    await pool!.query(fixturePostgresScript(p))
    return { drivers: [theDriver(), quietDriver(pool2!)], prefix: p }
  },
})

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
      const store = sqlAccountStore(quietDriver(client), { tablePrefix: prefix() })
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

/** pg_lsclusters' row of the cluster on this port: version, name, port, status, … */
function clusterRow(port: string): string[] | undefined {
  const listed = spawnSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" }).stdout ?? ""
  return listed
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .find((cols) => cols[2] === port)
}

/** The local cluster that serves `url`, when scripts/postgres.mjs runs it here (then we may restart it). */
function localCluster(): { version: string; name: string; port: string } | null {
  if (source !== "local" || !url) return null
  const port = new URL(url).port || "5432"
  const row = clusterRow(port)
  return row ? { version: row[0]!, name: row[1]!, port } : null
}

/** Waits until the server accepts a login again (a restart's "starting up" phase refuses them). */
async function waitForServer(deadlineMs = 20_000): Promise<void> {
  const deadline = Date.now() + deadlineMs
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
    client.on("error", () => {})
    try {
      await client.connect()
      await client.query("SELECT 1")
      return
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not come back within ${deadlineMs} ms`, { cause: error })
      await sleep(100)
    } finally {
      await client.end().catch(() => {})
    }
  }
}

// Last in the file: the restart drops every connection to the server, the other tests' too.
describe("pgDriver when the server restarts under load", () => {
  // One retry: which connections sit idle at the instant the server stops is timing (2 cores
  // under the whole suite's load), and one run may lose none; a second run that loses none is red.
  it("keeps the process up, rejects with store_unavailable while the server is down, and recovers with the same store and pool", { timeout: 30_000, retry: 1 }, async () => {
    theDriver()
    const cluster = localCluster()
    const run = promisify(execFile)
    const uncaught: unknown[] = []
    const onUncaught = (error: unknown) => uncaught.push(error)
    process.on("uncaughtException", onUncaught)
    process.on("unhandledRejection", onUncaught)
    const lost: Error[] = []
    const loadPool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}`, application_name: "nak-restart-test" })
    const store = sqlAccountStore(pgDriver(loadPool, { onError: (error) => lost.push(error) }), { tablePrefix: prefix() })
    const t0 = performance.now()
    const ms = () => Math.round(performance.now() - t0)
    const calls: { start: number; end: number; ok: boolean; error?: unknown }[] = []
    let stop = false
    try {
      await store.createUser({ email: "ada@example.com", name: null, passwordHash: "h", emailVerified: null, roles: [] })
      // Ten open connections, idle between the workers' calls: the ones a restart kills while
      // nobody is using them are the "error" events that crash a process without a listener.
      await Promise.all(Array.from({ length: 10 }, () => loadPool.query("SELECT pg_sleep(0.02)")))
      expect(loadPool.totalCount).toBe(10)

      const ops = [
        (w: number) => store.hit(`load:${w}`, 60_000, new Date()),
        () => store.findUserByEmail("ada@example.com"),
        () => store.consumeToken("reset-password", "0".repeat(64), new Date()),
      ]
      const worker = async (w: number) => {
        for (let i = 0; !stop && i < 5000; i++) {
          const start = ms()
          try {
            await ops[(w + i) % ops.length]!(w)
            calls.push({ start, end: ms(), ok: true })
            await sleep(5)
          } catch (error) {
            calls.push({ start, end: ms(), ok: false, error })
            await sleep(25) // as a caller backs off
          }
        }
      }
      const workers = Array.from({ length: 8 }, (_, w) => worker(w))

      await sleep(400)
      const timeline: Record<string, number> = { stopAt: ms() }
      if (cluster) {
        await run("pg_ctlcluster", [cluster.version, cluster.name, "stop", "-m", "fast"])
        timeline.stopped = ms()
        await sleep(700)
        timeline.startAt = ms()
        await run("pg_ctlcluster", [cluster.version, cluster.name, "start"])
      } else {
        // A server we cannot restart (NAK_TEST_DATABASE_URL): end our pool's connections instead.
        await pool!.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'nak-restart-test'")
        timeline.stopped = timeline.startAt = ms()
      }
      await waitForServer()
      timeline.up = ms()
      await sleep(800)
      stop = true
      await Promise.all(workers)
      timeline.end = ms()

      const failed = calls.filter((c) => !c.ok)
      const during = calls.filter((c) => c.start >= timeline.stopped! && c.end <= timeline.startAt!)
      const after = calls.filter((c) => c.start >= timeline.up!)
      console.log(
        `[postgres restart] ${cluster ? `pg_ctlcluster ${cluster.version} ${cluster.name} stop/start` : "pg_terminate_backend"}; ` +
          `ms: ${JSON.stringify(timeline)}; calls: ${calls.length} (${failed.length} failed, ${during.length} while down, ` +
          `${after.length} after), idle connections lost: ${lost.length}`,
      )

      expect(uncaught).toEqual([])
      // Every failure is the kit's store_unavailable, with the driver's error kept.
      for (const { error } of failed) {
        expect(error).toBeInstanceOf(AuthKitError)
        expect(error).toMatchObject({ code: "store_unavailable", cause: expect.any(Error) })
      }
      expect(failed.length).toBeGreaterThan(0)
      expect(lost.length).toBeGreaterThan(0)
      if (cluster) {
        expect(during.length).toBeGreaterThan(0)
        expect(during.every((c) => !c.ok)).toBe(true)
      }
      expect(calls.filter((c) => c.end <= timeline.stopAt!).every((c) => c.ok)).toBe(true)
      expect(after.length).toBeGreaterThanOrEqual(8)
      expect(after.filter((c) => !c.ok)).toEqual([])

      // Nothing leaked: no connection still lent, nobody waiting, no more than the pool's max.
      expect(loadPool.waitingCount).toBe(0)
      expect(loadPool.idleCount).toBe(loadPool.totalCount)
      expect(loadPool.totalCount).toBeLessThanOrEqual(10)
      const burst = await Promise.all(Array.from({ length: 10 }, () => store.findUserByEmail("ada@example.com")))
      expect(burst.every((u) => u?.email === "ada@example.com")).toBe(true)
      expect(loadPool.idleCount).toBe(loadPool.totalCount)
    } finally {
      stop = true
      // Whatever failed above, the server is left running for the rest of the run.
      if (cluster && clusterRow(cluster.port)?.[3] !== "online") {
        await run("pg_ctlcluster", [cluster.version, cluster.name, "start"]).catch(() => {})
      }
      await waitForServer()
      await loadPool.end()
      process.off("uncaughtException", onUncaught)
      process.off("unhandledRejection", onUncaught)
    }
  })
})
