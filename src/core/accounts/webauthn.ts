/**
 * What the engine needs of WebAuthn, as an interface: the server implements it with
 * `@simplewebauthn/server` (loaded on the first passkey request), so that neither the engine
 * nor the bundles that carry it (the mocks, the browser) hold a WebAuthn library.
 */

/**
 * The relying party passkeys belong to: its id (a domain, the host of the app or a parent of
 * it), its name (shown by the browser when a passkey is made) and the origin the browser
 * signs for.
 *
 * @example
 * ```ts
 * const rp: PasskeyRelyingParty = { id: "example.com", name: "Acme", origin: "https://app.example.com" }
 * ```
 */
export interface PasskeyRelyingParty {
  id: string
  name: string
  origin: string
}

/**
 * A stored credential as the verification reads it.
 *
 * @example
 * ```ts
 * const credential: WebAuthnCredentialRecord = { id: "hP3p…", publicKey, counter: 4, transports: ["internal"] }
 * ```
 */
export interface WebAuthnCredentialRecord {
  /** base64url. */
  id: string
  /** The COSE public key. */
  publicKey: Uint8Array
  counter: number
  transports: string[]
}

/**
 * A credential a registration response proved: what the store keeps of it.
 *
 * @example
 * ```ts
 * const made: RegisteredCredential = { id: "hP3p…", publicKey, counter: 0, transports: ["internal"], backedUp: true, deviceType: "multiDevice" }
 * ```
 */
export interface RegisteredCredential extends WebAuthnCredentialRecord {
  backedUp: boolean
  deviceType: string
}

/**
 * The WebAuthn ceremonies: options for the browser, and the checks of its answers (origin,
 * relying party id, challenge, user presence and verification, signature). A check answers
 * `null` for a response that does not verify; it throws only when something else failed.
 *
 * @example
 * ```ts
 * const verifier: WebAuthnVerifier = await simpleWebAuthnVerifier() // the server's
 * ```
 */
export interface WebAuthnVerifier {
  /** `PublicKeyCredentialCreationOptionsJSON` for `navigator.credentials.create()`. */
  registrationOptions(input: {
    rp: PasskeyRelyingParty
    /** Opaque bytes that name the user to the authenticator (never the address). */
    userHandle: Uint8Array
    userName: string
    userDisplayName: string
    challenge: Uint8Array
    /** The user's passkeys, so that an authenticator holding one makes no second. */
    exclude: ReadonlyArray<{ id: string; transports: string[] }>
  }): Promise<Record<string, unknown>>
  /** Checks a registration response against the challenge; the credential it made, or `null`. */
  verifyRegistration(input: { rp: PasskeyRelyingParty; response: unknown; challenge: string }): Promise<RegisteredCredential | null>
  /** `PublicKeyCredentialRequestOptionsJSON` for `navigator.credentials.get()` (no allowed list: discoverable credentials). */
  authenticationOptions(input: { rp: PasskeyRelyingParty; challenge: Uint8Array }): Promise<Record<string, unknown>>
  /** Checks an assertion by a stored credential against the challenge; its new counter, or `null`. */
  verifyAuthentication(input: {
    rp: PasskeyRelyingParty
    response: unknown
    challenge: string
    credential: WebAuthnCredentialRecord
  }): Promise<{ counter: number; backedUp: boolean } | null>
}

/**
 * The engine's passkey dependencies: the relying party, and the verification the host injects.
 *
 * @example
 * ```ts
 * const passkeys: PasskeyDeps = { rp: { id: "example.com", name: "Acme", origin: "https://example.com" }, webauthn }
 * ```
 */
export interface PasskeyDeps {
  rp: PasskeyRelyingParty
  webauthn: WebAuthnVerifier
}
