/**
 * Where the kit's account lifecycle keeps its state: users with their password hashes, single-use
 * tokens (email verification, password reset, two-factor recovery codes, passkey challenges),
 * two-factor secrets, rate-limit counters, signed-in sessions, passkeys and, for next-auth's adapter (`accountAdapter`), linked
 * OAuth accounts and next-auth's verification tokens. Small on purpose, so an
 * app can put it on any database; the kit ships `memoryAccountStore()` for tests and a SQL store
 * for SQLite/libSQL and PostgreSQL.
 *
 * Every method is one atomic step: several app instances may share one store.
 */
export interface AccountStore {
  /** The user with this normalised (lower-cased, trimmed) email, or `null`. */
  findUserByEmail(email: string): Promise<AccountUser | null>
  /** The user with this id, or `null`. */
  findUserById(id: string): Promise<AccountUser | null>
  /**
   * Creates a user. Answers `null`, creating nothing, when the email is taken (a unique
   * constraint, so two concurrent sign-ups of one address cannot both succeed).
   */
  createUser(user: NewAccountUser): Promise<AccountUser | null>
  /** Changes some fields of a user; unknown ids are ignored. */
  updateUser(id: string, patch: AccountUserPatch): Promise<void>

  /** Stores a token by its hash (the token itself is never stored). */
  createToken(token: StoredToken): Promise<void>
  /**
   * Uses a token once: when a token of this kind and hash exists, is unused and has not
   * expired at `now`, marks it used and answers its user id; otherwise answers why not. Atomic:
   * of two concurrent uses, one wins.
   */
  consumeToken(kind: TokenKind, tokenHash: string, now: Date): Promise<ConsumedToken>
  /** Removes the unused tokens of a kind for a user (a used reset link voids the others). */
  deleteTokens(userId: string, kind: TokenKind): Promise<void>
  /**
   * Gives the user a new (normalised) email, verified at `verifiedAt`, and removes next-auth's
   * verification tokens of the old address. Answers `"taken"`, changing nothing, when another
   * user has the address (a unique constraint: of two users changing to one address at once,
   * one gets it), `"unknown"` for an id nobody has. Atomic. Needed for `change-email`, which
   * answers 404 on a store without it.
   */
  changeEmail?(userId: string, email: string, verifiedAt: Date): Promise<ChangeEmailResult>

  /**
   * The user's two-factor state, or `null` when two-factor was never set up or was turned off.
   * Needed only with `createAccounts({ mfa })`.
   */
  getMfa(userId: string): Promise<MfaState | null>
  /**
   * Replaces the user's two-factor state (one row per user, written whole); `null` removes it.
   * Needed only with `createAccounts({ mfa })`.
   */
  setMfa(userId: string, state: MfaState | null): Promise<void>

  /**
   * Counts `by` hits (one by default) on a rate-limit key in a fixed window of `windowMs` that
   * started at the first hit: answers the hits so far in the current window (these included)
   * and when the window ends. `by: 0` only reads. A negative `by` gives hits back (a guess that
   * turned out right): the count never goes below 0, and a window that has ended is not
   * restarted by it. Atomic: of any number of concurrent hits, each sees its own count.
   */
  hit(key: string, windowMs: number, now: Date, by?: number): Promise<{ count: number; resetAt: Date }>
  /**
   * Removes the rate-limit counters with these keys, whatever their window (those that name a
   * deleted user: their address and id, as keyed hashes). A store without it keeps them until
   * their windows end.
   */
  forgetRateLimits?(keys: readonly string[]): Promise<void>

  /**
   * Records a sign-up that waits for its address to be confirmed, replacing any earlier one of
   * the same (normalised) address, whose link then stops working. Atomic.
   */
  savePendingSignup?(signup: PendingSignup): Promise<void>
  /** The pending sign-up of this normalised address, or `null` (expired ones included). */
  findPendingSignup?(email: string): Promise<PendingSignup | null>
  /**
   * Takes the pending sign-up whose link has this hash: when it exists and has not expired at
   * `now`, removes it and answers it. Atomic: of two concurrent uses, one wins; the other
   * answers `unknown`.
   */
  consumePendingSignup?(tokenHash: string, now: Date): Promise<ConsumedPendingSignup>

  /**
   * Records a signed-in session (one per sign-in). Ids are unique: the kit makes them random.
   * Needed, with the other session methods, for the sessions list (`GET sessions`); a store
   * without them records no sessions and those endpoints answer 404.
   */
  createSession?(session: StoredSession): Promise<void>
  /**
   * The session with this id, or `null` when there is none: never recorded, revoked, or pruned
   * (expired ones not pruned yet included, as they are).
   */
  findSession?(id: string): Promise<StoredSession | null>
  /** The user's sessions that have not expired at `now`, newest first (`createdAt`, descending). */
  listSessions?(userId: string, now: Date): Promise<StoredSession[]>
  /**
   * Marks a session active at `now`, pushing its expiry to `expiresAt`, only when its last mark
   * is at least `minIntervalMs` old and it has not expired: of any number of instances calling
   * this for one session, at most one writes per interval. Answers whether it wrote.
   */
  touchSession?(id: string, now: Date, options: { minIntervalMs: number; expiresAt: Date }): Promise<boolean>
  /**
   * Removes the session `id` when it is the user's; answers whether it was (`false` for an id
   * that is unknown, already revoked, or another user's). Atomic.
   */
  revokeSession?(userId: string, id: string): Promise<boolean>
  /** Removes every session of the user except `keep` (none kept for `null`); answers the ids removed. Atomic. */
  revokeOtherSessions?(userId: string, keep: string | null): Promise<string[]>
  /** Deletes at most `limit` sessions that expired at `now`; answers how many. */
  pruneSessions?(now: Date, limit: number): Promise<number>
  /**
   * Records that the user proved who they are in the session `id` at `at` (`authenticatedAt`)
   * when the session is the user's; answers whether it was.
   */
  markSessionAuthenticated?(userId: string, id: string, at: Date): Promise<boolean>

  /**
   * Links an OAuth (or other next-auth) account to a user. Answers `false`, linking nothing, when
   * the pair `provider` + `providerAccountId` is linked already (to anyone: a unique pair).
   * With the other methods of this slice, needed for next-auth's adapter (`accountAdapter`) and
   * the linked accounts (`linked-accounts`, `unlink`); a store without them has neither.
   */
  linkAccount?(account: LinkedAccount): Promise<boolean>
  /** The linked account of this provider and provider-side id, or `null`. */
  findAccount?(provider: string, providerAccountId: string): Promise<LinkedAccount | null>
  /** The user's linked accounts, oldest first (`linkedAt`). */
  listAccounts?(userId: string): Promise<LinkedAccount[]>
  /** Removes one linked account whoever it belongs to; answers whether it was there. */
  unlinkAccount?(provider: string, providerAccountId: string): Promise<boolean>
  /**
   * Removes the user's linked accounts of `provider` unless that would leave the user no way to
   * sign in: no password, no passkey and no account of another provider. Atomic: of concurrent
   * unlinks of a user's last two accounts, one wins and the other answers `last_sign_in_method`.
   * A store that keeps passkeys counts them as a way to sign in.
   */
  unlinkProvider?(userId: string, provider: string): Promise<UnlinkResult>
  /**
   * Deletes the user with their linked accounts, sessions, passkeys, tokens, two-factor state and
   * the verification tokens of their address; answers whether the user existed. Atomic where the
   * database has transactions.
   */
  deleteUser?(id: string): Promise<boolean>
  /** Stores an email sign-in token of next-auth's by its hash (the token itself is never stored). */
  createVerificationToken?(token: StoredVerificationToken): Promise<void>
  /**
   * Takes the verification token with this identifier and hash: removes it and answers it,
   * expired or not (next-auth checks the expiry); `null` when there is none. Atomic: of two
   * concurrent uses, one gets it.
   */
  useVerificationToken?(identifier: string, tokenHash: string): Promise<StoredVerificationToken | null>
  /** The session whose next-auth session token has this hash (`StoredSession.tokenHash`), or `null`. */
  findSessionByToken?(tokenHash: string): Promise<StoredSession | null>
  /**
   * Moves the expiry of the session with this token hash (its activity too, to `now`); answers
   * the session as updated, or `null` when there is none.
   */
  updateSessionByToken?(tokenHash: string, expiresAt: Date, now: Date): Promise<StoredSession | null>
  /** Removes the session with this token hash; answers it, or `null` when there was none. */
  deleteSessionByToken?(tokenHash: string): Promise<StoredSession | null>

  /**
   * Records a passkey of a user. Answers `false`, recording nothing, when a passkey with this
   * credential id exists (a unique id, whoever it belongs to). With the other methods of this
   * slice, needed for passkeys (`createAuthKit({ accounts: { passkeys } })`); a store without
   * them has none, and the `passkeys/*` endpoints answer 404.
   */
  createPasskey?(passkey: StoredPasskey): Promise<boolean>
  /** The passkey with this credential id, or `null`. */
  findPasskey?(id: string): Promise<StoredPasskey | null>
  /** The user's passkeys, oldest first (`createdAt`). */
  listPasskeys?(userId: string): Promise<StoredPasskey[]>
  /** Renames a passkey of the user; answers whether it was the user's. */
  renamePasskey?(userId: string, id: string, name: string): Promise<boolean>
  /**
   * Removes a passkey of the user unless it is the user's last way to sign in (no password, no
   * other passkey, no linked account): `"ok"`, `"not_found"` for another user's or an unknown
   * id, or `"last_sign_in_method"`. Atomic: of concurrent removals of a user's last two ways in
   * (passkeys, or a passkey and an unlink), one is refused.
   */
  removePasskey?(userId: string, id: string): Promise<UnlinkResult>
  /**
   * Records a sign-in with a passkey: sets its signature counter to `counter` and `lastUsedAt`
   * to `at`, only when `counter` is greater than the stored one, or both are 0 (an authenticator
   * that keeps no counter). Answers whether it wrote. Atomic (compare-and-set): of concurrent
   * uses with one counter value, one writes; a counter that went backwards, or stayed, writes
   * nothing (a cloned authenticator, or a replayed assertion).
   */
  usePasskey?(id: string, counter: number, at: Date): Promise<boolean>
}

/**
 * A passkey (a WebAuthn credential) as the store keeps it: the public key only, never a secret.
 *
 * @example
 * ```ts
 * const passkey: StoredPasskey = {
 *   id: "hP3p…", userId: "u1", publicKey: "pQECAyYgASFY…", counter: 0, transports: ["internal", "hybrid"],
 *   backedUp: true, deviceType: "multiDevice", name: "MacBook", createdAt: now, lastUsedAt: null,
 * }
 * ```
 */
export interface StoredPasskey {
  /** The credential id, base64url. Unique. */
  id: string
  userId: string
  /** The COSE public key, base64url. */
  publicKey: string
  /** The signature counter last seen (0 for authenticators that keep none). */
  counter: number
  /** How the browser can reach the authenticator (`"internal"`, `"hybrid"`, `"usb"`, …), as it said. */
  transports: string[]
  /** Whether the passkey is synced (backed up) by its provider. */
  backedUp: boolean
  /** `"singleDevice"` or `"multiDevice"` (a synced passkey). */
  deviceType: string
  /** The name the user gave it (or the kit's default), for the passkeys list. */
  name: string
  createdAt: Date
  /** When it last signed in or re-authenticated; `null` when never. */
  lastUsedAt: Date | null
}

/**
 * The answer of `changeEmail`: changed, refused because another user has the address, or no such user.
 *
 * @example
 * ```ts
 * if ((await store.changeEmail!(userId, "ada@new.example", new Date())) === "taken") refuse()
 * ```
 */
export type ChangeEmailResult = "changed" | "taken" | "unknown"

/**
 * An account of another sign-in provider (OAuth, OpenID Connect, email link) linked to a user,
 * with the tokens next-auth's `Account` carries (`null` when the provider gave none).
 *
 * @example
 * ```ts
 * const github: LinkedAccount = {
 *   userId: "u1", type: "oauth", provider: "github", providerAccountId: "583231",
 *   tokens: { access_token: "gho_…", token_type: "bearer", scope: "read:user" }, linkedAt: now,
 * }
 * ```
 */
export interface LinkedAccount {
  userId: string
  /** next-auth's provider type: `"oauth"`, `"oidc"`, `"email"`, … */
  type: string
  /** The provider's id in the app's `authOptions.providers` (`"github"`). */
  provider: string
  /** The user's id at the provider. Unique with `provider`. */
  providerAccountId: string
  tokens: OAuthTokens
  /** When the account was linked. */
  linkedAt: Date
}

/**
 * The tokens of next-auth's `Account`, by next-auth's names; missing ones are left out or `null`.
 *
 * @example
 * ```ts
 * const tokens: OAuthTokens = { access_token: "gho_…", expires_at: 1767225600, token_type: "bearer" }
 * ```
 */
export interface OAuthTokens {
  refresh_token?: string | null
  access_token?: string | null
  /** Seconds since the epoch, as the provider gave it. */
  expires_at?: number | null
  token_type?: string | null
  scope?: string | null
  id_token?: string | null
  session_state?: string | null
}

/** The names of {@link OAuthTokens}, in the order the SQL store keeps them. */
export const OAUTH_TOKEN_FIELDS = [
  "refresh_token",
  "access_token",
  "expires_at",
  "token_type",
  "scope",
  "id_token",
  "session_state",
] as const satisfies readonly (keyof OAuthTokens)[]

/**
 * The answer of `unlinkProvider` (and `removePasskey`): removed, nothing of that provider linked
 * (no such passkey of the user), or refused because it is the user's last way to sign in.
 *
 * @example
 * ```ts
 * if ((await store.unlinkProvider!(userId, "github")) === "last_sign_in_method") askForAPasswordFirst()
 * ```
 */
export type UnlinkResult = "ok" | "not_found" | "last_sign_in_method"

/**
 * next-auth's verification token (an email sign-in link) as the store keeps it: the hash of the
 * token only.
 *
 * @example
 * ```ts
 * const token: StoredVerificationToken = { identifier: "ada@example.com", tokenHash: "9f86d0…", expiresAt: inADay }
 * ```
 */
export interface StoredVerificationToken {
  /** next-auth's identifier: the address the link was sent to. */
  identifier: string
  /** Hex SHA-256 of next-auth's token. */
  tokenHash: string
  expiresAt: Date
}

/**
 * How a session was signed in: a password, a password and a two-factor code (or recovery code),
 * the single-use grant a confirmed sign-up hands its browser, an OAuth provider (a database session
 * made by the kit's adapter), an email link, or a passkey.
 */
export type SignInMethod = "password" | "code" | "grant" | "oauth" | "email" | "passkey"

/**
 * A signed-in session as the store keeps it: what the sessions list shows, and when it ends.
 * Revoking a session removes its row, so the store tells nothing about sign-ins beyond the list.
 *
 * @example
 * ```ts
 * const session: StoredSession = {
 *   id: "k3J…", userId: "u1", method: "password", ip: "203.0.113.9",
 *   browser: "Firefox 128", os: "Windows 10", deviceType: "desktop",
 *   createdAt: now, lastActiveAt: now, expiresAt: new Date(now.getTime() + 30 * 86_400_000),
 * }
 * ```
 */
export interface StoredSession {
  /** Random, unique; the jwt carries it as `sid`. */
  id: string
  userId: string
  /** `SignInMethod`, or another method a later release records. */
  method: SignInMethod | (string & {})
  /** The client IP at sign-in, or `null` when unknown. */
  ip: string | null
  /** From the User-Agent at sign-in, e.g. `"Chrome 126"`; `null` when it says nothing. */
  browser: string | null
  /** From the User-Agent at sign-in, e.g. `"macOS"`, `"Android 14"`; `null` when it says nothing. */
  os: string | null
  /** `"desktop"`, `"mobile"`, `"tablet"`, `"tv"` or `"bot"`; `null` when unknown. */
  deviceType: string | null
  createdAt: Date
  /** Written at most once per five minutes while the session is used. */
  lastActiveAt: Date
  /**
   * When the user last proved who they are in this session: the sign-in (`createdAt`, when
   * absent or `null`), or a later `reauthenticate`. Sensitive actions need it recent.
   */
  authenticatedAt?: Date | null
  /**
   * When the row may be pruned: the cookie's lifetime after the last activity, and a margin. For
   * a database session, next-auth's own `expires`.
   */
  expiresAt: Date
  /**
   * Hex SHA-256 of next-auth's session token, for a database session (the kit's adapter); unique.
   * Absent or `null` for a jwt session.
   */
  tokenHash?: string | null
}

/**
 * A sign-up waiting for its address to be confirmed: the user exists only once the link's
 * button was pressed, so nobody can hold an address they cannot read mail at.
 */
export interface PendingSignup {
  /** Normalised: trimmed and lower-cased. One pending sign-up per address. */
  email: string
  name: string | null
  /** The hasher's encoded string, as `AccountUser.passwordHash`. */
  passwordHash: string
  /** The hash of the link's token (the token itself is never stored). Unique. */
  tokenHash: string
  expiresAt: Date
  createdAt: Date
}

/** The answer of `consumePendingSignup`. */
export type ConsumedPendingSignup = { ok: true; signup: PendingSignup } | { ok: false; reason: "unknown" | "expired" }

/** A user as the account store keeps one. */
export interface AccountUser {
  id: string
  /** Normalised: trimmed and lower-cased. */
  email: string
  name: string | null
  /**
   * The hasher's own encoded string (algorithm, parameters, salt and hash); `null` for a user
   * without a password (one who signed up with OAuth or an email link).
   */
  passwordHash: string | null
  /** When the address was verified, or `null`. */
  emailVerified: Date | null
  /** A picture of the user (an URL), from an OAuth profile; `null` when none. */
  image: string | null
  roles: string[]
  /**
   * Bumped whenever the password changes, so sessions issued before (which carry the old value)
   * end.
   */
  credentialVersion: number
  createdAt: Date
}

/** What `createUser` takes. */
export type NewAccountUser = Omit<AccountUser, "id" | "createdAt" | "credentialVersion" | "image"> & {
  id?: string
  /** @default null */
  image?: string | null
}

/** What `updateUser` may change. */
export type AccountUserPatch = Partial<
  Pick<AccountUser, "name" | "image" | "passwordHash" | "emailVerified" | "roles" | "credentialVersion">
>

/**
 * A user's two-factor state as the store keeps it.
 *
 * @example
 * ```ts
 * const pending: MfaState = { secret: "v1.…", enabledAt: null } // after mfa/setup, before mfa/enable
 * ```
 */
export interface MfaState {
  /**
   * The TOTP secret, encrypted by the kit (AES-256-GCM, `v1.<iv>.<ciphertext>`): the store
   * never sees it in clear. Kept as it is.
   */
  secret: string
  /** When two-factor was turned on; `null` while the setup waits for its first code. */
  enabledAt: Date | null
}

/**
 * The kinds of single-use token: the links sent by email (`verify-email` confirms an account
 * that 0.2 created unconfirmed, `change-email` confirms a new address and carries it in
 * `data`), two-factor recovery codes (`mfa-recovery`, which never expire in practice:
 * `expiresAt` is in the year 9999), the one-time sign-in grant handed to the browser that
 * confirmed a sign-up (`signin-grant`, minutes), and the WebAuthn challenges of passkeys (five
 * minutes): `passkey-register` for adding one (its user is the one adding it), `passkey-sign-in`
 * for signing in or re-authenticating with one (no user yet: `userId` is `""`).
 */
export type TokenKind = "verify-email" | "reset-password" | "change-email" | "mfa-recovery" | "signin-grant" | "passkey-register" | "passkey-sign-in"

/** A token as stored: only its SHA-256 hash. */
export interface StoredToken {
  kind: TokenKind
  /**
   * Hex SHA-256 of the token sent by email; for a recovery code, of `<userId>:<code>`, so that
   * one user's code never opens another's account.
   */
  tokenHash: string
  userId: string
  expiresAt: Date
  /**
   * What the token carries besides its user, kept as it is: the new address of a `change-email`
   * link. Absent or `null` for the other kinds.
   */
  data?: string | null
}

/**
 * The answer of `consumeToken`: the token's user and, when it carries any, its `data`
 * (left out when the token has none).
 */
export type ConsumedToken =
  | { ok: true; userId: string; data?: string }
  | { ok: false; reason: "unknown" | "used" | "expired" }
