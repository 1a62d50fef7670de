import { createAuthKit, libsqlDriver, sqlAccountStore } from "next-auth-kit/server"
import { authConfig } from "./auth-config"

// An embedded SQLite database, created (folder included) on the first request.
export const store = sqlAccountStore(libsqlDriver({ url: process.env.DATABASE_URL ?? "file:.data/app.db" }))

export const kit = createAuthKit({
  authOptions: { providers: [], pages: { signIn: authConfig.loginPath } },
  ...authConfig,
  accounts: {
    ...authConfig.accounts,
    store,
    // Your mailer goes here; this one prints each email in the server's log.
    sendEmail: async ({ to, subject, text }) => console.info(`[email] To: ${to}\nSubject: ${subject}\n\n${text}\n`),
    mfa: { issuer: "Example" },
  },
})
export const { requireSession } = kit
