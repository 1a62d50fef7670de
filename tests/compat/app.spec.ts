/**
 * The packed kit in a consumer app (compat/app) on one row of peers, built and served by
 * scripts/compat.mjs: the server helpers' redirects and JSON bodies, the middleware (Edge
 * runtime on Next.js 14 and 15, proxy.ts on Node.js for 16), and the seeded provider in
 * Chromium. Sessions are real cookies, minted with next-auth's `encode`.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { type APIRequestContext, expect, type Page, test } from "@playwright/test"
import { sessionCookie } from "next-auth-kit/testing"

const ada = { id: "1", email: "ada@example.com", name: "Ada Lovelace", roles: ["admin", "user"] }
const grace = { id: "2", email: "grace@example.com", name: "Grace Hopper", roles: ["user"] }
type User = typeof ada
const noRedirects = { maxRedirects: 0 }
const appDir = process.env.COMPAT_APP_DIR!
const nextMajor = Number(process.env.COMPAT_NEXT_MAJOR)

async function cookieOf({ roles, ...user }: User): Promise<{ name: string; value: string }> {
  return sessionCookie({ user, roles, secret: process.env.NEXTAUTH_SECRET })
}
async function as(user: User) {
  const { name, value } = await cookieOf(user)
  return { headers: { cookie: `${name}=${value}` }, maxRedirects: 0 }
}
/** The visible text of server HTML: no scripts, comments (React's text separators) or tags. */
function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
}
/** The redirect's target, as path and query. */
function target(location: string | undefined): string {
  const url = new URL(location ?? "", "http://x")
  return url.pathname + url.search
}
async function expectRedirectToLogin(request: APIRequestContext, path: string) {
  const response = await request.get(path, noRedirects)
  expect(response.status(), path).toBe(307)
  expect(target(response.headers().location), path).toBe(`/login?callbackUrl=${encodeURIComponent(path)}`)
}
async function expectJson(request: APIRequestContext, path: string, init: object, status: number, error?: string) {
  const response = await request.get(path, init)
  expect(response.status(), path).toBe(status)
  expect(response.headers()["content-type"], path).toContain("application/json")
  const body = (await response.json()) as { error?: string; message?: string }
  if (error) {
    expect(body.error, path).toBe(error)
    expect(typeof body.message, path).toBe("string")
  }
  return body
}

test.describe("Pages Router", () => {
  test("requireSession: signed out, a redirect to the login page with the callbackUrl", async ({ request }) => {
    await expectRedirectToLogin(request, "/dashboard")
    await expectRedirectToLogin(request, "/admin")
  })

  test("requireSession: signed in, the page with the session; a missing role, 404", async ({ request }) => {
    const dashboard = await request.get("/dashboard", await as(grace))
    expect(dashboard.status()).toBe(200)
    expect(textOf(await dashboard.text())).toContain(`Signed in as ${grace.name}.`)
    expect((await request.get("/admin", await as(grace))).status()).toBe(404)
    expect((await request.get("/admin", await as(ada))).status()).toBe(200)
  })

  test("withAuth: 401 and 403 JSON bodies, the handler for the allowed", async ({ request }) => {
    await expectJson(request, "/api/me", noRedirects, 401, "unauthenticated")
    expect(await expectJson(request, "/api/me", await as(grace), 200)).toMatchObject({ user: { name: grace.name } })
    await expectJson(request, "/api/admin", await as(grace), 403, "forbidden")
    expect(await expectJson(request, "/api/admin", await as(ada), 200)).toEqual({ ok: true })
  })

  test("next-auth itself reads the same cookie", async ({ request }) => {
    expect(await expectJson(request, "/api/auth/session", await as(ada), 200)).toMatchObject({ user: { name: ada.name } })
  })
})

test.describe("App Router", () => {
  test("auth(): signed out, a redirect to the login page with the path the middleware forwarded", async ({ request }) => {
    await expectRedirectToLogin(request, "/app/dashboard")
    await expectRedirectToLogin(request, "/app/admin")
  })

  test("auth(): signed in, the page and the server gates; a missing role, 404", async ({ request }) => {
    const dashboard = await request.get("/app/dashboard", await as(grace))
    expect(dashboard.status()).toBe(200)
    const html = textOf(await dashboard.text())
    expect(html).toContain(`Signed in as ${grace.name}.`)
    expect(html).toContain("Server SignedIn.")
    expect(html).toContain("Server RoleGate: not an admin.")
    expect((await request.get("/app/admin", await as(grace))).status()).toBe(404)
    expect((await request.get("/app/admin", await as(ada))).status()).toBe(200)
  })

  test("withRouteAuth: 401 and 403 JSON bodies, the handler for the allowed", async ({ request }) => {
    await expectJson(request, "/api/app/me", noRedirects, 401, "unauthenticated")
    expect(await expectJson(request, "/api/app/me", await as(grace), 200)).toMatchObject({ user: { name: grace.name } })
    await expectJson(request, "/api/app/admin", await as(grace), 403, "forbidden")
    expect(await expectJson(request, "/api/app/admin", await as(ada), 200)).toEqual({ ok: true })
  })
})

test.describe(nextMajor >= 16 ? "proxy.ts (Node.js)" : "middleware.ts (Edge runtime)", () => {
  test("is built for the runtime of this Next.js", () => {
    const manifest = (name: string) => {
      try {
        return JSON.parse(readFileSync(join(appDir, ".next/server", name), "utf8")) as Record<string, Record<string, { runtime?: string }>>
      } catch {
        return {}
      }
    }
    // Edge middleware is listed in the middleware manifest; a Node.js one (proxy.ts) among the functions.
    const edge = Object.keys(manifest("middleware-manifest.json").middleware ?? {})
    const node = manifest("functions-config-manifest.json").functions?.["/_middleware"]?.runtime
    if (nextMajor >= 16) {
      expect(edge).toEqual([])
      expect(node).toBe("nodejs")
    } else {
      expect(edge).toEqual(["/"])
      expect(node).toBeUndefined()
    }
  })

  test("signed out: a redirect with the callbackUrl, 401 JSON under /api", async ({ request }) => {
    await expectRedirectToLogin(request, "/members")
    await expectJson(request, "/api/members/ping", noRedirects, 401, "unauthenticated")
  })

  test("a missing role: the 404 page, 403 JSON under /api; the role: through", async ({ request }) => {
    const staff = await request.get("/members/staff", await as(grace))
    expect(staff.status()).toBe(404)
    expect(textOf(await staff.text())).not.toContain("Staff")
    await expectJson(request, "/api/members/staff", await as(grace), 403, "forbidden")
    expect((await request.get("/members", await as(grace))).status()).toBe(200)
    expect((await request.get("/members/staff", await as(ada))).status()).toBe(200)
    expect(await expectJson(request, "/api/members/staff", await as(ada), 200)).toEqual({ ok: true })
  })
})

/** The `/api/auth/session` requests the page makes from now on. */
function sessionRequests(page: Page): string[] {
  const seen: string[] = []
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/auth/session")) seen.push(request.url())
  })
  return seen
}

test.describe("in Chromium: the seeded AuthProvider and the client gates", () => {
  for (const path of ["/dashboard", "/app/dashboard"]) {
    test(`${path} as Ada: signed in on the first paint, 0 /api/auth/session requests`, async ({ page, baseURL }) => {
      const { name, value } = await cookieOf(ada)
      await page.context().addCookies([{ name, value, url: baseURL! }])
      const requests = sessionRequests(page)
      const response = await page.goto(path, { waitUntil: "domcontentloaded" })
      // The server's HTML already has the client gates signed in: no loading or signed-out slot.
      const html = textOf(await response!.text())
      expect(html).toContain(`Client: ${ada.name} (admin, user).`)
      expect(html).toContain("Client RoleGate: admin.")
      expect(html).not.toMatch(/Checking your|Client: signed out|Client SignedOut|not an admin/)
      // Hydrated, still signed in, and no session request on the way.
      const status = page.getByTestId("client-status")
      await expect(status).toHaveAttribute("data-hydrated", "yes")
      await expect(status).toContainText(`Client: ${ada.name} (admin, user).`)
      await page.waitForLoadState("load")
      await page.waitForTimeout(1_000)
      expect(requests).toEqual([])
      // The recorder sees one when there is one: the 0 above is not for blindness.
      await page.evaluate(() => fetch("/api/auth/session").then((r) => r.json()))
      expect(requests).toHaveLength(1)
    })
  }

  test("signed out: /dashboard lands on the login form, with the callbackUrl", async ({ page }) => {
    await page.goto("/dashboard")
    await expect(page).toHaveURL("/login?callbackUrl=%2Fdashboard")
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible()
    await expect(page.locator("form").first()).toBeVisible()
  })
})
