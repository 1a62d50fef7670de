/**
 * A software authenticator for the server's passkey tests: what a browser and a platform
 * authenticator hand the app, made with Web Crypto. An ES256 (P-256) key pair; registration
 * answers an attestation object of format "none" (CBOR, with the COSE public key in the
 * authenticator data) and the client data; an assertion signs the authenticator data and the
 * client data's hash, the signature DER-encoded as WebAuthn has it. Everything a test may want
 * to get wrong (origin, relying party id, counter, flags, challenge) can be overridden.
 */
import { createHash, webcrypto } from "node:crypto"

const subtle = webcrypto.subtle

export const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64url")
export const fromB64url = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "base64url"))
const sha256 = (bytes: Uint8Array | string): Uint8Array => new Uint8Array(createHash("sha256").update(bytes).digest())

// ---------------------------------------------------------------------------------------------
// A tiny CBOR encoder (RFC 8949): unsigned and negative integers, byte and text strings, maps.

function head(major: number, value: number): number[] {
  if (value < 24) return [(major << 5) | value]
  if (value < 0x100) return [(major << 5) | 24, value]
  if (value < 0x10000) return [(major << 5) | 25, value >> 8, value & 0xff]
  return [(major << 5) | 26, (value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]
}

type Cbor = number | string | Uint8Array | Map<number | string, Cbor> | { [key: string]: Cbor }

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

// ---------------------------------------------------------------------------------------------
// ECDSA signatures: Web Crypto gives r ‖ s (IEEE P1363), WebAuthn wants ASN.1 DER.

function derInteger(bytes: Uint8Array): number[] {
  let i = 0
  while (i < bytes.length - 1 && bytes[i] === 0) i++
  const trimmed = [...bytes.slice(i)]
  if (trimmed[0]! & 0x80) trimmed.unshift(0)
  return [0x02, trimmed.length, ...trimmed]
}

export function derSignature(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2
  const body = [...derInteger(raw.slice(0, half)), ...derInteger(raw.slice(half))]
  return new Uint8Array([0x30, body.length, ...body])
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

const u32 = (n: number) => new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff])

const FLAG_UP = 0x01
const FLAG_UV = 0x04
const FLAG_BE = 0x08
const FLAG_BS = 0x10
const FLAG_AT = 0x40

/** What a test may change in a ceremony, to make it wrong. */
export interface Tamper {
  /** The origin in the client data. */
  origin?: string
  /** The relying party id whose hash starts the authenticator data. */
  rpId?: string
  /** The challenge in the client data (base64url). */
  challenge?: string
  /** The signature counter (an assertion; default: one more than the last). */
  counter?: number
  /** Whether the user was verified (the UV flag). @default true */
  userVerified?: boolean
  /** The client data's type. */
  type?: string
}

/** Request or creation options as the server sends them (the fields the authenticator reads). */
export interface CeremonyOptions {
  challenge: string
  rpId?: string
  rp?: { id?: string; name?: string }
  user?: { id: string; name: string; displayName: string }
}

/**
 * One passkey on a software authenticator, for one origin.
 *
 * @example
 * ```ts
 * const key = await SoftwareAuthenticator.create("https://app.example.test")
 * const registration = await key.register(await registerOptions())
 * const assertion = await key.assert(await signInOptions())
 * ```
 */
export class SoftwareAuthenticator {
  /** The signature counter of the last ceremony. */
  counter = 0
  /** The user handle the registration gave (base64url), answered with each assertion. */
  userHandle: string | undefined

  private constructor(
    readonly origin: string,
    readonly credentialId: Uint8Array,
    private readonly keys: webcrypto.CryptoKeyPair,
    /** The COSE_Key of the public key, as the authenticator data carries it. */
    readonly publicKeyCose: Uint8Array,
    private readonly backedUp: boolean,
  ) {}

  static async create(origin: string, { backedUp = true }: { backedUp?: boolean } = {}): Promise<SoftwareAuthenticator> {
    const keys = (await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair
    const raw = new Uint8Array(await subtle.exportKey("raw", keys.publicKey))
    // Uncompressed point: 0x04 ‖ x ‖ y. COSE EC2: kty 2, alg -7 (ES256), crv 1 (P-256), x, y.
    const cose = cbor(
      new Map<number, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, raw.slice(1, 33)],
        [-3, raw.slice(33, 65)],
      ]),
    )
    const id = new Uint8Array(webcrypto.getRandomValues(new Uint8Array(32)))
    return new SoftwareAuthenticator(origin, id, keys, cose, backedUp)
  }

  /** The credential id, base64url (the passkey's `id`). */
  get id(): string {
    return b64url(this.credentialId)
  }

  private flags(tamper: Tamper, extra = 0): number {
    return FLAG_UP | (tamper.userVerified === false ? 0 : FLAG_UV) | (this.backedUp ? FLAG_BE | FLAG_BS : 0) | extra
  }

  private clientData(type: string, options: CeremonyOptions, tamper: Tamper): Uint8Array {
    return new TextEncoder().encode(
      JSON.stringify({ type: tamper.type ?? type, challenge: tamper.challenge ?? options.challenge, origin: tamper.origin ?? this.origin, crossOrigin: false }),
    )
  }

  /** `navigator.credentials.create()`'s answer (RegistrationResponseJSON) to creation options. */
  async register(options: CeremonyOptions, tamper: Tamper = {}) {
    const rpId = tamper.rpId ?? options.rp?.id ?? new URL(this.origin).hostname
    this.userHandle = options.user?.id
    this.counter = tamper.counter ?? 0
    const attested = concat(new Uint8Array(16), new Uint8Array([this.credentialId.length >> 8, this.credentialId.length & 0xff]), this.credentialId, this.publicKeyCose)
    const authData = concat(sha256(rpId), new Uint8Array([this.flags(tamper, FLAG_AT)]), u32(this.counter), attested)
    const attestationObject = cbor({ fmt: "none", attStmt: {}, authData })
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON: b64url(this.clientData("webauthn.create", options, tamper)),
        attestationObject: b64url(attestationObject),
        transports: ["internal", "hybrid"],
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    }
  }

  /** `navigator.credentials.get()`'s answer (AuthenticationResponseJSON) to request options. */
  async assert(options: CeremonyOptions, tamper: Tamper = {}) {
    const rpId = tamper.rpId ?? options.rpId ?? new URL(this.origin).hostname
    this.counter = tamper.counter ?? this.counter + 1
    const authenticatorData = concat(sha256(rpId), new Uint8Array([this.flags(tamper)]), u32(this.counter))
    const clientDataJSON = this.clientData("webauthn.get", options, tamper)
    const signed = concat(authenticatorData, sha256(clientDataJSON))
    const raw = new Uint8Array(await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, this.keys.privateKey, signed))
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authenticatorData),
        signature: b64url(derSignature(raw)),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    }
  }

  /** The passkey as the store would keep it after registering, for tests that seed the store. */
  stored(userId: string, now = new Date()) {
    return {
      id: this.id,
      userId,
      publicKey: b64url(this.publicKeyCose),
      counter: this.counter,
      transports: ["internal"],
      backedUp: this.backedUp,
      deviceType: this.backedUp ? "multiDevice" : "singleDevice",
      name: "Software key",
      createdAt: now,
      lastUsedAt: null,
    }
  }
}
