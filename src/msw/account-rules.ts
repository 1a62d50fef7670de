/**
 * The field rules of the account endpoints, as `createAccounts` applies them on the server
 * (same codes, same order). Browser-safe: no `node:*`, no 49,000-entry password list.
 * tests/msw/account-rules.test.ts holds them against the server's own functions.
 */
// The email, name and body rules are the server's own (src/core/account-rules.ts).
export {
  checkEmail,
  cleanName,
  isObject,
  MAX_EMAIL_LENGTH,
  MAX_NAME_LENGTH,
  normaliseEmail,
  normalisePassword,
  presentString,
} from "../core/account-rules"
import { commonPasswordForm } from "../core/account-rules"

/**
 * The most common passwords of 8 characters or more (shorter ones are `too_short` anyway),
 * compared lower-cased: a few dozen of the top of the list the server refuses
 * (`@zxcvbn-ts/language-common`'s `passwords-common`, MIT), so that a story or test can show
 * `too_common` without shipping the whole list to the browser. Every one of them is refused by
 * the server too; the server refuses many more (49,233).
 */
export const COMMON_PASSWORDS: readonly string[] = [
  "password", "12345678", "123456789", "1234567890", "qwerty123", "password1", "password123",
  "iloveyou", "baseball", "football", "qwertyuiop", "qwertyui", "superman", "1qaz2wsx",
  "trustno1", "sunshine", "computer", "starwars", "princess", "11111111", "1234qwer",
  "internet", "q1w2e3r4t5", "whatever", "qwer1234", "q1w2e3r4", "midnight", "1q2w3e4r",
  "1q2w3e4r5t", "asdfasdf", "asdfghjk", "asdfghjkl", "passw0rd", "abcd1234", "asdf1234",
  "qazwsxedc", "1qazxsw2", "12qwaszx", "qweasdzxc", "welcome1", "abc12345", "admin123",
  "changeme", "letmein1", "iloveyou1", "monkey123", "dragon123", "michelle", "jennifer",
]






/** The password rules of the mocks. */
export interface MockPasswordRules {
  /** In characters (code points, after NFKC). @default 8 */
  minLength?: number
  /** In characters. @default 128 */
  maxLength?: number
  /**
   * The passwords refused as `too_common` (compared lower-cased), or `false` for none.
   * @default {@link COMMON_PASSWORDS}
   */
  common?: readonly string[] | false
}

/** The password check of the mocks, with the rules filled in. */
export function passwordChecker(rules: MockPasswordRules = {}) {
  const minLength = rules.minLength ?? 8
  const maxLength = rules.maxLength ?? 128
  const common = new Set((rules.common === false ? [] : (rules.common ?? COMMON_PASSWORDS)).map((p) => p.toLowerCase()))
  /** Why a new password (already NFKC) is refused, or `null`. */
  return (password: string): "too_short" | "too_long" | "too_common" | null => {
    let length = 0
    for (const _ of password) if (++length > maxLength) return "too_long"
    if (length < minLength) return "too_short"
    return common.has(commonPasswordForm(password)) ? "too_common" : null
  }
}

/** Whether a string could be one of the tokens the server sends; anything else is `unknown`. */
export const isTokenShaped = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token)

