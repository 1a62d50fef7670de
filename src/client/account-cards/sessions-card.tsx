import type { ComponentPropsWithoutRef, ReactNode } from "react"
import type { SessionListItem } from "../../core/accounts/features/sessions"
import { AccountFormTitle } from "../accounts/parts"
import { buttonClasses } from "../lib/styles"
import { format } from "../messages"
import { createKitContext } from "../primitives/context"
import { type AccountCardProps, type AccountCardShell, CardMessage, CardRoot, useAccountCard, useProviders, When } from "./card"
import type { AccountCardsMessages } from "./messages"

/**
 * One session in the `sessions` answer, newest first: the engine's own row (the session of this
 * browser is `current`, marked "This device" and never offered to sign out here).
 */
export type AccountSession = SessionListItem

/** What the parts of a sessions card share, from {@link SessionsCardRoot}; read it with {@link useSessionsCard}. */
export interface SessionsCardContextValue extends AccountCardShell<{ sessions: AccountSession[] }> {
  /** The sessions, newest first (empty until loaded). */
  sessions: AccountSession[]
  /** A session's name: "Chrome 126 on macOS". */
  deviceName: (session: AccountSession) => string
  /** How it signed in, in words: a provider's name, "password", … */
  methodName: (session: AccountSession) => string
  /** Signs one other session out, then refreshes the list. */
  revoke: (session: AccountSession) => Promise<void>
  /** Signs out every session but this one, then refreshes the list. */
  revokeOthers: () => Promise<void>
}

const sessionsCard = /* @__PURE__ */ createKitContext<SessionsCardContextValue>(process.env.NODE_ENV !== "production" ? "SessionsCardRoot" : undefined)

/**
 * The sessions card's shared state, for a part of your own inside {@link SessionsCardRoot}.
 *
 * @param consumer your component (or its name), for the error when it is used outside the root
 * @example
 * ```tsx
 * function Count() {
 *   const { sessions } = useSessionsCard(Count)
 *   return <p>{sessions.length} sessions</p>
 * }
 * ```
 */
export function useSessionsCard(consumer: string | { name: string } = useSessionsCard): SessionsCardContextValue {
  return sessionsCard[1](consumer)
}

const METHODS: Record<string, keyof AccountCardsMessages> = {
  password: "methodPassword",
  code: "methodCode",
  grant: "methodGrant",
  email: "methodEmail",
  passkey: "methodPasskey",
}
const DEVICE_TYPES = ["desktop", "mobile", "tablet", "tv", "bot"]

/** Props of {@link SessionsCard} and {@link SessionsCardRoot}. */
export type SessionsCardProps = AccountCardProps

/**
 * The root of a sessions card: loads the signed-in user's sessions (`GET ${accountPath}/sessions`)
 * and shares them, with the actions, with the parts inside it ({@link AccountFormTitle},
 * {@link SessionsCardMessage}, {@link SessionsCardList}, {@link SessionsCardItem},
 * {@link SessionsCardRevoke}, {@link SessionsCardRevokeOthers}), in any order, with your own.
 * Without children it renders its default parts (it is `SessionsCard`). `data-state`:
 * `loading`, `ready`, `error`, or `pending` while an action runs.
 *
 * @example
 * ```tsx
 * <SessionsCardRoot titleAs="h3">
 *   <AccountFormTitle>Your devices</AccountFormTitle>
 *   <SessionsCardMessage />
 *   <SessionsCardList />
 *   <SessionsCardRevokeOthers />
 * </SessionsCardRoot>
 * ```
 */
export function SessionsCardRoot({ children, ...props }: SessionsCardProps) {
  const shell = useAccountCard<{ sessions: AccountSession[] }>("sessions-card", SessionsCardRoot, "sessions", props)
  const { t, act } = shell
  const sessions = [...(shell.data?.sessions ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
  // A provider's name is needed only for a session that signed in with one.
  const providers = useProviders(props.providers, sessions.some((s) => !METHODS[s.method]))
  const deviceName = (s: AccountSession) => format(t.device, { browser: s.browser ?? t.unknownBrowser, os: s.os ?? t.unknownOs })
  const methodName = (s: AccountSession) => (METHODS[s.method] ? t[METHODS[s.method]!] : (providers?.find((p) => p.id === s.method)?.name ?? s.method))
  const Provider = sessionsCard[0]
  return (
    <Provider
      value={{
        ...shell,
        sessions,
        deviceName,
        methodName,
        revoke: (s) => act(`revoke:${s.id}`, "sessions/revoke", { id: s.id }, format(t.revoked, { device: deviceName(s) })),
        revokeOthers: () => act("revoke-others", "sessions/revoke-others", {}, t.revokedOthers),
      }}
    >
      <CardRoot shell={shell} heading={t.sessionsTitle} props={props}>
        {children ?? (
          <>
            <AccountFormTitle />
            <SessionsCardMessage />
            <SessionsCardList />
            <SessionsCardRevokeOthers />
          </>
        )}
      </CardRoot>
    </Provider>
  )
}

/**
 * What the card says: "Loading your sessions…" at first, why the list could not be loaded
 * (with "Try again"), and each action's result ("Firefox 128 on Windows 10 is signed out.", a
 * refusal, "sign in again") in live regions. `className` and the rest go to the status region.
 *
 * @example
 * ```tsx
 * <SessionsCardMessage className="text-sm" />
 * ```
 */
export function SessionsCardMessage(props: ComponentPropsWithoutRef<"div">) {
  const card = useSessionsCard(SessionsCardMessage)
  return <CardMessage shell={card as never} loading={card.t.sessionsLoading} props={props} />
}

/** Props of {@link SessionsCardList}. */
export interface SessionsCardListProps extends Omit<ComponentPropsWithoutRef<"ul">, "children"> {
  /** Each session's row. @default `<SessionsCardItem session={session} />` */
  children?: (session: AccountSession) => ReactNode
}

/**
 * The sessions, newest first, as a list (`<ul>`), once loaded; "There are no sessions to show."
 * for none.
 *
 * @example
 * ```tsx
 * <SessionsCardList>{(session) => <SessionsCardItem key={session.id} session={session} />}</SessionsCardList>
 * ```
 */
export function SessionsCardList({ children, ...props }: SessionsCardListProps) {
  const { sessions, status, part, t } = useSessionsCard(SessionsCardList)
  if (status !== "ready") return null
  if (sessions.length === 0) return <p {...part("empty", "nak:kit-muted")}>{t.sessionsEmpty}</p>
  return (
    <ul {...part("list", "nak:m-0 nak:grid nak:list-none nak:gap-3 nak:p-0", props)}>
      {sessions.map((session) => (children ? children(session) : <SessionsCardItem key={session.id} session={session} />))}
    </ul>
  )
}

/** Props of {@link SessionsCardItem}. */
export interface SessionsCardItemProps extends ComponentPropsWithoutRef<"li"> {
  session: AccountSession
}

/**
 * One session's row (`<li>`, `data-current` on this browser's): browser and OS, "This device",
 * the device type, the sign-in method (a provider's name), the IP address, when it signed in and
 * was last active, and "Sign out" on the others. Children replace the details.
 *
 * @example
 * ```tsx
 * <SessionsCardItem session={session}>
 *   {session.browser} <SessionsCardRevoke session={session} />
 * </SessionsCardItem>
 * ```
 */
export function SessionsCardItem({ session, children, ...props }: SessionsCardItemProps) {
  const { part, t, m, deviceName, methodName } = useSessionsCard(SessionsCardItem)
  const type = session.deviceType && DEVICE_TYPES.includes(session.deviceType) ? t[session.deviceType as "desktop"] : session.deviceType
  return (
    <li
      data-current={session.current || undefined}
      {...part("item", "nak:grid nak:gap-1 nak:rounded-kit nak:border nak:border-solid nak:border-border nak:p-3", props)}
    >
      {children ?? (
        <>
          <span {...part("name", "nak:kit-row nak:text-sm nak:font-medium")}>
            {deviceName(session)}
            {session.current ? <span {...part("badge", "nak:rounded-full nak:bg-muted nak:px-2 nak:text-xs nak:font-medium")}>{t.thisDevice}</span> : null}
          </span>
          <span {...part("details", "nak:kit-hint nak:flex nak:flex-wrap nak:gap-x-3")}>
            {type ? <span>{type}</span> : null}
            <span>{format(t.signedInWith, { method: methodName(session) })}</span>
            {session.ip ? <span>{format(t.ip, { ip: session.ip })}</span> : null}
          </span>
          <span {...part("details", "nak:kit-hint nak:flex nak:flex-wrap nak:gap-x-3")}>
            <When at={session.createdAt} template={t.created} locale={m.locale} />
            <When at={session.lastActiveAt} template={t.lastActive} locale={m.locale} />
          </span>
          <SessionsCardRevoke session={session} />
        </>
      )}
    </li>
  )
}

/** Props of {@link SessionsCardRevoke}. */
export interface SessionsCardRevokeProps extends ComponentPropsWithoutRef<"button"> {
  session: AccountSession
}

/**
 * "Sign out" for one other session, named with its device ("Sign out Chrome 126 on macOS");
 * nothing for this browser's own session. Your `onClick` runs first; `preventDefault()` cancels.
 *
 * @example
 * ```tsx
 * <SessionsCardRevoke session={session}>End</SessionsCardRevoke>
 * ```
 */
export function SessionsCardRevoke({ session, children, onClick, ...props }: SessionsCardRevokeProps) {
  const { part, t, pending, revoke, deviceName } = useSessionsCard(SessionsCardRevoke)
  if (session.current) return null
  return (
    <button
      type="button"
      aria-label={format(t.revokeLabel, { device: deviceName(session) })}
      disabled={pending !== null}
      aria-busy={pending === `revoke:${session.id}` || undefined}
      {...part("action", buttonClasses("secondary", "nak:kit-pad-sm nak:justify-self-start"), props)}
      onClick={(event) => {
        onClick?.(event)
        if (!event.defaultPrevented) void revoke(session)
      }}
    >
      {children ?? t.revoke}
    </button>
  )
}

/**
 * "Sign out everywhere else": ends every session but this one. Shown once the list holds another
 * session. Your `onClick` runs first; `preventDefault()` cancels.
 *
 * @example
 * ```tsx
 * <SessionsCardRevokeOthers className="w-full" />
 * ```
 */
export function SessionsCardRevokeOthers({ children, onClick, ...props }: ComponentPropsWithoutRef<"button">) {
  const { part, t, pending, revokeOthers, sessions } = useSessionsCard(SessionsCardRevokeOthers)
  if (!sessions.some((s) => !s.current)) return null
  return (
    <button
      type="button"
      disabled={pending !== null}
      aria-busy={pending === "revoke-others" || undefined}
      {...part("action", buttonClasses("destructive", "nak:kit-pad nak:w-full"), props)}
      onClick={(event) => {
        onClick?.(event)
        if (!event.defaultPrevented) void revokeOthers()
      }}
    >
      {children ?? t.revokeOthers}
    </button>
  )
}

/**
 * The signed-in user's sessions, newest first: browser and OS, device type, sign-in method (a
 * provider's name, from `providers` or `getProviders()`), IP address, when each signed in and was
 * last active. This browser's is marked "This device" and cannot be signed out here; each other
 * has "Sign out", and "Sign out everywhere else" ends them all. The list refreshes after each
 * action, whose result is announced. An action that needs a recent sign-in calls
 * `onReauthenticationRequired(retry)`, or else says to sign in again. It is
 * {@link SessionsCardRoot} with its default parts.
 *
 * @example
 * ```tsx
 * // pages/account.tsx
 * export const getServerSideProps = requireSession()
 * export default function Account() {
 *   return <SessionsCard />
 * }
 * ```
 */
export const SessionsCard = SessionsCardRoot
