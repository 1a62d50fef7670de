/**
 * The playground's OpenID Connect provider (playground/oidc/server.mjs) over HTTP, without a
 * browser: discovery, its sign-in page, and the authorization code flow with PKCE as next-auth
 * runs it, down to the claims of the ID token.
 */
import { createHash, randomBytes } from "node:crypto"
import { createServer } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { OIDC_CLIENT, oidcIssuer, oidcPort } from "../../playground/oidc/config.mjs"
import { OIDC_ACCOUNTS, startOidcProvider } from "../../playground/oidc/server.mjs"

const appUrl = "http://127.0.0.1:3999"
const redirectUri = `${appUrl}/api/auth/callback/oidc`

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** A cookie jar of one origin, as a browser keeps it for the provider. */
function jar() {
  const cookies = new Map<string, string>()
  return {
    keep(response: Response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";")
        const at = pair!.indexOf("=")
        cookies.set(pair!.slice(0, at), pair!.slice(at + 1))
      }
    },
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; "),
  }
}

const base64url = (bytes: Buffer) => bytes.toString("base64url")

describe("the playground's OpenID Connect provider", () => {
  let issuer: string
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ issuer, close } = await startOidcProvider({ port: await freePort(), appUrl }))
  })
  afterAll(() => close())

  it("listens 300 ports above the app unless OIDC_PORT says otherwise, and the app finds it there", () => {
    expect(oidcPort(3000, {})).toBe(3300)
    expect(oidcPort("3100", { OIDC_PORT: "4000" })).toBe(4000)
    expect(() => oidcPort(65400, {})).toThrow(/OIDC_PORT/)
    expect(oidcIssuer({ PORT: "3100" })).toBe("http://localhost:3400")
    expect(oidcIssuer({ OIDC_ISSUER: "http://localhost:9999" })).toBe("http://localhost:9999")
  })

  it("serves its discovery document for its localhost issuer, with PKCE S256", async () => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`)
    expect(response.status).toBe(200)
    const discovery = await response.json()
    expect(discovery).toMatchObject({ issuer, code_challenge_methods_supported: ["S256"] })
    expect(discovery.claims_supported).toEqual(expect.arrayContaining(["sub", "email", "email_verified", "name"]))
  })

  it("refuses an authorization request without PKCE", async () => {
    const url = new URL(`${issuer}/auth`)
    url.search = new URLSearchParams({ client_id: OIDC_CLIENT.id, response_type: "code", scope: "openid email", redirect_uri: redirectUri, state: "s" }).toString()
    const response = await fetch(url, { redirect: "manual" })
    const location = new URL(response.headers.get("location")!)
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri)
    expect(location.searchParams.get("error")).toBe("invalid_request")
  })

  it.each(OIDC_ACCOUNTS.map((account) => [account.email, account] as const))(
    "signs %s in on its page and gives the app an ID token with sub, email, email_verified and name",
    async (_email, account) => {
      const cookies = jar()
      const get = async (url: string, init: RequestInit = {}) => {
        const response = await fetch(new URL(url, issuer), { ...init, redirect: "manual", headers: { ...init.headers, cookie: cookies.header() } })
        cookies.keep(response)
        return response
      }
      const verifier = base64url(randomBytes(32))
      const authorize = new URL(`${issuer}/auth`)
      authorize.search = new URLSearchParams({
        client_id: OIDC_CLIENT.id,
        response_type: "code",
        scope: "openid email profile",
        redirect_uri: redirectUri,
        state: "the-state",
        prompt: "login",
        code_challenge: base64url(createHash("sha256").update(verifier).digest()),
        code_challenge_method: "S256",
      }).toString()

      const toInteraction = await get(authorize.href)
      const interaction = toInteraction.headers.get("location")!
      expect(interaction).toMatch(/^\/interaction\/[\w-]+$/)
      const page = await get(interaction)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<label for="password">Password</label>')

      const form = { "content-type": "application/x-www-form-urlencoded" }
      const wrong = await get(`${interaction}/login`, { method: "POST", headers: form, body: new URLSearchParams({ email: account.email, password: "wrong" }).toString() })
      expect(wrong.status).toBe(401)
      expect(await wrong.text()).toContain('role="alert"')

      let response = await get(`${interaction}/login`, { method: "POST", headers: form, body: new URLSearchParams({ email: account.email, password: account.password }).toString() })
      // Back to the authorization endpoint, then to the app's callback (no consent screen).
      while (response.status >= 300 && response.status < 400 && !response.headers.get("location")!.startsWith(appUrl)) {
        response = await get(response.headers.get("location")!)
      }
      const callback = new URL(response.headers.get("location")!)
      expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri)
      expect(callback.searchParams.get("state")).toBe("the-state")
      expect(callback.searchParams.get("iss")).toBe(issuer)

      const token = await fetch(`${issuer}/token`, {
        method: "POST",
        headers: { ...form, authorization: `Basic ${Buffer.from(`${OIDC_CLIENT.id}:${OIDC_CLIENT.secret}`).toString("base64")}` },
        body: new URLSearchParams({ grant_type: "authorization_code", code: callback.searchParams.get("code")!, redirect_uri: redirectUri, code_verifier: verifier }).toString(),
      })
      expect(token.status).toBe(200)
      const { id_token } = (await token.json()) as { id_token: string }
      const claims = JSON.parse(Buffer.from(id_token.split(".")[1]!, "base64url").toString())
      expect(claims).toMatchObject({ iss: issuer, aud: OIDC_CLIENT.id, sub: account.sub, email: account.email, email_verified: true, name: account.name })
    },
  )
})
