import { base64url, randomBytes, sha256Hex } from "./crypto"

/** The shape of every token the kit sends: 32 random bytes, base64url (43 characters). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/

/** A new single-use token and the SHA-256 hash under which the store keeps it. */
export async function newToken(): Promise<{ token: string; tokenHash: string }> {
  const token = base64url(randomBytes(32))
  return { token, tokenHash: await hashToken(token) }
}

/**
 * The hex SHA-256 of a token. The store looks tokens up by this hash only: a database read
 * leaks no usable link, and how long a lookup takes says nothing about the bytes of a real
 * token (an attacker cannot steer the hash), which is what a constant-time compare is for. A
 * plain hash is enough here: a token has 256 random bits, nothing to guess offline.
 */
export const hashToken = (token: string): Promise<string> => sha256Hex(token)

/** Whether a string could be one of the kit's tokens; anything else is refused unread. */
export const isTokenShaped = (token: string) => TOKEN.test(token)
