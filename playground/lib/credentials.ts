import type { Client } from "@libsql/client"
import { verify } from "@node-rs/argon2"
import { findUserByEmail } from "./database.mjs"

// Longer inputs are refused before they reach the database or the hasher.
const MAX_INPUT = 512

/**
 * The credentials check behind the playground's CredentialsProvider. Unknown users, wrong
 * passwords, empty and over-long input all answer `null` (next-auth's CredentialsSignin, a
 * 401). A database that cannot be read is logged here and thrown as "Configuration", which
 * next-auth passes to the login form as a generic error, never as the cause.
 */
export async function authorizeCredentials(
  db: Client,
  credentials: Record<string, string> | undefined,
): Promise<{ id: string; email: string; name: string; roles: string[] } | null> {
  const email = credentials?.email?.trim() ?? ""
  const password = credentials?.password ?? ""
  if (!email || !password || email.length > MAX_INPUT || password.length > MAX_INPUT) return null
  let user: Awaited<ReturnType<typeof findUserByEmail>>
  try {
    user = await findUserByEmail(db, email)
  } catch (error) {
    console.error("[playground] The user database could not be read.", error)
    throw new Error("Configuration")
  }
  if (!user || !(await verify(user.passwordHash, password).catch(() => false))) return null
  return { id: user.id, email: user.email, name: user.name, roles: user.roles }
}
