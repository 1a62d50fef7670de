import type { Browser, BrowserContext, Cookie, Page } from "@playwright/test"
import type { SessionListItem } from "../../src/server"
import { expect, sessionOf, signIn } from "./fixtures"

/** A session as `GET /api/account/sessions` lists it. */
export type ListedSession = SessionListItem

/** The contract's bound: a revoked session is signed out at its next request within `cacheMs` (5 s). */
export const SIGNED_OUT_WITHIN_MS = 5_000

/**
 * Browsers of their own (other cookies) on one server: `open()` gives a page in a new context,
 * `close()` ends them all.
 */
export function browsers(browser: Browser, baseURL: string) {
  const contexts: BrowserContext[] = []
  return {
    async open(cookies: Cookie[] = []): Promise<Page> {
      const context = await browser.newContext({ baseURL })
      contexts.push(context)
      if (cookies.length > 0) await context.addCookies(cookies)
      return context.newPage()
    },
    close: () => Promise.all(contexts.map((context) => context.close())),
  }
}

/** Signs `page` in with a password through /login, landing on /dashboard. */
export async function signInOnDashboard(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login?callbackUrl=%2Fdashboard")
  await signIn(page, email, password)
  await expect(page).toHaveURL(/\/dashboard$/)
  expect((await sessionOf(page)).user?.email).toBe(email)
}

/** `GET /api/account/sessions` with the page's cookies. */
export async function sessionsOf(page: Page): Promise<ListedSession[]> {
  const response = await page.request.get("/api/account/sessions")
  expect(response.status()).toBe(200)
  return ((await response.json()) as { sessions: ListedSession[] }).sessions
}

/** The id of the page's own session, the one its list marks `current`. */
export async function currentSessionId(page: Page): Promise<string> {
  const current = (await sessionsOf(page)).filter((session) => session.current)
  expect(current).toHaveLength(1)
  return current[0]!.id
}

/**
 * The page's browser is signed out at its next request, within {@link SIGNED_OUT_WITHIN_MS}:
 * a protected page (requireSession) sends it to the login page, and next-auth's own
 * `/api/auth/session` answers `{}`.
 */
export async function expectSignedOut(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.goto("/dashboard")
        return new URL(page.url()).pathname
      },
      { message: "a protected page sends the revoked browser to the login page", timeout: SIGNED_OUT_WITHIN_MS, intervals: [100, 250, 500] },
    )
    .toBe("/login")
  expect(await sessionOf(page)).toEqual({})
}

/** The page's browser is still signed in as `email`: the protected page opens. */
export async function expectSignedIn(page: Page, email: string): Promise<void> {
  await page.goto("/dashboard")
  await expect(page).toHaveURL(/\/dashboard$/)
  expect((await sessionOf(page)).user?.email).toBe(email)
}

/**
 * On /account of `a`'s server, the sessions card lists `count` sessions with this one marked
 * "This device"; "Sign out <device>" on the other one (the only other) ends it, and the card
 * says so. The App Router's /app/account shows the same card.
 */
export async function revokeOtherFromTheCard(a: Page, count = 2): Promise<void> {
  await a.goto("/app/account")
  await expect(a.locator('[data-slot="sessions-card"]').getByText("This device")).toBeVisible()
  await a.goto("/account")
  const card = a.locator('[data-slot="sessions-card"]')
  await expect(card.getByRole("listitem")).toHaveCount(count)
  await expect(card.getByRole("listitem").filter({ hasText: "This device" })).toHaveCount(1)
  // The current session has no button of its own; the other's is named after its device.
  const others = card.getByRole("button", { name: /^Sign out (?!everywhere else).+/ })
  await expect(others).toHaveCount(count - 1)
  await others.first().click()
  await expect(card.getByText(/is signed out\.$/)).toBeVisible()
  await expect(card.getByRole("listitem")).toHaveCount(count - 1)
}

/**
 * `a` ends the sessions `ids` over the account API (`sessions/revoke` for one, `revoke-others`
 * for every other one when `ids` is `"others"`): each browser of `ended` is signed out at its
 * next request, `a` stays signed in as `email`, and its list holds its own session alone.
 */
export async function revokeOverHttp(a: Page, target: { id: string } | "others", ended: Page[], email: string): Promise<void> {
  const idA = await currentSessionId(a)
  const response =
    target === "others"
      ? await a.request.post("/api/account/sessions/revoke-others", { data: {} })
      : await a.request.post("/api/account/sessions/revoke", { data: { id: target.id } })
  expect(response.status()).toBe(200)
  expect(await response.json()).toEqual({ ok: true })
  for (const page of ended) await expectSignedOut(page)
  await expectSignedIn(a, email)
  expect((await sessionsOf(a)).map((s) => s.id)).toEqual([idA])
}
