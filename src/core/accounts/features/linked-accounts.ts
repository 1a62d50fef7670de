/**
 * Linked accounts: the OAuth (and email-link) accounts next-auth's adapter links to a user.
 * `linked-accounts` lists them with the user's other ways to sign in, `unlink` removes one
 * unless it is the last way left. Linking is signing in with a provider while signed in
 * (next-auth does it through the kit's adapter).
 */
import { presentString } from "../../account-rules"
import { answer, type EngineFeature, fail, invalidInput, ok } from "../engine"
import type { AccountStore, AccountUser } from "../store"
import { SESSION_STORE_METHODS } from "./sessions"

/**
 * The store methods of the linked-accounts slice (with the sessions slice, what next-auth's
 * adapter needs); a store has all of them or linked accounts, and the adapter, are off.
 */
export const LINKED_ACCOUNT_STORE_METHODS = [
  "linkAccount",
  "findAccount",
  "listAccounts",
  "unlinkAccount",
  "unlinkProvider",
  "deleteUser",
  "createVerificationToken",
  "useVerificationToken",
  "findSessionByToken",
  "updateSessionByToken",
  "deleteSessionByToken",
] as const satisfies readonly (keyof AccountStore)[]

/** A store with the linked-accounts slice and the sessions slice: what `accountAdapter` runs on. */
export type LinkedAccountStore = AccountStore &
  Required<Pick<AccountStore, (typeof LINKED_ACCOUNT_STORE_METHODS)[number] | (typeof SESSION_STORE_METHODS)[number]>>

/** The store methods the adapter needs, missing from this store (none: it can be next-auth's adapter). */
export const missingAdapterMethods = (store: AccountStore): string[] =>
  [...SESSION_STORE_METHODS, ...LINKED_ACCOUNT_STORE_METHODS].filter((name) => typeof store[name] !== "function")

/** Whether a store keeps linked accounts, verification tokens and database sessions. */
export const hasLinkedAccountStore = (store: AccountStore): store is LinkedAccountStore => missingAdapterMethods(store).length === 0

/** How many passkeys the user has (0 for a store without passkeys). */
async function passkeysOf(store: AccountStore, user: AccountUser): Promise<number> {
  return typeof store.listPasskeys === "function" ? (await store.listPasskeys(user.id)).length : 0
}

/**
 * Removes every linked account (and passkey) of a user whose address nobody has proven yet, at the moment
 * someone first proves it (a reset or confirmation link from the mailbox). A provider may vouch
 * for an address it never checked: whoever signed in through it before the mailbox's holder
 * must not keep a way into the account the holder now takes over. The caller ends the user's
 * sessions too (a credential change). Nothing happens for a proven address or a store without
 * linked accounts.
 *
 * @example
 * ```ts
 * await dropUnprovenLinks(deps.store, user) // before marking user.emailVerified
 * ```
 */
export async function dropUnprovenLinks(store: AccountStore, user: AccountUser): Promise<void> {
  if (user.emailVerified) return
  // Passkeys that the unproven holder added go the same way.
  if (typeof store.listPasskeys === "function" && typeof store.removePasskey === "function") {
    for (const passkey of await store.listPasskeys(user.id)) await store.removePasskey(user.id, passkey.id)
  }
  if (!hasLinkedAccountStore(store)) return
  for (const account of await store.listAccounts(user.id)) await store.unlinkAccount(account.provider, account.providerAccountId)
}

/**
 * One linked account in the `linked-accounts` answer.
 *
 * @example
 * ```ts
 * const row: LinkedAccountItem = { provider: "github", linkedAt: "2030-01-01T10:00:00.000Z" }
 * ```
 */
export interface LinkedAccountItem {
  /** The provider's id in the app's `authOptions.providers`. */
  provider: string
  /** ISO 8601. */
  linkedAt: string
}

const MAX_PROVIDER = 100

const storeOf = (store: AccountStore): LinkedAccountStore => {
  if (!hasLinkedAccountStore(store)) throw new Error("[next-auth-kit] The account store keeps no linked accounts (linkAccount, listAccounts, …).")
  return store
}

/** The endpoints of the linked accounts. */
export const linkedAccounts: EngineFeature = {
  "linked-accounts": {
    method: "GET",
    signedIn: true,
    store: LINKED_ACCOUNT_STORE_METHODS,
    async run({ deps, user }) {
      const rows = await storeOf(deps.store).listAccounts(user.id)
      const accounts: LinkedAccountItem[] = rows.map((row) => ({ provider: row.provider, linkedAt: row.linkedAt.toISOString() }))
      return answer({ accounts, password: user.passwordHash !== null, passkeys: await passkeysOf(deps.store, user) })
    },
  },

  unlink: {
    signedIn: true,
    fresh: true,
    store: LINKED_ACCOUNT_STORE_METHODS,
    async run({ deps, body, user }) {
      const provider = presentString(body.provider)
      if (provider === undefined) return invalidInput({ provider: "required" })
      if (provider.length > MAX_PROVIDER) return invalidInput({ provider: "too_long" })
      // The store checks and removes in one step: two unlinks at once never leave nothing.
      const result = await storeOf(deps.store).unlinkProvider(user.id, provider)
      if (result === "not_found") return fail("not_found")
      if (result === "last_sign_in_method") return fail("last_sign_in_method")
      // A credential change: the user's other sessions end, this one stays.
      const version = user.credentialVersion + 1
      await deps.store.updateUser(user.id, { credentialVersion: version })
      return ok(200, {}, { credentialsChanged: { userId: user.id, version, keepCaller: true } })
    },
  },
}
