/**
 * Passkeys (WebAuthn): a signed-in user adds, renames and removes theirs; anyone asks for a
 * sign-in challenge, and a passkey's assertion signs in (`authorize`'s `passkey`) or
 * re-authenticates. Challenges are single-use tokens of five minutes, stored by their hash and
 * taken in one atomic store step before anything is verified, so one assertion is accepted at
 * most once however many requests carry it; the signature counter is compared and set in one
 * store step too. Adding or removing a passkey ends the user's other sessions. The WebAuthn
 * checks themselves are the host's (`EngineDeps.passkeys.webauthn`).
 */
import { AuthKitError } from "../../errors"
import { cleanName, isObject, MAX_NAME_LENGTH, presentString } from "../../account-rules"
import { base64url, fromBase64url, hmacHex, randomBytes } from "../crypto"
import { answer, type EngineDeps, type EngineFeature, fail, invalidInput, keyFor, limit, ok, rateLimited } from "../engine"
import type { AccountStore, StoredPasskey } from "../store"
import { hashToken, isTokenShaped } from "../tokens"
import { describeDevice } from "./sessions"
import { sendNotice } from "./sign-up"

/** The store methods of the passkeys slice; a store has all of them or passkeys are off. */
export const PASSKEY_STORE_METHODS = [
  "createPasskey",
  "findPasskey",
  "listPasskeys",
  "renamePasskey",
  "removePasskey",
  "usePasskey",
] as const satisfies readonly (keyof AccountStore)[]

/** A store with the passkeys slice. */
export type PasskeyStore = AccountStore & Required<Pick<AccountStore, (typeof PASSKEY_STORE_METHODS)[number]>>

/** Whether a store keeps passkeys (has every method of the slice). */
export const hasPasskeyStore = (store: AccountStore): store is PasskeyStore =>
  PASSKEY_STORE_METHODS.every((name) => typeof store[name] === "function")

/** How long a WebAuthn challenge can be answered (five minutes). */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60_000

/** The longest WebAuthn response read (a JSON body is smaller still: `maxBodyBytes`). */
const MAX_RESPONSE = 16 * 1024
// A credential id is at most 1023 bytes (WebAuthn Level 3), 1364 in base64url.
const MAX_CREDENTIAL_ID = 1400

/**
 * One passkey in the `passkeys` answer.
 *
 * @example
 * ```ts
 * const row: PasskeyListItem = { id: "hP3p…", name: "MacBook", createdAt: "2030-01-01T10:00:00.000Z", lastUsedAt: null, backedUp: true }
 * ```
 */
export interface PasskeyListItem {
  /** The credential id, base64url. */
  id: string
  name: string
  /** ISO 8601. */
  createdAt: string
  /** ISO 8601; `null` when it never signed in. */
  lastUsedAt: string | null
  /** Whether the passkey is synced by its provider (it survives the loss of the device). */
  backedUp: boolean
}

const itemOf = (passkey: StoredPasskey): PasskeyListItem => ({
  id: passkey.id,
  name: passkey.name,
  createdAt: passkey.createdAt.toISOString(),
  lastUsedAt: passkey.lastUsedAt ? passkey.lastUsedAt.toISOString() : null,
  backedUp: passkey.backedUp,
})

const storeOf = (deps: Pick<EngineDeps, "store">): PasskeyStore => {
  if (!hasPasskeyStore(deps.store)) throw new Error("[next-auth-kit] The account store keeps no passkeys (createPasskey, listPasskeys, …).")
  return deps.store
}

/** A WebAuthn response as sent: a JSON object, or its text (a form field of next-auth's); `null` for anything else. */
function responseOf(value: unknown): Record<string, unknown> | null {
  let parsed = value
  if (typeof value === "string") {
    if (value.length > MAX_RESPONSE) return null
    try {
      parsed = JSON.parse(value)
    } catch {
      return null
    }
  }
  if (!isObject(parsed)) return null
  const id = parsed.id
  if (typeof id !== "string" || id === "" || id.length > MAX_CREDENTIAL_ID || !fromBase64url(id) || parsed.rawId !== id) return null
  return isObject(parsed.response) && typeof parsed.response.clientDataJSON === "string" ? parsed : null
}

/** The challenge the browser signed, from a response's `clientDataJSON`; `null` when it holds none of the kit's shape. */
function challengeOf(response: Record<string, unknown>): string | null {
  const bytes = fromBase64url((response.response as { clientDataJSON: string }).clientDataJSON)
  if (!bytes || bytes.length > MAX_RESPONSE) return null
  try {
    const client: unknown = JSON.parse(new TextDecoder().decode(bytes))
    const challenge = isObject(client) ? client.challenge : undefined
    return typeof challenge === "string" && isTokenShaped(challenge) ? challenge : null
  } catch {
    return null
  }
}

/** A new challenge (32 random bytes), recorded by its hash as a single-use token of this kind and user. */
async function newChallenge(deps: EngineDeps, kind: "passkey-register" | "passkey-sign-in", userId: string, now: Date): Promise<Uint8Array> {
  const challenge = randomBytes(32)
  await deps.store.createToken({
    kind,
    tokenHash: await hashToken(base64url(challenge)),
    userId,
    expiresAt: new Date(now.getTime() + PASSKEY_CHALLENGE_TTL_MS),
  })
  return challenge
}

/**
 * The opaque handle that names a user to authenticators (WebAuthn's `user.id`): a keyed hash of
 * the user's id, so that neither the address nor the store's id leaves the server.
 */
async function userHandleOf(deps: Pick<EngineDeps, "secret">, userId: string): Promise<Uint8Array> {
  const hex = await hmacHex(await keyFor(deps, "passkeyUser"), userId)
  return Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16))
}

/**
 * Checks a passkey's assertion: its challenge is one `passkeys/sign-in-options` made (taken
 * here, once, before anything else is checked), its credential is stored (and, with
 * `userId`, that user's; a user handle it names is that user's), and the host's WebAuthn check passes (origin, relying party id, user
 * presence and verification, signature); then its counter is compared and set in one store
 * step: a counter that did not move forward is refused and reported (`deps.report`, the app's
 * `onError`, under `route`). Answers the passkey, or `null` for anything that did not verify.
 *
 * @example
 * ```ts
 * const passkey = await verifyPasskeyAssertion(deps, credentials.passkey, new Date())
 * if (!passkey) throw new AuthorizeError("PasskeyInvalid")
 * ```
 */
export async function verifyPasskeyAssertion(deps: EngineDeps, value: unknown, now: Date, userId?: string, route = "passkeys/sign-in"): Promise<StoredPasskey | null> {
  if (!deps.passkeys || !hasPasskeyStore(deps.store)) return null
  const response = responseOf(value)
  const challenge = response && challengeOf(response)
  if (!response || !challenge) return null
  // Taken before the signature is checked: of any number of requests carrying one assertion,
  // one gets past this line.
  const taken = await deps.store.consumeToken("passkey-sign-in", await hashToken(challenge), now)
  if (!taken.ok) return null
  const passkey = await deps.store.findPasskey(response.id as string)
  if (!passkey || (userId !== undefined && passkey.userId !== userId)) return null
  // A discoverable credential names its user: it must be the one the store has for it.
  const handle = (response.response as { userHandle?: unknown }).userHandle
  if (handle !== undefined && handle !== null && handle !== base64url(await userHandleOf(deps, passkey.userId))) return null
  const publicKey = fromBase64url(passkey.publicKey)
  if (!publicKey) return null
  const verified = await deps.passkeys.webauthn.verifyAuthentication({
    rp: deps.passkeys.rp,
    response,
    challenge,
    credential: { id: passkey.id, publicKey, counter: passkey.counter, transports: passkey.transports },
  })
  if (!verified) return null
  // A counter that did not move forward (a cloned authenticator, or an assertion made before
  // the last one) is refused, and the app hears of it: the passkey's private key may be copied.
  if (!(await deps.store.usePasskey(passkey.id, verified.counter, now))) {
    deps.report(
      new AuthKitError(
        "passkey_invalid",
        `Passkey ${passkey.id} of user ${passkey.userId} presented signature counter ${verified.counter}, not above the ${passkey.counter} last seen: the sign-in was refused. Its authenticator may be cloned; consider removing the passkey.`,
      ),
      route,
    )
    return null
  }
  return { ...passkey, counter: verified.counter, lastUsedAt: now }
}

/** A default name for a new passkey: the browser and system it was made on. */
function defaultName(userAgent: string | undefined): string {
  const { browser, os } = describeDevice(userAgent)
  return browser && os ? `${browser} on ${os}` : (browser ?? os ?? "Passkey")
}

const MAX_ID = MAX_CREDENTIAL_ID

/** The endpoints of passkeys (served with `passkeys` on and a store that keeps them). */
export const passkeys: EngineFeature = {
  passkeys: {
    method: "GET",
    signedIn: true,
    passkeys: true,
    store: PASSKEY_STORE_METHODS,
    async run({ deps, user }) {
      return answer({ passkeys: (await storeOf(deps).listPasskeys(user.id)).map(itemOf) })
    },
  },

  "passkeys/register-options": {
    signedIn: true,
    fresh: true,
    passkeys: true,
    store: PASSKEY_STORE_METHODS,
    async run({ deps, request, user, now }) {
      const { wait } = await limit(deps, "passkeys", deps.limits.passkeys, { address: user.id, ip: request.ip }, now)
      if (wait) return rateLimited(wait)
      const mine = await storeOf(deps).listPasskeys(user.id)
      const challenge = await newChallenge(deps, "passkey-register", user.id, now)
      const options = await deps.passkeys!.webauthn.registrationOptions({
        rp: deps.passkeys!.rp,
        userHandle: await userHandleOf(deps, user.id),
        userName: user.email,
        userDisplayName: user.name ?? user.email,
        challenge,
        exclude: mine.map((p) => ({ id: p.id, transports: p.transports })),
      })
      return answer(options)
    },
  },

  "passkeys/register": {
    signedIn: true,
    fresh: true,
    passkeys: true,
    store: PASSKEY_STORE_METHODS,
    async run({ deps, body, request, user, now }) {
      if (body.response === undefined) return invalidInput({ response: "required" })
      if (body.name !== undefined && body.name !== null && typeof body.name !== "string") return invalidInput({ name: "invalid" })
      if (typeof body.name === "string" && body.name.length > MAX_NAME_LENGTH) return invalidInput({ name: "too_long" })
      const { wait } = await limit(deps, "passkeys", deps.limits.passkeys, { address: user.id, ip: request.ip }, now)
      if (wait) return rateLimited(wait)
      const response = responseOf(body.response)
      const challenge = response && challengeOf(response)
      if (!response || !challenge) return fail("passkey_invalid")
      // The challenge this user's register-options made, once.
      const taken = await deps.store.consumeToken("passkey-register", await hashToken(challenge), now)
      if (!taken.ok || taken.userId !== user.id) return fail("passkey_invalid")
      const made = await deps.passkeys!.webauthn.verifyRegistration({ rp: deps.passkeys!.rp, response, challenge })
      if (!made) return fail("passkey_invalid")
      const passkey: StoredPasskey = {
        id: made.id,
        userId: user.id,
        publicKey: base64url(made.publicKey),
        counter: made.counter,
        transports: [...made.transports],
        backedUp: made.backedUp,
        deviceType: made.deviceType,
        name: cleanName(body.name) ?? defaultName(request.userAgent),
        createdAt: now,
        lastUsedAt: null,
      }
      // A credential id that is stored already (this user's or anyone's) is not taken again.
      if (!(await storeOf(deps).createPasskey(passkey))) return fail("passkey_invalid")
      // A credential change: the user's other sessions end, this one stays.
      const version = user.credentialVersion + 1
      await deps.store.updateUser(user.id, { credentialVersion: version })
      deps.background("passkeys/register", () => sendNotice(deps, "passkey-added", user, request.language))
      return answer({ passkey: itemOf(passkey) }, { credentialsChanged: { userId: user.id, version, keepCaller: true } })
    },
  },

  "passkeys/rename": {
    signedIn: true,
    passkeys: true,
    store: PASSKEY_STORE_METHODS,
    async run({ deps, body, user }) {
      const id = presentString(body.id)
      const fields: Record<string, "required" | "too_long" | "invalid"> = {}
      if (id === undefined) fields.id = "required"
      else if (id.length > MAX_ID) fields.id = "too_long"
      if (typeof body.name !== "string") fields.name = body.name === undefined ? "required" : "invalid"
      else if (body.name.length > MAX_NAME_LENGTH) fields.name = "too_long"
      else if (cleanName(body.name) === null) fields.name = "required"
      if (Object.keys(fields).length > 0) return invalidInput(fields)
      // Another user's id answers as an unknown one.
      if (!(await storeOf(deps).renamePasskey(user.id, id!, cleanName(body.name)!))) return fail("not_found")
      return ok(200)
    },
  },

  "passkeys/remove": {
    signedIn: true,
    fresh: true,
    passkeys: true,
    store: PASSKEY_STORE_METHODS,
    async run({ deps, body, request, user }) {
      const id = presentString(body.id)
      if (id === undefined) return invalidInput({ id: "required" })
      if (id.length > MAX_ID) return invalidInput({ id: "too_long" })
      // The store checks and removes in one step: a user without a password or a linked
      // account keeps their last passkey, however many removals race.
      const result = await storeOf(deps).removePasskey(user.id, id)
      if (result === "not_found") return fail("not_found")
      if (result === "last_sign_in_method") return fail("last_sign_in_method")
      const version = user.credentialVersion + 1
      await deps.store.updateUser(user.id, { credentialVersion: version })
      deps.background("passkeys/remove", () => sendNotice(deps, "passkey-removed", user, request.language))
      return ok(200, {}, { credentialsChanged: { userId: user.id, version, keepCaller: true } })
    },
  },

  "passkeys/sign-in-options": {
    passkeys: true,
    store: PASSKEY_STORE_METHODS,
    async run({ deps, request, now }) {
      // Signed out, and each answer stores a challenge: counted per IP.
      const { wait } = await limit(deps, "passkeys", { perIp: deps.limits.passkeys.perIp }, { ip: request.ip }, now)
      if (wait) return rateLimited(wait)
      const challenge = await newChallenge(deps, "passkey-sign-in", "", now)
      return answer(await deps.passkeys!.webauthn.authenticationOptions({ rp: deps.passkeys!.rp, challenge }))
    },
  },
}
