import { createAccounts } from "next-auth-kit/server"
import nodemailer from "nodemailer"
import { authConfig } from "./auth-config"
import { accountStore, argon2Hasher, openDatabase, saveToOutbox } from "./database.mjs"

const db = openDatabase()

// With EMAIL_SERVER and EMAIL_FROM the emails go out over SMTP; without, to the dev outbox
// (/dev/outbox), which exists only in the playground. The outbox shows every reset link to
// whoever asks: the playground is a demo, never a deployment.
const smtp =
  process.env.EMAIL_SERVER && process.env.EMAIL_FROM ? nodemailer.createTransport(process.env.EMAIL_SERVER) : null
/** Whether emails land in the dev outbox (no SMTP configured). */
export const outboxEnabled = smtp === null

/**
 * The account lifecycle: sign-up, verification, reset and change of password, and two-factor
 * sign-in with an authenticator app (its secrets sealed with NEXTAUTH_SECRET).
 */
export const accounts = createAccounts({
  ...authConfig,
  mfa: { issuer: "next-auth-kit playground" },
  store: accountStore(db),
  hasher: argon2Hasher,
  defaultRoles: ["user"],
  // As a deployment behind a proxy does: the client IP is the first X-Forwarded-For entry.
  trustProxy: true,
  // The playground's test suites sign the demo users in dozens of times a minute from one
  // address (127.0.0.1): a higher per-IP sign-in limit than the default 50 per 15 minutes.
  // Failed sign-ins per account keep the default (10 per 15 minutes); every other limit too.
  rateLimits: { signIn: { perIp: { limit: 1000, windowMs: 15 * 60_000 } } },
  sendEmail: async (email) => {
    if (smtp) await smtp.sendMail({ from: process.env.EMAIL_FROM, to: email.to, subject: email.subject, text: email.text, html: email.html })
    else await saveToOutbox(db, email)
  },
})

export { db }
