import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest"
import { authHandlers, mockSession, mockUsers, providers, scenarios } from "../../src/msw"

process.env.NEXTAUTH_URL = "http://localhost:3000"
const client = await import("next-auth/react")
const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const use = (handlers: ReturnType<typeof authHandlers>) => {
  server.use(...handlers)
  return handlers
}
const pending = Symbol("pending")
const within = <T,>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<typeof pending>((resolve) => setTimeout(() => resolve(pending), ms))])

describe("authHandlers", () => {
  it("makes getSession() return exactly the session it is given", async () => {
    const session = mockSession({ user: { name: "Ada", email: "ada@example.com", roles: ["admin"] } })
    use(authHandlers({ session }))
    expect(await client.getSession()).toEqual(session)
  })

  it("answers {} when signed out, which getSession() reads as null", async () => {
    use(authHandlers({ session: null }))
    expect(await client.getSession()).toBeNull()
    const raw = await fetch("http://localhost:3000/api/auth/session")
    expect(await raw.json()).toEqual({})
  })

  it("never answers in the loading state", async () => {
    use(authHandlers({ session: "loading" }))
    expect(await within(client.getSession(), 300)).toBe(pending)
  })

  it("answers 500 in the error state, which next-auth's client logs and reads as null", async () => {
    use(authHandlers({ session: "error" }))
    const raw = await fetch("http://localhost:3000/api/auth/session")
    expect(raw.status).toBe(500)
    const error = vi.spyOn(console, "error").mockImplementation(() => {})
    expect(await client.getSession()).toBeNull()
    error.mockRestore()
  })

  it("computes the session per request when given a function", async () => {
    use(authHandlers({ session: (request) => (request.headers.get("x-who") === "ada" ? mockSession({ user: mockUsers.ada }) : null) }))
    const signedOut = await fetch("http://localhost:3000/api/auth/session")
    const asAda = await fetch("http://localhost:3000/api/auth/session", { headers: { "x-who": "ada" } })
    expect(await signedOut.json()).toEqual({})
    expect(await asAda.json()).toMatchObject({ user: { email: "ada@example.com" } })
  })

  it("signs in with the credentials validator, then answers that user's session", async () => {
    const handlers = use(scenarios.credentialsAccepted())
    const result = await client.signIn("credentials", {
      redirect: false,
      email: "ada@example.com",
      password: "password",
      callbackUrl: "/admin",
    })
    expect(result).toEqual({ error: null, status: 200, ok: true, url: "http://localhost:3000/admin" })
    expect(await client.getSession()).toMatchObject({ user: { name: "Ada Lovelace", roles: ["admin", "user"] } })
    handlers.reset()
    expect(await client.getSession()).toBeNull()
  })

  it("gives wrong credentials next-auth's exact answer", async () => {
    use(scenarios.credentialsRejected())
    const result = await client.signIn("credentials", { redirect: false, email: "a@b.c", password: "x", callbackUrl: "/" })
    expect(result).toEqual({ ok: false, error: "CredentialsSignin", status: 401, url: null })
  })

  it("never leaves the origin with a hostile callbackUrl, as next-auth's redirect callback", async () => {
    use(scenarios.credentialsAccepted())
    const result = await client.signIn("credentials", {
      redirect: false,
      email: "ada@example.com",
      password: "password",
      callbackUrl: "https://evil.example/steal",
    })
    expect(result?.url).toBe("http://localhost:3000")
  })

  it("signs out: the next /session is {}", async () => {
    use(scenarios.admin())
    expect(await client.getSession()).not.toBeNull()
    expect(await client.signOut({ redirect: false, callbackUrl: "/" })).toEqual({ url: "http://localhost:3000/" })
    expect(await client.getSession()).toBeNull()
  })

  it("refuses a sign-out without the CSRF token", async () => {
    const handlers = use(scenarios.admin())
    const response = await fetch("http://localhost:3000/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ json: "true" }),
    })
    expect(await response.json()).toEqual({ url: "http://localhost:3000/api/auth/signout?csrf=true" })
    expect(handlers.current).not.toBeNull()
  })

  it("answers a form post without json=true with a 302, as the real server", async () => {
    use(scenarios.credentialsRejected())
    const csrfToken = await client.getCsrfToken()
    const response = await fetch("http://localhost:3000/api/auth/callback/credentials", {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrfToken!, email: "x", password: "y" }),
    })
    expect(response.status).toBe(401)
    expect(response.headers.get("location")).toBe(
      "http://localhost:3000/api/auth/error?error=CredentialsSignin&provider=credentials",
    )
  })

  it("lists the configured providers with their URLs", async () => {
    use(authHandlers({ providers: [providers.github, providers.email] }))
    expect(await client.getProviders()).toEqual({
      github: {
        id: "github",
        name: "GitHub",
        type: "oauth",
        signinUrl: "http://localhost:3000/api/auth/signin/github",
        callbackUrl: "http://localhost:3000/api/auth/callback/github",
      },
      email: {
        id: "email",
        name: "Email",
        type: "email",
        signinUrl: "http://localhost:3000/api/auth/signin/email",
        callbackUrl: "http://localhost:3000/api/auth/callback/email",
      },
    })
  })

  it("answers configured sign-in errors", async () => {
    use(scenarios.oauthAccountNotLinked())
    const csrfToken = await client.getCsrfToken()
    const response = await fetch("http://localhost:3000/api/auth/signin/github", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrfToken!, json: "true" }),
    })
    expect(await response.json()).toEqual({ url: "http://localhost:3000/api/auth/error?error=OAuthAccountNotLinked" })
  })

  it("sends the email link", async () => {
    use(authHandlers({ providers: [providers.email] }))
    expect(await client.signIn("email", { redirect: false, email: "new@example.com", callbackUrl: "/" })).toEqual({
      error: null,
      status: 200,
      ok: true,
      url: "http://localhost:3000/api/auth/verify-request?provider=email&type=email",
    })
  })

  it("serves under a custom basePath only", async () => {
    use(authHandlers({ basePath: "/custom/auth", session: mockSession() }))
    expect((await fetch("http://localhost:3000/custom/auth/session")).status).toBe(200)
    // The default path has no handler: MSW refuses the request and says so on the console.
    const error = vi.spyOn(console, "error").mockImplementation(() => {})
    await expect(fetch("http://localhost:3000/api/auth/session")).rejects.toThrow()
    expect(error.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringMatching(/\[MSW\] Error: intercepted a request without a matching request handler:[\s\S]*GET http:\/\/localhost:3000\/api\/auth\/session/)])
    error.mockRestore()
  })

  it("delays every answer by the given time", async () => {
    use(authHandlers({ session: mockSession(), delay: 250 }))
    const started = Date.now()
    await client.getSession()
    expect(Date.now() - started).toBeGreaterThanOrEqual(240)
  })

  it("hangs every answer with delay infinite", async () => {
    use(authHandlers({ delay: "infinite" }))
    expect(await within(client.getCsrfToken(), 300)).toBe(pending)
  })

  it("accepts next-auth's client logs", async () => {
    use(authHandlers())
    const response = await fetch("http://localhost:3000/api/auth/_log", { method: "POST" })
    expect(response.status).toBe(200)
  })
})

describe("scenarios", () => {
  it.each([
    ["signedOut", null],
    ["signedIn", "grace@example.com"],
    ["admin", "ada@example.com"],
  ] as const)("%s answers the expected user", async (name, email) => {
    use(scenarios[name]())
    expect((await client.getSession())?.user?.email ?? null).toBe(email)
  })

  it("expiredSession answers the user once, then signed out", async () => {
    use(scenarios.expiredSession())
    expect(await client.getSession()).not.toBeNull()
    expect(await client.getSession()).toBeNull()
  })

  it("slowNetwork is slow", async () => {
    use(scenarios.slowNetwork(200))
    const started = Date.now()
    await client.getSession()
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
  })

  it("loading and sessionError are the session's failure modes", async () => {
    expect(scenarios.loading().current).toBe("loading")
    expect(scenarios.sessionError().current).toBe("error")
  })
})
