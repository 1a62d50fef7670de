/**
 * The account engine's cryptography, on Web Crypto alone (`globalThis.crypto`): it runs the same
 * in Node 20, on the Edge and in a browser (the mocks). Nothing here imports `node:`.
 */

const encoder = new TextEncoder()
const subtle = () => globalThis.crypto.subtle

/** `n` random bytes. */
export function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n)
  globalThis.crypto.getRandomValues(bytes)
  return bytes
}

/** Bytes as base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let binary = ""
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}

/** base64url (padding optional) as bytes; `null` for anything else. */
export function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"))
    return Uint8Array.from(binary, (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}

/**
 * The bytes of `text` when it is base64url as {@link base64url} writes it (a credential id,
 * say), else `null`: "pk-mac" decodes, but to bytes that encode as "pk-mY", not itself.
 */
export function canonicalBase64url(text: string): Uint8Array | null {
  const bytes = fromBase64url(text)
  return bytes && base64url(bytes) === text ? bytes : null
}

const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("")

/** The hex SHA-256 of a string's UTF-8 bytes. */
export async function sha256Hex(text: string): Promise<string> {
  return hex(await subtle().digest("SHA-256", encoder.encode(text)))
}

/**
 * A key of its own for one purpose, derived from the app's secret with HKDF-SHA-256 (salt
 * `next-auth-kit`, the purpose as `info`), so that no two uses (sealing two-factor secrets,
 * hashing recovery codes, naming rate-limit keys) ever share a key, nor share one with
 * next-auth's cookies.
 */
export async function deriveKey(secret: string, purpose: string): Promise<Uint8Array> {
  const material = await subtle().importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveBits"])
  const bits = await subtle().deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: encoder.encode("next-auth-kit"), info: encoder.encode(purpose) },
    material,
    256,
  )
  return new Uint8Array(bits)
}

/** A keyed hash: HMAC-SHA-256 of a string under a derived key, hex. */
export async function hmacHex(key: Uint8Array, text: string): Promise<string> {
  const hmacKey = await subtle().importKey("raw", key as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
  return hex(await subtle().sign("HMAC", hmacKey, encoder.encode(text)))
}

const SEAL_VERSION = "v1"
const IV_BYTES = 12
const TAG_BYTES = 16

/** A sealed value that does not open: another key, or altered bytes. */
export class SealError extends Error {
  override readonly name = "SealError"
}

/**
 * Seals text with AES-256-GCM under a derived key, bound to `context` (the associated data: a
 * value sealed for one user does not open for another): `v1.<iv>.<ciphertext+tag>` (base64url),
 * the format 0.2 wrote with `node:crypto`, so stored values keep opening.
 */
export async function seal(key: Uint8Array, text: string, context: string): Promise<string> {
  const iv = randomBytes(IV_BYTES)
  const aesKey = await subtle().importKey("raw", key as BufferSource, "AES-GCM", false, ["encrypt"])
  const sealed = await subtle().encrypt({ name: "AES-GCM", iv: iv as BufferSource, additionalData: encoder.encode(context) }, aesKey, encoder.encode(text))
  return `${SEAL_VERSION}.${base64url(iv)}.${base64url(new Uint8Array(sealed))}`
}

/** Opens what {@link seal} sealed; throws {@link SealError} for anything else. */
export async function open(key: Uint8Array, sealed: string, context: string): Promise<string> {
  const parts = typeof sealed === "string" ? sealed.split(".") : []
  const iv = fromBase64url(parts[1] ?? "")
  const body = fromBase64url(parts[2] ?? "")
  if (parts.length !== 3 || parts[0] !== SEAL_VERSION || iv?.length !== IV_BYTES || !body || body.length <= TAG_BYTES) {
    throw new SealError("not a sealed value")
  }
  try {
    const aesKey = await subtle().importKey("raw", key as BufferSource, "AES-GCM", false, ["decrypt"])
    const text = await subtle().decrypt({ name: "AES-GCM", iv: iv as BufferSource, additionalData: encoder.encode(context) }, aesKey, body as BufferSource)
    return new TextDecoder().decode(text)
  } catch (cause) {
    throw new SealError("does not open under this key", { cause })
  }
}

/** Compares two strings in time that depends on their length only. */
export function equalText(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
