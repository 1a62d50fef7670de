import type { Client } from "@libsql/client"
import { hash, verify } from "@node-rs/argon2"
import { findUserByEmail } from "./database.mjs"

// Longer inputs are refused before they reach the database, and never hashed whole.
const MAX_INPUT = 512

// A hash that no password matches, made with the same (default) argon2id parameters as the
// users' hashes in database.mjs: verifying against it costs what a real verify costs, so an
// unknown email or a refused input answers as slowly as a known email with a wrong password.
// Started once, at import, so that even the first unknown email pays no extra hashing.
const dummyHash = hash("a password no one types: the salt makes this hash unique per process")
dummyHash.catch(() => {}) // awaited below, where a failure surfaces; not an unhandled rejection

/**
 * The credentials check behind the playground's CredentialsProvider. Unknown users, wrong
 * passwords, empty and over-long input all answer `null` (next-auth's CredentialsSignin, a
 * 401), and all take one argon2id verify, so the time does not tell whether an account
 * exists. A database that cannot be read is logged here and thrown as "Configuration", which
 * next-auth passes to the login form as a generic error, never as the cause.
 */
export async function authorizeCredentials(
  db: Client,
  credentials: Record<string, string> | undefined,
): Promise<{ id: string; email: string; name: string; roles: string[] } | null> {
  const email = credentials?.email?.trim() ?? ""
  const password = credentials?.password ?? ""
  if (!email || !password || email.length > MAX_INPUT || password.length > MAX_INPUT) {
    await verifyPassword(await dummyHash, password.slice(0, MAX_INPUT))
    return null
  }
  let user: Awaited<ReturnType<typeof findUserByEmail>>
  try {
    user = await findUserByEmail(db, email)
  } catch (error) {
    console.error("[playground] The user database could not be read.", error)
    throw new Error("Configuration")
  }
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash), password)
  if (!user || !matches) return null
  return { id: user.id, email: user.email, name: user.name, roles: user.roles }
}

function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false)
}
