
import type {
  AccountStore,
  AccountUser,
  AccountUserPatch,
  ChangeEmailResult,
  ConsumedPendingSignup,
  ConsumedToken,
  LinkedAccount,
  MfaState,
  PendingSignup,
  NewAccountUser,
  StoredPasskey,
  StoredSession,
  StoredToken,
  StoredVerificationToken,
  TokenKind,
} from "./store"

interface TokenRow {
  kind: TokenKind
  userId: string
  expiresAt: number
  usedAt: number | null
  data: string | null
}

// Rate-limit windows that ended are swept once the map grows past this, so a long test run
// (or a dev server) that sees many addresses and IPs does not grow without bound.
const SWEEP_AT = 10_000

const copy = (user: AccountUser): AccountUser => ({
  ...user,
  roles: [...user.roles],
  emailVerified: user.emailVerified && new Date(user.emailVerified),
  createdAt: new Date(user.createdAt),
})

const copyPasskey = (passkey: StoredPasskey): StoredPasskey => ({
  ...passkey,
  transports: [...passkey.transports],
  createdAt: new Date(passkey.createdAt),
  lastUsedAt: passkey.lastUsedAt && new Date(passkey.lastUsedAt),
})

const copyAccount = (account: LinkedAccount): LinkedAccount => ({
  ...account,
  tokens: { ...account.tokens },
  linkedAt: new Date(account.linkedAt),
})

/**
 * The memory store's synchronous reads and its clock hook, for mocks and tests (the engine never
 * uses them). The reads answer copies.
 */
export interface MemoryAccountStore extends Required<AccountStore> {
  /** The user of a (normalised) address, or `null`. */
  peekUser(email: string): AccountUser | null
  /** A user's two-factor state, or `null`. */
  peekMfa(userId: string): MfaState | null
  /** Whether a token is stored and unused. */
  holdsToken(kind: TokenKind, tokenHash: string): boolean
  /** Makes every unused token of these kinds, and every pending sign-up, expired now. */
  expireTokens(kinds: readonly TokenKind[]): void
  /** Every linked account of the user, synchronously (copies). */
  peekAccounts(userId: string): LinkedAccount[]
}

/**
 * An {@link AccountStore} in this process's memory, for tests and demos: everything is lost
 * when the process ends, and two processes do not share it (rate limits included). Each
 * method is atomic within the process (it never awaits between reading and writing). Users get
 * `credentialVersion: 0`; `hit` counts in fixed windows that start at a key's first hit.
 *
 * @example
 * ```ts
 * import { createAccounts, memoryAccountStore } from "next-auth-kit/server"
 * const accounts = createAccounts({ store: memoryAccountStore(), sendEmail: async (email) => outbox.push(email) })
 * ```
 */
export function memoryAccountStore(): AccountStore {
  return inspectableMemoryStore()
}

/** {@link memoryAccountStore} with its synchronous reads and clock hook ({@link MemoryAccountStore}), for the mocks. */
export function inspectableMemoryStore(): MemoryAccountStore {
  const users = new Map<string, AccountUser>()
  const byEmail = new Map<string, string>()
  const tokens = new Map<string, TokenRow>()
  const hits = new Map<string, { count: number; resetAt: number }>()
  const mfa = new Map<string, MfaState>()
  const pending = new Map<string, PendingSignup>()
  const sessions = new Map<string, StoredSession>()
  const accounts = new Map<string, LinkedAccount>()
  const verificationTokens = new Map<string, StoredVerificationToken>()
  const passkeys = new Map<string, StoredPasskey>()
  const accountKey = (provider: string, providerAccountId: string) => `${provider}\u0000${providerAccountId}`
  const verificationKey = (identifier: string, hash: string) => `${identifier}\u0000${hash}`
  const sessionByToken = (tokenHash: string) => {
    for (const row of sessions.values()) if (row.tokenHash === tokenHash) return row
    return undefined
  }
  const copySession = (s: StoredSession): StoredSession => ({
    ...s,
    createdAt: new Date(s.createdAt),
    lastActiveAt: new Date(s.lastActiveAt),
    expiresAt: new Date(s.expiresAt),
    ...(s.authenticatedAt ? { authenticatedAt: new Date(s.authenticatedAt) } : {}),
  })
  const copyPending = (p: PendingSignup): PendingSignup => ({ ...p, expiresAt: new Date(p.expiresAt), createdAt: new Date(p.createdAt) })
  const copyMfa = (state: MfaState): MfaState => ({ secret: state.secret, enabledAt: state.enabledAt && new Date(state.enabledAt) })
  const tokenKey = (kind: TokenKind, hash: string) => `${kind}:${hash}`
  // The store's own normalising, as the SQL store does: a caller's slip cannot split an account.
  const normaliseEmail = (email: string) => email.trim().toLowerCase()

  return {
    peekUser(email) {
      const user = users.get(byEmail.get(normaliseEmail(email)) ?? "")
      return user ? copy(user) : null
    },
    peekMfa(userId) {
      const state = mfa.get(userId)
      return state ? copyMfa(state) : null
    },
    peekAccounts: (userId) => [...accounts.values()].filter((a) => a.userId === userId).map(copyAccount),
    holdsToken: (kind, tokenHash) => tokens.get(tokenKey(kind, tokenHash))?.usedAt === null,
    expireTokens(kinds) {
      for (const row of tokens.values()) if (row.usedAt === null && kinds.includes(row.kind)) row.expiresAt = 0
      for (const row of pending.values()) row.expiresAt = new Date(0)
    },
    async findUserByEmail(email) {
      const id = byEmail.get(normaliseEmail(email))
      const user = id === undefined ? undefined : users.get(id)
      return user ? copy(user) : null
    },
    async findUserById(id) {
      const user = users.get(id)
      return user ? copy(user) : null
    },
    async createUser(input: NewAccountUser) {
      const email = normaliseEmail(input.email)
      if (byEmail.has(email)) return null
      const id = input.id ?? crypto.randomUUID()
      if (users.has(id)) return null
      const user: AccountUser = {
        id,
        email,
        name: input.name,
        passwordHash: input.passwordHash,
        image: input.image ?? null,
        emailVerified: input.emailVerified && new Date(input.emailVerified),
        roles: [...input.roles],
        credentialVersion: 0,
        createdAt: new Date(),
      }
      users.set(id, user)
      byEmail.set(user.email, id)
      return copy(user)
    },
    async updateUser(id, patch: AccountUserPatch) {
      const user = users.get(id)
      if (!user) return
      if (patch.name !== undefined) user.name = patch.name
      if (patch.image !== undefined) user.image = patch.image
      if (patch.passwordHash !== undefined) user.passwordHash = patch.passwordHash
      if (patch.emailVerified !== undefined) user.emailVerified = patch.emailVerified && new Date(patch.emailVerified)
      if (patch.roles !== undefined) user.roles = [...patch.roles]
      if (patch.credentialVersion !== undefined) user.credentialVersion = patch.credentialVersion
    },

    async createToken(token: StoredToken) {
      tokens.set(tokenKey(token.kind, token.tokenHash), {
        kind: token.kind,
        userId: token.userId,
        expiresAt: token.expiresAt.getTime(),
        usedAt: null,
        data: token.data ?? null,
      })
    },
    async consumeToken(kind, tokenHash, now): Promise<ConsumedToken> {
      const row = tokens.get(tokenKey(kind, tokenHash))
      if (!row) return { ok: false, reason: "unknown" }
      if (row.usedAt !== null) return { ok: false, reason: "used" }
      if (row.expiresAt <= now.getTime()) return { ok: false, reason: "expired" }
      row.usedAt = now.getTime()
      return row.data === null ? { ok: true, userId: row.userId } : { ok: true, userId: row.userId, data: row.data }
    },
    async deleteTokens(userId, kind) {
      for (const [key, row] of tokens) {
        if (row.userId === userId && row.kind === kind && row.usedAt === null) tokens.delete(key)
      }
    },

    async changeEmail(userId, newEmail, verifiedAt): Promise<ChangeEmailResult> {
      const user = users.get(userId)
      if (!user) return "unknown"
      const email = normaliseEmail(newEmail)
      const owner = byEmail.get(email)
      if (owner !== undefined && owner !== userId) return "taken"
      if (email !== user.email) for (const [key, t] of verificationTokens) if (t.identifier === user.email) verificationTokens.delete(key)
      byEmail.delete(user.email)
      byEmail.set(email, userId)
      user.email = email
      user.emailVerified = new Date(verifiedAt)
      return "changed"
    },

    async getMfa(userId) {
      const state = mfa.get(userId)
      return state ? copyMfa(state) : null
    },
    async setMfa(userId, state) {
      if (state) mfa.set(userId, copyMfa(state))
      else mfa.delete(userId)
    },

    async hit(key, windowMs, now, by = 1) {
      const at = now.getTime()
      if (hits.size >= SWEEP_AT) for (const [k, window] of hits) if (window.resetAt <= at) hits.delete(k)
      let window = hits.get(key)
      if (!window || window.resetAt <= at) {
        // A refund never opens a window.
        if (by < 0) return { count: 0, resetAt: new Date(at) }
        hits.set(key, (window = { count: 0, resetAt: at + windowMs }))
      }
      window.count = Math.max(0, window.count + by)
      return { count: window.count, resetAt: new Date(window.resetAt) }
    },

    async forgetRateLimits(keys) {
      for (const key of keys) hits.delete(key)
    },

    async savePendingSignup(signup) {
      pending.set(normaliseEmail(signup.email), copyPending({ ...signup, email: normaliseEmail(signup.email) }))
    },
    async findPendingSignup(email) {
      const row = pending.get(normaliseEmail(email))
      return row ? copyPending(row) : null
    },
    async consumePendingSignup(tokenHash, now): Promise<ConsumedPendingSignup> {
      for (const [email, row] of pending) {
        if (row.tokenHash !== tokenHash) continue
        if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" }
        pending.delete(email)
        return { ok: true, signup: copyPending(row) }
      }
      return { ok: false, reason: "unknown" }
    },

    async createSession(session) {
      if (sessions.has(session.id)) throw new Error(`A session with id ${JSON.stringify(session.id)} exists.`)
      if (session.tokenHash && sessionByToken(session.tokenHash)) throw new Error("A session with this token exists.")
      sessions.set(session.id, copySession(session))
    },
    async findSession(id) {
      const row = sessions.get(id)
      return row ? copySession(row) : null
    },
    async listSessions(userId, now) {
      const at = now.getTime()
      // Newest first; of two created in one millisecond, the one recorded last.
      return [...sessions.values()]
        .reverse()
        .filter((s) => s.userId === userId && s.expiresAt.getTime() > at)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .map(copySession)
    },
    async touchSession(id, now, { minIntervalMs, expiresAt }) {
      const row = sessions.get(id)
      const at = now.getTime()
      if (!row || row.expiresAt.getTime() <= at || row.lastActiveAt.getTime() > at - minIntervalMs) return false
      row.lastActiveAt = new Date(at)
      row.expiresAt = new Date(expiresAt)
      return true
    },
    async markSessionAuthenticated(userId, id, at) {
      const row = sessions.get(id)
      if (!row || row.userId !== userId) return false
      row.authenticatedAt = new Date(at)
      return true
    },
    async revokeSession(userId, id) {
      const row = sessions.get(id)
      if (!row || row.userId !== userId) return false
      sessions.delete(id)
      return true
    },
    async revokeOtherSessions(userId, keep) {
      const removed: string[] = []
      for (const [id, row] of sessions) {
        if (row.userId === userId && id !== keep) {
          sessions.delete(id)
          removed.push(id)
        }
      }
      return removed
    },
    async pruneSessions(now, limit) {
      let removed = 0
      for (const [id, row] of sessions) {
        if (removed >= limit) break
        if (row.expiresAt.getTime() <= now.getTime()) {
          sessions.delete(id)
          removed++
        }
      }
      return removed
    },

    async linkAccount(account) {
      const key = accountKey(account.provider, account.providerAccountId)
      if (accounts.has(key)) return false
      accounts.set(key, copyAccount(account))
      return true
    },
    async findAccount(provider, providerAccountId) {
      const row = accounts.get(accountKey(provider, providerAccountId))
      return row ? copyAccount(row) : null
    },
    async listAccounts(userId) {
      return [...accounts.values()]
        .filter((a) => a.userId === userId)
        .sort((a, b) => a.linkedAt.getTime() - b.linkedAt.getTime())
        .map(copyAccount)
    },
    async unlinkAccount(provider, providerAccountId) {
      return accounts.delete(accountKey(provider, providerAccountId))
    },
    async unlinkProvider(userId, provider) {
      const mine = [...accounts.entries()].filter(([, a]) => a.userId === userId)
      const these = mine.filter(([, a]) => a.provider === provider)
      if (these.length === 0) return "not_found"
      const hasPassword = Boolean(users.get(userId)?.passwordHash)
      const hasPasskey = [...passkeys.values()].some((p) => p.userId === userId)
      if (!hasPassword && !hasPasskey && mine.length === these.length) return "last_sign_in_method"
      for (const [key] of these) accounts.delete(key)
      return "ok"
    },
    async deleteUser(id) {
      const user = users.get(id)
      if (!user) return false
      users.delete(id)
      byEmail.delete(user.email)
      for (const [key, a] of accounts) if (a.userId === id) accounts.delete(key)
      for (const [key, s] of sessions) if (s.userId === id) sessions.delete(key)
      for (const [key, p] of passkeys) if (p.userId === id) passkeys.delete(key)
      for (const [key, t] of tokens) if (t.userId === id) tokens.delete(key)
      for (const [key, t] of verificationTokens) if (t.identifier === user.email) verificationTokens.delete(key)
      mfa.delete(id)
      return true
    },
    async createVerificationToken(token) {
      verificationTokens.set(verificationKey(token.identifier, token.tokenHash), { ...token, expiresAt: new Date(token.expiresAt) })
    },
    async useVerificationToken(identifier, tokenHash) {
      const key = verificationKey(identifier, tokenHash)
      const row = verificationTokens.get(key)
      if (!row) return null
      verificationTokens.delete(key)
      return { ...row, expiresAt: new Date(row.expiresAt) }
    },
    async findSessionByToken(tokenHash) {
      const row = sessionByToken(tokenHash)
      return row ? copySession(row) : null
    },
    async updateSessionByToken(tokenHash, expiresAt, now) {
      const row = sessionByToken(tokenHash)
      if (!row) return null
      row.expiresAt = new Date(expiresAt)
      row.lastActiveAt = new Date(now)
      return copySession(row)
    },
    async deleteSessionByToken(tokenHash) {
      const row = sessionByToken(tokenHash)
      if (!row) return null
      sessions.delete(row.id)
      return copySession(row)
    },

    async createPasskey(passkey) {
      if (passkeys.has(passkey.id)) return false
      passkeys.set(passkey.id, copyPasskey(passkey))
      return true
    },
    async findPasskey(id) {
      const row = passkeys.get(id)
      return row ? copyPasskey(row) : null
    },
    async listPasskeys(userId) {
      return [...passkeys.values()]
        .filter((p) => p.userId === userId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map(copyPasskey)
    },
    async renamePasskey(userId, id, name) {
      const row = passkeys.get(id)
      if (!row || row.userId !== userId) return false
      row.name = name
      return true
    },
    async removePasskey(userId, id) {
      const row = passkeys.get(id)
      if (!row || row.userId !== userId) return "not_found"
      const hasPassword = Boolean(users.get(userId)?.passwordHash)
      const otherPasskey = [...passkeys.values()].some((p) => p.userId === userId && p.id !== id)
      const linked = [...accounts.values()].some((a) => a.userId === userId)
      if (!hasPassword && !otherPasskey && !linked) return "last_sign_in_method"
      passkeys.delete(id)
      return "ok"
    },
    async usePasskey(id, counter, at) {
      const row = passkeys.get(id)
      if (!row || !(counter > row.counter || (counter === 0 && row.counter === 0))) return false
      row.counter = counter
      row.lastUsedAt = new Date(at)
      return true
    },
  }
}
