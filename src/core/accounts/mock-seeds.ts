/** The account mocks' seeds and password list (browser-safe: no 49,000-entry list, no `node:`). */

/**
 * The TOTP secret of a seeded account with `mfa: true` (base32): add it to an authenticator
 * app, or compute codes with `handlers.totpFor(email)`.
 */
export const MOCK_MFA_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

/** The recovery codes of a seeded account with `mfa: true`, each good once. */
export const MOCK_RECOVERY_CODES: readonly string[] = Object.freeze(
  ["aaaaa-aaaaa", "bbbbb-bbbbb", "ccccc-ccccc", "ddddd-ddddd", "eeeee-eeeee", "fffff-fffff", "ggggg-ggggg", "hhhhh-hhhhh", "iiiii-iiiii", "jjjjj-jjjjj"],
)

/**
 * The most common passwords of 8 characters or more (shorter ones are `too_short` anyway),
 * compared lower-cased: a few dozen of the top of the list the server refuses
 * (`@zxcvbn-ts/language-common`'s `passwords-common`, MIT), so that a story or test can show
 * `too_common` without shipping the whole list to the browser. The server refuses every one of
 * them, and many more (49,233).
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

/** The password rules of the mocks, as the server's (`minLength`, `maxLength`) with their own list. */
export interface MockPasswordRules {
  /** In characters (code points, after NFKC). @default 8 */
  minLength?: number
  /** In characters. @default 128 */
  maxLength?: number
  /** The passwords refused as `too_common` (compared lower-cased), or `false` for none. @default {@link COMMON_PASSWORDS} */
  common?: readonly string[] | false
}
