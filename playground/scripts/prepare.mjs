// Runs before the playground starts: a secret in .env.local, the database migrated and seeded,
// and the demo users printed.
import { randomBytes } from "node:crypto"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { DEMO_USERS, databaseUrl, migrate, openDatabase, seed } from "../lib/database.mjs"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const envFile = join(root, ".env.local")

const env = existsSync(envFile) ? readFileSync(envFile, "utf8") : ""
if (!/^NEXTAUTH_SECRET=/m.test(env) && !process.env.NEXTAUTH_SECRET) {
  const line = `NEXTAUTH_SECRET=${randomBytes(32).toString("base64url")}\n`
  writeFileSync(envFile, env + (env && !env.endsWith("\n") ? "\n" : "") + line)
  console.log("Generated NEXTAUTH_SECRET into playground/.env.local")
}

const db = openDatabase()
await migrate(db)
const added = await seed(db)
db.close()

console.log(`\nDatabase: ${databaseUrl()}${added.length ? ` (seeded ${added.join(", ")})` : ""}`)
console.log("Demo users:")
for (const user of DEMO_USERS) {
  console.log(`  ${user.email.padEnd(20)} ${user.password.padEnd(16)} roles: ${user.roles.join(", ")}`)
}
console.log("")
