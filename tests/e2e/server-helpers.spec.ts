/**
 * The server helpers inside real Next.js requests: Pages Router pages and API routes, App
 * Router Server Components and route handlers, and the proxy (middleware), over HTTP.
 */
import { expect, test } from "@playwright/test"
import { ada, cookieHeader, grace } from "./fixtures"

const noRedirects = { maxRedirects: 0 }

test.describe("signed out", () => {
  for (const path of ["/dashboard", "/admin", "/app/dashboard", "/app/admin", "/members/x"]) {
    test(`${path} redirects to /login with the page as callbackUrl`, async ({ request, baseURL }) => {
      const response = await request.get(path, noRedirects)
      expect(response.status()).toBe(307)
      const location = new URL(response.headers().location!, baseURL)
      expect(location.pathname + location.search).toBe(`/login?callbackUrl=${encodeURIComponent(path)}`)
    })
  }

  for (const path of ["/api/me", "/api/admin/stats", "/app/api/me"]) {
    test(`${path} answers 401 JSON`, async ({ request }) => {
      const response = await request.get(path)
      expect(response.status()).toBe(401)
      expect(await response.json()).toMatchObject({ error: "unauthenticated" })
    })
  }

  test("a garbage or tampered cookie is signed out, never a 500", async ({ request }) => {
    const good = (await cookieHeader(ada)).split("=")[1]!
    for (const value of ["garbage", good.slice(0, -10), `${good.slice(0, 40)}x${good.slice(41)}`, "A".repeat(3000)]) {
      const headers = { cookie: `next-auth.session-token=${value}` }
      expect((await request.get("/api/me", { headers })).status()).toBe(401)
      expect((await request.get("/app/api/me", { headers })).status()).toBe(401)
      expect((await request.get("/dashboard", { headers, ...noRedirects })).status()).toBe(307)
      expect((await request.get("/app/dashboard", { headers, ...noRedirects })).status()).toBe(307)
    }
  })
})

test.describe("signed in", () => {
  test("Ada and Grace both reach /dashboard, /members and the App Router dashboard", async ({ request }) => {
    for (const user of [ada, grace]) {
      const headers = { cookie: await cookieHeader(user) }
      for (const path of ["/dashboard", "/members/area", "/app/dashboard"]) {
        const response = await request.get(path, { headers, ...noRedirects })
        expect(response.status(), `${user.email} ${path}`).toBe(200)
        expect(await response.text()).toContain(user.name)
      }
    }
  })

  test("the admin pages let Ada in and answer 404 to Grace", async ({ request }) => {
    for (const path of ["/admin", "/app/admin"]) {
      expect((await request.get(path, { headers: { cookie: await cookieHeader(ada) } })).status()).toBe(200)
      const denied = await request.get(path, { headers: { cookie: await cookieHeader(grace) }, ...noRedirects })
      expect(denied.status(), path).toBe(404)
    }
  })

  test("/api/admin/stats: 200 for Ada, 403 for Grace, 405 with Allow for POST", async ({ request }) => {
    const asAda = { cookie: await cookieHeader(ada) }
    expect((await request.get("/api/admin/stats", { headers: asAda })).status()).toBe(200)
    const forbidden = await request.get("/api/admin/stats", { headers: { cookie: await cookieHeader(grace) } })
    expect(forbidden.status()).toBe(403)
    expect(await forbidden.json()).toMatchObject({ error: "forbidden" })
    const wrongMethod = await request.post("/api/admin/stats", { headers: asAda })
    expect(wrongMethod.status()).toBe(405)
    expect(wrongMethod.headers().allow).toBe("GET, HEAD")
    expect(await wrongMethod.json()).toMatchObject({ error: "method_not_allowed" })
  })

  test("/api/me and /app/api/me answer the user", async ({ request }) => {
    for (const path of ["/api/me", "/app/api/me"]) {
      const response = await request.get(path, { headers: { cookie: await cookieHeader(grace) } })
      expect(response.status()).toBe(200)
      expect(await response.json()).toMatchObject({ user: { email: grace.email, roles: grace.roles } })
    }
  })
})
