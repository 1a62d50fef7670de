import { randomBytes, scrypt, timingSafeEqual } from "node:crypto"

import type { PasswordHasher } from "../../core/accounts/passwords"

export type { PasswordHasher, PasswordRules, ResolvedPasswordRules } from "../../core/accounts/passwords"

/**
 * Parameters of {@link scryptHasher}.
 *
 * @example
 * ```ts
 * const params: ScryptParams = { N: 2 ** 16, r: 8, p: 2 } // OWASP's alternative: same memory work, p = 2
 * ```
 */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. Memory per hash is `128 * N * r` bytes. @default 2 ** 17 */
  N?: number
  /** Block size. @default 8 */
  r?: number
  /** Parallelisation. @default 1 */
  p?: number
  /** Derived key length in bytes. @default 32 */
  keyLength?: number
  /** Salt length in bytes. @default 16 */
  saltLength?: number
}

/**
 * The parameters of the default hasher: OWASP's Password Storage Cheat Sheet minimum for
 * scrypt, N = 2^17, r = 8, p = 1 (128 MiB and ~0.2–0.5 s of one core per hash), a 32-byte hash
 * and a 16-byte salt.
 *
 * @example
 * ```ts
 * scryptHasher({ ...SCRYPT_DEFAULTS, N: SCRYPT_DEFAULTS.N * 2 })
 * ```
 */
export const SCRYPT_DEFAULTS = { N: 2 ** 17, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const

// A hash read from the store is trusted only this far: a corrupt row must not make one
// sign-in allocate gigabytes.
const MAX_LOG_N = 20
const MAX_R = 32
const MAX_P = 16

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Node refuses anything above 32 MiB by default; scrypt needs 128 * N * r bytes (plus a
    // little), so the limit is raised to twice that.
    scrypt(password, salt, keyLength, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "")

/**
 * The default {@link PasswordHasher}: scrypt from `node:crypto` (no native add-on), with
 * OWASP's parameters unless others are given. Hashes are PHC strings,
 * `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64 without padding), compared in constant time.
 * Hashing runs on libuv's thread pool (4 threads unless `UV_THREADPOOL_SIZE` says otherwise),
 * so at most that many hashes (128 MiB each with the defaults) run at once.
 *
 * @example
 * ```ts
 * createAccounts({ store, sendEmail, hasher: scryptHasher({ N: 2 ** 16 }) })
 * ```
 */
export function scryptHasher(params: ScryptParams = {}): PasswordHasher {
  const { N, r, p, keyLength, saltLength } = { ...SCRYPT_DEFAULTS, ...params }
  const logN = Math.log2(N)
  if (!Number.isInteger(logN) || logN < 1 || logN > MAX_LOG_N) {
    throw new RangeError(`[next-auth-kit] scrypt's N must be a power of two up to 2^${MAX_LOG_N}, got ${N}.`)
  }
  const prefix = `$scrypt$ln=${logN},r=${r},p=${p}$`
  return {
    async hash(password) {
      const salt = randomBytes(saltLength)
      return `${prefix}${b64(salt)}$${b64(await derive(password, salt, N, r, p, keyLength))}`
    },
    async verify(encoded, password) {
      const parsed = parseScrypt(encoded)
      if (!parsed) return false
      const key = await derive(password, parsed.salt, 2 ** parsed.logN, parsed.r, parsed.p, parsed.hash.length)
      return timingSafeEqual(key, parsed.hash)
    },
    needsRehash(encoded) {
      const parsed = parseScrypt(encoded)
      return !parsed || !encoded.startsWith(prefix) || parsed.hash.length !== keyLength || parsed.salt.length !== saltLength
    },
  }
}

function parseScrypt(encoded: string) {
  const match = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(encoded)
  if (!match) return null
  const [logN, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (logN < 1 || logN > MAX_LOG_N || r < 1 || r > MAX_R || p < 1 || p > MAX_P) return null
  const salt = Buffer.from(match[4]!, "base64")
  const hash = Buffer.from(match[5]!, "base64")
  if (hash.length < 16 || hash.length > 64) return null
  return { logN, r, p, salt, hash }
}

let common: Promise<Set<string>> | undefined

/**
 * The common-password list, loaded on first use with a dynamic import so that importing the
 * server entry costs nothing until a password is checked.
 *
 * The list is `dictionary["passwords-common"]` of `@zxcvbn-ts/language-common` 4.1.3
 * (MIT licence, © 2012-2016 Dan Wheeler and Dropbox, Inc., © 2021 @zxcvbn-ts), 49,233 passwords
 * ranked by frequency, all lower-case, shipped compressed (~370 KB) in that package.
 */
export function commonPasswords(): Promise<Set<string>> {
  common ??= import("@zxcvbn-ts/language-common").then(
    (module) => new Set<string>(module.dictionary["passwords-common"]),
    (error: unknown) => {
      common = undefined
      throw error
    },
  )
  return common
}

