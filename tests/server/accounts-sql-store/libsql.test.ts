// The SQL account store on the embedded SQLite/libSQL database: in memory and in a file.
import { EventEmitter } from "node:events"
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createClient, type Client } from "@libsql/client"
import { afterAll, describe, expect, it, vi } from "vitest"
import type { AccountStore } from "../../../src/core/accounts/store"
import { libsqlFilePath } from "../../../src/server/accounts/sql/drivers"
import {
  libsqlDriver,
  pgDriver,
  sqlAccountStore,
  toNumberedPlaceholders,
  type SqlAccountStore,
} from "../../../src/server/accounts/sql"
import { fileURLToPath } from "node:url"
import { engineConcurrencyContract } from "../accounts/concurrency"
import { adapterContract } from "./adapter-contract"
import { accountStoreContract, concurrencyContract } from "./contract"
import { FIXTURE_DB, fixtureSuite } from "./fixture-0.2"
import { sqlStoreSuite } from "./sql-suite"

const clients: Client[] = []
function open(url: string): Client {
  const client = createClient({ url })
  clients.push(client)
  return client
}

const dir = mkdtempSync(join(tmpdir(), "nak-sql-store-"))
const file = `file:${join(dir, "accounts.db")}`
let prefixes = 0
const prefix = () => `t${++prefixes}_`

afterAll(() => {
  for (const client of clients) client.close()
  rmSync(dir, { recursive: true, force: true })
})

describe("libsqlDriver and another process writing the same file", () => {
  /** Another process that takes the database's write lock, holds it for `ms`, then lets go. */
  async function holdWriteLock(url: string, ms: number) {
    const { spawn } = await import("node:child_process")
    const script = `
      const { createClient } = await import("@libsql/client")
      const db = createClient({ url: ${JSON.stringify(url)} })
      const tx = await db.transaction("write")
      await tx.execute("INSERT INTO lock_holder VALUES (1)")
      console.log("locked")
      await new Promise((resolve) => setTimeout(resolve, ${ms}))
      await tx.commit()
      console.log("released")`
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] })
    const lines: string[] = []
    const locked = new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        lines.push(...chunk.toString().trim().split("\n"))
        if (lines.includes("locked")) resolve()
      })
      child.on("exit", (code) => (code === 0 ? undefined : reject(new Error(`lock holder exited ${code}`))))
    })
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve))
    await locked
    return { lines, exited }
  }

  for (const form of ["a client", "createClient's options"] as const) {
    it(`waits for the other process's write lock instead of failing with SQLITE_BUSY (given ${form})`, async () => {
      const url = `file:${join(dir, `busy-${form.length}.db`)}`
      const setup = open(url)
      await setup.execute("CREATE TABLE lock_holder (n INTEGER)")
      const store = sqlAccountStore(libsqlDriver(form === "a client" ? open(url) : { url }))
      await store.migrate()
      const holder = await holdWriteLock(url, 400)
      // Written while the other process holds the lock: it waits, then succeeds.
      const user = await store.createUser({ email: "ada@example.com", name: null, passwordHash: "x", emailVerified: null, roles: [] })
      expect(user?.email).toBe("ada@example.com")
      expect(await holder.exited).toBe(0)
      expect(holder.lines).toEqual(["locked", "released"])
    })
  }
})

describe("libsqlDriver given createClient's options", () => {
  it("opens nothing when constructed, then creates the file database's missing folder on the first call", async () => {
    const folder = join(dir, "missing", ".data")
    const store = sqlAccountStore(libsqlDriver({ url: `file:${join(folder, "app.db")}` }))
    // Construction (as when `next build` evaluates the app's modules) touches no file.
    expect(existsSync(join(dir, "missing"))).toBe(false)
    expect(await store.findUserByEmail("ada@example.com")).toBeNull()
    expect(existsSync(join(folder, "app.db"))).toBe(true)
    const user = await store.createUser({ email: "ada@example.com", name: null, passwordHash: "x", emailVerified: null, roles: [] })
    expect((await store.findUserByEmail("ada@example.com"))?.id).toBe(user?.id)
  })

  it("migrates on the first call, in one transaction per step", async () => {
    const driver = libsqlDriver({ url: ":memory:" })
    expect(typeof driver.batch).toBe("function")
    const store = sqlAccountStore(driver)
    await store.migrate()
    expect(await store.findUserById("nobody")).toBeNull()
  })

  it("reads the path of a file URL as libSQL does", () => {
    expect(libsqlFilePath("file:.data/app.db")).toBe(".data/app.db")
    expect(libsqlFilePath("file:///srv/app/data%20dir/app.db?mode=rwc")).toBe("/srv/app/data dir/app.db")
    expect(libsqlFilePath("file://localhost/srv/app.db")).toBe("/srv/app.db")
    expect(libsqlFilePath("file:/srv/app.db")).toBe("/srv/app.db")
    expect(libsqlFilePath(":memory:")).toBeUndefined()
    expect(libsqlFilePath("file::memory:")).toBeUndefined()
    expect(libsqlFilePath("libsql://db.example.com")).toBeUndefined()
  })

  it("refuses options without a url as invalid_config", () => {
    expect(() => libsqlDriver({ url: "" })).toThrow(expect.objectContaining({ code: "invalid_config" }))
    expect(() => libsqlDriver(null as never)).toThrow(expect.objectContaining({ code: "invalid_config" }))
  })
})

// A fresh in-memory database per store.
accountStoreContract("sqlAccountStore on libSQL :memory:", () => sqlAccountStore(libsqlDriver(open(":memory:"))))
// One file, a fresh table prefix per store, a new client each time (as separate app instances).
accountStoreContract("sqlAccountStore on a libSQL file", () =>
  sqlAccountStore(libsqlDriver(open(file)), { tablePrefix: prefix() }),
)

// Two clients of one file are two app instances.
concurrencyContract("sqlAccountStore on two clients of one libSQL file", async () => {
  const p = prefix()
  return [sqlAccountStore(libsqlDriver(open(file)), { tablePrefix: p }), sqlAccountStore(libsqlDriver(open(file)), { tablePrefix: p })]
})

adapterContract("sqlAccountStore on two clients of one libSQL file", async () => {
  const p = prefix()
  return [sqlAccountStore(libsqlDriver(open(file)), { tablePrefix: p }), sqlAccountStore(libsqlDriver(open(file)), { tablePrefix: p })]
})

engineConcurrencyContract("sqlAccountStore on two clients of one libSQL file", async () => {
  const p = prefix()
  return [sqlAccountStore(libsqlDriver(open(file)), { tablePrefix: p }), sqlAccountStore(libsqlDriver(open(file)), { tablePrefix: p })]
})

let copies = 0
fixtureSuite("libSQL file", {
  async fresh() {
    const copy = join(dir, `accounts-0.2-copy-${++copies}.db`)
    copyFileSync(fileURLToPath(FIXTURE_DB), copy)
    return { drivers: [libsqlDriver(open(`file:${copy}`)), libsqlDriver(open(`file:${copy}`))], prefix: "nak_" }
  },
})

const memory = libsqlDriver(open(":memory:"))
sqlStoreSuite("libSQL :memory:", { driver: () => memory, prefix })
const onFile = libsqlDriver(open(file))
sqlStoreSuite("a libSQL file", { driver: () => onFile, prefix })

describe("sqlAccountStore on one libSQL file shared by two clients (two app instances)", () => {
  it("keeps data across clients and reopening", async () => {
    const p = prefix()
    const user = await sqlAccountStore(libsqlDriver(open(file)), { tablePrefix: p }).createUser({
      email: "ada@example.com",
      name: "Ada",
      passwordHash: "h",
      emailVerified: null,
      roles: ["admin"],
    })
    const reopened = createClient({ url: file })
    try {
      expect(await sqlAccountStore(libsqlDriver(reopened), { tablePrefix: p }).findUserByEmail("ADA@example.com")).toEqual(
        user,
      )
    } finally {
      reopened.close()
    }
  })

  it("lets one use of a token win and counts every hit once across both clients", async () => {
    const p = prefix()
    const [a, b] = [open(file), open(file)].map((c) => sqlAccountStore(libsqlDriver(c), { tablePrefix: p }))
    const now = new Date("2030-01-01T00:00:00Z")
    await a!.createToken({ kind: "reset-password", tokenHash: "a".repeat(64), userId: "u1", expiresAt: new Date(now.getTime() + 1000) })
    await b!.migrate()
    const uses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a! : b!).consumeToken("reset-password", "a".repeat(64), now)),
    )
    expect(uses.filter((u) => u.ok)).toHaveLength(1)
    const hits = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a! : b!).hit("ip", 60_000, now)))
    expect(hits.map((h) => h.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
  })
})

describe("drivers", () => {
  it("libsqlDriver answers plain objects by column name", async () => {
    const db = libsqlDriver(open(":memory:"))
    expect(db.dialect).toBe("sqlite")
    expect(await db.execute("SELECT ? AS a, ? AS b, NULL AS c", [1_700_000_000_000, "x"])).toEqual([
      { a: 1_700_000_000_000, b: "x", c: null },
    ])
  })

  it("pgDriver numbers the placeholders and passes the values", async () => {
    const calls: [string, unknown[] | undefined][] = []
    const db = pgDriver({
      query: async (text: string, values?: unknown[]) => {
        calls.push([text, values])
        return { rows: [{ n: 1 }] }
      },
    })
    expect(db.dialect).toBe("postgres")
    expect(await db.execute("SELECT ? AS n WHERE x = ?", [1, "y"])).toEqual([{ n: 1 }])
    expect(calls).toEqual([["SELECT $1 AS n WHERE x = $2", [1, "y"]]])
  })

  it("toNumberedPlaceholders leaves quoted text and comments alone", () => {
    expect(toNumberedPlaceholders("SELECT ?, '?', \"a?\", ? -- why?\n, ? /* ? */ , ?")).toBe(
      "SELECT $1, '?', \"a?\", $2 -- why?\n, $3 /* ? */ , $4",
    )
    expect(toNumberedPlaceholders("SELECT 'it''s ?', ?")).toBe("SELECT 'it''s ?', $1")
  })
})

/** A stand-in for pg's Pool: an EventEmitter with query, connect and the counts pg keeps. */
function fakePool(fail?: (sql: string) => boolean) {
  const log: string[] = []
  const released: unknown[] = []
  const query = async (text: string) => {
    log.push(text)
    if (fail?.(text)) throw Object.assign(new Error(`failed: ${text}`), { code: "23505" })
    return { rows: [{ text }] }
  }
  const pool = Object.assign(new EventEmitter(), {
    totalCount: 0,
    query,
    connect: async () => ({ query, release: (error?: unknown) => released.push(error ?? "released") }),
  })
  return { pool, log, released }
}

describe("pgDriver and a pool's errors", () => {
  it("listens to the pool's error events once, however many drivers wrap it, and hands them to each onError", () => {
    const { pool } = fakePool()
    const [a, b] = [vi.fn(), vi.fn()]
    pgDriver(pool, { onError: a })
    pgDriver(pool, { onError: b })
    pgDriver(pool, { onError: b })
    expect(pool.listenerCount("error")).toBe(1)
    const error = new Error("Connection terminated unexpectedly")
    // Without a listener, emit("error") throws: in pg that is an uncaught exception.
    expect(() => pool.emit("error", error)).not.toThrow()
    expect(a).toHaveBeenCalledWith(error)
    expect(b).toHaveBeenCalledTimes(1)
  })

  it("logs them with the kit's prefix by default, and survives a handler that throws", () => {
    const { pool } = fakePool()
    const log = vi.spyOn(console, "error").mockImplementation(() => {})
    try {
      pgDriver(pool)
      pgDriver(pool, {
        onError: () => {
          throw new Error("handler bug")
        },
      })
      expect(() => pool.emit("error", new Error("Connection terminated unexpectedly"))).not.toThrow()
      expect(log).toHaveBeenCalledTimes(1)
      expect(String(log.mock.calls[0]?.[0])).toMatch(/^\[next-auth-kit\] .*Connection terminated unexpectedly.*onError/)
    } finally {
      log.mockRestore()
    }
  })

  it("takes a client without .on (a stand-in) as it is, and refuses what is not a client", () => {
    expect(() => pgDriver({ query: async () => ({ rows: [] }) })).not.toThrow()
    expect(() => pgDriver({} as never)).toThrow(expect.objectContaining({ code: "invalid_config" }))
    expect(() => pgDriver(fakePool().pool, { onError: "log" as never })).toThrow(expect.objectContaining({ code: "invalid_config" }))
  })

  it("runs a batch on one lent connection, BEGIN to COMMIT, and gives it back", async () => {
    const { pool, log, released } = fakePool()
    const db = pgDriver(pool, { onError: () => {} })
    const rows = await db.batch!([{ sql: "SELECT ?", params: [1] }, { sql: "SELECT 2" }])
    expect(rows).toEqual([[{ text: "SELECT $1" }], [{ text: "SELECT 2" }]])
    expect(log).toEqual(["BEGIN", "SELECT $1", "SELECT 2", "COMMIT"])
    expect(released).toEqual(["released"])
  })

  it("rolls a failed batch back and destroys its connection rather than reuse it", async () => {
    const { pool, log, released } = fakePool((sql) => sql.startsWith("INSERT"))
    const db = pgDriver(pool, { onError: () => {} })
    await expect(db.batch!([{ sql: "SELECT 1" }, { sql: "INSERT x" }, { sql: "SELECT 3" }])).rejects.toThrow("failed: INSERT x")
    expect(log).toEqual(["BEGIN", "SELECT 1", "INSERT x", "ROLLBACK"])
    expect(released).toEqual([expect.any(Error)])
  })
})

describe("libsqlDriver's batch", () => {
  it("is all or nothing", async () => {
    const db = libsqlDriver(open(":memory:"))
    await db.execute("CREATE TABLE t (v INTEGER PRIMARY KEY)")
    await expect(
      db.batch!([{ sql: "INSERT INTO t (v) VALUES (?)", params: [1] }, { sql: "INSERT INTO t (v) VALUES (?)", params: [1] }]),
    ).rejects.toThrow()
    expect(await db.execute("SELECT v FROM t")).toEqual([])
    expect(await db.batch!([{ sql: "INSERT INTO t (v) VALUES (?)", params: [2] }, { sql: "SELECT v FROM t" }])).toEqual([[], [{ v: 2 }]])
  })

  it("is left out for a client without batch()", () => {
    const db = libsqlDriver({ execute: async () => ({ columns: [], rows: [] }) })
    expect(db.batch).toBeUndefined()
  })
})

describe("SqlAccountStore's type", () => {
  it("has the pending sign-up methods that AccountStore leaves optional", () => {
    const store: SqlAccountStore = sqlAccountStore(libsqlDriver(open(":memory:")))
    const complete: Required<AccountStore> = store
    expect(typeof complete.consumePendingSignup).toBe("function")
  })
})
