/**
 * The bytes of WebAuthn, for the mocks' verifier and authenticator (and the server's tests'
 * software authenticator): a small CBOR encoder and decoder (RFC 8949, the subset WebAuthn
 * uses), the authenticator data's layout, COSE EC2 keys, and ECDSA signatures between the
 * ASN.1 DER WebAuthn carries and the r ‖ s (IEEE P1363) Web Crypto reads. Runtime-neutral: no
 * `node:`, Web Crypto through `globalThis.crypto` only.
 */
import { base64url, fromBase64url } from "./crypto"

/** A CBOR value as {@link cbor} writes it: integers, byte and text strings, maps. */
export type Cbor = number | string | Uint8Array | Map<number | string, Cbor> | { [key: string]: Cbor }

function head(major: number, value: number): number[] {
  if (value < 24) return [(major << 5) | value]
  if (value < 0x100) return [(major << 5) | 24, value]
  if (value < 0x10000) return [(major << 5) | 25, value >> 8, value & 0xff]
  return [(major << 5) | 26, (value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]
}

/** Encodes integers, byte strings, text strings and maps (in the order given: WebAuthn's canonical order is the writer's job). */
export function cbor(value: Cbor): Uint8Array {
  const out: number[] = []
  const write = (v: Cbor) => {
    if (typeof v === "number") {
      if (!Number.isInteger(v)) throw new Error("cbor: integers only")
      out.push(...(v >= 0 ? head(0, v) : head(1, -1 - v)))
    } else if (typeof v === "string") {
      const bytes = new TextEncoder().encode(v)
      out.push(...head(3, bytes.length), ...bytes)
    } else if (v instanceof Uint8Array) {
      out.push(...head(2, v.length), ...v)
    } else {
      const entries = v instanceof Map ? [...v.entries()] : Object.entries(v)
      out.push(...head(5, entries.length))
      for (const [key, item] of entries) {
        write(key)
        write(item)
      }
    }
  }
  write(value)
  return new Uint8Array(out)
}

/** A decoded CBOR value: maps as `Map`, arrays, byte strings as `Uint8Array`. */
export type CborValue = number | string | boolean | null | undefined | Uint8Array | CborValue[] | Map<CborValue, CborValue>

// Deeper than any attestation object or COSE key: a hostile input cannot recurse for long.
const MAX_DEPTH = 8

/**
 * Decodes the CBOR item at `at` (definite lengths, up to 32-bit arguments: all WebAuthn
 * writes); the value and where it ends, or `null` for anything malformed or out of bounds.
 */
export function decodeCbor(bytes: Uint8Array, at = 0, depth = 0): { value: CborValue; end: number } | null {
  if (depth > MAX_DEPTH || at >= bytes.length) return null
  const major = bytes[at]! >> 5
  const info = bytes[at]! & 0x1f
  let n: number
  let p = at + 1
  if (info < 24) n = info
  else if (info <= 26) {
    const size = 1 << (info - 24)
    if (p + size > bytes.length) return null
    n = 0
    for (let i = 0; i < size; i++) n = n * 256 + bytes[p + i]!
    p += size
  } else return null
  switch (major) {
    case 0:
      return { value: n, end: p }
    case 1:
      return { value: -1 - n, end: p }
    case 2:
    case 3: {
      if (p + n > bytes.length) return null
      const slice = bytes.slice(p, p + n)
      return { value: major === 2 ? slice : new TextDecoder().decode(slice), end: p + n }
    }
    case 4: {
      const items: CborValue[] = []
      for (let i = 0; i < n; i++) {
        const item = decodeCbor(bytes, p, depth + 1)
        if (!item) return null
        items.push(item.value)
        p = item.end
      }
      return { value: items, end: p }
    }
    case 5: {
      const map = new Map<CborValue, CborValue>()
      for (let i = 0; i < n; i++) {
        const key = decodeCbor(bytes, p, depth + 1)
        const item = key && decodeCbor(bytes, key.end, depth + 1)
        if (!key || !item) return null
        map.set(key.value, item.value)
        p = item.end
      }
      return { value: map, end: p }
    }
    case 7:
      return info === 20 ? { value: false, end: p } : info === 21 ? { value: true, end: p } : info === 22 ? { value: null, end: p } : null
    default:
      return null
  }
}

/** The parts joined. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** A 32-bit unsigned integer, big-endian (the authenticator data's signature counter). */
export const u32 = (n: number): Uint8Array => new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff])

/** The SHA-256 of bytes or of a string's UTF-8. */
export async function sha256(data: Uint8Array | string): Promise<Uint8Array> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data
  return new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", bytes as BufferSource))
}

/** The authenticator data's flags: user present, user verified, backup eligible, backed up, attested credential data, extensions. */
export const AUTH_FLAGS = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40, ED: 0x80 } as const

/** The authenticator data, read: what the relying party checks. */
export interface AuthenticatorData {
  rpIdHash: Uint8Array
  flags: number
  counter: number
  /** With the AT flag: the credential it made (registration). */
  credential?: { id: Uint8Array; publicKey: Uint8Array }
}

/** Reads authenticator data (WebAuthn § 6.1); `null` when it is too short or its credential part is malformed. */
export function parseAuthenticatorData(bytes: Uint8Array): AuthenticatorData | null {
  if (bytes.length < 37) return null
  const flags = bytes[32]!
  const counter = ((bytes[33]! << 24) | (bytes[34]! << 16) | (bytes[35]! << 8) | bytes[36]!) >>> 0
  const data: AuthenticatorData = { rpIdHash: bytes.slice(0, 32), flags, counter }
  if (!(flags & AUTH_FLAGS.AT)) return bytes.length === 37 || flags & AUTH_FLAGS.ED ? data : null
  // aaguid (16) ‖ credential id length (2) ‖ credential id ‖ COSE public key
  if (bytes.length < 55) return null
  const length = (bytes[53]! << 8) | bytes[54]!
  const id = bytes.slice(55, 55 + length)
  const key = id.length === length ? decodeCbor(bytes, 55 + length) : null
  if (!key || !(key.value instanceof Map) || (key.end !== bytes.length && !(flags & AUTH_FLAGS.ED))) return null
  return { ...data, credential: { id, publicKey: bytes.slice(55 + length, key.end) } }
}

/** The COSE_Key of a P-256 public key (EC2, ES256) from its raw uncompressed point (`0x04 ‖ x ‖ y`). */
export function coseOfRawP256(raw: Uint8Array): Uint8Array {
  return cbor(
    new Map<number, Cbor>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, raw.slice(1, 33)],
      [-3, raw.slice(33, 65)],
    ]),
  )
}

/** A COSE_Key as a JWK Web Crypto imports, when it is ES256 on P-256 (the only kind the mocks make); else `null`. */
export function jwkOfCose(cose: Uint8Array): JsonWebKey | null {
  const key = decodeCbor(cose)?.value
  if (!(key instanceof Map)) return null
  const x = key.get(-2)
  const y = key.get(-3)
  if (key.get(1) !== 2 || key.get(3) !== -7 || key.get(-1) !== 1) return null
  if (!(x instanceof Uint8Array) || !(y instanceof Uint8Array) || x.length !== 32 || y.length !== 32) return null
  return { kty: "EC", crv: "P-256", x: base64url(x), y: base64url(y), ext: true }
}

function derInteger(bytes: Uint8Array): number[] {
  let i = 0
  while (i < bytes.length - 1 && bytes[i] === 0) i++
  const trimmed = [...bytes.slice(i)]
  if (trimmed[0]! & 0x80) trimmed.unshift(0)
  return [0x02, trimmed.length, ...trimmed]
}

/** An ECDSA signature as Web Crypto gives it (r ‖ s) in ASN.1 DER, as WebAuthn carries it. */
export function derSignature(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2
  const body = [...derInteger(raw.slice(0, half)), ...derInteger(raw.slice(half))]
  return new Uint8Array([0x30, body.length, ...body])
}

/**
 * A DER ECDSA signature as r ‖ s of `size` bytes each (32 for P-256), for Web Crypto's verify;
 * `null` when it is not exactly a SEQUENCE of two INTEGERs that fit.
 */
export function rawSignature(der: Uint8Array, size = 32): Uint8Array | null {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return null
  const out = new Uint8Array(size * 2)
  let p = 2
  for (const half of [0, 1]) {
    if (der[p] !== 0x02) return null
    const length = der[p + 1]!
    let value = der.slice(p + 2, p + 2 + length)
    if (length === 0 || value.length !== length || value[0]! & 0x80) return null
    while (value.length > 1 && value[0] === 0) value = value.slice(1)
    if (value.length > size) return null
    out.set(value, half * size + size - value.length)
    p += 2 + length
  }
  return p === der.length ? out : null
}

/** The bytes of a base64url field of a response, or `null`. */
export const bytesOf = (value: unknown): Uint8Array | null => (typeof value === "string" ? fromBase64url(value) : null)
