/**
 * Where the kit's account lifecycle keeps its state: users with their password hashes, single-use
 * tokens (email verification, password reset) and rate-limit counters. Small on purpose, so an
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
   * Counts `by` hits (one by default) on a rate-limit key in a fixed window of `windowMs` that
   * started at the first hit: answers the hits so far in the current window (these included)
   * and when the window ends. `by: 0` only reads. Atomic.
   */
  hit(key: string, windowMs: number, now: Date, by?: number): Promise<{ count: number; resetAt: Date }>
}

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

/** The kinds of single-use token. */
export type TokenKind = "verify-email" | "reset-password"

/** A token as stored: only its SHA-256 hash. */
export interface StoredToken {
  kind: TokenKind
  /** Hex SHA-256 of the token sent by email. */
  tokenHash: string
  userId: string
  expiresAt: Date
}

/** The answer of `consumeToken`. */
export type ConsumedToken =
  | { ok: true; userId: string }
  | { ok: false; reason: "unknown" | "used" | "expired" }
