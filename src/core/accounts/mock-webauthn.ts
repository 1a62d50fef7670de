/**
 * The mocks' WebAuthn: the engine's {@link WebAuthnVerifier} without a WebAuthn library, on Web
 * Crypto alone, so that it runs in the browser beside msw. Its options are shaped as the
 * server's (`@simplewebauthn/server`'s); it checks what the server checks of a response made by
 * a passkey: the client data's type, challenge and origin, the relying party id's hash, user
 * presence and verification, the attestation object (format `"none"`: the mocks trust no
 * attestation, as the server asks for none) and the signature (ES256, and RS256).
 */
import { PASSKEY_CHALLENGE_TTL_MS } from "./features/passkeys"
import { base64url } from "./crypto"
import type { PasskeyRelyingParty, WebAuthnVerifier } from "./webauthn"
import { AUTH_FLAGS, bytesOf, concatBytes, decodeCbor, jwkOfCose, parseAuthenticatorData, rawSignature, sha256 } from "./webauthn-bytes"

type Json = Record<string, unknown>
const isJson = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value)
const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i])

/** The response's parts both ceremonies check: its id, the client data, and the `response` object. */
function common(response: unknown, type: "webauthn.create" | "webauthn.get", rp: PasskeyRelyingParty, challenge: string) {
  if (!isJson(response) || response.type !== "public-key" || typeof response.id !== "string" || response.id !== response.rawId) return null
  const body = response.response
  if (!isJson(body)) return null
  const clientDataJSON = bytesOf(body.clientDataJSON)
  if (!clientDataJSON) return null
  let client: unknown
  try {
    client = JSON.parse(new TextDecoder().decode(clientDataJSON))
  } catch {
    return null
  }
  if (!isJson(client) || client.type !== type || client.challenge !== challenge || client.origin !== rp.origin) return null
  return { id: response.id, body, clientDataJSON }
}

/** The authenticator data's checks: this relying party, the user present and verified; `null` otherwise. */
async function checkedData(bytes: Uint8Array | null, rp: PasskeyRelyingParty) {
  const data = bytes && parseAuthenticatorData(bytes)
  if (!data || !equalBytes(data.rpIdHash, await sha256(rp.id))) return null
  if (!(data.flags & AUTH_FLAGS.UP) || !(data.flags & AUTH_FLAGS.UV)) return null
  // Backed up without being eligible for backup is not a state an authenticator can be in.
  if (data.flags & AUTH_FLAGS.BS && !(data.flags & AUTH_FLAGS.BE)) return null
  return data
}

/** Verifies `signature` over `data` with a COSE public key (ES256, or RS256); `false` for any other key. */
async function verifySignature(cose: Uint8Array, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  const subtle = globalThis.crypto.subtle
  const ec = jwkOfCose(cose)
  try {
    if (ec) {
      const raw = rawSignature(signature)
      if (!raw) return false
      const key = await subtle.importKey("jwk", ec, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"])
      return await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, raw as BufferSource, data as BufferSource)
    }
    const jwk = rsaJwkOfCose(cose)
    if (!jwk) return false
    const key = await subtle.importKey("jwk", jwk, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"])
    return await subtle.verify("RSASSA-PKCS1-v1_5", key, signature as BufferSource, data as BufferSource)
  } catch {
    // A key Web Crypto refuses (a point off the curve): the response does not verify.
    return false
  }
}

/**
 * The engine's WebAuthn checks for the mocks: no library, Web Crypto only. Options as the
 * server's; a response that does not verify answers `null`.
 *
 * @example
 * ```ts
 * const deps: EngineDeps = { ...rest, passkeys: { rp: { id: "localhost", name: "Acme", origin: "http://localhost:6006" }, webauthn: mockWebAuthn } }
 * ```
 */
export const mockWebAuthn: WebAuthnVerifier = {
  async registrationOptions({ rp, userHandle, userName, userDisplayName, challenge, exclude }) {
    return {
      challenge: base64url(challenge),
      rp: { name: rp.name, id: rp.id },
      user: { id: base64url(userHandle), name: userName, displayName: userDisplayName },
      // What this verifier checks: ES256 and RS256.
      pubKeyCredParams: [
        { alg: -7, type: "public-key" },
        { alg: -257, type: "public-key" },
      ],
      timeout: PASSKEY_CHALLENGE_TTL_MS,
      attestation: "none",
      excludeCredentials: exclude.map(({ id, transports }) => ({ id, transports: [...transports], type: "public-key" })),
      authenticatorSelection: { residentKey: "preferred", userVerification: "preferred", requireResidentKey: false },
      extensions: { credProps: true },
      hints: [],
    }
  },

  async verifyRegistration({ rp, response, challenge }) {
    const checked = common(response, "webauthn.create", rp, challenge)
    const attestation = checked && bytesOf(checked.body.attestationObject)
    const decoded = attestation && decodeCbor(attestation)
    const object = decoded?.value
    if (!checked || !decoded || decoded.end !== attestation!.length || !(object instanceof Map)) return null
    const statement = object.get("attStmt")
    if (object.get("fmt") !== "none" || !(statement instanceof Map) || statement.size !== 0) return null
    const authData = object.get("authData")
    const data = await checkedData(authData instanceof Uint8Array ? authData : null, rp)
    const made = data?.credential
    if (!data || !made || base64url(made.id) !== checked.id) return null
    // A key it could not verify a signature with is refused now, not at the first sign-in.
    if (!jwkOfCose(made.publicKey) && !rsaJwkOfCose(made.publicKey)) return null
    const transports = Array.isArray(checked.body.transports) ? checked.body.transports.filter((t): t is string => typeof t === "string") : []
    const backedUp = (data.flags & AUTH_FLAGS.BS) !== 0
    return {
      id: checked.id,
      publicKey: made.publicKey,
      counter: data.counter,
      transports,
      backedUp,
      deviceType: data.flags & AUTH_FLAGS.BE ? "multiDevice" : "singleDevice",
    }
  },

  async authenticationOptions({ rp, challenge }) {
    return { rpId: rp.id, challenge: base64url(challenge), allowCredentials: [], timeout: PASSKEY_CHALLENGE_TTL_MS, userVerification: "preferred" }
  },

  async verifyAuthentication({ rp, response, challenge, credential }) {
    const checked = common(response, "webauthn.get", rp, challenge)
    if (!checked || checked.id !== credential.id) return null
    const authenticatorData = bytesOf(checked.body.authenticatorData)
    const signature = bytesOf(checked.body.signature)
    const data = await checkedData(authenticatorData, rp)
    if (!data || !signature || data.credential) return null
    const signed = concatBytes(authenticatorData!, await sha256(checked.clientDataJSON))
    if (!(await verifySignature(credential.publicKey, signature, signed))) return null
    return { counter: data.counter, backedUp: (data.flags & AUTH_FLAGS.BS) !== 0 }
  },
}

/** A COSE_Key as a JWK when it is an RS256 public key; else `null`. */
function rsaJwkOfCose(cose: Uint8Array): JsonWebKey | null {
  const key = decodeCbor(cose)?.value
  if (!(key instanceof Map) || key.get(1) !== 3 || key.get(3) !== -257) return null
  const [n, e] = [key.get(-1), key.get(-2)]
  return n instanceof Uint8Array && e instanceof Uint8Array ? { kty: "RSA", n: base64url(n), e: base64url(e), ext: true } : null
}
