/**
 * The authenticator's side of WebAuthn, for the mocks (and the server's tests): what a browser
 * and a platform authenticator hand the app, made with Web Crypto. An ES256 (P-256) key pair;
 * a registration answers the client data and an attestation object of format `"none"` (CBOR,
 * the COSE public key in the authenticator data); an assertion signs the authenticator data and
 * the client data's hash, DER-encoded as WebAuthn has it. Runtime-neutral: no `node:`.
 */
import { base64url } from "./crypto"
import { AUTH_FLAGS, cbor, concatBytes, coseOfRawP256, derSignature, sha256, u32 } from "./webauthn-bytes"

/**
 * The key pair of the mocks' seeded passkeys (P-256, as a JWK): not a secret. A seeded passkey
 * (`MockAccountSeed.passkeys`) is stored with its public key, and `mockPasskeyAuthenticator`
 * signs with it for the passkeys it is told it holds, so that a story can sign in with one.
 */
export const MOCK_PASSKEY_KEY: Readonly<JsonWebKey> = Object.freeze({
  kty: "EC",
  crv: "P-256",
  x: "y-7Lm7jSCJ2SXDigWoiCQow6MDiSrYpp32iZkfXcxxI",
  y: "iyGth17w8XvSGO5QtC2VLVNOEDCKFoLmiAyAY5LJWpw",
  d: "MaXylhJDxEKdM1ksHg3YNORuR9Ni27QeUy-6qQ1sYJo",
})

const subtle = () => globalThis.crypto.subtle
const EC = { name: "ECDSA", namedCurve: "P-256" } as const

/** A P-256 key pair for a passkey, and its public key as the authenticator data carries it (COSE) and as browsers' `getPublicKey()` answers it (SPKI). */
export interface PasskeyKeys {
  privateKey: CryptoKey
  cose: Uint8Array
  spki: Uint8Array
}

/** A new key pair, or the {@link MOCK_PASSKEY_KEY}'s with `mock: true`. */
export async function passkeyKeys(mock = false): Promise<PasskeyKeys> {
  let privateKey: CryptoKey
  let publicKey: CryptoKey
  if (mock) {
    const { d: _d, ...pub } = MOCK_PASSKEY_KEY
    privateKey = await subtle().importKey("jwk", { ...MOCK_PASSKEY_KEY }, EC, false, ["sign"])
    publicKey = await subtle().importKey("jwk", pub, EC, true, ["verify"])
  } else {
    const pair = (await subtle().generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair
    ;({ privateKey, publicKey } = pair)
  }
  const raw = new Uint8Array(await subtle().exportKey("raw", publicKey))
  return { privateKey, cose: coseOfRawP256(raw), spki: new Uint8Array(await subtle().exportKey("spki", publicKey)) }
}

/** The public key of the {@link MOCK_PASSKEY_KEY}, COSE, base64url: what a seeded passkey stores. */
export const mockPasskeyPublicKey = async (): Promise<string> => base64url((await passkeyKeys(true)).cose)

/** The client data the browser writes and the authenticator signs the hash of. */
export const clientDataJSON = (type: string, challenge: string, origin: string): Uint8Array =>
  new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }))

/** The flags of a ceremony: user present, verified unless `userVerified: false`, backup eligible and backed up when `backedUp`. */
export const ceremonyFlags = ({ backedUp, userVerified = true }: { backedUp: boolean; userVerified?: boolean }): number =>
  AUTH_FLAGS.UP | (userVerified ? AUTH_FLAGS.UV : 0) | (backedUp ? AUTH_FLAGS.BE | AUTH_FLAGS.BS : 0)

/**
 * The authenticator data (WebAuthn § 6.1): the relying party id's hash, the flags, the counter,
 * and with `made` the attested credential (a zero AAGUID, its id and COSE public key; AT set).
 */
export async function authenticatorData(rpId: string, flags: number, counter: number, made?: { id: Uint8Array; cose: Uint8Array }): Promise<Uint8Array> {
  const hash = await sha256(rpId)
  if (!made) return concatBytes(hash, new Uint8Array([flags]), u32(counter))
  const attested = concatBytes(new Uint8Array(16), new Uint8Array([made.id.length >> 8, made.id.length & 0xff]), made.id, made.cose)
  return concatBytes(hash, new Uint8Array([flags | AUTH_FLAGS.AT]), u32(counter), attested)
}

/** The attestation object of format `"none"` around authenticator data. */
export const noneAttestation = (authData: Uint8Array): Uint8Array => cbor({ fmt: "none", attStmt: {}, authData })

/** The assertion's signature (DER): over the authenticator data and the client data's SHA-256. */
export async function assertionSignature(privateKey: CryptoKey, authData: Uint8Array, clientData: Uint8Array): Promise<Uint8Array> {
  const signed = concatBytes(authData, await sha256(clientData))
  return derSignature(new Uint8Array(await subtle().sign({ name: "ECDSA", hash: "SHA-256" }, privateKey, signed as BufferSource)))
}
