import type { ResolvedAuthKitConfig } from "../../core/config"
import { type AccountAnswer, type AccountEndpointsAt, type AccountError, requestAccount } from "../accounts/use-account-action"

/**
 * Whether this browser offers WebAuthn (`window.PublicKeyCredential`); `false` on the server.
 *
 * @example
 * ```tsx
 * const [supported, setSupported] = useState(false)
 * useEffect(() => setSupported(passkeysSupported()), []) // after hydration: the server says false
 * ```
 */
export const passkeysSupported = (): boolean => typeof window !== "undefined" && typeof window.PublicKeyCredential === "function"

// Loaded when a passkey is used, never with the page: a chunk of its own in an app's bundle.
const browser = () => import("@simplewebauthn/browser")

/**
 * Why the browser's passkey ceremony failed, as an {@link AccountError} code: `passkey_cancelled`
 * when the user closed the prompt or it timed out (WebAuthn says both with `NotAllowedError`),
 * `passkey_exists` when the authenticator holds one of this account's passkeys already,
 * `passkey_unsupported` without WebAuthn, else `passkey_failed`.
 */
function ceremonyError(error: unknown): AccountError {
  const name = (error as { name?: string } | null)?.name
  const code = (error as { code?: string } | null)?.code
  if (name === "NotAllowedError" || name === "AbortError" || code === "ERROR_CEREMONY_ABORTED") return { code: "passkey_cancelled" }
  if (name === "InvalidStateError" || code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") return { code: "passkey_exists" }
  if (!passkeysSupported()) return { code: "passkey_unsupported" }
  return { code: "passkey_failed" }
}

/**
 * Adds a passkey to the signed-in user's account: asks the server for creation options
 * (`passkeys/register-options`), lets the browser create the credential, and posts it
 * (`passkeys/register`). A sensitive action: it answers `reauthentication_required` when the
 * session is not fresh, before the browser prompts.
 *
 * @returns `passkeys/register`'s answer (`{ passkey }`), or why it failed (never throws)
 */
export async function registerPasskey(config: ResolvedAuthKitConfig, name?: string): Promise<AccountAnswer> {
  const options = await requestAccount(config, "passkeys/register-options", {})
  if (!options.ok) return options
  let response: unknown
  try {
    const { startRegistration } = await browser()
    response = await startRegistration({ optionsJSON: options.data as never })
  } catch (error) {
    return { ok: false, error: ceremonyError(error) }
  }
  return requestAccount(config, "passkeys/register", { response: JSON.stringify(response), ...(name ? { name } : {}) })
}

/** What {@link passkeyAssertion} resolves to: the assertion as JSON text, or why there is none. */
export type PasskeyAssertionAnswer = { ok: true; assertion: string } | { ok: false; error: AccountError }

/**
 * Gets a passkey's assertion for a sign-in or a re-authentication: a single-use challenge from
 * `passkeys/sign-in-options`, then the browser's prompt. `autofill` waits for the user to pick a
 * passkey in a field's autofill (`autocomplete="username webauthn"`) instead of prompting.
 *
 * @param config where the account endpoints are: the app's `basePath` (`""` at the root) and
 * `accounts.accountPath` (default `/api/account`)
 * @returns the assertion as JSON text, for `signIn("credentials", { passkey })` or
 * `reauthenticate`'s `{ passkey }`, or why there is none (never throws)
 * @example
 * ```ts
 * const answer = await passkeyAssertion({ basePath: "" }) // /api/account/passkeys/sign-in-options
 * if (answer.ok) await signIn("credentials", { passkey: answer.assertion, redirect: false })
 * else if (answer.error.code !== "passkey_cancelled") setError(answer.error.code)
 * ```
 */
export async function passkeyAssertion(config: AccountEndpointsAt, autofill = false): Promise<PasskeyAssertionAnswer> {
  const options = await requestAccount(config, "passkeys/sign-in-options", {})
  if (!options.ok) return options
  try {
    const { startAuthentication } = await browser()
    return { ok: true, assertion: JSON.stringify(await startAuthentication({ optionsJSON: options.data as never, useBrowserAutofill: autofill })) }
  } catch (error) {
    return { ok: false, error: ceremonyError(error) }
  }
}
