/**
 * `accountScenarios.threeDevices()` and `accountScenarios.githubLinked()`: the states the account
 * cards show, seeded through the engine and answered by it.
 */
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type AccountHandlers, accountScenarios } from "../../src/msw"

const server = setupServer()
const ORIGIN = "http://localhost:3000"

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const use = (handlers: AccountHandlers) => {
  server.use(...handlers)
  return handlers
}
async function call(action: string, body?: unknown) {
  const response = await fetch(`${ORIGIN}/api/account/${action}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

describe("accountScenarios.threeDevices()", () => {
  it("lists this session and two others, newest first, on different browsers, systems and devices", async () => {
    use(accountScenarios.threeDevices())
    const { status, body } = await call("sessions")
    expect(status).toBe(200)
    expect(body.sessions).toEqual([
      expect.objectContaining({ current: true, browser: "Chrome 126", os: "macOS", deviceType: "desktop", method: "password" }),
      expect.objectContaining({ current: false, browser: "Safari 17", os: "iOS 17", deviceType: "mobile", method: "github", ip: "198.51.100.7" }),
      expect.objectContaining({ current: false, browser: "Firefox 128", os: "Windows 10", deviceType: "desktop", method: "password", ip: "203.0.113.9" }),
    ])
    const times = body.sessions.map((s: { createdAt: string }) => Date.parse(s.createdAt))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
  })

  it("revokes one other session, and then every other one, keeping this one", async () => {
    use(accountScenarios.threeDevices())
    const [, phone] = (await call("sessions")).body.sessions
    expect(await call("sessions/revoke", { id: phone.id })).toMatchObject({ status: 200 })
    expect((await call("sessions")).body.sessions.map((s: { browser: string }) => s.browser)).toEqual(["Chrome 126", "Firefox 128"])
    expect(await call("sessions/revoke-others", {})).toMatchObject({ status: 200 })
    expect((await call("sessions")).body.sessions).toEqual([expect.objectContaining({ current: true, browser: "Chrome 126" })])
  })

  it("starts again on reset()", async () => {
    const handlers = use(accountScenarios.threeDevices())
    await call("sessions/revoke-others", {})
    handlers.reset()
    expect((await call("sessions")).body.sessions).toHaveLength(3)
  })
})

describe("accountScenarios.githubLinked()", () => {
  it("lists GitHub as linked, with a password, and offers Google among the providers", async () => {
    use(accountScenarios.githubLinked())
    const { status, body } = await call("linked-accounts")
    expect(status).toBe(200)
    expect(body).toEqual({ accounts: [{ provider: "github", linkedAt: expect.any(String) }], password: true, passkeys: 0 })
    expect(Date.now() - Date.parse(body.accounts[0].linkedAt)).toBeGreaterThan(29 * 24 * 3600_000)
    const providers = (await (await fetch(`${ORIGIN}/api/auth/providers`)).json()) as Record<string, unknown>
    expect(Object.keys(providers)).toEqual(["credentials", "github", "google"])
  })

  it("unlinks GitHub, since the password remains", async () => {
    use(accountScenarios.githubLinked())
    expect(await call("unlink", { provider: "github" })).toMatchObject({ status: 200 })
    expect((await call("linked-accounts")).body.accounts).toEqual([])
  })

  it("without a password, refuses to unlink the last way to sign in with 409 last_sign_in_method", async () => {
    use(accountScenarios.githubLinked(undefined, { password: false }))
    expect(await call("unlink", { provider: "github" })).toMatchObject({ status: 409, body: { error: "last_sign_in_method" } })
    expect((await call("linked-accounts")).body).toMatchObject({ accounts: [{ provider: "github" }], password: false })
  })
})
