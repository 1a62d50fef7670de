/**
 * A software authenticator for the server's passkey tests, on the mocks' authenticator pieces
 * (src/core/accounts/mock-authenticator.ts): what a browser and a platform
 * authenticator hand the app, made with Web Crypto. An ES256 (P-256) key pair; registration
 * answers an attestation object of format "none" (CBOR, with the COSE public key in the
 * authenticator data) and the client data; an assertion signs the authenticator data and the
 * client data's hash, the signature DER-encoded as WebAuthn has it. Everything a test may want
 * to get wrong (origin, relying party id, counter, flags, challenge) can be overridden.
 */
import { webcrypto } from "node:crypto"
import { base64url } from "../../../src/core/accounts/crypto"
import { assertionSignature, authenticatorData, ceremonyFlags, clientDataJSON, noneAttestation, passkeyKeys } from "../../../src/core/accounts/mock-authenticator"

export const b64url = base64url
export const fromB64url = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "base64url"))

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
    private readonly privateKey: CryptoKey,
    /** The COSE_Key of the public key, as the authenticator data carries it. */
    readonly publicKeyCose: Uint8Array,
    private readonly backedUp: boolean,
  ) {}

  static async create(origin: string, { backedUp = true }: { backedUp?: boolean } = {}): Promise<SoftwareAuthenticator> {
    const { privateKey, cose } = await passkeyKeys()
    const id = new Uint8Array(webcrypto.getRandomValues(new Uint8Array(32)))
    return new SoftwareAuthenticator(origin, id, privateKey, cose, backedUp)
  }

  /** The credential id, base64url (the passkey's `id`). */
  get id(): string {
    return b64url(this.credentialId)
  }

  private flags(tamper: Tamper): number {
    return ceremonyFlags({ backedUp: this.backedUp, userVerified: tamper.userVerified !== false })
  }

  private clientData(type: string, options: CeremonyOptions, tamper: Tamper): Uint8Array {
    return clientDataJSON(tamper.type ?? type, tamper.challenge ?? options.challenge, tamper.origin ?? this.origin)
  }

  /** `navigator.credentials.create()`'s answer (RegistrationResponseJSON) to creation options. */
  async register(options: CeremonyOptions, tamper: Tamper = {}) {
    const rpId = tamper.rpId ?? options.rp?.id ?? new URL(this.origin).hostname
    this.userHandle = options.user?.id
    this.counter = tamper.counter ?? 0
    const authData = await authenticatorData(rpId, this.flags(tamper), this.counter, { id: this.credentialId, cose: this.publicKeyCose })
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON: b64url(this.clientData("webauthn.create", options, tamper)),
        attestationObject: b64url(noneAttestation(authData)),
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
    const authData = await authenticatorData(rpId, this.flags(tamper), this.counter)
    const clientData = this.clientData("webauthn.get", options, tamper)
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON: b64url(clientData),
        authenticatorData: b64url(authData),
        signature: b64url(await assertionSignature(this.privateKey, authData, clientData)),
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
