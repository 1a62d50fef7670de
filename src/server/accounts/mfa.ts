/**
 * Two-factor authentication's server parts: the TOTP secret sealed at rest, recovery codes, and
 * the one check of a second factor that `authorize` and `mfa/disable` share.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto"
import type { AccountStore, MfaState } from "../../core/accounts/store"
import { TOTP_PERIOD, verifyTotp } from "./totp"

/**
 * The `mfa` option of `createAccounts`: turns on two-factor authentication (TOTP with an
 * authenticator app, plus recovery codes) and its `mfa/*` endpoints.
 *
 * @example
 * ```ts
 * createAccounts({ store, sendEmail, mfa: { issuer: "Acme" } })
 * ```
 */
export interface MfaOptions {
  /**
   * The name authenticator apps show above the code (`otpauth://totp/Acme:ada@example.com`).
   * A non-empty string without `:` (the URI uses it to separate issuer and account).
   */
  issuer: string
}

// ---------------------------------------------------------------------------------------------
// The secret at rest: AES-256-GCM under a key derived from the app's secret.

const SEAL_VERSION = "v1"
const IV_BYTES = 12
const TAG_BYTES = 16

/** The store holds a sealed secret that cannot be opened: another key, or an altered row. */
export class MfaSecretError extends Error {
  override readonly name = "MfaSecretError"
}

/**
 * The 256-bit key that seals TOTP secrets, derived from the app's secret with HKDF-SHA-256 (a
 * label of its own, so that it is never the key of next-auth's cookies).
 */
export function mfaKey(appSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", appSecret, "next-auth-kit", "next-auth-kit/mfa-secret/v1", 32))
}

/**
 * Seals a TOTP secret for the store: `v1.<iv>.<ciphertext+tag>` (base64url), bound to the user
 * (the user id is the associated data): a sealed value copied to another user's row does not
 * open.
 */
export function sealSecret(key: Buffer, secret: string, userId: string): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv("aes-256-gcm", key, iv)
  cipher.setAAD(Buffer.from(userId, "utf8"))
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final(), cipher.getAuthTag()])
  return `${SEAL_VERSION}.${iv.toString("base64url")}.${sealed.toString("base64url")}`
}

/** Opens what {@link sealSecret} sealed; throws {@link MfaSecretError} for anything else. */
export function openSecret(key: Buffer, sealed: string, userId: string): string {
  const parts = typeof sealed === "string" ? sealed.split(".") : []
  const [version, ivText, bodyText] = parts
  const iv = Buffer.from(ivText ?? "", "base64url")
  const body = Buffer.from(bodyText ?? "", "base64url")
  if (parts.length !== 3 || version !== SEAL_VERSION || iv.length !== IV_BYTES || body.length <= TAG_BYTES) {
    throw new MfaSecretError(`[next-auth-kit] The two-factor secret of user ${JSON.stringify(userId)} is not a sealed secret the kit wrote.`)
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(Buffer.from(userId, "utf8"))
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES))
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8")
  } catch (cause) {
    throw new MfaSecretError(
      `[next-auth-kit] The two-factor secret of user ${JSON.stringify(userId)} cannot be decrypted: the app's secret changed since it was sealed (pass the old one as \`createAccounts({ secret })\`) or the row was altered.`,
      { cause },
    )
  }
}

// ---------------------------------------------------------------------------------------------
// Recovery codes.

/** How many recovery codes `mfa/enable` hands out. */
export const RECOVERY_CODE_COUNT = 10
// base32's lower-case alphabet: no 0, 1, 8 or 9 to mistake for o, l, b or g.
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"
const RECOVERY_CODE = /^[a-z2-7]{10}$/
/** Recovery codes do not expire; a date every SQL timestamp type still holds. */
export const RECOVERY_CODE_EXPIRY = new Date("9999-01-01T00:00:00.000Z")

/** Ten fresh codes, `xxxxx-xxxxx`: 10 base32 characters, 50 random bits each. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    // 256 is a multiple of 32: the low five bits of a random byte are uniform.
    const chars = Array.from(randomBytes(10), (byte) => ALPHABET[byte & 31]).join("")
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
}

/**
 * A recovery code as typed, in the form it was hashed in: trimmed, lower-cased, without spaces
 * and dashes, and 0 and 1 read as the o and l they were taken for.
 */
export const normaliseRecoveryCode = (code: string) =>
  code.trim().toLowerCase().replace(/[\s-]+/g, "").replace(/0/g, "o").replace(/1/g, "l")

/** The store's hash of a user's recovery code: hex SHA-256 of `<userId>:<normalised code>`. */
export const recoveryCodeHash = (userId: string, code: string) =>
  createHash("sha256").update(`${userId}:${normaliseRecoveryCode(code)}`).digest("hex")

// ---------------------------------------------------------------------------------------------
// Checking a code.

/**
 * Uses a TOTP code once: right for the secret within one step either side, and its step not
 * used before by this user (counted in the store, so one code works once across instances).
 */
export async function consumeTotpCode(store: AccountStore, userId: string, secret: string, code: string, now: Date): Promise<boolean> {
  const step = verifyTotp(secret, code.replace(/\s+/g, ""), { now })
  if (step === null) return false
  // The step stays acceptable for at most three periods (one either side of its own).
  const { count } = await store.hit(`accounts:mfa-step:${userId}:${step}`, 3 * TOTP_PERIOD * 1000, now)
  return count === 1
}

/**
 * Whether `code` is the user's second factor now, using it up: six digits (spaces allowed) are
 * a TOTP code, anything else a recovery code (single use). Throws {@link MfaSecretError} when a
 * TOTP code is given and the stored secret does not open.
 */
export async function consumeSecondFactor(
  store: AccountStore,
  key: () => Buffer,
  userId: string,
  state: MfaState,
  code: string,
  now: Date,
): Promise<boolean> {
  const compact = code.replace(/\s+/g, "")
  if (/^[0-9]{6}$/.test(compact)) return consumeTotpCode(store, userId, openSecret(key(), state.secret, userId), compact, now)
  const normal = normaliseRecoveryCode(code)
  if (!RECOVERY_CODE.test(normal)) return false
  const used = await store.consumeToken("mfa-recovery", recoveryCodeHash(userId, normal), now)
  return used.ok && used.userId === userId
}
