import { randomInt } from "node:crypto"
import { fileURLToPath } from "node:url"
import AxeBuilder from "@axe-core/playwright"
import { createClient } from "@libsql/client"
import { type APIRequestContext, type BrowserContext, test as base, expect, type Page } from "@playwright/test"
import { sessionCookie } from "next-auth-kit/testing"
import { Secret, TOTP } from "otpauth"
import type { AccountEmail } from "next-auth-kit/server"
import { OIDC_ONLY_USERS, OIDC_PROVIDER_NAME } from "../../playground/oidc/config.mjs"

/** The seeded users of the playground (playground/lib/database.mjs). */
export const ada = { id: "1", email: "ada@example.com", name: "Ada Lovelace", password: "ada-password", roles: ["admin", "user"] }
export const grace = { id: "2", email: "grace@example.com", name: "Grace Hopper", password: "grace-password", roles: ["user"] }

/** A real session cookie for a seeded user, as `Cookie` header text. */
export async function cookieHeader(user: typeof ada): Promise<string> {
  const cookie = await sessionCookie({
    user: { id: user.id, email: user.email, name: user.name },
    roles: user.roles,
    secret: process.env.NEXTAUTH_SECRET,
  })
  return `${cookie.name}=${cookie.value}`
}

// ---------------------------------------------------------------------------------------------
// Accounts (tests/e2e/accounts.spec.ts, mfa.spec.ts): unique people, fresh rate-limit windows,
// the dev outbox, the database.

export { expect }

/**
 * The e2e server's database file: playwright.config.ts starts the playground with
 * `DATABASE_URL=file:../.tmp/e2e/playground-<run>.db`, relative to playground/ (a fresh one
 * every run, see playwright.config.ts).
 */
export const E2E_DATABASE_URL = `file:${fileURLToPath(new URL(`../../.tmp/e2e/playground-${process.env.E2E_RUN}.db`, import.meta.url))}`

let people = 0

/** A new address for every call, in every run (the e2e database outlives runs). */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${randomInt(1e9).toString(36)}-${++people}@example.com`
}

/** Runs statements on the e2e server's own database (the kit's SQL store, tables `nak_`). */
async function onDatabase<T>(work: (db: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
  const db = createClient({ url: E2E_DATABASE_URL })
  try {
    // The server writes to the same file: wait for its lock instead of failing with SQLITE_BUSY.
    await db.execute("PRAGMA busy_timeout = 10000")
    return await work(db)
  } finally {
    db.close()
  }
}

/**
 * Every window of the kit's rate limits ends, as if an hour had passed. The playground takes
 * the client IP from the socket (no proxy is trusted), so every browser and request of the
 * suite is 127.0.0.1: without this, the per-IP limits of sign-up (5 an hour), of the emails
 * (20 an hour) and of the links (10 per 15 minutes) would be spent by the tests that came
 * before. Each test starts with fresh windows and meets only its own attempts.
 */
export async function endRateLimitWindows(): Promise<void> {
  await onDatabase((db) => db.execute("DELETE FROM nak_rate_limits"))
}

/**
 * `test` whose every test starts with fresh rate-limit windows (see {@link endRateLimitWindows});
 * `anotherBrowser()` opens a page in a browser context of its own (other cookies), closed after
 * the test.
 */
export const test = base.extend<{ freshRateLimits: void; anotherBrowser: () => Promise<Page> }>({
  freshRateLimits: [
    async ({}, use) => {
      await endRateLimitWindows()
      await use()
    },
    { auto: true },
  ],
  anotherBrowser: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = []
    await use(async () => {
      const context = await browser.newContext({ baseURL })
      contexts.push(context)
      return context.newPage()
    })
    await Promise.all(contexts.map((context) => context.close()))
  },
})

/** An email of the playground's dev outbox (`GET /api/dev/outbox`). */
export interface OutboxEmail {
  to: string
  subject: string
  text: string
  url: string
  kind: AccountEmail["kind"]
  sentAt: string
}

/** The emails to an address, of a kind, newest first. */
export async function emailsTo(request: APIRequestContext, to: string, kind: OutboxEmail["kind"]): Promise<OutboxEmail[]> {
  const response = await request.get("/api/dev/outbox")
  expect(response.status()).toBe(200)
  const emails = (await response.json()) as OutboxEmail[]
  return emails.filter((email) => email.to === to && email.kind === kind)
}

/**
 * The newest email to an address of a kind, once at least `count` of them arrived (emails go
 * out after the answer, so they are waited for).
 */
export async function emailTo(
  request: APIRequestContext,
  to: string,
  kind: OutboxEmail["kind"],
  { count = 1 }: { count?: number } = {},
): Promise<OutboxEmail> {
  let found: OutboxEmail[] = []
  await expect
    .poll(async () => (found = await emailsTo(request, to, kind)).length, {
      message: `${count} "${kind}" email(s) to ${to} in the dev outbox`,
      timeout: 10_000,
      intervals: [50, 100, 250, 500],
    })
    .toBeGreaterThanOrEqual(count)
  return found[0]!
}

/** The token of an emailed link (`…?token=`). */
export function tokenOf(url: string): string {
  const token = new URL(url).searchParams.get("token")
  expect(token, `a token in ${url}`).toBeTruthy()
  return token!
}

/**
 * Signs up through the API and confirms the address from the outbox as the page's button does
 * (the POST that turns the pending sign-up into a user): a confirmed account, not signed in.
 */
export async function createVerifiedAccount(
  request: APIRequestContext,
  { email, password, name = "Test User" }: { email: string; password: string; name?: string },
): Promise<void> {
  const signUp = await request.post("/api/account/signup", { data: { email, password, name } })
  expect(signUp.status()).toBe(202)
  const { url } = await emailTo(request, email, "verify-email")
  const verify = await request.post("/api/account/verify-email", { data: { token: tokenOf(url) } })
  expect(verify.status()).toBe(200)
  // The grant that would sign the confirming browser in; this request context does not use it.
  expect(await verify.json()).toMatchObject({ ok: true, grant: expect.any(String) })
}

/**
 * Makes an address's unused links of a kind expire a minute ago, in the e2e server's own
 * database: what a day's (or an hour's) wait would do, without the wait. A confirmation link
 * belongs to the pending sign-up (`nak_pending_signups`: the user exists only once confirmed);
 * a reset link is a token of the user (`nak_tokens`).
 */
export async function expireLinks(email: string, kind: "verify-email" | "reset-password"): Promise<void> {
  const result = await onDatabase((db) =>
    db.execute(
      kind === "verify-email"
        ? { sql: "UPDATE nak_pending_signups SET expires_at = ? WHERE email = ?", args: [Date.now() - 60_000, email] }
        : {
            sql: `UPDATE nak_tokens SET expires_at = ?
                  WHERE kind = ? AND used_at IS NULL AND user_id = (SELECT id FROM nak_users WHERE email = ?)`,
            args: [Date.now() - 60_000, kind, email],
          },
    ),
  )
  expect(result.rowsAffected, `unused "${kind}" links of ${email}`).toBeGreaterThan(0)
}

/**
 * Makes every session of `email` one that signed in and last proved who its user is `minutes`
 * ago: what waiting past the re-authentication window (10 minutes) would do, without the wait.
 */
export async function ageSessions(email: string, minutes = 60): Promise<void> {
  const at = Date.now() - minutes * 60_000
  const result = await onDatabase((db) =>
    db.execute({
      sql: "UPDATE nak_sessions SET created_at = ?, authenticated_at = ? WHERE user_id = (SELECT id FROM nak_users WHERE email = ?)",
      args: [at, at, email],
    }),
  )
  expect(result.rowsAffected, `sessions of ${email}`).toBeGreaterThan(0)
}

/**
 * Turns two-factor on for the page's signed-in user over the account API, as an authenticator
 * app would (`mfa/setup`, then `mfa/enable` with the app's code): the session must be fresh.
 * @returns the setup key, for the codes that follow
 */
export async function turnOnTwoFactor(page: Page): Promise<string> {
  const { secret } = (await (await page.request.post("/api/account/mfa/setup", { data: {} })).json()) as { secret: string }
  const enabled = await page.request.post("/api/account/mfa/enable", { data: { code: new TOTP({ secret: Secret.fromBase32(secret) }).generate() } })
  expect(enabled.status()).toBe(200)
  return secret
}

/** Signs in through the login form on the current page. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  const form = page.locator('[data-slot="login-form"]')
  await form.getByLabel("Email").fill(email)
  await form.getByLabel("Password", { exact: true }).fill(password)
  await form.getByRole("button", { name: "Sign in", exact: true }).click()
}

/** Fails with the rule and the elements of every axe violation on the page as it is now. */
export async function expectNoViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([])
}

// ---------------------------------------------------------------------------------------------
// Sessions and OAuth (tests/e2e/sessions.spec.ts, database-sessions.spec.ts, oauth.spec.ts).

/**
 * The second server of playwright.config.ts: the same build and database under next-auth's
 * database session strategy (PLAYGROUND_SESSIONS=database).
 */
export const DATABASE_SESSIONS_URL = process.env.E2E_DATABASE_SESSIONS_URL!

/** The person only the playground's OpenID Connect provider knows (playground/oidc/config.mjs). */
export const katherine = OIDC_ONLY_USERS[0]!

/**
 * Presses "Continue with Playground ID" on the login page and signs in at the playground's
 * OpenID Connect provider as `person`; resolves once the browser is back on the app.
 */
export async function continueWithProvider(page: Page, person: { email: string; password: string }, { clicked = false } = {}): Promise<void> {
  const app = new URL(page.url()).origin
  // Unless the page started the provider's sign-in already (the linked-accounts card's "Link").
  if (!clicked) await page.getByRole("button", { name: `Continue with ${OIDC_PROVIDER_NAME}` }).click()
  // The provider asks every time (prompt=login), on its own origin.
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/interaction\//)
  await page.getByLabel("Email").fill(person.email)
  await page.getByLabel("Password").fill(person.password)
  await page.getByRole("button", { name: "Sign in" }).click()
  await page.waitForURL((url) => url.origin === app)
}

/** next-auth's session as the page's browser sees it (`{}` when signed out). */
export async function sessionOf(page: Page): Promise<{ user?: { email?: string | null } }> {
  const response = await page.request.get("/api/auth/session")
  expect(response.status()).toBe(200)
  return response.json()
}

/** Signs the page's browser out through next-auth (its CSRF token, then `POST /api/auth/signout`). */
export async function signOut(page: Page): Promise<void> {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string }
  const response = await page.request.post("/api/auth/signout", { form: { csrfToken, json: "true" } })
  expect(response.ok()).toBe(true)
  expect(await sessionOf(page)).toEqual({})
}
