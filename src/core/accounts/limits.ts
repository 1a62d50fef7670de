import { hmacHex } from "./crypto"
import type { AccountStore } from "./store"

/**
 * At most `limit` attempts in a fixed window of `windowMs` milliseconds.
 *
 * @example
 * ```ts
 * const fivePerHour: RateLimit = { limit: 5, windowMs: 60 * 60 * 1000 }
 * ```
 */
export interface RateLimit {
  limit: number
  windowMs: number
}

/**
 * The limits of one kind of request: per email address and per client IP, each counted in
 * the store (so every app instance sees the same counts). `false` turns one off; a scope left
 * out keeps its default.
 *
 * @example
 * ```ts
 * const rule: RateLimitRule = { perIp: { limit: 100, windowMs: 15 * 60_000 }, perAddress: false }
 * ```
 */
export interface RateLimitRule {
  perAddress?: RateLimit | false
  perIp?: RateLimit | false
}

/**
 * The kinds of request that are rate limited, each with its {@link RateLimitRule}.
 *
 * @example
 * ```ts
 * const limits: Partial<AccountRateLimits> = { signIn: { perIp: false } }
 * createAccounts({ store, sendEmail, rateLimits: limits })
 * ```
 */
export interface AccountRateLimits {
  /** `authorize` (sign-in attempts, right or wrong; per address the wrong ones). */
  signIn: RateLimitRule
  /** `signup`. */
  signUp: RateLimitRule
  /**
   * `forgot-password`, `resend-verification` and `change-email`, each counted apart. Per address:
   * the address asked about (for `change-email`, the new one).
   */
  email: RateLimitRule
  /** `verify-email` and `reset-password` together (guesses at tokens). Per IP only. */
  token: RateLimitRule
  /** `change-password` (guesses at the current password). Per address: the signed-in user's. */
  changePassword: RateLimitRule
  /**
   * Two-factor codes: `authorize` with a code, `mfa/setup`, `mfa/enable` and `mfa/disable`.
   * Per address: failed attempts of the user (wrong codes, a wrong password in `mfa/disable`).
   */
  mfa: RateLimitRule
  /** `reauthenticate` (a password, a two-factor code or a passkey). Per address: the user's failed attempts. */
  reauthenticate: RateLimitRule
  /**
   * Passkeys: `passkeys/sign-in-options` (per IP: each makes a challenge, signed out), and
   * `passkeys/register-options` with `passkeys/register` (per address: the signed-in user's
   * attempts). Sign-in with a passkey counts against `signIn`'s per-IP limit.
   */
  passkeys: RateLimitRule
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/**
 * The default limits (counted in the store, so they hold across instances):
 *
 * | requests | per address | per IP |
 * |---|---|---|
 * | sign-in (`authorize`) | 10 failures / 15 min | 50 / 15 min |
 * | `signup` | 3 / hour | 5 / hour |
 * | `forgot-password`, `resend-verification`, `change-email` (each) | 5 / hour | 20 / hour |
 * | `verify-email` + `reset-password` (one counter) | — | 10 / 15 min |
 * | `change-password` | 10 / 15 min | 30 / 15 min |
 * | two-factor (`authorize` with a code, `mfa/*`) | 10 failures / 15 min per user | 50 / 15 min |
 * | `reauthenticate` | 10 failures / 15 min per user | 50 / 15 min |
 * | passkeys (`passkeys/sign-in-options`; `register-options` and `register`) | 20 / 15 min per user | 100 / 15 min |
 *
 * Every attempt is counted before its secret is checked, atomically in the store, so that no
 * burst of concurrent guesses gets more than the limit evaluated. Per address at sign-in and for
 * two-factor codes, a right answer gives its count back: there only failures stay counted, and
 * the owner's own sign-ins never count against them. An unknown client IP skips the per-IP
 * limits; the per-address ones still hold.
 *
 * @example
 * ```ts
 * DEFAULT_RATE_LIMITS.signUp // { perAddress: { limit: 3, windowMs: 3_600_000 }, perIp: { limit: 5, windowMs: 3_600_000 } }
 * ```
 */
export const DEFAULT_RATE_LIMITS: AccountRateLimits = {
  signIn: { perAddress: { limit: 10, windowMs: 15 * MINUTE }, perIp: { limit: 50, windowMs: 15 * MINUTE } },
  signUp: { perAddress: { limit: 3, windowMs: HOUR }, perIp: { limit: 5, windowMs: HOUR } },
  email: { perAddress: { limit: 5, windowMs: HOUR }, perIp: { limit: 20, windowMs: HOUR } },
  token: { perAddress: false, perIp: { limit: 10, windowMs: 15 * MINUTE } },
  changePassword: { perAddress: { limit: 10, windowMs: 15 * MINUTE }, perIp: { limit: 30, windowMs: 15 * MINUTE } },
  mfa: { perAddress: { limit: 10, windowMs: 15 * MINUTE }, perIp: { limit: 50, windowMs: 15 * MINUTE } },
  reauthenticate: { perAddress: { limit: 10, windowMs: 15 * MINUTE }, perIp: { limit: 50, windowMs: 15 * MINUTE } },
  passkeys: { perAddress: { limit: 20, windowMs: 15 * MINUTE }, perIp: { limit: 100, windowMs: 15 * MINUTE } },
}

/** The defaults with the app's rules on top, rule by rule. */
export function resolveRateLimits(override: Partial<Record<keyof AccountRateLimits, RateLimitRule>> = {}): AccountRateLimits {
  const result = { ...DEFAULT_RATE_LIMITS }
  for (const name of Object.keys(DEFAULT_RATE_LIMITS) as Array<keyof AccountRateLimits>) {
    result[name] = { ...DEFAULT_RATE_LIMITS[name], ...override[name] }
  }
  return result
}

/** Checks a rule's shape once, at creation; answers the problem or `null`. */
export function rateLimitProblem(limits: AccountRateLimits): string | null {
  for (const [name, rule] of Object.entries(limits)) {
    for (const [scope, limit] of Object.entries(rule)) {
      if (limit === false || limit === undefined) continue
      const { limit: max, windowMs } = limit as RateLimit
      if (!Number.isInteger(max) || max < 1 || !Number.isFinite(windowMs) || windowMs <= 0) {
        return `rateLimits.${name}.${scope} must be { limit: a positive integer, windowMs: a positive number } or false.`
      }
    }
  }
  return null
}

/**
 * The keys of the counters: a keyed hash (HMAC under a key derived from the app's secret) of
 * what is counted, so the store holds no list of the addresses someone asked about, nor one that
 * a dictionary of addresses could recover; every key has the same short length.
 */
export type LimitKeys = (name: string, scope: "address" | "ip", value: string) => Promise<string>

/** {@link LimitKeys} under a derived key. */
export function limitKeys(key: () => Promise<Uint8Array>): LimitKeys {
  return async (name, scope, value) => `accounts:${name}:${scope}:${(await hmacHex(await key(), `${scope}:${value}`)).slice(0, 32)}`
}

/**
 * The limits counted per user, by the name each is counted under: those keyed on the user's
 * email address, and those keyed on the user's id. Deleting the account removes these counters
 * (`forgetRateLimits`); a limit counted per user under a new name must be listed here.
 */
export const LIMITS_OF_A_USER = {
  email: ["signin", "signup", "forgot", "resend", "change-email"],
  id: ["change-password", "mfa", "reauthenticate", "passkeys"],
} as const

/** What {@link attempt} answers: the seconds to wait (`0`: go on), and how to give the count back. */
export interface Attempt {
  wait: number
  /** Gives back what this attempt counted against the address (a right answer). */
  succeeded(): Promise<void>
}

const waitOf = (resetAt: Date, now: Date) => Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000))

/**
 * Counts one attempt against a rule before anything is checked, in one atomic store step per
 * scope, and answers whether it may go on. Of any number of concurrent attempts, at most `limit`
 * see a count within the limit: no more guesses than that are ever evaluated per window.
 *
 * `refundAddress`: a success gives the per-address count back (failures-only limits: sign-in,
 * two-factor codes), so that nobody locks a user out with their own right answers. The per-IP
 * count is never given back. An unknown IP (`undefined`, `null`, `""`) skips the per-IP limit,
 * so that one shared bucket never locks every visitor out.
 */
export async function attempt(
  store: AccountStore,
  keys: LimitKeys,
  name: string,
  rule: RateLimitRule,
  { address, ip }: { address?: string; ip?: string | null },
  now: Date,
  { refundAddress = false }: { refundAddress?: boolean } = {},
): Promise<Attempt> {
  const counted: Array<{ key: string; windowMs: number }> = []
  const count = async (scope: "address" | "ip", value: string, { limit, windowMs }: RateLimit) => {
    const key = await keys(name, scope, value)
    const { count, resetAt } = await store.hit(key, windowMs, now)
    if (scope === "address" && refundAddress) counted.push({ key, windowMs })
    return count > limit ? waitOf(resetAt, now) : 0
  }
  const checks: Array<Promise<number>> = []
  if (rule.perAddress && address) checks.push(count("address", address, rule.perAddress))
  if (rule.perIp && ip) checks.push(count("ip", ip, rule.perIp))
  const wait = Math.max(0, ...(await Promise.all(checks)))
  return {
    wait,
    async succeeded() {
      await Promise.all(counted.map(({ key, windowMs }) => store.hit(key, windowMs, now, -1)))
    },
  }
}
