import { signIn } from "next-auth/react"
import { useEffect, useRef, useState } from "react"
import { safeCallbackUrl } from "../../core"
import { useSettings } from "../auth-provider/auth-provider"

/** What is being signed in with: the credentials form, the email link, or an OAuth provider. */
export type SignInPending = null | "credentials" | "email" | { provider: string }

/** Options of {@link useSignIn}. */
export interface UseSignInOptions {
  /**
   * Where to go after signing in; sanitised with `safeCallbackUrl`.
   * @default the page's `?callbackUrl=`, else "/"
   */
  callbackUrl?: string
  /** Called with the target URL after a successful sign-in, before navigating. */
  onSuccess?: (url: string) => void
  /** Called with next-auth's error code when signing in fails. */
  onError?: (code: string) => void
  /** An error code to show at first. @default the page's `?error=` */
  error?: string | null
  /** Navigate to the callback URL after signing in (with `AuthProvider`'s `navigate`). @default true */
  redirectOnSuccess?: boolean
}

/** The sign-in state and actions that {@link useSignIn} returns. */
export interface SignInState {
  /** What is being signed in with right now; `null` when idle. Actions are ignored meanwhile. */
  pending: SignInPending
  /** next-auth's error code of the last attempt (or the page's `?error=`), `null` if none. */
  error: string | null
  /** The address an email link was sent to, `null` until then. */
  sentTo: string | null
  /**
   * Two-factor: `true` once the password was right for an account with two-factor on
   * (`accounts.authorize` answered `MfaRequired`). The form then asks for the code and signs in
   * with {@link SignInState.code}; `reset()` goes back to the password.
   */
  mfa: boolean
  /**
   * Signs in with a credentials provider. Every field is sent to the provider's `authorize`
   * (pass the form's `FormData`: extra inputs such as a company code go along); `redirect` and
   * `callbackUrl` are always the kit's own.
   * @param provider the credentials provider's id @default "credentials"
   */
  credentials: (values: FormData | Record<string, string>, provider?: string) => Promise<void>
  /**
   * Sends a sign-in link to `address` (trimmed); `sentTo` is set once it is on its way.
   * @param provider the email provider's id @default "email"
   */
  email: (address: string, provider?: string) => Promise<void>
  /** Starts an OAuth sign-in; next-auth then leaves the page for the provider. */
  oauth: (provider: string) => Promise<void>
  /**
   * The second step of a two-factor sign-in: signs in with the credentials given before (kept in
   * memory, so the password is not asked again) and `code`, a 6-digit code from the app or a
   * recovery code. A wrong one sets `error` to `MfaInvalid`.
   */
  code: (code: string) => Promise<void>
  /** Clears the error, the "link sent" state and the two-factor step, e.g. to use another email. */
  reset: () => void
}

function fromQuery(name: string): string | null {
  return typeof window === "undefined" ? null : new URLSearchParams(window.location.search).get(name)
}

/**
 * The sign-in state machine behind `LoginForm`, for a form of your own: it signs in with
 * next-auth's `signIn(…, { redirect: false })`, blocks double submits, keeps next-auth's error
 * code (show it with your own words or the kit's `messages.errors`), and sends the user to the
 * `callbackUrl` sanitised with `safeCallbackUrl`, through `AuthProvider`'s `navigate`.
 *
 * @example
 * ```tsx
 * function CompactLogin() {
 *   const { credentials, pending, error } = useSignIn({ callbackUrl: "/dashboard" })
 *   return (
 *     <form onSubmit={(event) => { event.preventDefault(); void credentials(new FormData(event.currentTarget)) }}>
 *       <input name="email" type="email" autoComplete="username" aria-label="Email" />
 *       <input name="password" type="password" autoComplete="current-password" aria-label="Password" />
 *       {error ? <p role="alert">Those details did not match.</p> : null}
 *       <button disabled={pending !== null}>Sign in</button>
 *     </form>
 *   )
 * }
 * ```
 */
export function useSignIn({
  callbackUrl,
  onSuccess,
  onError,
  error: initialError,
  redirectOnSuccess = true,
}: UseSignInOptions = {}): SignInState {
  const { navigate } = useSettings(useSignIn)
  const [error, setError] = useState<string | null>(initialError ?? null)
  const [pending, setPending] = useState<SignInPending>(null)
  const [sentTo, setSentTo] = useState<string | null>(null)
  // The first step's credentials, for the second: a ref, never rendered.
  const pendingMfa = useRef<{ values: Record<string, unknown>; provider: string } | null>(null)
  const [mfa, setMfa] = useState(false)
  // A ref, not the state: two clicks in one frame both see `pending === null`.
  const busy = useRef(false)

  // The URL's ?error= only on the client, after hydration.
  useEffect(() => {
    if (initialError === undefined) {
      const code = fromQuery("error")
      if (code) setError(code)
    }
  }, [initialError])

  const target = () => safeCallbackUrl(callbackUrl ?? fromQuery("callbackUrl"), { origin: window.location.origin })

  async function run(kind: Exclude<SignInPending, null>, action: () => Promise<void>) {
    if (busy.current) return
    busy.current = true
    setPending(kind)
    setError(null)
    try {
      await action()
    } finally {
      busy.current = false
      setPending(null)
    }
  }

  const fail = (code: string) => {
    setError(code)
    onError?.(code)
  }

  const signInWith = async (values: Record<string, unknown>, provider: string) => {
    const to = target()
    // The kit's redirect and callbackUrl last: a form field cannot replace them.
    const result = await signIn(provider, { ...values, redirect: false, callbackUrl: to })
    const code = !result || result.error || !result.ok ? (result?.error ?? "default") : null
    if (code === "MfaRequired") {
      pendingMfa.current = { values, provider }
      return setMfa(true)
    }
    // Only a wrong code keeps the second step; anything else (a changed password) starts over.
    if (code !== "MfaInvalid" && code !== "RateLimited") {
      pendingMfa.current = null
      setMfa(false)
    }
    if (code) return fail(code)
    const next = safeCallbackUrl(result!.url ?? to, { origin: window.location.origin, fallback: to })
    onSuccess?.(next)
    if (redirectOnSuccess) navigate(next)
  }

  return {
    pending,
    error,
    sentTo,
    mfa,
    credentials: (values, provider = "credentials") =>
      run("credentials", () => signInWith(values instanceof FormData ? Object.fromEntries(values) : values, provider)),
    code: (code) =>
      run("credentials", async () => {
        const first = pendingMfa.current
        if (first) await signInWith({ ...first.values, code: code.trim() }, first.provider)
      }),
    email: (address, provider = "email") =>
      run("email", async () => {
        const email = address.trim()
        const result = await signIn(provider, { redirect: false, email, callbackUrl: target() })
        if (!result || result.error || !result.ok) return fail(result?.error ?? "EmailSignin")
        setSentTo(email)
      }),
    oauth: (provider) =>
      run({ provider }, async () => {
        // OAuth leaves the page: next-auth navigates to the provider itself.
        await signIn(provider, { callbackUrl: target() })
      }),
    reset: () => {
      setSentTo(null)
      setError(null)
      pendingMfa.current = null
      setMfa(false)
    },
  }
}
