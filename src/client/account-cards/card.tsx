import { getProviders } from "next-auth/react"
import { type ComponentPropsWithoutRef, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from "react"
import { loginUrl } from "../../core/login-url"
import { type AccountFormContextValue, AccountFormLink, type AccountFormProps, AccountFormRoot, summary, useKit } from "../accounts/parts"
import { ReauthenticationContext } from "../accounts/reauthentication"
import { type AccountAction, type AccountAnswer, type AccountError, requestAccount } from "../accounts/use-account-action"
import { buttonClasses } from "../lib/styles"
import { type Part, parts } from "../primitives/part"
import { Alert, useFocusWhen } from "../primitives/status"
import { type AccountCardsMessages, enAccountCards } from "./messages"

/**
 * The parts of an account card, for `classNames`. Each is also the element's `data-slot`, as
 * `<card>-<slot>` (`sessions-card-item`; the root is the card's own name, `sessions-card`).
 */
export type AccountCardSlot =
  | "root"
  | "title"
  | "status"
  | "error"
  | "retry"
  | "link"
  | "list"
  | "empty"
  | "item"
  | "name"
  | "badge"
  | "details"
  | "action"
  | "footer"
  | "form"
  | "input"

/** A sign-in option as `getProviders()` lists it: what the cards need of it. */
export interface AccountCardProvider {
  id: string
  name: string
  type: string
}

/** The sign-in options a card takes: what `getProviders()` returns, or a list. */
export type AccountCardProviders = Record<string, AccountCardProvider> | readonly AccountCardProvider[] | null

/** Props that every account card takes; other `<div>` attributes go to the root. */
export interface AccountCardProps extends Omit<AccountFormProps, "classNames" | "children"> {
  /**
   * Called when an action answers 403 `reauthentication_required` (the action needs a recent
   * sign-in): prompt the user to prove it's them, then call `retry`, which runs the action again.
   * Without it, inside `AccountSettingsRoot` its re-authentication prompt opens and the action
   * runs again once the user confirmed; elsewhere the card says to sign in again, with a link to
   * the login page.
   *
   * @example
   * ```tsx
   * <SessionsCard onReauthenticationRequired={(retry) => openPasswordPrompt({ onConfirmed: retry })} />
   * ```
   */
  onReauthenticationRequired?: (retry: () => Promise<void>) => void
  /**
   * The app's sign-in options, for the providers' names (and `LinkedAccountsCard`'s "Link"
   * buttons). Left out, they are fetched with `getProviders()` when needed.
   */
  providers?: AccountCardProviders
  /** Classes by part, merged after the kit's; `className` styles the root. */
  classNames?: Partial<Record<AccountCardSlot, string>>
  /** The card's parts; without children, its default ones. */
  children?: ReactNode
}

/** What the parts of both cards share: the strings, the list's state, and the last action's result. */
export interface AccountCardShell<T> {
  m: AccountFormContextValue["m"]
  /** `m.accountCards`, English filled in. */
  t: AccountCardsMessages
  part: Part<AccountCardSlot>
  /** The list: `loading` until the first answer, then `ready` (kept while it refreshes) or `error`. */
  status: "loading" | "ready" | "error"
  /** The list's answer, once there is one. */
  data: T | null
  /** Why the list could not be loaded. */
  error: AccountError | null
  /** Loads the list again. */
  reload: () => Promise<void>
  /** The key of the action on its way (`revoke:<id>`, `unlink:<provider>`, …), else `null`. */
  pending: string | null
  /** What the last action did, for the live regions: a success or a refusal. */
  result: { ok: boolean; text: ReactNode } | null
  /**
   * Runs one action (once at a time), refreshes the list after a success, and keeps its result:
   * `done` on success, `refused(code)` (else a generic sentence) on failure. `action` is an
   * endpoint posted `body`, or a request of your own (a passkey's ceremony around two posts).
   */
  act: (key: string, action: AccountAction | (() => Promise<AccountAnswer>), body: Record<string, string>, done: string, refused?: (code: string) => string | undefined) => Promise<void>
}

/** The link to the login page that comes back to this one. */
const signInAgain = (k: ReturnType<typeof useKit>) => (
  <AccountFormLink href={k.config.basePath + loginUrl(k.config.loginPath, location.pathname + location.search + location.hash)}>
    {k.m.loginForm.submit}
  </AccountFormLink>
)

/**
 * A card's shared state: its strings and styling, its list (`sessions`, `linked-accounts`)
 * fetched on mount, and its actions, with `reauthentication_required` handed to
 * `onReauthenticationRequired` once.
 */
export function useAccountCard<T>(
  slot: string,
  consumer: { name: string },
  resource: AccountAction,
  props: AccountCardProps,
): AccountCardShell<T> & { k: ReturnType<typeof useKit> } {
  const { classNames, unstyled, onReauthenticationRequired } = props
  const k = useKit(slot, consumer, props as AccountFormProps)
  const t = useMemo(() => ({ ...enAccountCards, ...k.m.accountCards }), [k.m])
  const prompt = useContext(ReauthenticationContext)
  const [list, setList] = useState<{ status: "loading" | "ready" | "error"; data: T | null; error: AccountError | null }>({ status: "loading", data: null, error: null })
  const [pending, setPending] = useState<string | null>(null)
  const [result, setResult] = useState<AccountCardShell<T>["result"]>(null)
  // Refs, not state: two clicks in one frame both see nothing pending; no answer lands after unmount.
  const busy = useRef(false)
  const live = useRef(true)
  const config = k.config
  const reload = async () => {
    const answer = await requestAccount(config, resource)
    if (!live.current) return
    setList(answer.ok ? { status: "ready", data: answer.data as T, error: null } : { status: "error", data: null, error: answer.error })
  }
  useEffect(() => {
    live.current = true
    void reload()
    return () => {
      live.current = false
    }
  }, [])
  const act = async (key: string, action: AccountAction | (() => Promise<AccountAnswer>), body: Record<string, string>, done: string, refused?: (code: string) => string | undefined, again = false): Promise<void> => {
    if (busy.current) return
    busy.current = true
    setPending(key)
    setResult(null)
    const answer = typeof action === "function" ? await action() : await requestAccount(config, action, body)
    if (answer.ok) await reload()
    busy.current = false
    if (!live.current) return
    setPending(null)
    if (answer.ok) return setResult({ ok: true, text: done })
    const { code } = answer.error
    // Once: a second refusal right after the app's prompt is said, not prompted again.
    if (code === "reauthentication_required" && !again) {
      const retry = () => act(key, action, body, done, refused, true)
      if (onReauthenticationRequired) return onReauthenticationRequired(retry)
      if (prompt && (await prompt())) return retry()
    }
    setResult({
      ok: false,
      text:
        code === "reauthentication_required" || code === "unauthenticated" ? (
          <>
            {code === "unauthenticated" ? k.t.sessionEnded : t.reauthenticate} {signInAgain(k)}
          </>
        ) : (
          (refused?.(code) ?? summary(k.m, answer.error))
        ),
    })
  }
  return { k, m: k.m, t, part: parts<AccountCardSlot>(slot, unstyled, classNames), ...list, reload, pending, result, act }
}

/** The root `<div>` of a card, with `data-state` and its heading's context for `AccountFormTitle`. */
export function CardRoot({
  shell,
  heading,
  props,
  children,
}: {
  shell: AccountCardShell<unknown> & { k: ReturnType<typeof useKit> }
  heading: string
  props: AccountCardProps
  children: ReactNode
}) {
  const { onReauthenticationRequired, providers, ...rest } = props
  const state = shell.pending ? "pending" : shell.status
  const form = { ...shell.k, part: shell.part, state, title: shell.k.title ?? heading } as unknown as AccountFormContextValue
  return (
    <AccountFormRoot form={form} props={rest as AccountFormProps}>
      {children}
    </AccountFormRoot>
  )
}

/**
 * A card's messages: while the list loads, "Loading…" in a status region; when it could not
 * be loaded, why, in an alert with "Try again"; after an action, its result — a success in the
 * status region (which takes focus, as the button that was pressed may be gone), a refusal in
 * an alert that takes focus. Both regions stay in the DOM so that screen readers hear them.
 */
export function CardMessage({
  shell,
  loading,
  props,
}: {
  shell: AccountCardShell<unknown> & { k: ReturnType<typeof useKit> }
  loading: string
  props: ComponentPropsWithoutRef<"div">
}) {
  const { status, error, result, part, t, k } = shell
  const [retrying, setRetrying] = useState(false)
  const done = result?.ok ? result : null
  const ref = useFocusWhen<HTMLDivElement>(done)
  return (
    <>
      <div ref={ref} tabIndex={-1} role="status" {...part("status", "nak:kit-muted nak:outline-none nak:empty:hidden", props)}>
        {status === "loading" ? loading : done?.text}
      </div>
      {status === "error" && error ? (
        <div role="alert" {...part("error", "nak:kit-alert nak:grid nak:justify-items-start nak:gap-2")}>
          {error.code === "unauthenticated" ? (
            <p className="nak:m-0">
              {k.t.sessionEnded} {signInAgain(k)}
            </p>
          ) : (
            <>
              <p className="nak:m-0">{error.code === "rate_limited" ? summary(k.m, error) : t.loadError}</p>
              <button
                type="button"
                disabled={retrying}
                onClick={async () => {
                  setRetrying(true)
                  await shell.reload()
                  setRetrying(false)
                }}
                {...part("retry", buttonClasses("secondary", "nak:kit-pad-sm"))}
              >
                {t.retry}
              </button>
            </>
          )}
        </div>
      ) : (
        <Alert part={part} error={result && !result.ok ? result : null}>
          {result && !result.ok ? result.text : null}
        </Alert>
      )}
    </>
  )
}

/**
 * The sign-in options, from `given` or else `getProviders()` (once, when `wanted`): `null`
 * until known.
 */
export function useProviders(given: AccountCardProviders | undefined, wanted: boolean): AccountCardProvider[] | null {
  const [fetched, setFetched] = useState<AccountCardProvider[] | null>(null)
  useEffect(() => {
    if (given !== undefined || !wanted || fetched) return
    let live = true
    getProviders()
      .then((list) => live && setFetched(Object.values(list ?? {})))
      .catch(() => live && setFetched([]))
    return () => {
      live = false
    }
  }, [given, wanted])
  if (given === undefined) return fetched
  return given ? (Array.isArray(given) ? [...given] : Object.values(given)) : []
}

/** A date as the card shows it: relative ("2 days ago") in the language's words, the exact time as its title. */
export function When({ at, template, locale }: { at: string; template: string; locale: string }) {
  const date = new Date(at)
  const seconds = (date.getTime() - Date.now()) / 1000
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["year", 365 * 86400],
    ["month", 30 * 86400],
    ["week", 7 * 86400],
    ["day", 86400],
    ["hour", 3600],
    ["minute", 60],
  ]
  const [unit, size] = units.find(([, size]) => Math.abs(seconds) >= size) ?? ["second", Infinity]
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(size === Infinity ? 0 : Math.round(seconds / size), unit)
  const [before, after] = template.split("{time}")
  return (
    <span>
      {before}
      <time dateTime={at} title={date.toLocaleString(locale, { dateStyle: "long", timeStyle: "short" })}>
        {relative}
      </time>
      {after}
    </span>
  )
}
