import type { EngineSignInNotice } from "../../core/accounts/engine"
import { directionOf, formatTime } from "../i18n/messages"
import type { AccountEmailKind, AccountMessages } from "./messages"

/**
 * One email for the app's mailer: ready plain-text and HTML bodies (user data escaped), the
 * kind (to pick a template of your own) and the link it carries.
 *
 * @example
 * ```ts
 * const sendEmail = async ({ to, subject, text, html }: AccountEmail) => {
 *   await transport.sendMail({ from: "Acme <no-reply@acme.test>", to, subject, text, html })
 * }
 * ```
 */
export interface AccountEmail {
  /** The recipient's (normalised) address. */
  to: string
  subject: string
  /** The plain-text body. */
  text: string
  /** The HTML body: a complete, inline-styled document. */
  html: string
  kind: AccountEmailKind
  /**
   * The email's language, a BCP 47 tag: that of the request that caused it (see `locales`).
   * For the mail's `Content-Language` header, or to pick a template of your own.
   */
  locale: string
  /**
   * The link in the email: the verification or reset page with `?token=…` (the verification
   * page for an email change's link too), or the sign-in or forgot-password page.
   */
  url: string
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }

/** Escapes text for HTML content and quoted attribute values. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

/**
 * Renders one email from the messages, in their language: the HTML's `lang` and `dir` (on the
 * container too, since webmail drops `<html>` attributes), the link written out left to right.
 */
export function renderEmail(
  messages: AccountMessages,
  kind: AccountEmailKind,
  {
    to,
    url,
    appName,
    name,
    expiresInMs,
    signIn,
    newEmail,
  }: { to: string; url: string; appName: string; name: string | null; expiresInMs?: number; signIn?: EngineSignInNotice; newEmail?: string },
): AccountEmail {
  const strings = messages.emails[kind]
  const locale = messages.locale ?? "en"
  const context = {
    appName,
    name,
    expiresIn: expiresInMs === undefined ? "" : messages.duration(expiresInMs),
    ...(signIn && {
      time: messages.time ? messages.time(signIn.at) : formatTime(signIn.at, locale),
      browser: signIn.browser ?? "—",
      os: signIn.os ?? "—",
      ip: signIn.ip ?? "—",
    }),
    ...(newEmail !== undefined && { email: newEmail }),
  }
  const subject = strings.subject(context)
  const greeting = messages.greeting(name)
  const intro = strings.intro(context)
  const outro = strings.outro(context)
  const signature = messages.signature(appName)

  const text = [greeting, ...intro, `${strings.action}: ${url}`, ...outro, signature].join("\n\n") + "\n"

  const p = (line: string, style = "") => `<p style="margin:0 0 16px${style}">${escapeHtml(line)}</p>`
  const href = escapeHtml(url)
  const lang = escapeHtml(messages.locale ?? "en")
  const dir = directionOf(messages.locale ?? "en")
  const html =
    `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:24px;background:#f6f6f7;color:#111827;font:16px/1.5 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">` +
    `<div lang="${lang}" dir="${dir}" style="max-width:560px;margin:0 auto;padding:32px;background:#ffffff;border-radius:8px">` +
    p(greeting) +
    intro.map((line) => p(line)).join("") +
    `<p style="margin:24px 0"><a href="${href}" style="display:inline-block;padding:12px 20px;background:#111827;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600">${escapeHtml(strings.action)}</a></p>` +
    p(messages.linkFallback, ";font-size:14px;color:#4b5563") +
    `<p dir="ltr" style="margin:0 0 24px;font-size:14px;word-break:break-all"><a href="${href}" style="color:#1d4ed8">${href}</a></p>` +
    outro.map((line) => p(line)).join("") +
    p(signature, ";color:#4b5563") +
    `</div></body></html>`

  return { to, subject, text, html, kind, locale: messages.locale ?? "en", url }
}
