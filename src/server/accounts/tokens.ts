import { createHash, randomBytes } from "node:crypto"

/** The shape of every token the kit sends: 32 random bytes, base64url (43 characters). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/

/** A new single-use token and the SHA-256 hash under which the store keeps it. */
export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url")
  return { token, tokenHash: hashToken(token) }
}

/**
 * The hex SHA-256 of a token. The store looks tokens up by this hash only: a database read
 * leaks no usable link, and how long a lookup takes says nothing about the bytes of a real
 * token (an attacker cannot steer the hash), which is what a constant-time compare is for.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex")
}

/** Whether a string could be one of the kit's tokens; anything else is refused unread. */
export const isTokenShaped = (token: string) => TOKEN.test(token)
