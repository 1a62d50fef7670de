import { createAccounts } from "next-auth-kit/server"
import nodemailer from "nodemailer"
import { authConfig } from "./auth-config"
import { accountStore, argon2Hasher, openDatabase, saveToOutbox } from "./database.mjs"

const db = openDatabase()

// With EMAIL_SERVER and EMAIL_FROM the emails go out over SMTP; without, to the dev outbox
// (/dev/outbox), which exists only in the playground.
const smtp =
  process.env.EMAIL_SERVER && process.env.EMAIL_FROM ? nodemailer.createTransport(process.env.EMAIL_SERVER) : null

/** The account lifecycle: sign-up, verification, reset and change of password. */
export const accounts = createAccounts({
  ...authConfig,
  store: accountStore(db),
  hasher: argon2Hasher,
  defaultRoles: ["user"],
  // As a deployment behind a proxy does: the client IP is the first X-Forwarded-For entry.
  trustProxy: true,
  // The demo accounts are shared by everyone who tries the playground and by its test suites,
  // which sign Ada in dozens of times a minute: a higher per-address sign-in limit than the
  // default 10 per 15 minutes. Every other limit is the kit's default.
  rateLimits: { signIn: { perAddress: { limit: 500, windowMs: 15 * 60_000 } } },
  sendEmail: async (email) => {
    if (smtp) await smtp.sendMail({ from: process.env.EMAIL_FROM, to: email.to, subject: email.subject, text: email.text, html: email.html })
    else await saveToOutbox(db, email)
  },
})

export { db }
