/**
 * `next-auth-kit/msw` serves the linked accounts and the sessions list with the server's engine,
 * and seeds both for an account, so that stories can show "GitHub linked" and "three devices".
 */
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type AccountHandlers, accountHandlers, type MockSessionSeed, mockSession } from "../../src/msw"

process.env.NEXTAUTH_URL = "http://localhost:3000"
const server = setupServer()
const ORIGIN = "http://localhost:3000"
const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const use = (handlers: AccountHandlers) => {
  server.use(...handlers)
  return handlers
}

async function call(method: "GET" | "POST", action: string, body?: unknown) {
  const response = await fetch(`${ORIGIN}/api/account/${action}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

const threeDevices: MockSessionSeed[] = [
  { current: true, userAgent: CHROME_MAC, createdAt: "2030-01-03T09:00:00.000Z" },
  { userAgent: IPHONE, ip: "198.51.100.7", method: "oauth", createdAt: "2030-01-02T09:00:00.000Z", lastActiveAt: "2030-01-02T18:00:00.000Z" },
  { id: "old-laptop", userAgent: FIREFOX, createdAt: "2030-01-01T09:00:00.000Z" },
]

describe("given an account seeded with GitHub linked and no password", () => {
  const users = [{ email: "ada@example.com", password: null, name: "Ada", linkedAccounts: [{ provider: "github", linkedAt: "2030-01-01T10:00:00.000Z" }] }]

  it("lists the linked account, no password and no passkey", async () => {
    use(accountHandlers({ users, auth: { session: mockSession({ user: { email: "ada@example.com" } }) } }))
    expect(await call("GET", "linked-accounts")).toEqual({
      status: 200,
      body: { accounts: [{ provider: "github", linkedAt: "2030-01-01T10:00:00.000Z" }], password: false, passkeys: 0 },
    })
  })

  it("refuses to unlink the last way to sign in, and answers not_found for a provider not linked", async () => {
    use(accountHandlers({ users, auth: { session: mockSession({ user: { email: "ada@example.com" } }) } }))
    expect(await call("POST", "unlink", { provider: "github" })).toMatchObject({ status: 409, body: { error: "last_sign_in_method" } })
    expect(await call("POST", "unlink", { provider: "google" })).toMatchObject({ status: 404, body: { error: "not_found" } })
    expect((await call("GET", "linked-accounts")).body.accounts).toHaveLength(1)
  })

  it("unlinks one of two providers", async () => {
    const two = [{ ...users[0]!, linkedAccounts: [{ provider: "github" }, { provider: "google" }] }]
    use(accountHandlers({ users: two, auth: { session: mockSession({ user: { email: "ada@example.com" } }) } }))
    expect(await call("POST", "unlink", { provider: "google" })).toEqual({ status: 200, body: { ok: true } })
    expect((await call("GET", "linked-accounts")).body.accounts.map((a: { provider: string }) => a.provider)).toEqual(["github"])
  })

  it("answers 401 signed out", async () => {
    use(accountHandlers({ users, auth: false }))
    expect(await call("GET", "linked-accounts")).toMatchObject({ status: 401, body: { error: "unauthenticated" } })
  })
})

describe("given an account seeded with three devices", () => {
  const users = [{ email: "grace@example.com", password: "correct horse battery staple", sessions: threeDevices }]

  it("lists them newest first, the seeded current one marked, devices parsed as the server parses them", async () => {
    use(accountHandlers({ users, auth: { session: mockSession({ user: { email: "grace@example.com" } }) } }))
    const { status, body } = await call("GET", "sessions")
    expect(status).toBe(200)
    expect(body.sessions.map((s: Record<string, unknown>) => [s.current, s.browser, s.os, s.deviceType, s.method])).toEqual([
      [true, "Chrome 126", "macOS", "desktop", "password"],
      [false, "Safari 17", "iOS 17", "mobile", "oauth"],
      [false, "Firefox 128", "Windows 10", "desktop", "password"],
    ])
    expect(body.sessions[1]).toMatchObject({ ip: "198.51.100.7", lastActiveAt: "2030-01-02T18:00:00.000Z" })
    expect(body.sessions[2].id).toBe("old-laptop")
  })

  it("revokes one, and the others but the current one", async () => {
    use(accountHandlers({ users, auth: { session: mockSession({ user: { email: "grace@example.com" } }) } }))
    expect(await call("POST", "sessions/revoke", { id: "old-laptop" })).toEqual({ status: 200, body: { ok: true } })
    expect((await call("GET", "sessions")).body.sessions).toHaveLength(2)
    expect(await call("POST", "sessions/revoke-others", {})).toEqual({ status: 200, body: { ok: true } })
    const left = (await call("GET", "sessions")).body.sessions
    expect(left).toHaveLength(1)
    expect(left[0]).toMatchObject({ current: true, browser: "Chrome 126" })
  })
})
