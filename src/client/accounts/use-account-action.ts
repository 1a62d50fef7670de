import type { AccountAction } from "../../core/account-rules"
import { useContext, useRef, useState } from "react"
import type { AccountPaths } from "../../core/config"
import { useSettings } from "../auth-provider/auth-provider"
import type { Consumer } from "../primitives/context"
import { ReauthenticationContext } from "./reauthentication"

export type { AccountAction } from "../../core/account-rules"

/** Why an account request failed, from the server's `{ error, fields?, reason? }` and `Retry-After`. */
export interface AccountError {
  /**
   * The server's `error`: `invalid_input`, `invalid_token`, `rate_limited`, `unauthenticated`,
   * `internal_error`, …; `network` when no answer came.
   */
  code: string
  /** `invalid_input`: why each field was refused (`required`, `invalid_email`, `too_short`, …). */
  fields?: Partial<Record<string, string>>
  /** `invalid_token`: `unknown`, `used` or `expired`. */
  reason?: string
  /** `rate_limited`: the seconds to wait, from `Retry-After`. */
  retryAfter?: number
}

/** The answer of {@link requestAccount}: the body of a success, or why it failed. */
export type AccountAnswer = { ok: true; data: Record<string, unknown> } | { ok: false; error: AccountError }

/**
 * Where the account endpoints are: `${basePath}${accounts.accountPath}` (`/api/account` by
 * default). The kit's resolved config is one; an app's own code may pass `{ basePath: "" }`.
 *
 * @example
 * ```ts
 * const at: AccountEndpointsAt = { basePath: "/app", accounts: { accountPath: "/api/account" } }
 * ```
 */
export interface AccountEndpointsAt {
  basePath: string
  accounts?: Pick<AccountPaths, "accountPath">
}

/**
 * Posts `body` as JSON to `${basePath}${accountPath}/${action}` with the page's cookies; without
 * a body, GETs it (`sessions`, `linked-accounts`).
 * @returns the success's JSON body, else why it failed (never throws)
 */
export async function requestAccount(
  config: AccountEndpointsAt,
  action: AccountAction,
  body?: Record<string, string>,
): Promise<AccountAnswer> {
  try {
    const response = await fetch(
      `${config.basePath}${config.accounts?.accountPath ?? "/api/account"}/${action}`,
      body
        ? { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }
        : { credentials: "same-origin", cache: "no-store" },
    )
    // Not JSON (a proxy's error page): only the status matters then.
    const json = await response.json().catch(() => ({}))
    if (response.ok) return { ok: true, data: json }
    return {
      ok: false,
      error: {
        code: json.error || "internal_error",
        fields: json.fields,
        reason: json.reason,
        // The kit's server sends seconds.
        retryAfter: +response.headers.get("Retry-After")! || undefined,
      },
    }
  } catch {
    return { ok: false, error: { code: "network" } }
  }
}

/** What {@link useAccountAction} returns. */
export interface AccountActionState {
  /** `success` once the server said yes; `error` with {@link AccountError} otherwise. */
  status: "idle" | "pending" | "success" | "error"
  error: AccountError | null
  /** The JSON body of the last success (`mfa/setup`'s secret, `mfa/enable`'s recovery codes), else `null`. */
  data: Record<string, unknown> | null
  /**
   * Posts `body` as JSON; resolves `true` on success. A call while one is pending is ignored
   * (resolves `false`), however fast the clicks come.
   */
  run: (body: Record<string, string>) => Promise<boolean>
  /** Shows an error of your own (a check before submitting), or `null` to go back to idle (and forget `data`). */
  set: (error: AccountError | null) => void
}

/**
 * Posts to one of `createAccounts`' endpoints, `${basePath}${accountPath}/${action}`, with the
 * page's cookies, once at a time, and keeps the answer: for an account form of your own. Inside
 * `AccountSettingsRoot`, an answer of 403 `reauthentication_required` opens the
 * re-authentication prompt, and the request is sent once more after the user confirmed.
 *
 * @param consumer your component (or its name), for the error outside `AuthProvider`
 * @example
 * ```tsx
 * const { run, status, error } = useAccountAction("forgot-password")
 * <button disabled={status === "pending"} onClick={() => run({ email })}>Send</button>
 * ```
 */
export function useAccountAction(action: AccountAction, consumer: Consumer = useAccountAction): AccountActionState {
  const { config } = useSettings(consumer)
  const prompt = useContext(ReauthenticationContext)
  const [state, setState] = useState<Pick<AccountActionState, "status" | "error" | "data">>({ status: "idle", error: null, data: null })
  // A ref, not the state: two clicks in one frame both see "idle".
  const busy = useRef(false)
  const set = (error: AccountError | null) => setState({ status: error ? "error" : "idle", error, data: null })
  return {
    ...state,
    set,
    run: async (body) => {
      if (busy.current) return false
      busy.current = true
      setState({ status: "pending", error: null, data: null })
      let answer = await requestAccount(config, action, body)
      // A sensitive action after a sign-in long ago: once the user proved it's them, again.
      if (!answer.ok && answer.error.code === "reauthentication_required" && prompt && (await prompt())) {
        answer = await requestAccount(config, action, body)
      }
      busy.current = false
      setState(answer.ok ? { status: "success", error: null, data: answer.data } : { status: "error", error: answer.error, data: null })
      return answer.ok
    },
  }
}
