// The playground's database: embedded SQLite through libSQL, a file under .data/ by default, or
// any libSQL server via DATABASE_URL (so several app instances share users). Users, tokens and
// rate limits live in the kit's SQL account store; the dev outbox is the playground's own.
import { mkdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { createClient } from "@libsql/client"
import { hash, verify } from "@node-rs/argon2"
import { libsqlDriver, sqlAccountStore } from "next-auth-kit/server"
import { DEMO_USERS } from "./demo-users.mjs"

const here = dirname(fileURLToPath(import.meta.url))
export const DEFAULT_DATABASE_FILE = join(here, "../.data/playground.db")

export { DEMO_USERS }

/** argon2id (the library's defaults) as the kit's pluggable hasher. */
export const argon2Hasher = {
  hash: (password) => hash(password),
  verify: (encoded, password) => verify(encoded, password).catch(() => false),
}

/** @returns {string} */
export function databaseUrl() {
  return process.env.DATABASE_URL || `file:${DEFAULT_DATABASE_FILE}`
}

/** @returns {import("@libsql/client").Client} */
export function openDatabase(url = databaseUrl()) {
  if (url.startsWith("file:")) mkdirSync(dirname(url.slice("file:".length)), { recursive: true })
  return createClient({ url })
}

/** The kit's account store on this database. */
export function accountStore(db) {
  return sqlAccountStore(libsqlDriver(db))
}

/** Creates the tables when they are missing: the account store's and the dev outbox. */
export async function migrate(db) {
  await accountStore(db).migrate()
  await db.execute(`CREATE TABLE IF NOT EXISTS dev_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    sent_at INTEGER NOT NULL
  )`)
}

/**
 * Adds the demo users that are missing, verified, with argon2id password hashes.
 * @returns {Promise<string[]>} the emails it added
 */
export async function seed(db) {
  const store = accountStore(db)
  const added = []
  for (const user of DEMO_USERS) {
    if (await store.findUserByEmail(user.email)) continue
    await store.createUser({
      email: user.email,
      name: user.name,
      passwordHash: await argon2Hasher.hash(user.password),
      emailVerified: new Date(),
      roles: user.roles,
    })
    added.push(user.email)
  }
  return added
}

/** Keeps an email in the dev outbox (the playground's stand-in for SMTP). */
export async function saveToOutbox(db, { to, subject, text, url, kind }) {
  await db.execute({
    sql: "INSERT INTO dev_outbox (recipient, subject, text, url, kind, sent_at) VALUES (?, ?, ?, ?, ?, ?)",
    args: [to, subject, text, url, kind, Date.now()],
  })
}

/**
 * The dev outbox, newest first.
 * @returns {Promise<Array<{ to: string, subject: string, text: string, url: string, kind: string, sentAt: string }>>}
 */
export async function readOutbox(db, limit = 100) {
  const { rows } = await db.execute({
    sql: "SELECT recipient, subject, text, url, kind, sent_at FROM dev_outbox ORDER BY id DESC LIMIT ?",
    args: [limit],
  })
  return rows.map((row) => ({
    to: String(row.recipient),
    subject: String(row.subject),
    text: String(row.text),
    url: String(row.url),
    kind: String(row.kind),
    sentAt: new Date(Number(row.sent_at)).toISOString(),
  }))
}
