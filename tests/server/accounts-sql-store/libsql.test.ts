// The SQL account store on the embedded SQLite/libSQL database: in memory and in a file.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createClient, type Client } from "@libsql/client"
import { afterAll, describe, expect, it } from "vitest"
import {
  libsqlDriver,
  pgDriver,
  sqlAccountStore,
  toNumberedPlaceholders,
} from "../../../src/server/accounts/sql"
import { fileURLToPath } from "node:url"
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
