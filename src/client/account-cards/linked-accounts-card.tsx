import { signIn } from "next-auth/react"
import { type ComponentPropsWithoutRef, type ReactNode, useState } from "react"
import type { LinkedAccountItem } from "../../core/accounts/features/linked-accounts"
import { AccountFormTitle } from "../accounts/parts"
import { buttonClasses } from "../lib/styles"
import { format } from "../messages"
import { createKitContext } from "../primitives/context"
import { type AccountCardProps, type AccountCardShell, CardMessage, CardRoot, useAccountCard, useProviders, When } from "./card"

/** The `linked-accounts` answer: the linked providers (oldest first), whether the account has a password, how many passkeys. */
export interface LinkedAccounts {
  accounts: LinkedAccountItem[]
  password: boolean
  passkeys: number
}

/** One row of a linked-accounts card: a linked provider, or a configured OAuth provider to link. */
export interface LinkedAccountRow {
  /** The provider's id (`"github"`). */
  id: string
  /** Its name (`"GitHub"`), from the app's providers; the id for one no longer configured. */
  name: string
  /** When it was linked (ISO 8601), or `null` when it is not linked. */
  linkedAt: string | null
}

/** What the parts of a linked-accounts card share, from {@link LinkedAccountsCardRoot}; read it with {@link useLinkedAccountsCard}. */
export interface LinkedAccountsCardContextValue extends AccountCardShell<LinkedAccounts> {
  /** The linked providers, then the app's OAuth providers not linked yet (empty until loaded). */
  rows: LinkedAccountRow[]
  /** Links a provider: signs in with it while signed in, coming back to this page. */
  link: (row: LinkedAccountRow) => void
  /** Unlinks a provider, then refreshes the list; 409 `last_sign_in_method` is said plainly. */
  unlink: (row: LinkedAccountRow) => Promise<void>
}

const linkedAccountsCard = /* @__PURE__ */ createKitContext<LinkedAccountsCardContextValue>(
  process.env.NODE_ENV !== "production" ? "LinkedAccountsCardRoot" : undefined,
)

/**
 * The linked-accounts card's shared state, for a part of your own inside {@link LinkedAccountsCardRoot}.
 *
 * @param consumer your component (or its name), for the error when it is used outside the root
 * @example
 * ```tsx
 * function PasswordNote() {
 *   const { data } = useLinkedAccountsCard(PasswordNote)
 *   return data?.password ? <p>You also sign in with a password.</p> : null
 * }
 * ```
 */
export function useLinkedAccountsCard(consumer: string | { name: string } = useLinkedAccountsCard): LinkedAccountsCardContextValue {
  return linkedAccountsCard[1](consumer)
}

/** Props of {@link LinkedAccountsCard} and {@link LinkedAccountsCardRoot}. */
export type LinkedAccountsCardProps = AccountCardProps

/**
 * The root of a linked-accounts card: loads `GET ${accountPath}/linked-accounts` and the app's
 * providers (`providers`, else `getProviders()`), and shares the rows and actions with the parts
 * inside it ({@link AccountFormTitle}, {@link LinkedAccountsCardMessage},
 * {@link LinkedAccountsCardList}, {@link LinkedAccountsCardItem}, {@link LinkedAccountsCardAction}),
 * in any order, with your own. Without children it renders its default parts (it is
 * `LinkedAccountsCard`). `data-state`: `loading`, `ready`, `error`, or `pending` while an action runs.
 *
 * @example
 * ```tsx
 * <LinkedAccountsCardRoot providers={providers}>
 *   <AccountFormTitle>Sign-in methods</AccountFormTitle>
 *   <LinkedAccountsCardMessage />
 *   <LinkedAccountsCardList />
 * </LinkedAccountsCardRoot>
 * ```
 */
export function LinkedAccountsCardRoot({ children, ...props }: LinkedAccountsCardProps) {
  const shell = useAccountCard<LinkedAccounts>("linked-accounts-card", LinkedAccountsCardRoot, "linked-accounts", props)
  const { t, act, data } = shell
  const providers = useProviders(props.providers, true)
  const nameOf = (id: string) => providers?.find((p) => p.id === id)?.name ?? id
  const linked = data?.accounts ?? []
  const rows: LinkedAccountRow[] = [
    ...linked.map((a) => ({ id: a.provider, name: nameOf(a.provider), linkedAt: a.linkedAt })),
    ...(providers ?? []).filter((p) => p.type === "oauth" && !linked.some((a) => a.provider === p.id)).map((p) => ({ id: p.id, name: p.name, linkedAt: null })),
  ]
  const value: LinkedAccountsCardContextValue = {
    ...shell,
    // Ready once both the list and the providers are known.
    status: shell.status === "ready" && !providers ? "loading" : shell.status,
    rows,
    link: (row) => {
      void signIn(row.id, { callbackUrl: location.href })
    },
    unlink: (row) =>
      act(`unlink:${row.id}`, "unlink", { provider: row.id }, format(t.unlinked, { provider: row.name }), (code) =>
        code === "last_sign_in_method" ? format(t.lastMethod, { provider: row.name }) : undefined,
      ),
  }
  const Provider = linkedAccountsCard[0]
  return (
    <Provider value={value}>
      <CardRoot shell={{ ...value, k: shell.k }} heading={t.linkedTitle} props={props}>
        {children ?? (
          <>
            <AccountFormTitle />
            <LinkedAccountsCardMessage />
            <LinkedAccountsCardList />
          </>
        )}
      </CardRoot>
    </Provider>
  )
}

/**
 * What the card says: "Loading your linked accounts…" at first, why the list could not be loaded
 * (with "Try again"), and each action's result ("GitHub is unlinked.", that the last way to sign
 * in stays linked, "sign in again") in live regions. `className` and the rest go to the status region.
 *
 * @example
 * ```tsx
 * <LinkedAccountsCardMessage className="text-sm" />
 * ```
 */
export function LinkedAccountsCardMessage(props: ComponentPropsWithoutRef<"div">) {
  const card = useLinkedAccountsCard(LinkedAccountsCardMessage)
  return <CardMessage shell={card as never} loading={card.t.linkedLoading} props={props} />
}

/** Props of {@link LinkedAccountsCardList}. */
export interface LinkedAccountsCardListProps extends Omit<ComponentPropsWithoutRef<"ul">, "children"> {
  /** Each row. @default `<LinkedAccountsCardItem row={row} />` */
  children?: (row: LinkedAccountRow) => ReactNode
}

/**
 * The linked providers, then the app's OAuth providers not linked yet, as a list (`<ul>`), once
 * loaded; "There are no accounts to link." for none.
 *
 * @example
 * ```tsx
 * <LinkedAccountsCardList>{(row) => <LinkedAccountsCardItem key={row.id} row={row} />}</LinkedAccountsCardList>
 * ```
 */
export function LinkedAccountsCardList({ children, ...props }: LinkedAccountsCardListProps) {
  const { rows, status, part, t } = useLinkedAccountsCard(LinkedAccountsCardList)
  if (status !== "ready") return null
  if (rows.length === 0) return <p {...part("empty", "nak:kit-muted")}>{t.linkedEmpty}</p>
  return (
    <ul {...part("list", "nak:m-0 nak:grid nak:list-none nak:gap-3 nak:p-0", props)}>
      {rows.map((row) => (children ? children(row) : <LinkedAccountsCardItem key={row.id} row={row} />))}
    </ul>
  )
}

/** Props of {@link LinkedAccountsCardItem}. */
export interface LinkedAccountsCardItemProps extends ComponentPropsWithoutRef<"li"> {
  row: LinkedAccountRow
}

/**
 * One provider's row (`<li>`, `data-linked` when linked): its name, when it was linked (or "Not
 * linked"), and "Unlink" or "Link". Children replace the contents.
 *
 * @example
 * ```tsx
 * <LinkedAccountsCardItem row={row}>
 *   <GitHubIcon /> {row.name} <LinkedAccountsCardAction row={row} />
 * </LinkedAccountsCardItem>
 * ```
 */
export function LinkedAccountsCardItem({ row, children, ...props }: LinkedAccountsCardItemProps) {
  const { part, t, m } = useLinkedAccountsCard(LinkedAccountsCardItem)
  return (
    <li
      data-linked={row.linkedAt ? "" : undefined}
      {...part("item", "nak:flex nak:flex-wrap nak:items-center nak:justify-between nak:gap-2 nak:rounded-kit nak:border nak:border-solid nak:border-border nak:p-3", props)}
    >
      {children ?? (
        <>
          <span className="nak:grid nak:gap-1">
            <span {...part("name", "nak:text-sm nak:font-medium")}>{row.name}</span>
            <span {...part("details", "nak:kit-hint")}>{row.linkedAt ? <When at={row.linkedAt} template={t.linkedOn} locale={m.locale} /> : t.notLinked}</span>
          </span>
          <LinkedAccountsCardAction row={row} />
        </>
      )}
    </li>
  )
}

/** Props of {@link LinkedAccountsCardAction}. */
export interface LinkedAccountsCardActionProps extends ComponentPropsWithoutRef<"button"> {
  row: LinkedAccountRow
}

/**
 * "Unlink" for a linked provider, "Link" for one that is not, named with the provider ("Unlink
 * GitHub", "Link Google"). Linking signs in with the provider while signed in
 * (`signIn(id, { callbackUrl: this page })`). Your `onClick` runs first; `preventDefault()` cancels.
 *
 * @example
 * ```tsx
 * <LinkedAccountsCardAction row={row} className="ms-auto" />
 * ```
 */
export function LinkedAccountsCardAction({ row, children, onClick, ...props }: LinkedAccountsCardActionProps) {
  const { part, t, pending, link, unlink } = useLinkedAccountsCard(LinkedAccountsCardAction)
  // Linking leaves the page: the button stays disabled until it does.
  const [leaving, setLeaving] = useState(false)
  const linked = row.linkedAt !== null
  return (
    <button
      type="button"
      aria-label={format(linked ? t.unlinkLabel : t.linkLabel, { provider: row.name })}
      disabled={pending !== null || leaving}
      aria-busy={pending === `unlink:${row.id}` || leaving || undefined}
      {...part("action", buttonClasses(linked ? "secondary" : "primary", "nak:kit-pad-sm"), props)}
      onClick={(event) => {
        onClick?.(event)
        if (event.defaultPrevented) return
        if (linked) return void unlink(row)
        setLeaving(true)
        link(row)
      }}
    >
      {children ?? (linked ? t.unlink : t.link)}
    </button>
  )
}

/**
 * The providers linked to the signed-in user's account, each with when it was linked and
 * "Unlink", then the app's OAuth providers not linked yet, each with "Link" (which signs in with
 * it while signed in, coming back to this page). Unlinking the last way to sign in is refused by
 * the server (409 `last_sign_in_method`), and the card says so plainly. The list refreshes after
 * each action, whose result is announced. An action that needs a recent sign-in calls
 * `onReauthenticationRequired(retry)`, or else says to sign in again. It is
 * {@link LinkedAccountsCardRoot} with its default parts.
 *
 * @example
 * ```tsx
 * // pages/account.tsx
 * <LinkedAccountsCard />
 * ```
 */
export const LinkedAccountsCard = LinkedAccountsCardRoot
