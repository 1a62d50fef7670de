/**
 * TOTP (RFC 6238) as the kit uses it: HMAC-SHA-1, 30-second steps, 6 digits, one step of
 * clock drift either way. The arithmetic and the constant-time comparison are `otpauth`'s.
 */
import { Secret, TOTP } from "otpauth"

/** Seconds per step. */
export const TOTP_PERIOD = 30

/** A new TOTP secret: 20 random bytes (RFC 4226's recommended 160 bits), base32 without padding. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

/**
 * The step (`floor(unix seconds / 30)`) at which `code` is the secret's code, looking `window`
 * steps either side of `now`; `null` for a wrong code or anything that is not exactly `digits`
 * ASCII digits (nothing is trimmed here: callers normalise). Each candidate is compared in
 * constant time.
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  { now = Date.now(), digits = 6, window = 1 }: { now?: Date | number; digits?: number; window?: number } = {},
): number | null {
  if (typeof code !== "string" || code.length !== digits || !/^[0-9]+$/.test(code)) return null
  const timestamp = typeof now === "number" ? now : now.getTime()
  const secret = Secret.fromBase32(secretBase32)
  const delta = TOTP.validate({ token: code, secret, algorithm: "SHA1", digits, period: TOTP_PERIOD, timestamp, window })
  return delta === null ? null : TOTP.counter({ period: TOTP_PERIOD, timestamp }) + delta
}

/**
 * The `otpauth://totp/…` URI that authenticator apps read from the QR code (Google's Key Uri
 * Format): `Issuer:label`, `issuer=`, the base32 secret, SHA1, 6 digits, 30 s.
 */
export function otpauthUrl({ issuer, label, secret }: { issuer: string; label: string; secret: string }): string {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: TOTP_PERIOD }).toString()
}

/** The code of a secret at `at` (ms since the epoch), as an authenticator app shows it. */
export function totpCode(secretBase32: string, at: number): string {
  return new TOTP({ secret: Secret.fromBase32(secretBase32), algorithm: "SHA1", digits: 6, period: TOTP_PERIOD }).generate({ timestamp: at })
}
