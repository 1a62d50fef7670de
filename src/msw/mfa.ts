/**
 * Two-factor authentication for the account mocks: real RFC 6238 codes (`otpauth`, as on the
 * server), a QR code rendered as the server renders it, and recovery codes of the server's shape.
 */
import { Secret, TOTP } from "otpauth"
import { renderSVG } from "uqr"

/**
 * The TOTP secret of a seeded account with `mfa: true` (base32): add it to an authenticator
 * app, or compute codes with `handlers.totpFor(email)`.
 */
export const MOCK_MFA_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

/** The recovery codes of a seeded account with `mfa: true`, each good once. */
export const MOCK_RECOVERY_CODES: readonly string[] = Object.freeze(
  ["aaaaa-aaaaa", "bbbbb-bbbbb", "ccccc-ccccc", "ddddd-ddddd", "eeeee-eeeee", "fffff-fffff", "ggggg-ggggg", "hhhhh-hhhhh", "iiiii-iiiii", "jjjjj-jjjjj"],
)

const PERIOD = 30
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"

/** A new base32 secret of 20 random bytes. */
export const newSecret = () => new Secret({ size: 20 }).base32

const totp = (secret: string, label = "", issuer = "") =>
  new TOTP({ issuer, label, secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: PERIOD })

/** The code of `secret` at `at` (ms). */
export const totpCode = (secret: string, at = Date.now()) => totp(secret).generate({ timestamp: at })

/** The step at which `code` is right, one step either side of now; `null` when wrong. */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 })
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta
}

/** What `mfa/setup` answers for a secret: the secret, the otpauth URL and its QR code. */
export function setupAnswer(secret: string, issuer: string, email: string) {
  const otpauthUrl = totp(secret, email, issuer).toString()
  return { secret, otpauthUrl, qrSvg: renderSVG(otpauthUrl) }
}

/** Ten recovery codes of the server's shape, `xxxxx-xxxxx`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const bytes = new Uint8Array(10)
    crypto.getRandomValues(bytes)
    const chars = Array.from(bytes, (byte) => ALPHABET[byte & 31]).join("")
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
}

/** A recovery code as the server compares it: no spaces or dashes, lower case, 0 → o, 1 → l. */
export const normaliseRecoveryCode = (code: string) =>
  code.trim().toLowerCase().replace(/[\s-]+/g, "").replace(/0/g, "o").replace(/1/g, "l")
