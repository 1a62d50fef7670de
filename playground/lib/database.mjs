// The playground's user database: embedded SQLite through libSQL, a file under .data/ by
// default, or any libSQL server via DATABASE_URL (so several app instances share users).
import { mkdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { createClient } from "@libsql/client"
import { hash } from "@node-rs/argon2"

const here = dirname(fileURLToPath(import.meta.url))
export const DEFAULT_DATABASE_FILE = join(here, "../.data/playground.db")

/** The demo users, seeded on first start. */
export const DEMO_USERS = [
  { email: "ada@example.com", password: "ada-password", name: "Ada Lovelace", roles: ["admin", "user"] },
  { email: "grace@example.com", password: "grace-password", name: "Grace Hopper", roles: ["user"] },
]

/** @returns {string} */
export function databaseUrl() {
  return process.env.DATABASE_URL || `file:${DEFAULT_DATABASE_FILE}`
}

/** @returns {import("@libsql/client").Client} */
export function openDatabase(url = databaseUrl()) {
  if (url.startsWith("file:")) mkdirSync(dirname(url.slice("file:".length)), { recursive: true })
  return createClient({ url })
}

/** Creates the tables when they are missing. */
export async function migrate(db) {
  await db.execute(`CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
  )`)
}

/**
 * Adds the demo users that are missing, with argon2id password hashes.
 * @returns {Promise<string[]>} the emails it added
 */
export async function seed(db) {
  const added = []
  for (const user of DEMO_USERS) {
    const existing = await db.execute({ sql: "SELECT 1 FROM users WHERE email = ?", args: [user.email] })
    if (existing.rows.length > 0) continue
    await db.execute({
      sql: "INSERT INTO users (email, name, password_hash, roles) VALUES (?, ?, ?, ?)",
      args: [user.email, user.name, await hash(user.password), JSON.stringify(user.roles)],
    })
    added.push(user.email)
  }
  return added
}

/**
 * @returns {Promise<{ id: string, email: string, name: string, passwordHash: string, roles: string[] } | null>}
 */
export async function findUserByEmail(db, email) {
  const { rows } = await db.execute({
    sql: "SELECT id, email, name, password_hash, roles FROM users WHERE email = ?",
    args: [email],
  })
  const row = rows[0]
  if (!row) return null
  return {
    id: String(row.id),
    email: String(row.email),
    name: String(row.name),
    passwordHash: String(row.password_hash),
    roles: JSON.parse(String(row.roles)),
  }
}
