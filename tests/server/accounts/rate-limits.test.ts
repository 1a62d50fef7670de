import { describe, expect, it, vi } from "vitest"
import { DEFAULT_RATE_LIMITS, memoryAccountStore } from "../../../src/server"
import { accountsAuthOptions, GOOD_PASSWORD, OTHER_PASSWORD, post, serveApi, serveNextAuth, setup, signIn, verifiedUser } from "./helpers"

/** Posts JSON to the Pages Router handler over real HTTP, so the socket address is 127.0.0.1. */
async function pagesClient(handler: Parameters<typeof serveApi>[0]) {
  const server = await serveApi(handler)
  return {
    close: server.close,
    async post(action: string, body: unknown, headers: Record<string, string> = {}) {
      const response = await fetch(`${server.url}/api/account/${action}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      })
      return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers }
    },
  }
}

/** setup with the deprecated `trustProxy: true`, whose warning is captured and asserted. */
function setupWithTrustProxyTrue() {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
  const s = setup({ trustProxy: true })
  expect(warn.mock.calls).toEqual([[expect.stringMatching(/^\[next-auth-kit\] `trustProxy: true` takes the first X-Forwarded-For entry/)]])
  warn.mockRestore()
  return s
}

describe("rate limits", () => {
  it("answer 429 rate_limited with Retry-After past 5 sign-ups per IP an hour", async () => {
    const s = setup()
    const client = await pagesClient(s.accounts.apiHandler as never)
    try {
      for (let i = 0; i < 5; i++) {
        expect((await client.post("signup", { email: `user${i}@example.com`, password: GOOD_PASSWORD })).status).toBe(202)
      }
      const limited = await client.post("signup", { email: "user5@example.com", password: GOOD_PASSWORD })
      expect(limited.status).toBe(429)
      expect(limited.body).toEqual({ error: "rate_limited", message: expect.any(String) })
      const wait = Number(limited.headers.get("retry-after"))
      expect(wait).toBeGreaterThan(3500)
      expect(wait).toBeLessThanOrEqual(3600)
      expect(limited.headers.get("cache-control")).toBe("no-store")
    } finally {
      await client.close()
    }
  })

  it("limit forgot-password per address, known or not, to 5 an hour", async () => {
    const s = setup()
    await post(s.accounts, "signup", { email: "known@example.com", password: GOOD_PASSWORD })
    for (const email of ["known@example.com", "unknown@example.com"]) {
      for (let i = 0; i < 5; i++) expect((await post(s.accounts, "forgot-password", { email })).status).toBe(202)
      expect((await post(s.accounts, "forgot-password", { email })).status).toBe(429)
    }
    // Another endpoint has its own budget.
    expect((await post(s.accounts, "resend-verification", { email: "known@example.com" })).status).toBe(202)
  })

  it("limit token guesses to 10 per IP in 15 minutes", async () => {
    const s = setup()
    const client = await pagesClient(s.accounts.apiHandler as never)
    try {
      for (let i = 0; i < 10; i++) expect((await client.post("verify-email", { token: "C".repeat(43) })).status).toBe(400)
      const limited = await client.post("reset-password", { token: "C".repeat(43), password: OTHER_PASSWORD })
      expect(limited.status).toBe(429)
      expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(900)
    } finally {
      await client.close()
    }
  })

  it("are shared by two instances on one store", async () => {
    const store = memoryAccountStore()
    const a = setup({ store })
    const b = setup({ store })
    for (let i = 0; i < 3; i++) expect((await post(a.accounts, "forgot-password", { email: "ada@example.com" })).status).toBe(202)
    for (let i = 0; i < 2; i++) expect((await post(b.accounts, "forgot-password", { email: "ada@example.com" })).status).toBe(202)
    expect((await post(b.accounts, "forgot-password", { email: "ada@example.com" })).status).toBe(429)
    expect((await post(a.accounts, "forgot-password", { email: "ada@example.com" })).status).toBe(429)
  })

  it("ignore X-Forwarded-For unless trustProxy: without it, every request counts for the socket's address", async () => {
    const s = setup()
    const client = await pagesClient(s.accounts.apiHandler as never)
    try {
      for (let i = 0; i < 5; i++) {
        const answer = await client.post("signup", { email: `u${i}@example.com`, password: GOOD_PASSWORD }, { "x-forwarded-for": `203.0.113.${i}` })
        expect(answer.status).toBe(202)
      }
      expect((await client.post("signup", { email: "u5@example.com", password: GOOD_PASSWORD }, { "x-forwarded-for": "203.0.113.99" })).status).toBe(429)
    } finally {
      await client.close()
    }
  })

  it("with trustProxy, count per first X-Forwarded-For entry", async () => {
    const s = setupWithTrustProxyTrue()
    const client = await pagesClient(s.accounts.apiHandler as never)
    try {
      for (let i = 0; i < 5; i++) {
        const answer = await client.post("signup", { email: `v${i}@example.com`, password: GOOD_PASSWORD }, { "x-forwarded-for": "198.51.100.7, 10.0.0.1" })
        expect(answer.status).toBe(202)
      }
      expect((await client.post("signup", { email: "v5@example.com", password: GOOD_PASSWORD }, { "x-forwarded-for": "198.51.100.7" })).status).toBe(429)
      // Another client behind the same proxy has its own budget.
      expect((await client.post("signup", { email: "v6@example.com", password: GOOD_PASSWORD }, { "x-forwarded-for": "198.51.100.8, 10.0.0.1" })).status).toBe(202)
    } finally {
      await client.close()
    }
  })

  it("count IPv6 clients by their /64", async () => {
    const s = setupWithTrustProxyTrue()
    for (let i = 0; i < 5; i++) {
      expect((await post(s.accounts, "signup", { email: `w${i}@example.com`, password: GOOD_PASSWORD }, { headers: { "x-forwarded-for": `2001:db8:1:2::${i + 1}` } })).status).toBe(202)
    }
    expect((await post(s.accounts, "signup", { email: "w5@example.com", password: GOOD_PASSWORD }, { headers: { "x-forwarded-for": "2001:db8:1:2:ffff::9" } })).status).toBe(429)
  })

  it("in route handlers without trustProxy, count per the address Next.js wrote into X-Forwarded-For (its last entry)", async () => {
    const s = setup()
    // Next.js sets X-Forwarded-For to the socket's address when the request has none; a route
    // handler sees no socket, so the last entry is the nearest one known.
    for (let i = 0; i < 5; i++) {
      expect((await post(s.accounts, "signup", { email: `x${i}@example.com`, password: GOOD_PASSWORD }, { headers: { "x-forwarded-for": "198.51.100.7, 192.0.2.1" } })).status).toBe(202)
    }
    expect((await post(s.accounts, "signup", { email: "x5@example.com", password: GOOD_PASSWORD }, { headers: { "x-forwarded-for": "203.0.113.9, 192.0.2.1" } })).status).toBe(429)
    expect((await post(s.accounts, "signup", { email: "x6@example.com", password: GOOD_PASSWORD }, { headers: { "x-forwarded-for": "192.0.2.2" } })).status).toBe(202)
    // Without any address, the per-address limit still holds.
    for (let i = 0; i < 3; i++) expect((await post(s.accounts, "signup", { email: "same@example.com", password: GOOD_PASSWORD })).status).toBe(202)
    expect((await post(s.accounts, "signup", { email: "same@example.com", password: GOOD_PASSWORD })).status).toBe(429)
  })

  it("take a custom resolver and custom limits", async () => {
    const s = setup({
      clientIp: ({ headers }) => (headers as Headers).get("x-client") ?? undefined,
      rateLimits: { email: { perAddress: false, perIp: { limit: 2, windowMs: 60_000 } } },
    })
    for (let i = 0; i < 2; i++) expect((await post(s.accounts, "forgot-password", { email: `y${i}@example.com` }, { headers: { "x-client": "k1" } })).status).toBe(202)
    const limited = await post(s.accounts, "forgot-password", { email: "y9@example.com" }, { headers: { "x-client": "k1" } })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60)
    expect((await post(s.accounts, "forgot-password", { email: "y9@example.com" }, { headers: { "x-client": "k2" } })).status).toBe(202)
  })

  it("never count the owner's own sign-ins against the address, only failures", async () => {
    const s = setup()
    await verifiedUser(s)
    for (let i = 0; i < 15; i++) {
      expect(await s.accounts.authorize({ email: "ada@example.com", password: GOOD_PASSWORD })).toMatchObject({
        email: "ada@example.com",
      })
    }
    for (let i = 0; i < 9; i++) expect(await s.accounts.authorize({ email: "ada@example.com", password: "wrong password" })).toBeNull()
    // Nine failures: the right password still signs in; the tenth failure closes the address.
    expect(await s.accounts.authorize({ email: "ada@example.com", password: GOOD_PASSWORD })).not.toBeNull()
    expect(await s.accounts.authorize({ email: "ada@example.com", password: "wrong password" })).toBeNull()
    await expect(s.accounts.authorize({ email: "ada@example.com", password: GOOD_PASSWORD })).rejects.toThrow("RateLimited")
  })

  it("end sign-in attempts past 10 per address in 15 minutes with error=RateLimited", async () => {
    expect(DEFAULT_RATE_LIMITS.signIn.perAddress).toEqual({ limit: 10, windowMs: 15 * 60_000 })
    const s = setup()
    await verifiedUser(s)
    const server = await serveNextAuth(accountsAuthOptions(s.accounts))
    try {
      for (let i = 0; i < 10; i++) expect((await signIn(server.url, "ada@example.com", "wrong password")).cookie).toBeNull()
      const limited = await signIn(server.url, "ada@example.com", GOOD_PASSWORD)
      expect(limited.cookie).toBeNull()
      expect(new URL(limited.url).searchParams.get("error")).toBe("RateLimited")
    } finally {
      await server.close()
    }
  })
})
