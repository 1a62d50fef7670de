/**
 * Account settings: `settings` tells the settings page what the account has (a password,
 * two-factor); `profile` changes the signed-in user's name and picture (the session shows them
 * after next-auth's `update()`); `delete-account` removes the account and everything of it.
 */
import { cleanName, MAX_NAME_LENGTH } from "../../account-rules"
import { answer, type EngineFeature, type Fields, fail, forgetLimitsOf, invalidInput, ok } from "../engine"
import type { AccountUserPatch } from "../store"
import { sendNotice } from "./sign-up"

/** The longest picture URL kept. */
export const MAX_IMAGE_URL_LENGTH = 2048

/**
 * A picture URL as `profile` keeps it: an absolute `https:` URL without credentials, or `null`
 * for none (`null` or an empty string); `undefined` for a value it refuses.
 */
export function cleanImageUrl(value: unknown): string | null | undefined {
  if (value === null || value === "") return null
  if (typeof value !== "string" || value.length > MAX_IMAGE_URL_LENGTH) return undefined
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    return undefined
  }
  if (url.protocol !== "https:" || url.username !== "" || url.password !== "") return undefined
  return url.href
}

/** The user as the `profile` answer shows it. */
export interface ProfileUser {
  email: string
  name: string | null
  image: string | null
}

/**
 * The `settings` answer: the user as `profile` shows it and the ways the account can prove who
 * its user is (what the settings page offers: change the password, turn two-factor off, which
 * the re-authentication prompt asks for).
 *
 * @example
 * ```ts
 * const state: AccountSettingsState = { user: { email: "ada@example.com", name: "Ada", image: null }, password: true, twoFactor: false, passkeys: 0 }
 * ```
 */
export interface AccountSettingsState {
  user: ProfileUser
  /** Whether the user has a password (an account made through a provider has none). */
  password: boolean
  /** Whether two-factor authentication is on. */
  twoFactor: boolean
  /** How many passkeys the account has (0 with passkeys off): the prompt offers one when any. */
  passkeys: number
}

/** The endpoints of the account settings. */
export const settings: EngineFeature = {
  settings: {
    method: "GET",
    signedIn: true,
    async run({ deps, user }) {
      const mfa = deps.mfa && deps.store.getMfa ? await deps.store.getMfa(user.id) : null
      const passkeys = deps.passkeys && deps.store.listPasskeys ? (await deps.store.listPasskeys(user.id)).length : 0
      const state: AccountSettingsState = {
        user: { email: user.email, name: user.name, image: user.image ?? null },
        password: user.passwordHash !== null,
        twoFactor: Boolean(mfa?.enabledAt),
        passkeys,
      }
      return answer({ ...state })
    },
  },
  profile: {
    signedIn: true,
    async run({ deps, body, user }) {
      const fields: Fields = {}
      const patch: AccountUserPatch = {}
      if (body.name !== undefined) {
        if (body.name !== null && typeof body.name !== "string") fields.name = "invalid"
        else if (typeof body.name === "string" && body.name.length > MAX_NAME_LENGTH) fields.name = "too_long"
        else patch.name = cleanName(body.name)
      }
      if (body.image !== undefined) {
        const image = cleanImageUrl(body.image)
        if (image === undefined) fields.image = typeof body.image === "string" && body.image.length > MAX_IMAGE_URL_LENGTH ? "too_long" : "invalid"
        else patch.image = image
      }
      if (Object.keys(fields).length > 0) return invalidInput(fields)
      if (Object.keys(patch).length > 0) await deps.store.updateUser(user.id, patch)
      const profile: ProfileUser = { email: user.email, name: patch.name !== undefined ? patch.name : user.name, image: patch.image !== undefined ? patch.image : (user.image ?? null) }
      return answer({ user: profile })
    },
  },
  "delete-account": {
    signedIn: true,
    fresh: true,
    store: ["deleteUser"],
    async run({ deps, request, user }) {
      // The user, their linked accounts, sessions, tokens, two-factor state and verification
      // tokens, in the store's one step; every session ends (the user is gone).
      // Of requests racing, one deletes: the others find nobody, as after the deletion.
      if (!(await deps.store.deleteUser!(user.id))) return fail("unauthenticated")
      // The limits' counters that name the user (keyed hashes of the address and id) go too.
      await forgetLimitsOf(deps, user)
      deps.background("delete-account", () => sendNotice(deps, "account-deleted", user, request.language))
      return ok(200, {}, { credentialsChanged: { userId: user.id, version: user.credentialVersion + 1, keepCaller: false } })
    },
  },
}
