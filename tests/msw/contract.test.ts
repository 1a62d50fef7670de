/**
 * Keeps the mocks honest: next-auth/react's own client functions run once against a real
 * next-auth server on 127.0.0.1 and once against `authHandlers` at the same URL, and must give
 * the same results, field by field.
 */
import { DrizzleAdapter } from "@auth/drizzle-adapter"
import { createClient } from "@libsql/client"
import { drizzle } from "drizzle-orm/libsql"
import { setupServer } from "msw/node"
import type { NextAuthOptions } from "next-auth"
import CredentialsProvider from "next-auth/providers/credentials"
import EmailProvider from "next-auth/providers/email"
import GitHubProvider from "next-auth/providers/github"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { authHandlers, providers } from "../../src/msw"
import { makeAuthOptions, serveNextAuth, users } from "../server/harness"

/** The same rules for both sides: a known user with the password "right"; "boom@…" throws. */
function validate(credentials: Record<string, string> | undefined) {
  if (credentials?.email === "boom@example.com") throw new Error("Database unavailable")
  const user = Object.values(users).find((u) => u.email === credentials?.email)
  return user && credentials?.password === "right" ? { ...user, roles: [...user.roles] } : null
}

const memory = createClient({ url: ":memory:" })
const realOptions: NextAuthOptions = makeAuthOptions()
realOptions.providers = [
  CredentialsProvider({ credentials: { email: {}, password: {} }, authorize: async (c) => validate(c) }),
  EmailProvider({ server: "smtp://127.0.0.1:1", from: "kit@example.com", sendVerificationRequest: async () => {} }),
  GitHubProvider({ clientId: "id", clientSecret: "secret" }),
]
realOptions.adapter = DrizzleAdapter(drizzle(memory)) as NextAuthOptions["adapter"]

let real: Awaited<ReturnType<typeof serveNextAuth>>
let client: typeof import("next-auth/react")
const handlers = authHandlers({
  credentials: validate,
  providers: [providers.credentials, providers.email, { ...providers.github }],
})
const msw = setupServer(...handlers)

// A cookie jar around fetch, as a browser keeps cookies between next-auth's requests.
const originalFetch = globalThis.fetch
let jar = new Map<string, string>()
const jarFetch: typeof fetch = async (input, init) => {
  const headers = new Headers(init?.headers)
  if (jar.size) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "))
  const response = await (globalThis.__mswFetch ?? originalFetch)(input, { ...init, headers })
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(";")
    const [name, ...value] = pair!.split("=")
    if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name!)
    else jar.set(name!, value.join("="))
  }
  return response
}
declare global {
  // eslint-disable-next-line no-var
  var __mswFetch: typeof fetch | undefined
}

beforeAll(async () => {
  await memory.executeMultiple(`
    CREATE TABLE user (id TEXT PRIMARY KEY, name TEXT, email TEXT UNIQUE, emailVerified INTEGER, image TEXT);
    CREATE TABLE verificationToken (identifier TEXT NOT NULL, token TEXT NOT NULL, expires INTEGER NOT NULL, PRIMARY KEY (identifier, token));
  `)
  real = await serveNextAuth(realOptions)
  process.env.NEXTAUTH_URL = real.url
  client = await import("next-auth/react")
})

afterAll(async () => {
  globalThis.fetch = originalFetch
  msw.close()
  await real.close()
  memory.close()
})

/** Runs a scenario against the real server, then against the mocks, each with a fresh jar. */
async function both<T>(scenario: () => Promise<T>): Promise<{ real: T; mock: T }> {
  jar = new Map()
  globalThis.__mswFetch = undefined
  globalThis.fetch = jarFetch
  const fromReal = await scenario()

  msw.listen({ onUnhandledRequest: "error" })
  handlers.reset()
  jar = new Map()
  globalThis.__mswFetch = globalThis.fetch === jarFetch ? originalFetch : globalThis.fetch
  globalThis.fetch = jarFetch
  try {
    return { real: fromReal, mock: await scenario() }
  } finally {
    msw.close()
    globalThis.__mswFetch = undefined
    globalThis.fetch = originalFetch
  }
}

const signIn = (provider: string, fields: Record<string, string>) =>
  client.signIn(provider, { redirect: false, callbackUrl: "/dashboard", ...fields })

describe("authHandlers against a real next-auth server", () => {
  it("agree on a signed-out visitor: getSession, getProviders, getCsrfToken", async () => {
    const { real, mock } = await both(async () => ({
      session: await client.getSession(),
      providers: await client.getProviders(),
      csrf: typeof (await client.getCsrfToken()),
    }))
    expect(real.session).toBeNull()
    expect(real.providers).toHaveProperty("github.signinUrl", `${realUrl()}/api/auth/signin/github`)
    expect(mock).toEqual(real)
  })

  it("agree on good credentials: ok, the callback URL, then the session", async () => {
    const { real, mock } = await both(async () => {
      const result = await signIn("credentials", { email: "ada@example.com", password: "right" })
      const session = await client.getSession()
      return { result, user: session?.user, hasExpires: typeof session?.expires }
    })
    expect(real.result).toEqual({ error: null, status: 200, ok: true, url: `${realUrl()}/dashboard` })
    expect(real.user).toEqual({ name: "Ada Lovelace", email: "ada@example.com", image: undefined, roles: ["admin", "user"] })
    expect(mock).toEqual(real)
    // The second run really was the mocks: their state is now Ada's session.
    expect(handlers.current).toMatchObject({ user: { email: "ada@example.com" } })
  })

  it("agree on bad credentials: CredentialsSignin, 401, no URL, still signed out", async () => {
    const { real, mock } = await both(async () => ({
      result: await signIn("credentials", { email: "ada@example.com", password: "wrong" }),
      session: await client.getSession(),
    }))
    expect(real.result).toEqual({ error: "CredentialsSignin", status: 401, ok: false, url: null })
    expect(real.session).toBeNull()
    expect(mock).toEqual(real)
  })

  it("agree on an authorize that throws: its message as the error, 401", async () => {
    const { real, mock } = await both(() => signIn("credentials", { email: "boom@example.com", password: "x" }))
    expect(real).toEqual({ error: "Database unavailable", status: 401, ok: false, url: null })
    expect(mock).toEqual(real)
  })

  it("agree on a post without the CSRF token: no sign-in, a ?csrf=true URL", async () => {
    const { real, mock } = await both(async () => {
      const response = await fetch(`${realUrl()}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "ada@example.com", password: "right", json: "true" }),
      })
      return { status: response.status, body: await response.json(), session: await client.getSession() }
    })
    expect(real).toEqual({ status: 200, body: { url: `${realUrl()}/api/auth/signin?csrf=true` }, session: null })
    expect(mock).toEqual(real)
  })

  it("agree on sign-out: the callback URL, then no session", async () => {
    const { real, mock } = await both(async () => {
      await signIn("credentials", { email: "grace@example.com", password: "right" })
      const signedIn = (await client.getSession())?.user?.email
      const result = await client.signOut({ redirect: false, callbackUrl: "/bye" })
      return { signedIn, result, after: await client.getSession() }
    })
    expect(real).toEqual({ signedIn: "grace@example.com", result: { url: `${realUrl()}/bye` }, after: null })
    expect(mock).toEqual(real)
  })

  it("agree on an email link: the verify-request URL", async () => {
    const { real, mock } = await both(() => signIn("email", { email: "new@example.com" }))
    expect(real).toEqual({
      error: null,
      status: 200,
      ok: true,
      url: `${realUrl()}/api/auth/verify-request?provider=email&type=email`,
    })
    expect(mock).toEqual(real)
  })

  it("agree on a malformed email address: EmailSignin", async () => {
    const { real, mock } = await both(() => signIn("email", { email: "not-an-address" }))
    expect(real).toMatchObject({ error: "EmailSignin", ok: true, url: null })
    expect(mock).toEqual(real)
  })

  it("agree on OAuth: a URL on the provider with our callback as redirect_uri", async () => {
    // signIn() navigates the window for OAuth; post what it posts and read the answer.
    const { real, mock } = await both(async () => {
      const response = await fetch(`${realUrl()}/api/auth/signin/github`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken: (await client.getCsrfToken())!, callbackUrl: "/", json: "true" }),
      })
      const url = new URL(((await response.json()) as { url: string }).url)
      return {
        status: response.status,
        at: url.origin + url.pathname,
        redirectUri: url.searchParams.get("redirect_uri"),
        hasState: url.searchParams.has("state"),
      }
    })
    expect(real).toEqual({
      status: 200,
      at: "https://github.com/login/oauth/authorize",
      redirectUri: `${realUrl()}/api/auth/callback/github`,
      hasState: true,
    })
    expect(mock).toEqual(real)
  })
})

function realUrl() {
  return real.url
}
