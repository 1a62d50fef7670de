/**
 * The playground's App Router half in Chromium, as the Pages half is tested in flows.spec.ts:
 * auth() and its callbackUrl, the provider seeded by getSession() in the root layout (signed in
 * on the first paint), the server gates with JavaScript off, the client gates, withRouteAuth.
 */
import type { BrowserContext, Page } from "@playwright/test"
import { ada, cookieHeader, expect, expectNoViolations, grace, signIn, test } from "./fixtures"

const noRedirects = { maxRedirects: 0 }

async function signInWithCookie(context: BrowserContext, user: typeof ada, baseURL: string | undefined) {
  const [name, ...value] = (await cookieHeader(user)).split("=")
  await context.addCookies([{ name: name!, value: value.join("="), url: baseURL! }])
}

/** The `/api/auth/session` requests the page makes from now on. */
function recordSessionRequests(page: Page): string[] {
  const requests: string[] = []
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/auth/session") requests.push(`${request.method()} ${request.url()}`)
  })
  return requests
}

/** Visible text of server HTML: no tags, no React's text separators, entities of the page decoded. */
function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
}

const adaKnown = `The client knows you: ${ada.name} (admin, user).`

test.describe("auth() and its callbackUrl", () => {
  test("a signed-out visitor of /app/dashboard signs in and lands back on /app/dashboard", async ({ page }) => {
    await page.goto("/app/dashboard")
    await expect(page).toHaveURL("/login?callbackUrl=%2Fapp%2Fdashboard")
    await signIn(page, ada.email, ada.password)
    await expect(page).toHaveURL("/app/dashboard")
    await expect(page.getByRole("heading", { name: "App Router dashboard" })).toBeVisible()
    await expect(page.getByText(`Signed in as ${ada.name}.`)).toBeVisible()
    await expect(page.getByTestId("client-status")).toContainText(adaKnown)
  })

  test("the proxy forwards every /app page's path and query: each comes back as the callbackUrl", async ({ request, baseURL }) => {
    for (const path of ["/app/dashboard", "/app/dashboard?tab=usage", "/app/admin"]) {
      const response = await request.get(path, noRedirects)
      expect(response.status(), path).toBe(307)
      const location = new URL(response.headers().location!, baseURL)
      expect(location.pathname + location.search, path).toBe(`/login?callbackUrl=${encodeURIComponent(path)}`)
    }
  })

  test("the callbackUrl from the query of /app/dashboard survives the sign-in", async ({ page }) => {
    await page.goto("/app/dashboard?tab=usage")
    await expect(page).toHaveURL("/login?callbackUrl=%2Fapp%2Fdashboard%3Ftab%3Dusage")
    await signIn(page, grace.email, grace.password)
    await expect(page).toHaveURL("/app/dashboard?tab=usage")
    await expect(page.getByText(`Signed in as ${grace.name}.`)).toBeVisible()
  })

  test("/app/login signs in and goes to its ?callbackUrl=, sanitised", async ({ page }) => {
    await page.goto("/app/login?callbackUrl=%2Fapp%2Fclient")
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible()
    await signIn(page, grace.email, grace.password)
    await expect(page).toHaveURL("/app/client")
    await expect(page.getByText(`Signed in as ${grace.name} (user).`)).toBeVisible()
  })

  test("/app/login with a hostile callbackUrl keeps the browser on the playground", async ({ page }) => {
    await page.goto(`/app/login?callbackUrl=${encodeURIComponent("//evil.example")}`)
    await signIn(page, ada.email, ada.password)
    await expect(page).toHaveURL("/")
  })
})

test.describe("the provider seeded by getSession() in the root layout", () => {
  test("/app/dashboard as Ada: signed in on the first paint, 0 /api/auth/session requests in 2 s", async ({ page, baseURL }) => {
    await signInWithCookie(page.context(), ada, baseURL)
    // Every state the client part is ever in, from the first bytes of the document: a
    // MutationObserver installed before any of the page's own scripts.
    await page.addInitScript(() => {
      const seen: string[] = []
      ;(window as unknown as { __clientStates: string[] }).__clientStates = seen
      const record = () => {
        const text = document.querySelector('[data-testid="client-status"]')?.textContent ?? null
        if (text !== null && seen[seen.length - 1] !== text) seen.push(text)
      }
      new MutationObserver(record).observe(document, { childList: true, subtree: true, characterData: true })
      document.addEventListener("DOMContentLoaded", record)
    })
    const sessionRequests = recordSessionRequests(page)

    const response = await page.goto("/app/dashboard", { waitUntil: "domcontentloaded" })
    // Right after DOMContentLoaded, before hydration is awaited: already signed in.
    const atDomContentLoaded = await page.getByTestId("client-status").textContent()
    expect(atDomContentLoaded).toContain(adaKnown)
    expect(atDomContentLoaded).toContain("Client RoleGate: you are an admin.")

    // The server's HTML of the client components: signed in, no loading or signed-out slot.
    const raw = await response!.text()
    expect(raw).toContain(`Account menu for ${ada.name}`)
    const html = textOf(raw)
    expect(html).toContain(adaKnown)
    expect(html).toContain("Client RoleGate: you are an admin.")
    expect(html).not.toMatch(/Checking your|Signed out \(client\)|SignedOut \(client\)|not an admin/)

    await page.waitForLoadState("load")
    await page.waitForTimeout(2_000)
    expect(sessionRequests).toEqual([])
    // Hydrated, and still the same text: it never was anything else.
    await expect(page.getByRole("button", { name: `Account menu for ${ada.name}` })).toBeVisible()
    const states = await page.evaluate(() => (window as unknown as { __clientStates: string[] }).__clientStates)
    expect(states.length).toBeGreaterThan(0)
    for (const state of states) {
      expect(state).toContain(adaKnown)
      expect(state).not.toMatch(/Checking your|Signed out|not an admin/)
    }

    // The recorder sees a session request when there is one: the 0 above is not for blindness.
    await page.evaluate(() => fetch("/api/auth/session").then((r) => r.json()))
    expect(sessionRequests).toHaveLength(1)
  })

  test("/app/dashboard as Grace: the client RoleGate says not an admin from the first HTML", async ({ page, baseURL }) => {
    await signInWithCookie(page.context(), grace, baseURL)
    const sessionRequests = recordSessionRequests(page)
    const response = await page.goto("/app/dashboard")
    const html = textOf(await response!.text())
    expect(html).toContain(`The client knows you: ${grace.name} (user).`)
    expect(html).toContain("Client RoleGate: not an admin.")
    expect(html).not.toMatch(/Checking your|you are an admin/)
    await page.waitForTimeout(2_000)
    expect(sessionRequests).toEqual([])
  })

  test("signed out, the seeded provider knows it too: the header's sign-in links, no session request", async ({ page }) => {
    const sessionRequests = recordSessionRequests(page)
    const response = await page.goto("/app/gates")
    expect(response!.status()).toBe(200)
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/app/login")
    await expect(page.getByRole("button", { name: /Account menu/ })).toHaveCount(0)
    await page.waitForTimeout(2_000)
    expect(sessionRequests).toEqual([])
  })
})

test.describe("server gates, with JavaScript off", () => {
  test.use({ javaScriptEnabled: false })

  const gates = {
    signedIn: "SignedIn: you are signed in.",
    signedOut: "SignedOut: you are signed out.",
    authChildren: "AuthGate: the children, for signed-in users.",
    authFallback: "AuthGate: the fallback, for signed-out visitors.",
    user: "RoleGate user: the user part.",
    admin: "RoleGate admin: the admin part.",
    adminFallback: "RoleGate admin: admins only.",
  }

  async function expectGates(page: Page, shown: (keyof typeof gates)[]) {
    const list = page.getByRole("main").getByRole("listitem")
    await expect(list).toHaveCount(shown.length)
    for (const [key, text] of Object.entries(gates)) {
      await expect(page.getByText(text), key).toHaveCount(shown.includes(key as keyof typeof gates) ? 1 : 0)
    }
  }

  test("Grace on /app/gates: the signed-in and user parts, not the admin part", async ({ page, baseURL }) => {
    await signInWithCookie(page.context(), grace, baseURL)
    expect((await page.goto("/app/gates"))!.status()).toBe(200)
    await expectGates(page, ["signedIn", "authChildren", "user", "adminFallback"])
    // The header's server SignedIn gate with the UserButton, rendered with no script run.
    await expect(page.getByRole("button", { name: `Account menu for ${grace.name}` })).toBeVisible()
  })

  test("Ada on /app/gates: the admin part too", async ({ page, baseURL }) => {
    await signInWithCookie(page.context(), ada, baseURL)
    await page.goto("/app/gates")
    await expectGates(page, ["signedIn", "authChildren", "user", "admin"])
  })

  test("signed out on /app/gates: the SignedOut part and the fallbacks", async ({ page }) => {
    expect((await page.goto("/app/gates"))!.status()).toBe(200)
    await expectGates(page, ["signedOut", "authFallback", "adminFallback"])
    await expect(page.getByRole("main").getByRole("link", { name: "Sign in" })).toHaveAttribute(
      "href",
      "/app/login?callbackUrl=%2Fapp%2Fgates",
    )
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible()
  })

  test("/app/dashboard's client part is signed in with no script run at all", async ({ page, baseURL }) => {
    await signInWithCookie(page.context(), grace, baseURL)
    await page.goto("/app/dashboard")
    await expect(page.getByTestId("client-status")).toContainText(`The client knows you: ${grace.name} (user).`)
    await expect(page.getByText(/Checking your/)).toHaveCount(0)
  })
})

test.describe("/app/admin and /app/api/me", () => {
  test("/app/admin: 200 for Ada with the server RoleGates, 404 for Grace", async ({ page, baseURL, anotherBrowser }) => {
    await signInWithCookie(page.context(), ada, baseURL)
    expect((await page.goto("/app/admin"))!.status()).toBe(200)
    await expect(page.getByRole("heading", { name: "App Router admin" })).toBeVisible()
    await expect(page.getByText(`Welcome, ${ada.name}.`)).toBeVisible()
    await expect(page.getByText("Server RoleGate: you hold both the admin and the user role.")).toBeVisible()
    await expect(page.getByText("Server RoleGate: no audit log for you (auditors only).")).toBeVisible()

    // Grace in a browser of her own (see flows.spec.ts: no cookie of Ada's in flight).
    const asGrace = await anotherBrowser()
    await signInWithCookie(asGrace.context(), grace, baseURL)
    expect((await asGrace.goto("/app/admin"))!.status()).toBe(404)
    await expect(asGrace.getByText("App Router admin")).toHaveCount(0)
  })

  test("/app/api/me: 401 JSON signed out, 200 with the user signed in", async ({ request, page }) => {
    const signedOut = await request.get("/app/api/me")
    expect(signedOut.status()).toBe(401)
    expect(signedOut.headers()["content-type"]).toContain("application/json")
    expect(await signedOut.json()).toMatchObject({ error: "unauthenticated" })

    // With the browser's own cookie, set by signing in through the form.
    await page.goto("/app/login?callbackUrl=%2Fapp%2Fdashboard")
    await signIn(page, grace.email, grace.password)
    await expect(page).toHaveURL("/app/dashboard")
    const signedIn = await page.request.get("/app/api/me")
    expect(signedIn.status()).toBe(200)
    expect(await signedIn.json()).toMatchObject({ user: { email: grace.email, name: grace.name, roles: grace.roles } })

    const asAda = await request.get("/app/api/me", { headers: { cookie: await cookieHeader(ada) } })
    expect(asAda.status()).toBe(200)
    expect(await asAda.json()).toMatchObject({ user: { email: ada.email, roles: ada.roles } })
  })
})

test.describe("/app/client: the client gates", () => {
  test("a signed-out visitor is sent to the login page from the browser, and comes back signed in", async ({ page }) => {
    await page.goto("/app/client")
    await expect(page).toHaveURL("/login?callbackUrl=%2Fapp%2Fclient")
    await signIn(page, grace.email, grace.password)
    await expect(page).toHaveURL("/app/client")
    await expect(page.getByText(`Signed in as ${grace.name} (user).`)).toBeVisible()
    await expect(page.getByText("You are not an admin.")).toBeVisible()
    await expect(page.getByText("SignedIn (client): shown to signed-in users.")).toBeVisible()
    await expect(page.getByText(/SignedOut \(client\)/)).toHaveCount(0)
    await expect(page.getByText("Checking your session…")).toHaveCount(0)
  })

  test("Ada sees the admin part, with no session request", async ({ page, baseURL }) => {
    await signInWithCookie(page.context(), ada, baseURL)
    const sessionRequests = recordSessionRequests(page)
    await page.goto("/app/client")
    await expect(page.getByText(`Signed in as ${ada.name} (admin, user).`)).toBeVisible()
    await expect(page.getByText("You are an admin.")).toBeVisible()
    await expect(page.getByText("You are not an admin.")).toHaveCount(0)
    await expect(page.getByText("SignedIn (client): shown to signed-in users.")).toBeVisible()
    await page.waitForLoadState("networkidle")
    expect(sessionRequests).toEqual([])
  })
})

test("sign-out on /app/dashboard ends the session: / next, then /app pages send to the login page", async ({ page, baseURL }) => {
  await signInWithCookie(page.context(), grace, baseURL)
  await page.goto("/app/dashboard")
  await page.getByRole("main").getByRole("button", { name: "Sign out" }).click()
  await expect(page).toHaveURL("/")
  expect((await page.request.get("/app/api/me")).status()).toBe(401)
  await page.goto("/app/dashboard")
  await expect(page).toHaveURL("/login?callbackUrl=%2Fapp%2Fdashboard")
  await page.goto("/app/client")
  await expect(page).toHaveURL("/login?callbackUrl=%2Fapp%2Fclient")
})

test.describe("links and accessibility", () => {
  test("the App Router pages link to each other", async ({ page, baseURL }) => {
    await signInWithCookie(page.context(), ada, baseURL)
    await page.goto("/app")
    const nav = page.getByRole("navigation", { name: "Main" })
    for (const [name, path, heading] of [
      ["App dashboard", "/app/dashboard", "App Router dashboard"],
      ["App admin", "/app/admin", "App Router admin"],
      ["App client", "/app/client", "App Router client-side page"],
      ["App gates", "/app/gates", "Server gates"],
      ["App Router", "/app", "App Router"],
    ] as const) {
      await nav.getByRole("link", { name, exact: true }).click()
      await expect(page).toHaveURL(path)
      await expect(page.getByRole("heading", { level: 1, name: heading, exact: true })).toBeVisible()
    }
  })

  test("/app/login, /app/gates and /app/dashboard have no axe violations", async ({ page, baseURL }) => {
    await page.goto("/app/login")
    await expectNoViolations(page)
    await page.goto("/app/gates")
    await expectNoViolations(page)
    await signInWithCookie(page.context(), ada, baseURL)
    await page.goto("/app/dashboard")
    await expect(page.getByRole("button", { name: `Account menu for ${ada.name}` })).toBeVisible()
    await expectNoViolations(page)
  })
})
