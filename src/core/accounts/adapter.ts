/**
 * next-auth v4's `Adapter` over the kit's account store: OAuth and email-link users live in the
 * same users table as password users, their provider accounts in the store's linked accounts,
 * next-auth's database sessions in the kit's sessions (so the sessions list shows them), and
 * next-auth's email sign-in tokens by their hash.
 *
 * Runtime-neutral (Web Crypto): the server hands it what only a request knows (the sign-in
 * method, IP and User-Agent of a new database session) through {@link AccountAdapterOptions}.
 */
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser, VerificationToken } from "next-auth/adapters"
import { normaliseEmail } from "../account-rules"
import { AuthKitError } from "../errors"
import { base64url, randomBytes } from "./crypto"
import { hasLinkedAccountStore, type LinkedAccountStore, missingAdapterMethods } from "./features/linked-accounts"
import { ACTIVITY_INTERVAL_MS, describeDevice } from "./features/sessions"
import { type AccountStore, type AccountUser, type LinkedAccount, OAUTH_TOKEN_FIELDS, type OAuthTokens, type StoredSession } from "./store"
import { hashToken } from "./tokens"

/**
 * What the host knows of the request that creates a database session: how the user signed in
 * and from where. Every field is optional.
 *
 * @example
 * ```ts
 * const details: AdapterSessionDetails = { method: "oauth", ip: "203.0.113.9", userAgent: "Mozilla/5.0 …" }
 * ```
 */
export interface AdapterSessionDetails {
  /** The sign-in method the sessions list shows. @default "oauth" */
  method?: string
  ip?: string
  userAgent?: string
}

/**
 * Options of {@link accountAdapter}.
 *
 * @example
 * ```ts
 * accountAdapter(store, { defaultRoles: ["user"], sessionDetails: () => ({ method: "oauth", ip, userAgent }) })
 * ```
 */
export interface AccountAdapterOptions {
  /** The roles of a user the adapter creates (an OAuth or email-link sign-up). @default [] */
  defaultRoles?: readonly string[]
  /**
   * Called when next-auth creates a database session, for the sessions list's method, IP and
   * device. `createAuthKit` passes one that reads the request being served.
   */
  sessionDetails?: (session: { userId: string }) => AdapterSessionDetails | undefined | Promise<AdapterSessionDetails | undefined>
  /**
   * Called once a database session is recorded, with the User-Agent it was recorded from:
   * `createAuthKit` passes one that sends the "new sign-in" email for a browser new to the user.
   */
  started?: (session: StoredSession, userAgent: string | undefined) => void
  /** Receives the failures of background work (a session's activity write). @default ignored */
  onError?: (error: unknown) => void
  /** The clock, for tests. @default () => new Date() */
  now?: () => Date
}

/**
 * A user as next-auth's adapter answers it: next-auth's fields, the kit's `roles` (which the
 * kit's role claims read with the `database` strategy) and credential version (never the
 * password hash).
 *
 * @example
 * ```ts
 * const user = (await adapter.getUserByEmail!("ada@example.com")) as AccountAdapterUser | null
 * if (user?.roles.includes("admin")) …
 * ```
 */
export interface AccountAdapterUser extends AdapterUser {
  roles: string[]
  /** The user's credential version: with the `jwt` strategy the kit's session check reads it at sign-in. */
  credentialVersion: number
}

const MAX_IP = 64

/**
 * next-auth v4's `Adapter` over the kit's account store (a store with the linked-accounts and
 * sessions slices: `memoryAccountStore()` and `sqlAccountStore(…)` have them). `createAuthKit`
 * sets it as `kit.authOptions.adapter` by itself when the app gives none; call it for the 0.2
 * setup, or to wrap it.
 *
 * - Emails are normalised (trimmed, lower-cased) as the kit's own sign-up does. A profile
 *   without an email is refused (`invalid_input`): the kit's users need an address; ask the
 *   provider for it (GitHub's `user:email` scope, …).
 * - Users it creates have no password (`authorize` refuses them as a wrong password) until they
 *   set one with `forgot-password`.
 * - `updateUser` changes `name`, `image` and `emailVerified`; an address changes through the
 *   account endpoints only.
 * - A database session is a row of the kit's sessions (the sessions list shows it; revoking it
 *   signs that browser out at its next request); the store keeps a SHA-256 hash of next-auth's
 *   session token, and of each verification token, never the token.
 *
 * @example
 * ```ts
 * import { accountAdapter, sqlAccountStore, libsqlDriver } from "next-auth-kit/server"
 * const store = sqlAccountStore(libsqlDriver({ url: "file:.data/auth.db" }))
 * export const authOptions: NextAuthOptions = { adapter: accountAdapter(store), providers: [GitHub({ … })] }
 * ```
 * @throws AuthKitError `invalid_config` when the store has not every method of the linked-accounts
 * and sessions slices (a custom store of 0.2).
 */
export function accountAdapter(store: AccountStore, options: AccountAdapterOptions = {}): Adapter {
  if (!hasLinkedAccountStore(store)) {
    throw new AuthKitError(
      "invalid_config",
      `accountAdapter: the account store lacks ${missingAdapterMethods(store).join(", ")}; next-auth's adapter needs the store's linked-accounts and sessions slices (memoryAccountStore() and sqlAccountStore(…) have them).`,
    )
  }
  const s: LinkedAccountStore = store
  const now = () => options.now?.() ?? new Date()
  const defaultRoles = [...(options.defaultRoles ?? [])]

  const userOrThrow = async (id: string): Promise<AccountAdapterUser> => {
    const user = await s.findUserById(id)
    if (!user) throw new AuthKitError("not_found", `accountAdapter: no user with id ${JSON.stringify(id)}.`)
    return toAdapterUser(user)
  }

  const sessionOf = (row: StoredSession, sessionToken: string): AdapterSession => ({
    sessionToken,
    userId: row.userId,
    expires: row.expiresAt,
  })

  return {
    async createUser(user: Omit<AdapterUser, "id">) {
      const email = typeof user.email === "string" ? normaliseEmail(user.email) : ""
      if (!email) {
        throw new AuthKitError(
          "invalid_input",
          "accountAdapter: the provider's profile has no email address, and the kit's users need one: ask the provider for the address (e.g. GitHub's user:email scope) or map it in the provider's profile().",
        )
      }
      const created = await s.createUser({
        email,
        name: typeof user.name === "string" ? user.name : null,
        image: typeof user.image === "string" ? user.image : null,
        passwordHash: null,
        emailVerified: user.emailVerified instanceof Date ? user.emailVerified : null,
        roles: [...defaultRoles],
      })
      if (!created) throw new AuthKitError("invalid_input", `accountAdapter: a user with the address ${email} exists.`)
      return toAdapterUser(created)
    },

    async getUser(id) {
      const user = await s.findUserById(String(id))
      return user ? toAdapterUser(user) : null
    },

    async getUserByEmail(email) {
      const user = await s.findUserByEmail(normaliseEmail(String(email)))
      return user ? toAdapterUser(user) : null
    },

    async getUserByAccount({ provider, providerAccountId }) {
      const account = await s.findAccount(String(provider), String(providerAccountId))
      if (!account) return null
      const user = await s.findUserById(account.userId)
      return user ? toAdapterUser(user) : null
    },

    async updateUser(user) {
      await s.updateUser(String(user.id), {
        ...(user.name !== undefined && { name: user.name ?? null }),
        ...(user.image !== undefined && { image: user.image ?? null }),
        ...(user.emailVerified !== undefined && { emailVerified: user.emailVerified ?? null }),
      })
      return userOrThrow(String(user.id))
    },

    async deleteUser(userId) {
      await s.deleteUser(String(userId))
    },

    async linkAccount(account: AdapterAccount) {
      const linked: LinkedAccount = {
        userId: String(account.userId),
        type: String(account.type),
        provider: String(account.provider),
        providerAccountId: String(account.providerAccountId),
        tokens: tokensOf(account),
        linkedAt: now(),
      }
      if (!(await s.linkAccount(linked))) {
        throw new AuthKitError("invalid_input", `accountAdapter: the ${linked.provider} account ${linked.providerAccountId} is linked already.`)
      }
      return account
    },

    async unlinkAccount({ provider, providerAccountId }: Pick<AdapterAccount, "provider" | "providerAccountId">) {
      await s.unlinkAccount(String(provider), String(providerAccountId))
    },

    async createSession({ sessionToken, userId, expires }) {
      const details = (await options.sessionDetails?.({ userId })) ?? {}
      const at = now()
      const session: StoredSession = {
        id: base64url(randomBytes(16)),
        userId,
        method: details.method ?? "oauth",
        ip: typeof details.ip === "string" && details.ip !== "" ? details.ip.slice(0, MAX_IP) : null,
        ...describeDevice(details.userAgent),
        createdAt: at,
        lastActiveAt: at,
        expiresAt: expires,
        tokenHash: await hashToken(sessionToken),
      }
      await s.createSession(session)
      options.started?.(session, details.userAgent)
      return { sessionToken, userId, expires }
    },

    async getSessionAndUser(sessionToken) {
      const row = await s.findSessionByToken(await hashToken(String(sessionToken)))
      if (!row) return null
      const user = await s.findUserById(row.userId)
      if (!user) return null
      // The sessions list's "last active", written at most once per interval. next-auth itself
      // writes the expiry only once per `updateAge` (a day by default).
      const at = now()
      if (at.getTime() - row.lastActiveAt.getTime() >= ACTIVITY_INTERVAL_MS && row.expiresAt > at) {
        s.touchSession(row.id, at, { minIntervalMs: ACTIVITY_INTERVAL_MS, expiresAt: row.expiresAt }).catch((error: unknown) => options.onError?.(error))
      }
      return { session: sessionOf(row, sessionToken), user: toAdapterUser(user) }
    },

    async updateSession({ sessionToken, expires }) {
      const hash = await hashToken(String(sessionToken))
      const row = expires ? await s.updateSessionByToken(hash, expires, now()) : await s.findSessionByToken(hash)
      return row ? sessionOf(row, sessionToken) : null
    },

    async deleteSession(sessionToken) {
      const row = await s.deleteSessionByToken(await hashToken(String(sessionToken)))
      return row ? sessionOf(row, sessionToken) : null
    },

    async createVerificationToken({ identifier, token, expires }) {
      await s.createVerificationToken({ identifier, tokenHash: await hashToken(token), expiresAt: expires })
      return { identifier, token, expires }
    },

    async useVerificationToken({ identifier, token }): Promise<VerificationToken | null> {
      const row = await s.useVerificationToken(String(identifier), await hashToken(String(token)))
      return row ? { identifier: row.identifier, token, expires: row.expiresAt } : null
    },
  }
}

/** A store user as next-auth's adapter answers it (never the password hash). */
export function toAdapterUser(user: AccountUser): AccountAdapterUser {
  return {
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerified,
    name: user.name,
    image: user.image,
    roles: [...user.roles],
    credentialVersion: user.credentialVersion,
  }
}

function tokensOf(account: AdapterAccount): OAuthTokens {
  const tokens: OAuthTokens = {}
  for (const field of OAUTH_TOKEN_FIELDS) {
    const value = (account as Record<string, unknown>)[field]
    if (value === undefined || value === null) continue
    if (field === "expires_at") {
      const seconds = Number(value)
      if (Number.isSafeInteger(seconds)) tokens.expires_at = seconds
    } else tokens[field] = String(value)
  }
  return tokens
}
