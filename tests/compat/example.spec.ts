/**
 * The README's quick starts as apps (examples/pages-router, examples/app-router), on the packed
 * package, built and served by scripts/compat.mjs: signed out, the login redirect with its
 * callbackUrl and the API's 401; signed in, the page and the API; the role gate; and a real
 * sign-in through the login page in Chromium.
 */
import { expect, test } from "@playwright/test"
import { sessionCookie } from "next-auth-kit/testing"

const example = process.env.COMPAT_EXAMPLE as "pages-router" | "app-router"
const ada = { id: "1", email: "ada@example.com", name: "Ada Lovelace", roles: ["admin"] }
const grace = { id: "2", email: "grace@example.com", name: "Grace Hopper", roles: ["user"] }
const noRedirects = { maxRedirects: 0 }

async function as({ roles, ...user }: typeof ada) {
  const { name, value } = await sessionCookie({ user, roles, secret: process.env.NEXTAUTH_SECRET })
  return { headers: { cookie: `${name}=${value}` }, maxRedirects: 0 }
}
const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")

test(`${example}: signed out, /dashboard redirects to the login page with its callbackUrl`, async ({ request }) => {
  const response = await request.get("/dashboard", noRedirects)
  expect(response.status()).toBe(307)
  const location = new URL(response.headers().location ?? "", "http://x")
  expect(location.pathname + location.search).toBe("/login?callbackUrl=%2Fdashboard")
})

test(`${example}: signed out, /api/me answers 401 JSON`, async ({ request }) => {
  const response = await request.get("/api/me", noRedirects)
  expect(response.status()).toBe(401)
  expect(response.headers()["content-type"]).toContain("application/json")
  expect(((await response.json()) as { error: string }).error).toBe("unauthenticated")
})

test(`${example}: signed in, the page and the API`, async ({ request }) => {
  const page = await request.get("/dashboard", await as(ada))
  expect(page.status()).toBe(200)
  expect(textOf(await page.text())).toContain("Hello Ada Lovelace")
  const api = await request.get("/api/me", await as(ada))
  expect(api.status()).toBe(200)
  expect(((await api.json()) as { user: { email: string } }).user.email).toBe(ada.email)
})

test(`${example}: the role gate`, async ({ request }) => {
  if (example === "pages-router") {
    const signedOut = await request.get("/admin", noRedirects)
    expect(signedOut.status()).toBe(307)
    expect(signedOut.headers().location).toContain("/login?callbackUrl=%2Fadmin")
    // `forbidden` is "not-found" by default: the page is not there for them.
    expect((await request.get("/admin", await as(grace))).status()).toBe(404)
    const admin = await request.get("/admin", await as(ada))
    expect(admin.status()).toBe(200)
    expect(textOf(await admin.text())).toContain("Admin")
  } else {
    expect(textOf(await (await request.get("/dashboard", await as(ada))).text())).toContain("You are an admin.")
    const user = textOf(await (await request.get("/dashboard", await as(grace))).text())
    expect(user).toContain("Not an admin.")
    expect(user).not.toContain("You are an admin.")
  }
})

test(`${example}: sign in through the login page, back on the dashboard`, async ({ page }) => {
  await page.goto("/dashboard")
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/)
  await page.getByLabel("Email", { exact: true }).fill(ada.email)
  await page.getByLabel("Password", { exact: true }).fill("wrong password")
  await page.getByRole("button", { name: "Sign in", exact: true }).click()
  await expect(page.getByRole("alert").filter({ hasText: "did not match" })).toBeVisible()
  await page.getByLabel("Password", { exact: true }).fill(process.env.DEMO_PASSWORD!)
  await page.getByRole("button", { name: "Sign in", exact: true }).click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello Ada Lovelace")
})
