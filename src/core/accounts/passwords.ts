import { commonPasswordForm, MAX_PASSWORD_INPUT, normalisePassword } from "../account-rules"

/**
 * Hashes and checks passwords. The kit hands it NFKC-normalised passwords (so that one
 * password typed on two keyboards is one password). `hash` answers one self-describing string
 * (algorithm, parameters, salt and hash), which the store keeps as it is; `verify` reads the
 * parameters back from it, so that they can change without locking anyone out.
 *
 * @example
 * ```ts
 * // argon2id with @node-rs/argon2
 * import { hash, verify } from "@node-rs/argon2"
 * createAuthKit({ authOptions, accounts: { store, sendEmail, hasher: { hash: (p) => hash(p), verify: (h, p) => verify(h, p) } } })
 * ```
 */
export interface PasswordHasher {
  /** One encoded string with everything `verify` needs. */
  hash(password: string): Promise<string>
  /** Whether the password matches the encoded hash; `false` (never a throw) for a hash it cannot read. */
  verify(hash: string, password: string): Promise<boolean>
  /**
   * Whether a hash that just verified was made with other parameters than `hash` uses now; the
   * kit then stores a fresh hash after the sign-in.
   */
  needsRehash?(hash: string): boolean
}

/**
 * Rules for new passwords (sign-up, reset, change).
 *
 * @example
 * ```ts
 * createAuthKit({ authOptions, accounts: { store, sendEmail, password: { minLength: 12 } } })
 * ```
 */
export interface PasswordRules {
  /** In characters (Unicode code points, after NFKC). @default 8 */
  minLength?: number
  /** In characters; also caps the hashing work one request can ask for. @default 128 */
  maxLength?: number
  /**
   * Refuse the most common passwords (49,233 of them on the server, from
   * `@zxcvbn-ts/language-common`), compared lower-cased, without white space.
   * @default true
   */
  refuseCommon?: boolean
}

/** The rules with their defaults filled in. */
export type ResolvedPasswordRules = Required<PasswordRules>

/** Whether a password (in its {@link commonPasswordForm}) is on a common-password list. */
export type CommonPasswordCheck = (form: string) => boolean | Promise<boolean>

/**
 * A password as typed, NFKC-normalised, or `null` when it is too long to be worth normalising
 * (over {@link MAX_PASSWORD_INPUT} UTF-16 units): no input costs more than the hash itself.
 */
export function passwordOf(value: string): string | null {
  return value.length > MAX_PASSWORD_INPUT ? null : normalisePassword(value)
}

/** Why a new password (as typed) is refused, or `null` when it is fine. */
export async function checkNewPassword(
  typed: string,
  rules: ResolvedPasswordRules,
  isCommon: CommonPasswordCheck,
): Promise<"too_short" | "too_long" | "too_common" | null> {
  const password = passwordOf(typed)
  if (password === null) return "too_long"
  // Counted in code points, so an emoji is one character, as a user counts it.
  let length = 0
  for (const _ of password) if (++length > rules.maxLength) return "too_long"
  if (length < rules.minLength) return "too_short"
  if (rules.refuseCommon && (await isCommon(commonPasswordForm(password)))) return "too_common"
  return null
}

// A hash to verify against when there is none: the same work as for a real password.
const dummies = new WeakMap<object, Promise<string>>()
function dummyHash(hasher: PasswordHasher): Promise<string> {
  let dummy = dummies.get(hasher)
  if (!dummy) {
    dummy = hasher.hash(`dummy-${Math.random()}-${Date.now()}`)
    dummy.catch(() => dummies.delete(hasher))
    dummies.set(hasher, dummy)
  }
  return dummy
}

/**
 * Whether `password` matches `hash`. Without a hash (no such user, or a user without a password:
 * OAuth or email-link only) it answers `false` after verifying against a dummy hash, so that the
 * time taken tells nothing.
 */
export async function verifyPassword(hasher: PasswordHasher, hash: string | null | undefined, password: string): Promise<boolean> {
  if (typeof hash !== "string" || hash === "") {
    await hasher.verify(await dummyHash(hasher), password)
    return false
  }
  return hasher.verify(hash, password)
}
