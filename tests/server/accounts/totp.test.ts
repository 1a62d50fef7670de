/**
 * The kit's TOTP verifier against RFC 6238's test vectors, and the pieces around it: sealed
 * secrets and recovery codes.
 */
import { Secret, TOTP, URI } from "otpauth"
import { describe, expect, it } from "vitest"
import {
  MfaSecretError,
  newRecoveryCodes,
  normaliseRecoveryCode,
  openSecret,
  recoveryCodeHash,
  sealSecret,
} from "../../../src/core/accounts/features/two-factor"
import { sha256Hex } from "../../../src/core/accounts/crypto"
import { newTotpSecret, otpauthUrl, verifyTotp } from "../../../src/core/accounts/totp"

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = Secret.fromLatin1("12345678901234567890").base32
const RFC_VECTORS: Array<[seconds: number, code: string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
]
const stepOf = (seconds: number) => Math.floor(seconds / 30)

describe("verifyTotp", () => {
  it.each(RFC_VECTORS)("matches RFC 6238's SHA-1 vector at T = %i s with 8 digits, at its own step", (seconds, code) => {
    expect(verifyTotp(RFC_SECRET, code, { now: seconds * 1000, digits: 8, window: 0 })).toBe(stepOf(seconds))
    expect(verifyTotp(RFC_SECRET, code, { now: new Date(seconds * 1000), digits: 8 })).toBe(stepOf(seconds))
  })

  it.each(RFC_VECTORS)("matches the last 6 digits of the vector at T = %i s with the default 6 digits", (seconds, code) => {
    expect(verifyTotp(RFC_SECRET, code.slice(-6), { now: seconds * 1000 })).toBe(stepOf(seconds))
    // Truncation, not an 8-digit code cut short: the same value the 6-digit algorithm gives.
    expect(TOTP.generate({ secret: Secret.fromBase32(RFC_SECRET), timestamp: seconds * 1000 })).toBe(code.slice(-6))
  })

  it("refuses a wrong code, and an 8-digit code where 6 are expected", () => {
    const [seconds, code] = RFC_VECTORS[3]!
    const wrong = String((Number(code.slice(-6)) + 1) % 1_000_000).padStart(6, "0")
    expect(verifyTotp(RFC_SECRET, wrong, { now: seconds * 1000 })).toBeNull()
    expect(verifyTotp(RFC_SECRET, code, { now: seconds * 1000 })).toBeNull()
    expect(verifyTotp(newTotpSecret(), code.slice(-6), { now: seconds * 1000 })).toBeNull()
  })

  it("accepts the codes of one step either side (answering their step), and refuses two steps away", () => {
    const secret = newTotpSecret()
    const now = 1_700_000_015_000 // mid-step
    const step = stepOf(now / 1000)
    const codeAt = (offsetSteps: number) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: now + offsetSteps * 30_000 })
    expect(verifyTotp(secret, codeAt(0), { now })).toBe(step)
    expect(verifyTotp(secret, codeAt(-1), { now })).toBe(step - 1)
    expect(verifyTotp(secret, codeAt(1), { now })).toBe(step + 1)
    // A collision of codes two steps apart with the three accepted ones is one in 333,333.
    if (![0, -1, 1].some((d) => codeAt(d) === codeAt(2))) expect(verifyTotp(secret, codeAt(2), { now })).toBeNull()
    if (![0, -1, 1].some((d) => codeAt(d) === codeAt(-2))) expect(verifyTotp(secret, codeAt(-2), { now })).toBeNull()
    expect(verifyTotp(secret, codeAt(1), { now, window: 0 })).toBeNull()
  })

  it("refuses anything that is not exactly the digits, without throwing", () => {
    const [seconds, code] = RFC_VECTORS[0]!
    const six = code.slice(-6)
    const now = seconds * 1000
    for (const input of ["", " " + six, six + " ", `${six.slice(0, 3)} ${six.slice(3)}`, "abcdef", "12345a", "１２３４５６", "٠١٢٣٤٥", "+12345", "1e5000", six.slice(1)]) {
      expect(verifyTotp(RFC_SECRET, input, { now })).toBeNull()
    }
    expect(verifyTotp(RFC_SECRET, 287082 as unknown as string, { now })).toBeNull()
    expect(verifyTotp(RFC_SECRET, six, { now })).toBe(stepOf(seconds))
  })

  it("makes 160-bit base32 secrets, each new", () => {
    const secrets = new Set(Array.from({ length: 50 }, newTotpSecret))
    expect(secrets.size).toBe(50)
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Z2-7]{32}$/)
      expect(Secret.fromBase32(secret).bytes).toHaveLength(20)
    }
  })

  it("writes an otpauth:// URI that authenticator apps read back: issuer, label, SHA1, 6 digits, 30 s", () => {
    const secret = newTotpSecret()
    const url = otpauthUrl({ issuer: "Acme Inc", label: "ada+mfa@example.com", secret })
    expect(url).toBe(`otpauth://totp/Acme%20Inc:ada%2Bmfa%40example.com?issuer=Acme%20Inc&secret=${secret}&algorithm=SHA1&digits=6&period=30`)
    const parsed = URI.parse(url) as TOTP
    expect(parsed).toBeInstanceOf(TOTP)
    expect(parsed).toMatchObject({ issuer: "Acme Inc", label: "ada+mfa@example.com", algorithm: "SHA1", digits: 6, period: 30 })
    expect(parsed.secret.base32).toBe(secret)
  })
})

describe("sealed secrets", () => {
  const key = { secret: () => "test-secret-of-at-least-32-characters-long" }

  it("round-trips, as v1.<iv>.<ciphertext> with no trace of the secret, a new IV each time", async () => {
    const secret = newTotpSecret()
    const one = await sealSecret(key, secret, "user-1")
    const two = await sealSecret(key, secret, "user-1")
    expect(one).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/)
    expect(one).not.toBe(two)
    for (const sealed of [one, two]) {
      expect(sealed).not.toContain(secret)
      expect(sealed.toUpperCase()).not.toContain(secret)
      expect(Buffer.from(sealed.split(".")[2]!, "base64url").toString("latin1")).not.toContain(secret)
      expect(await openSecret(key, sealed, "user-1")).toBe(secret)
    }
  })

  it("fails closed: another key, another user, any altered character, another version, garbage", async () => {
    const secret = newTotpSecret()
    const sealed = await sealSecret(key, secret, "user-1")
    const flip = (value: string, at: number) => value.slice(0, at) + (value[at] === "A" ? "B" : "A") + value.slice(at + 1)
    const cases = [
      () => openSecret({ secret: () => "another-secret-that-is-not-the-apps-own" }, sealed, "user-1"),
      () => openSecret(key, sealed, "user-2"),
      () => openSecret(key, flip(sealed, 5), "user-1"),
      () => openSecret(key, flip(sealed, sealed.length - 30), "user-1"),
      () => openSecret(key, flip(sealed, sealed.length - 2), "user-1"),
      () => openSecret(key, sealed.replace(/^v1/, "v2"), "user-1"),
      () => openSecret(key, sealed.slice(0, -10), "user-1"),
      () => openSecret(key, secret, "user-1"),
      () => openSecret(key, "", "user-1"),
      () => openSecret(key, "v1..", "user-1"),
    ]
    for (const attempt of cases) await expect(attempt()).rejects.toThrow(MfaSecretError)
  })

  it("opens a secret sealed by 0.2 (Node's AES-256-GCM under the same derived key)", async () => {
    // Sealed by 0.2's sealSecret (node:crypto, HKDF-SHA-256 of this app secret, salt "next-auth-kit").
    const { createCipheriv, hkdfSync, randomBytes } = await import("node:crypto")
    const appSecret = "test-secret-of-at-least-32-characters-long"
    const derived = Buffer.from(hkdfSync("sha256", appSecret, "next-auth-kit", "next-auth-kit/mfa-secret/v1", 32))
    const iv = randomBytes(12)
    const cipher = createCipheriv("aes-256-gcm", derived, iv)
    cipher.setAAD(Buffer.from("user-1"))
    const body = Buffer.concat([cipher.update("JBSWY3DPEHPK3PXP", "utf8"), cipher.final(), cipher.getAuthTag()])
    const sealed = `v1.${iv.toString("base64url")}.${body.toString("base64url")}`
    expect(await openSecret(key, sealed, "user-1")).toBe("JBSWY3DPEHPK3PXP")
  })
})

describe("recovery codes", () => {
  it("makes ten distinct xxxxx-xxxxx codes of base32 letters (50 bits)", () => {
    const codes = newRecoveryCodes()
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/)
  })

  it("uses every character of the alphabet about evenly", () => {
    const counts = new Map<string, number>()
    for (const code of newRecoveryCodes(2000)) for (const c of code.replace("-", "")) counts.set(c, (counts.get(c) ?? 0) + 1)
    expect(counts.size).toBe(32)
    // 20,000 characters: 625 expected each; 4.5 standard deviations is about ±110.
    for (const n of counts.values()) expect(Math.abs(n - 625)).toBeLessThan(115)
  })

  it("hashes the typed form: case, spaces, dashes and 0/1 for o/l do not matter; the user does", async () => {
    expect(normaliseRecoveryCode("  AbCdE-FgHiJ ")).toBe("abcdefghij")
    expect(normaliseRecoveryCode("abcde fghij")).toBe("abcdefghij")
    expect(normaliseRecoveryCode("0l234-56711")).toBe("ol234567ll")
    const app = { secret: () => "test-secret-of-at-least-32-characters-long" }
    expect(await recoveryCodeHash(app, "u1", "ABCDE FGHIJ")).toBe(await recoveryCodeHash(app, "u1", "abcde-fghij"))
    expect(await recoveryCodeHash(app, "u1", "abcde-fghij")).toMatch(/^[0-9a-f]{64}$/)
    expect(await recoveryCodeHash(app, "u1", "abcde-fghij")).not.toBe(await recoveryCodeHash(app, "u2", "abcde-fghij"))
  })

  it("keys the hash with the app's secret: a copy of the database alone cannot test candidate codes", async () => {
    const code = "abcde-fghij"
    const one = await recoveryCodeHash({ secret: () => "one-secret-of-at-least-32-characters-xx" }, "u1", code)
    const two = await recoveryCodeHash({ secret: () => "two-secret-of-at-least-32-characters-xx" }, "u1", code)
    expect(one).not.toBe(two)
    expect(one).not.toBe(await sha256Hex(`u1:${normaliseRecoveryCode(code)}`))
  })
})
