import { AccountFormFooter, AccountFormLink, type AccountFormProps, type Kit, Root, useFromUrl, useKit } from "../accounts/parts"
import { knownError } from "../messages"
import { enAuthPages } from "./messages"

/**
 * Props of {@link VerifyRequestPage}, and of {@link AuthErrorPage} beside its `error`. Other
 * `<div>` attributes go to the root. `classNames` keys: `root`, `title`, `error` (the
 * sentence), `status`, `hint`, `footer`, `link`.
 */
export interface VerifyRequestPageProps extends AccountFormProps {
  /**
   * Where the link back goes, used as it is (no basePath added).
   * @default config.basePath + config.loginPath, from `AuthProvider`
   */
  signInHref?: string
}

/** Props of {@link AuthErrorPage}. */
export interface AuthErrorPageProps extends VerifyRequestPageProps {
  /**
   * next-auth's error code (`Verification`, `OAuthAccountNotLinked`, …). Pass it where the
   * server knows it, so that the first paint shows it: in the App Router,
   * `error={(await searchParams).error}`.
   * @default the page's `?error=`, read on the client after hydration
   */
  error?: string
}

/**
 * The page for next-auth's `pages.error`: next-auth sends users there with `?error=<code>`
 * (an expired email link is `Verification`). Shows a heading, the code's sentence from
 * `messages.errors` (the same as `LoginForm`'s; an unknown code gets `errors.default`, never
 * the code itself) in a `role="alert"` region, and a link back to sign in ("Request a new link"
 * for an expired link). `data-state` is the code, `default` for an unknown one, `none` without
 * one.
 *
 * @example
 * ```tsx
 * // app/auth/error/page.tsx, with `pages: { error: "/auth/error" }` in authOptions
 * export default async function Page({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
 *   return <AuthErrorPage titleAs="h1" error={(await searchParams).error} />
 * }
 * ```
 */
export function AuthErrorPage({ error: given, signInHref, ...props }: AuthErrorPageProps) {
  const k = useKit("auth-error-page", AuthErrorPage, props)
  const error = useFromUrl("error", given)
  const code = knownError(k.m, error ?? "")
  const t = { ...enAuthPages, ...k.m.authPages }
  const expired = code === "Verification"
  return (
    <Root k={k} state={error ? code : "none"} heading={expired ? t.expired : t.error} props={props}>
      {error === undefined ? null : (
        <div role="alert" {...k.part("error", "nak:kit-alert")}>
          {k.m.errors[code]}
        </div>
      )}
      {back(k, signInHref, expired ? k.t.requestLink : k.m.loginForm.submit)}
    </Root>
  )
}

/**
 * The page for next-auth's `pages.verifyRequest`, where it sends users once an email sign-in
 * link is on its way: "Check your inbox", that the link may take a minute, to look in the spam
 * folder, and a link back to use another address.
 *
 * @example
 * ```tsx
 * // pages/auth/verify-request.tsx, with `pages: { verifyRequest: "/auth/verify-request" }`
 * export default function VerifyRequest() {
 *   return <VerifyRequestPage titleAs="h1" />
 * }
 * ```
 */
export function VerifyRequestPage({ signInHref, ...props }: VerifyRequestPageProps) {
  const k = useKit("verify-request-page", VerifyRequestPage, props)
  const t = { ...enAuthPages, ...k.m.authPages }
  return (
    <Root k={k} state="sent" heading={k.m.loginForm.checkInboxTitle} props={props}>
      <p {...k.part("status", "nak:kit-lead")}>{t.sent}</p>
      <p {...k.part("hint", "nak:kit-muted")}>{t.spam}</p>
      {back(k, signInHref, k.m.loginForm.useAnotherEmail)}
    </Root>
  )
}

/** The link back to the login page, in a footer. */
const back = (k: Kit, href = k.config.basePath + k.config.loginPath, text: string) => (
  <AccountFormFooter>
    <AccountFormLink href={href}>{text}</AccountFormLink>
  </AccountFormFooter>
)
