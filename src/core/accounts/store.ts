/**
 * Where the kit's account lifecycle keeps its state: users with their password hashes, single-use
 * tokens (email verification, password reset, two-factor recovery codes), two-factor secrets,
 * rate-limit counters and signed-in sessions. Small on purpose, so an
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
}

/**
 * How a session was signed in: a password, a password and a two-factor code (or recovery code),
 * or the single-use grant a confirmed sign-up hands its browser.
 */
export type SignInMethod = "password" | "code" | "grant"

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
  /** When the row may be pruned: the cookie's lifetime after the last activity, and a margin. */
  expiresAt: Date
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
  /** The hasher's own encoded string (algorithm, parameters, salt and hash). */
  passwordHash: string
  /** When the address was verified, or `null`. */
  emailVerified: Date | null
  roles: string[]
  /**
   * Bumped whenever the password changes, so sessions issued before (which carry the old value)
   * end.
   */
  credentialVersion: number
  createdAt: Date
}

/** What `createUser` takes. */
export type NewAccountUser = Omit<AccountUser, "id" | "createdAt" | "credentialVersion"> & {
  id?: string
}

/** What `updateUser` may change. */
export type AccountUserPatch = Partial<
  Pick<AccountUser, "name" | "passwordHash" | "emailVerified" | "roles" | "credentialVersion">
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
 * that 0.2 created unconfirmed), two-factor recovery codes (`mfa-recovery`, which never expire
 * in practice: `expiresAt` is in the year 9999), and the one-time sign-in grant handed to the
 * browser that confirmed a sign-up (`signin-grant`, minutes).
 */
export type TokenKind = "verify-email" | "reset-password" | "mfa-recovery" | "signin-grant"

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
}

/** The answer of `consumeToken`. */
export type ConsumedToken =
  | { ok: true; userId: string }
  | { ok: false; reason: "unknown" | "used" | "expired" }
