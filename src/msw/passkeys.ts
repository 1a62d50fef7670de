/**
 * `mockPasskeyAuthenticator`: a passkey authenticator in place of the browser's, installed over
 * `navigator.credentials`, so that a story or test adds and uses passkeys against the account
 * mocks without a prompt nobody can answer.
 */
import { base64url, canonicalBase64url, randomBytes } from "../core/accounts/crypto"
import {
  assertionSignature,
  authenticatorData,
  ceremonyFlags,
  clientDataJSON,
  noneAttestation,
  type PasskeyKeys,
  passkeyKeys,
} from "../core/accounts/mock-authenticator"

/**
 * How a ceremony fails, the way browsers say it: `"cancelled"` (the user closed the prompt) and
 * `"timeout"` are a `NotAllowedError`, as is `"no-passkey"` (a sign-in where this device holds
 * none of the site's passkeys; it happens by itself when it holds none); `"exists"` is the
 * `InvalidStateError` of an authenticator that holds one of the account's passkeys already (it
 * happens by itself for a passkey the options exclude); `"error"` is any other failure (an
 * `UnknownError`).
 */
export type MockPasskeyFailure = "cancelled" | "timeout" | "no-passkey" | "exists" | "error"

/**
 * A passkey the authenticator holds from the start: one of a seeded account's
 * (`MockAccountSeed.passkeys`), signed with the mocks' own key (`MOCK_PASSKEY_KEY`).
 *
 * @example
 * ```ts
 * mockPasskeyAuthenticator({ passkeys: [{ id: "pk-ada" }] })
 * ```
 */
export interface MockHeldPasskey {
  /** The seeded passkey's id (base64url). */
  id: string
  /** @default the host name of the authenticator's origin */
  rpId?: string
  /** Its signature counter so far (the next assertion answers one more). @default 0 */
  counter?: number
}

/**
 * Options of {@link mockPasskeyAuthenticator}.
 *
 * @example
 * ```ts
 * mockPasskeyAuthenticator({ fail: "cancelled" })
 * ```
 */
export interface MockPasskeyAuthenticatorOptions {
  /** The origin the browser signs for. @default `location.origin` (required where there is none, as in Node) */
  origin?: string
  /** Whether the passkeys it makes are synced (backed up by their provider). @default true */
  backedUp?: boolean
  /** Passkeys it holds from the start. @default none */
  passkeys?: readonly MockHeldPasskey[]
  /** Every ceremony fails this way (until {@link MockPasskeyAuthenticator.failWith} says otherwise). @default none */
  fail?: MockPasskeyFailure | null
  /** What `PublicKeyCredential.isConditionalMediationAvailable()` answers (the passkey autofill). @default true */
  conditionalMediation?: boolean
}

/** A passkey the authenticator holds. */
export interface MockPasskeyCredential {
  /** The credential id, base64url: the passkey's `id` on the server. */
  id: string
  rpId: string
  /** The user's name the registration gave (`""` for a seeded one). */
  userName: string
  /** The signature counter of its last ceremony. */
  counter: number
}

/** The authenticator: install it, tell it how to fail, answer a waiting passkey autofill. */
export interface MockPasskeyAuthenticator {
  /** Puts it over `navigator.credentials.create/get` and `PublicKeyCredential`'s checks; returns itself. */
  install(): MockPasskeyAuthenticator
  /** Puts the browser's own back. */
  uninstall(): void
  /** How every ceremony fails from now on, or `null` for none. */
  failWith(failure: MockPasskeyFailure | null): void
  /**
   * Answers the waiting conditional request (`mediation: "conditional"`, the passkey autofill)
   * with a passkey, as a user picking it from the autofill: by id, or the newest of the site's.
   * Answers whether one was waiting and a passkey could be picked.
   */
  choose(id?: string): Promise<boolean>
  /** Whether a conditional request waits for {@link choose}. */
  readonly waiting: boolean
  /** The passkeys it holds, oldest first. */
  readonly passkeys: readonly MockPasskeyCredential[]
  /** `navigator.credentials.create()` as the authenticator answers it (what `install()` puts in place). */
  create(options?: CredentialCreationOptions): Promise<Credential | null>
  /** `navigator.credentials.get()` as the authenticator answers it. */
  get(options?: CredentialRequestOptions): Promise<Credential | null>
}

interface Held extends MockPasskeyCredential {
  raw: Uint8Array
  userHandle: Uint8Array | null
  keys: Promise<PasskeyKeys>
  backedUp: boolean
}

const MESSAGES: Record<MockPasskeyFailure, [name: string, message: string]> = {
  // Chrome's words: the same error for a closed prompt, a timeout and no passkey.
  cancelled: ["NotAllowedError", "The operation either timed out or was not allowed. See: https://www.w3.org/TR/webauthn-2/#sctn-privacy-considerations-client."],
  timeout: ["NotAllowedError", "The operation either timed out or was not allowed. See: https://www.w3.org/TR/webauthn-2/#sctn-privacy-considerations-client."],
  "no-passkey": ["NotAllowedError", "The operation either timed out or was not allowed. See: https://www.w3.org/TR/webauthn-2/#sctn-privacy-considerations-client."],
  exists: ["InvalidStateError", "The user attempted to register an authenticator that contains one of the credentials already registered with the relying party."],
  error: ["UnknownError", "The authenticator failed."],
}
const failure = (kind: MockPasskeyFailure) => new DOMException(MESSAGES[kind][1], MESSAGES[kind][0])

const invalidId = (id: string): never => {
  throw new TypeError(`[next-auth-kit] mockPasskeyAuthenticator: a passkey's id is base64url of whole bytes, as a browser makes it (A-Z, a-z, 0-9, - and _, a length that is not 1 more than a multiple of 4, encoding its bytes exactly: "pk-grace", not "pk-mac"), got ${JSON.stringify(id)}.`)
}
const bytesOf = (source: BufferSource | undefined): Uint8Array =>
  source === undefined ? new Uint8Array(0) : ArrayBuffer.isView(source) ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength).slice() : new Uint8Array(source).slice()
const buffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i])

/** A rejection when `signal` aborts, as the browser's (its reason, else an `AbortError`). */
function aborted(signal: AbortSignal | null | undefined): Promise<never> | null {
  if (!signal) return null
  const reason = () => signal.reason ?? new DOMException("The operation was aborted.", "AbortError")
  if (signal.aborted) return Promise.reject(reason())
  return new Promise((_, reject) => signal.addEventListener("abort", () => reject(reason()), { once: true }))
}

/**
 * A passkey authenticator for stories and tests, in place of the browser's: `install()` puts it
 * over `navigator.credentials.create/get`, where `@simplewebauthn/browser` (and so the kit's
 * "Add a passkey", "Sign in with a passkey" and the passkey autofill) finds it. It makes ES256
 * passkeys with Web Crypto, whose answers the account mocks (`accountHandlers({ passkeys })`)
 * verify as the server does; a passkey is made for the site's origin (`location.origin`) and
 * used only there. It can be told to fail the way browsers fail (`fail`, `failWith`), refuses
 * to make a second passkey where the options exclude one it holds (`InvalidStateError`), and
 * answers a sign-in with no passkey of the site with a `NotAllowedError`. A conditional request
 * (the passkey autofill) waits until {@link MockPasskeyAuthenticator.choose} picks a passkey.
 *
 * @example
 * ```ts
 * // a story: adding a passkey works, and the browser's prompt is never shown
 * beforeEach: ({ msw }) => {
 *   msw.use(...accountScenarios.passkeys())
 *   const authenticator = mockPasskeyAuthenticator().install()
 *   return () => authenticator.uninstall()
 * }
 * // the user closes the prompt:
 * mockPasskeyAuthenticator({ fail: "cancelled" }).install()
 * ```
 */
export function mockPasskeyAuthenticator(options: MockPasskeyAuthenticatorOptions = {}): MockPasskeyAuthenticator {
  const location = (globalThis as { location?: { origin?: string } }).location
  const origin = options.origin ?? location?.origin
  if (!origin || origin === "null") {
    throw new TypeError("[next-auth-kit] mockPasskeyAuthenticator: there is no page origin here; pass the origin the account mocks expect, as `mockPasskeyAuthenticator({ origin: \"http://localhost:3000\" })`.")
  }
  const host = new URL(origin).hostname
  const backedUp = options.backedUp ?? true
  let failing = options.fail ?? null
  const held: Held[] = (options.passkeys ?? []).map((seed) => ({
    id: seed.id,
    raw: canonicalBase64url(seed.id) ?? invalidId(seed.id),
    rpId: seed.rpId ?? host,
    userName: "",
    userHandle: null,
    counter: seed.counter ?? 0,
    keys: passkeyKeys(true),
    backedUp,
  }))
  let waiting: ((credential: Held | undefined) => void) | null = null

  /** The relying party id of a ceremony: its host or a parent domain of it, as browsers require. */
  const rpIdOf = (rpId: string | undefined) => {
    const id = rpId ?? host
    if (host !== id && !host.endsWith(`.${id}`)) throw new DOMException(`The relying party ID "${id}" is not a registrable domain suffix of, nor equal to the current domain.`, "SecurityError")
    return id
  }

  async function assertion(credential: Held, challenge: Uint8Array) {
    credential.counter += 1
    const authData = await authenticatorData(credential.rpId, ceremonyFlags({ backedUp: credential.backedUp }), credential.counter)
    const clientData = clientDataJSON("webauthn.get", base64url(challenge), origin!)
    const signature = await assertionSignature((await credential.keys).privateKey, authData, clientData)
    const response = {
      clientDataJSON: buffer(clientData),
      authenticatorData: buffer(authData),
      signature: buffer(signature),
      userHandle: credential.userHandle ? buffer(credential.userHandle) : null,
    }
    return publicKeyCredential(credential, response)
  }

  function publicKeyCredential(credential: Held, response: object) {
    return {
      id: credential.id,
      rawId: buffer(credential.raw),
      type: "public-key",
      authenticatorAttachment: "platform",
      response,
      getClientExtensionResults: () => ({}),
    } as unknown as Credential
  }

  const authenticator: MockPasskeyAuthenticator = {
    async create(request = {}) {
      const publicKey = request.publicKey
      if (!publicKey) throw new DOMException("Only public-key credentials are supported.", "NotSupportedError")
      const stop = aborted(request.signal)
      const made = (async () => {
        const rpId = rpIdOf(publicKey.rp.id)
        if (!publicKey.pubKeyCredParams.some((p) => p.type === "public-key" && p.alg === -7)) {
          throw new DOMException("The authenticator supports none of the algorithms asked for.", "NotSupportedError")
        }
        const excluded = (publicKey.excludeCredentials ?? []).map((c) => bytesOf(c.id))
        if (failing === "exists" || held.some((c) => c.rpId === rpId && excluded.some((id) => sameBytes(id, c.raw)))) throw failure("exists")
        if (failing && failing !== "no-passkey") throw failure(failing)
        const raw = randomBytes(32)
        const keys = passkeyKeys()
        const credential: Held = { id: base64url(raw), raw, rpId, userName: publicKey.user.name, userHandle: bytesOf(publicKey.user.id), counter: 0, keys, backedUp }
        const { cose, spki } = await keys
        const authData = await authenticatorData(rpId, ceremonyFlags({ backedUp }), 0, { id: raw, cose })
        const clientData = clientDataJSON("webauthn.create", base64url(bytesOf(publicKey.challenge)), origin!)
        held.push(credential)
        return publicKeyCredential(credential, {
          clientDataJSON: buffer(clientData),
          attestationObject: buffer(noneAttestation(authData)),
          getTransports: () => ["hybrid", "internal"],
          getPublicKey: () => buffer(spki),
          getPublicKeyAlgorithm: () => -7,
          getAuthenticatorData: () => buffer(authData),
        })
      })()
      return stop ? Promise.race([made, stop]) : made
    },

    async get(request = {}) {
      const publicKey = request.publicKey
      if (!publicKey) throw new DOMException("Only public-key credentials are supported.", "NotSupportedError")
      const rpId = rpIdOf(publicKey.rpId)
      const allowed = (publicKey.allowCredentials ?? []).map((c) => bytesOf(c.id))
      const candidates = held.filter((c) => c.rpId === rpId && (allowed.length === 0 || allowed.some((id) => sameBytes(id, c.raw))))
      const challenge = bytesOf(publicKey.challenge)
      const stop = aborted(request.signal)
      if (request.mediation === "conditional") {
        // The autofill waits for the user, whatever else happens; only an abort ends it. A newer
        // conditional request takes the field over: the older one's end leaves the newer waiting.
        let mine: ((credential: Held | undefined) => void) | null = null
        const picked = new Promise<Held | undefined>((resolve) => {
          mine = resolve
          waiting = resolve
        })
        const answer = picked.then((credential) => (credential ? assertion(credential, challenge) : null))
        const result = stop ? Promise.race([answer, stop]) : answer
        return result.finally(() => {
          if (waiting === mine) waiting = null
        })
      }
      const chosen = failing || candidates.length === 0 ? Promise.reject(failure(failing ?? "no-passkey")) : assertion(candidates.at(-1)!, challenge)
      return stop ? Promise.race([chosen, stop]) : chosen
    },

    async choose(id) {
      if (!waiting) return false
      const credential = id === undefined ? held.filter((c) => c.rpId === host).at(-1) : held.find((c) => c.id === id)
      if (!credential) return false
      waiting(credential)
      return true
    },

    get waiting() {
      return waiting !== null
    },

    get passkeys() {
      return held.map(({ id, rpId, userName, counter }) => ({ id, rpId, userName, counter }))
    },

    failWith(kind) {
      failing = kind
    },

    install() {
      restore?.()
      restore = install(authenticator, options.conditionalMediation ?? true)
      return authenticator
    },

    uninstall() {
      restore?.()
      restore = undefined
    },
  }
  let restore: (() => void) | undefined
  return authenticator
}

/** Puts the authenticator in place; the function that puts back what was there. */
function install(authenticator: MockPasskeyAuthenticator, conditional: boolean): () => void {
  const scope = globalThis as { navigator?: { credentials?: object }; PublicKeyCredential?: unknown }
  const navigator = scope.navigator
  if (!navigator) {
    throw new TypeError("[next-auth-kit] mockPasskeyAuthenticator: install() needs `navigator` (a browser or jsdom); in Node, stub it first (`vi.stubGlobal(\"navigator\", {})`) or call `create()` and `get()` directly.")
  }
  const undo: (() => void)[] = []
  /** Sets `key` on `target` as an own property, and remembers how to put back what was there. */
  const put = (target: object, key: string, value: unknown) => {
    const own = Object.getOwnPropertyDescriptor(target, key)
    Object.defineProperty(target, key, { value, configurable: true, writable: true })
    undo.push(() => (own ? Object.defineProperty(target, key, own) : delete (target as Record<string, unknown>)[key]))
  }
  if (!navigator.credentials) put(navigator, "credentials", {})
  put(navigator.credentials!, "create", (options?: CredentialCreationOptions) => authenticator.create(options))
  put(navigator.credentials!, "get", (options?: CredentialRequestOptions) => authenticator.get(options))
  // Where WebAuthn is missing (Node, jsdom), a stand-in: what libraries test for.
  if (typeof scope.PublicKeyCredential !== "function") put(scope, "PublicKeyCredential", function PublicKeyCredential() {})
  const constructor = scope.PublicKeyCredential as object
  put(constructor, "isConditionalMediationAvailable", async () => conditional)
  put(constructor, "isUserVerifyingPlatformAuthenticatorAvailable", async () => true)
  return () => {
    for (const step of undo.reverse()) step()
  }
}
