import { createHash } from "node:crypto"
import type { AccountStore } from "../../core/accounts/store"

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
  /** `authorize` (sign-in attempts, right or wrong). */
  signIn: RateLimitRule
  /** `signup`. */
  signUp: RateLimitRule
  /** `forgot-password` and `resend-verification`, each counted apart. Per address: the address asked about. */
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
 * | `forgot-password`, `resend-verification` (each) | 5 / hour | 20 / hour |
 * | `verify-email` + `reset-password` (one counter) | — | 10 / 15 min |
 * | `change-password` | 10 / 15 min | 30 / 15 min |
 * | two-factor (`authorize` with a code, `mfa/*`) | 10 failures / 15 min per user | 50 / 15 min |
 *
 * Every attempt counts, right or wrong, except per address at sign-in and for two-factor
 * codes: there only failures count (read first with `hit(…, 0)`, so a guess past the limit is
 * refused even when right),
 * so that nobody locks a user out with cheap requests and the owner's sign-ins never count
 * against them. An unknown client
 * IP (App Router route handlers and `authorize`, without `trustProxy` or `clientIp`) skips the
 * per-IP limits; the per-address ones still hold.
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

// Keys carry a digest, not the address or IP: the store then holds no list of the addresses
// that someone asked about, and every key has the same short length.
const digest = (value: string) => createHash("sha256").update(value).digest("base64url").slice(0, 22)

/**
 * A failures-only limit (sign-in, two-factor codes): per IP every attempt counts; per address
 * only failed ones (see {@link recordFailure}), so that nobody can lock a user out by
 * hammering the address with requests that never reach the check, and the owner's own
 * successes never count against them. Answers the seconds to wait, or `0`.
 */
export async function checkFailures(
  store: AccountStore,
  name: string,
  rule: RateLimitRule,
  { address, ip }: { address: string; ip?: string | null },
  now: Date,
): Promise<number> {
  const waits = [consume(store, name, { perIp: rule.perIp, perAddress: false }, { ip }, now)]
  if (rule.perAddress) {
    const { limit, windowMs } = rule.perAddress
    waits.push(
      store
        .hit(`accounts:${name}-failures:address:${digest(address)}`, windowMs, now, 0)
        .then(({ count, resetAt }) => (count >= limit ? Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)) : 0)),
    )
  }
  return Math.max(0, ...(await Promise.all(waits)))
}

/** Counts a failure against the address of a failures-only limit ({@link checkFailures}). */
export async function recordFailure(store: AccountStore, name: string, rule: RateLimitRule, address: string, now: Date) {
  if (rule.perAddress) await store.hit(`accounts:${name}-failures:address:${digest(address)}`, rule.perAddress.windowMs, now)
}

/** Sign-in's limits ({@link checkFailures} under the name `signin`). */
export const checkSignIn = (store: AccountStore, rule: RateLimitRule, who: { address: string; ip?: string | null }, now: Date) =>
  checkFailures(store, "signin", rule, who, now)

/** Counts a failed sign-in (a wrong password, an unknown address) against the address. */
export const recordSignInFailure = (store: AccountStore, rule: RateLimitRule, address: string, now: Date) =>
  recordFailure(store, "signin", rule, address, now)

/**
 * Counts one attempt against a rule; answers the seconds to wait when a limit is passed, or
 * `0`. An unknown IP (`undefined`) skips the per-IP limit, so that one shared bucket never
 * locks every visitor out.
 */
export async function consume(
  store: AccountStore,
  name: string,
  rule: RateLimitRule,
  { address, ip }: { address?: string; ip?: string | null },
  now: Date,
): Promise<number> {
  const checks: Array<Promise<number>> = []
  const count = (scope: string, value: string, { limit, windowMs }: RateLimit) =>
    store.hit(`accounts:${name}:${scope}:${digest(value)}`, windowMs, now).then(({ count, resetAt }) =>
      count > limit ? Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)) : 0,
    )
  if (rule.perAddress && address) checks.push(count("address", address, rule.perAddress))
  // A resolver may answer null or "" for "unknown" too.
  if (rule.perIp && ip) checks.push(count("ip", ip, rule.perIp))
  const waits = await Promise.all(checks)
  return Math.max(0, ...waits)
}
