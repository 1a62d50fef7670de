/**
 * Two-factor authentication: TOTP secrets sealed at rest, recovery codes under a keyed hash, the
 * one check of a second factor (sign-in and `mfa/disable`), and the `mfa/*` endpoints. Turning
 * two-factor on or off ends the user's other sessions.
 */
import { renderSVG } from "uqr"
import { presentString } from "../../account-rules"
import { hmacHex, open, randomBytes, seal, SealError, sha256Hex } from "../crypto"
import { answer, type EngineDeps, type EngineFeature, fail, invalidInput, keyFor, limit, ok, rateLimited } from "../engine"
import { passwordOf, verifyPassword } from "../passwords"
import type { AccountStore, MfaState } from "../store"
import { newTotpSecret, otpauthUrl, TOTP_PERIOD, verifyTotp } from "../totp"
import { sendNotice } from "./sign-up"

/**
 * The store holds a sealed two-factor secret that cannot be opened: the app's secret changed
 * since it was sealed, or the row was altered.
 */
export class MfaSecretError extends Error {
  override readonly name = "MfaSecretError"
}

/** Seals a TOTP secret for the store, bound to its user (`v1.<iv>.<ciphertext+tag>`). */
export async function sealSecret(deps: Pick<EngineDeps, "secret">, secret: string, userId: string): Promise<string> {
  return seal(await keyFor(deps, "mfaSecret"), secret, userId)
}

/** Opens a sealed TOTP secret; throws {@link MfaSecretError}. */
export async function openSecret(deps: Pick<EngineDeps, "secret">, sealed: string, userId: string): Promise<string> {
  try {
    return await open(await keyFor(deps, "mfaSecret"), sealed, userId)
  } catch (error) {
    if (!(error instanceof SealError)) throw error
    throw new MfaSecretError(
      `[next-auth-kit] The two-factor secret of user ${JSON.stringify(userId)} cannot be decrypted: the app's secret changed since it was sealed (pass the old one as \`secret\`) or the row was altered.`,
      { cause: error },
    )
  }
}

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

/**
 * The store's hash of a user's recovery code: HMAC-SHA-256 of `<userId>:<code>` under a key
 * derived from the app's secret. 50 random bits are few enough to search offline under a plain
 * hash; under a keyed one a copy of the database alone gives nothing.
 */
export async function recoveryCodeHash(deps: Pick<EngineDeps, "secret">, userId: string, code: string): Promise<string> {
  return hmacHex(await keyFor(deps, "recoveryCode"), `${userId}:${normaliseRecoveryCode(code)}`)
}

/** The hash 0.2 stored (plain SHA-256), still accepted for codes handed out then. */
const legacyRecoveryCodeHash = (userId: string, code: string) => sha256Hex(`${userId}:${normaliseRecoveryCode(code)}`)

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
export async function consumeSecondFactor(deps: EngineDeps, userId: string, state: MfaState, code: string, now: Date): Promise<boolean> {
  const compact = code.replace(/\s+/g, "")
  if (/^[0-9]{6}$/.test(compact)) return consumeTotpCode(deps.store, userId, await openSecret(deps, state.secret, userId), compact, now)
  const normal = normaliseRecoveryCode(code)
  if (!RECOVERY_CODE.test(normal)) return false
  for (const hash of [await recoveryCodeHash(deps, userId, normal), await legacyRecoveryCodeHash(userId, normal)]) {
    const used = await deps.store.consumeToken("mfa-recovery", hash, now)
    if (used.ok) return used.userId === userId
  }
  return false
}

// A TOTP code or a recovery code, with room for spaces and dashes.
export const MAX_CODE = 64

export const twoFactor: EngineFeature = {
  "mfa/setup": {
    signedIn: true,
    fresh: true,
    mfa: true,
    async run({ deps, request, user, now }) {
      const attempt = await limit(deps, "mfa", deps.limits.mfa, { address: user.id, ip: request.ip }, now, { refundAddress: true })
      if (attempt.wait) return rateLimited(attempt.wait)
      // Setting up guesses nothing: only a user locked out by wrong codes is refused.
      await attempt.succeeded()
      if ((await deps.store.getMfa!(user.id))?.enabledAt) return fail("mfa_enabled")
      // A new secret on every setup: an earlier pending one (another tab, a QR code shown on a
      // screen someone photographed) is replaced.
      const secret = newTotpSecret()
      await deps.store.setMfa!(user.id, { secret: await sealSecret(deps, secret, user.id), enabledAt: null })
      const url = otpauthUrl({ issuer: deps.mfa!.issuer, label: user.email, secret })
      // Rendered here, so that no QR code library reaches the browser; four modules of quiet zone.
      return answer({ secret, otpauthUrl: url, qrSvg: renderSVG(url, { ecc: "M", border: 4 }) })
    },
  },

  "mfa/enable": {
    signedIn: true,
    fresh: true,
    mfa: true,
    async run({ deps, body, request, user, now }) {
      const code = presentString(body.code)
      if (code === undefined) return invalidInput({ code: "required" })
      deps.link("forgotPassword")
      const attempt = await limit(deps, "mfa", deps.limits.mfa, { address: user.id, ip: request.ip }, now, { refundAddress: true })
      if (attempt.wait) return rateLimited(attempt.wait)
      const state = await deps.store.getMfa!(user.id)
      if (!state) return fail("mfa_setup_required")
      if (state.enabledAt) return fail("mfa_enabled")
      // Only a code from the app proves that the app has the secret; a recovery code does not.
      if (code.length > MAX_CODE || !(await consumeTotpCode(deps.store, user.id, await openSecret(deps, state.secret, user.id), code, now))) {
        return invalidInput({ code: "invalid_code" })
      }
      await attempt.succeeded()
      // Codes first: two-factor is never on without the codes that were shown.
      const recoveryCodes = newRecoveryCodes()
      await deps.store.deleteTokens(user.id, "mfa-recovery")
      await Promise.all(
        recoveryCodes.map(async (recoveryCode) =>
          deps.store.createToken({
            kind: "mfa-recovery",
            tokenHash: await recoveryCodeHash(deps, user.id, recoveryCode),
            userId: user.id,
            expiresAt: RECOVERY_CODE_EXPIRY,
          }),
        ),
      )
      await deps.store.setMfa!(user.id, { secret: state.secret, enabledAt: now })
      const version = user.credentialVersion + 1
      await deps.store.updateUser(user.id, { credentialVersion: version })
      deps.background("mfa/enable", () => sendNotice(deps, "mfa-enabled", user, request.language))
      return answer({ recoveryCodes }, { credentialsChanged: { userId: user.id, version, keepCaller: true } })
    },
  },

  "mfa/disable": {
    signedIn: true,
    fresh: true,
    mfa: true,
    async run({ deps, body, request, user, now }) {
      const password = presentString(body.password)
      const code = presentString(body.code)
      if (password === undefined && code === undefined) return invalidInput({ password: "required", code: "required" })
      deps.link("forgotPassword")
      // Counted before the password or code is checked: a stolen session gets at most the limit
      // of guesses, however many requests it sends at once.
      const attempt = await limit(deps, "mfa", deps.limits.mfa, { address: user.id, ip: request.ip }, now, { refundAddress: true })
      if (attempt.wait) return rateLimited(attempt.wait)
      const state = await deps.store.getMfa!(user.id)
      if (!state?.enabledAt) return fail("mfa_not_enabled")
      if (password !== undefined) {
        const typed = passwordOf(password)
        if (typed === null || !(await verifyPassword(deps.hasher, user.passwordHash, typed))) return invalidInput({ password: "mismatch" })
      } else if (code!.length > MAX_CODE || !(await consumeSecondFactor(deps, user.id, state, code!, now))) {
        return invalidInput({ code: "invalid_code" })
      }
      await attempt.succeeded()
      await deps.store.setMfa!(user.id, null)
      await deps.store.deleteTokens(user.id, "mfa-recovery")
      const version = user.credentialVersion + 1
      await deps.store.updateUser(user.id, { credentialVersion: version })
      deps.background("mfa/disable", () => sendNotice(deps, "mfa-disabled", user, request.language))
      return ok(200, {}, { credentialsChanged: { userId: user.id, version, keepCaller: true } })
    },
  },
}
