#!/usr/bin/env node
// The playground's own OpenID Connect provider ("Playground ID"), so OAuth sign-in, linking and
// unlinking work end to end with nothing from outside. scripts/playground.mjs starts it beside
// the app; alone:
//   node playground/oidc/server.mjs [--port 3300] [--app-url http://localhost:3000]
// It is oidc-provider with one client (the playground, config.mjs), its own sign-in page, keys
// made at start and everything kept in memory: a restart forgets its sessions, never a user of
// the app. The people are the playground's demo users (same addresses and passwords) and one
// person the app does not know yet (OIDC_ONLY_USERS).
import { generateKeyPairSync, randomBytes } from "node:crypto"
import { createServer } from "node:http"
import { pathToFileURL } from "node:url"
import { parseArgs } from "node:util"
import { DEMO_USERS } from "../lib/demo-users.mjs"
import { OIDC_CLIENT, OIDC_ONLY_USERS, OIDC_PROVIDER_ID, OIDC_PROVIDER_NAME, oidcPort } from "./config.mjs"

/** The provider's people: `sub` is stable across restarts, so linked accounts keep matching. */
export const OIDC_ACCOUNTS = [...DEMO_USERS, ...OIDC_ONLY_USERS].map(({ email, password, name }) => ({
  sub: `playground-${email.split("@")[0]}`,
  email,
  password,
  name,
}))

/**
 * oidc-provider 9 prints "Unsupported runtime" on Node 20 (its support policy starts at Node 22);
 * it serves this local provider on Node 20 all the same, so that one notice is left out.
 */
async function importProvider() {
  const warn = console.warn
  console.warn = (message, ...rest) => {
    if (!String(message).includes("Unsupported runtime")) warn(message, ...rest)
  }
  try {
    return (await import("oidc-provider")).default
  } finally {
    console.warn = warn
  }
}

/**
 * oidc-provider's storage, in memory: what its own quick-start adapter does, without its
 * warning (a restart signs everyone out of the provider, which is fine beside the playground).
 */
function memoryAdapter() {
  const items = new Map()
  const byUid = new Map()
  const byUserCode = new Map()
  const byGrant = new Map()
  return class MemoryAdapter {
    constructor(model) {
      this.model = model
    }
    key(id) {
      return `${this.model}:${id}`
    }
    async upsert(id, payload, expiresIn) {
      const key = this.key(id)
      items.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity })
      if (payload.uid) byUid.set(payload.uid, id)
      if (payload.userCode) byUserCode.set(payload.userCode, id)
      if (payload.grantId) byGrant.set(payload.grantId, [...(byGrant.get(payload.grantId) ?? []), key])
    }
    async find(id) {
      const item = items.get(this.key(id))
      if (!item) return undefined
      if (item.expiresAt <= Date.now()) {
        items.delete(this.key(id))
        return undefined
      }
      return item.payload
    }
    async findByUid(uid) {
      return byUid.has(uid) ? this.find(byUid.get(uid)) : undefined
    }
    async findByUserCode(userCode) {
      return byUserCode.has(userCode) ? this.find(byUserCode.get(userCode)) : undefined
    }
    async consume(id) {
      const item = items.get(this.key(id))
      if (item) item.payload.consumed = Math.floor(Date.now() / 1000)
    }
    async destroy(id) {
      items.delete(this.key(id))
    }
    async revokeByGrantId(grantId) {
      for (const key of byGrant.get(grantId) ?? []) items.delete(key)
      byGrant.delete(grantId)
    }
  }
}

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c])

function html(res, status, title, body) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
  res.end(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; background: #f4f4f5; color: #18181b; margin: 0; }
  main { max-width: 22rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 0.75rem; box-shadow: 0 1px 3px #0002; }
  h1 { font-size: 1.25rem; margin: 0 0 0.25rem; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { box-sizing: border-box; width: 100%; padding: 0.5rem; font: inherit; border: 1px solid #a1a1aa; border-radius: 0.375rem; }
  button { margin-top: 1.25rem; padding: 0.5rem 1rem; font: inherit; border-radius: 0.375rem; border: 0; background: #18181b; color: #fff; }
  button.secondary { background: none; color: #18181b; text-decoration: underline; }
  [role="alert"] { color: #b91c1c; margin-top: 1rem; }
  code { font-size: 0.85em; }
</style>
</head>
<body><main>${body}</main></body>
</html>`)
}

function signInPage(res, uid, { email = "", error = "" } = {}) {
  const people = OIDC_ACCOUNTS.map((a) => `<li><code>${escape(a.email)}</code> / <code>${escape(a.password)}</code></li>`).join("")
  html(
    res,
    error ? 401 : 200,
    `Sign in – ${OIDC_PROVIDER_NAME}`,
    `<h1>${escape(OIDC_PROVIDER_NAME)}</h1>
<p>Sign in to continue to the next-auth-kit playground.</p>
<form method="post" action="/interaction/${escape(uid)}/login">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="${escape(email)}"${email ? "" : " autofocus"}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${email ? " autofocus" : ""}>
  ${error ? `<p role="alert">${escape(error)}</p>` : ""}
  <button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${escape(uid)}/abort"><button type="submit" class="secondary">Cancel</button></form>
<p>People here:</p><ul>${people}</ul>`,
  )
}

async function readForm(req) {
  let body = ""
  for await (const chunk of req) {
    body += chunk
    if (body.length > 10_000) throw new Error("form too large")
  }
  return new URLSearchParams(body)
}

/**
 * Starts the provider.
 * @param {{ port: number, appUrl: string }} options the app's URL gives the
 *   client's redirect URI (`<appUrl>/api/auth/callback/oidc`)
 * @returns {Promise<{ issuer: string, close: () => Promise<void> }>}
 */
export async function startOidcProvider({ port, appUrl }) {
  const Provider = await importProvider()
  const issuer = `http://localhost:${port}`
  const app = new URL(appUrl)
  const accounts = new Map(OIDC_ACCOUNTS.map((account) => [account.sub, account]))
  const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" })

  const provider = new Provider(issuer, {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: [new URL(`/api/auth/callback/${OIDC_PROVIDER_ID}`, app).href],
        post_logout_redirect_uris: [app.origin],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [{ ...jwk, kid: "playground", use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // next-auth reads the person from the ID token (idToken: true), so the claims go in it.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub)
      if (!account) return undefined
      return {
        accountId: sub,
        claims: async () => ({ sub, email: account.email, email_verified: true, name: account.name }),
      }
    },
    // The playground is the provider's only client, first party: no consent screen, the grant
    // covers what it asks for (oidc-provider's "skip consent" recipe).
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId)
      if (grantId) return ctx.oidc.provider.Grant.find(grantId)
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId })
      grant.addOIDCScope("openid email profile")
      await grant.save()
      return grant
    },
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 86_400, Grant: 86_400 },
    async renderError(ctx, out) {
      ctx.type = "html"
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(OIDC_PROVIDER_NAME)}: error</title></head><body><main><h1>${escape(OIDC_PROVIDER_NAME)}</h1><p role="alert">${escape(out.error)}: ${escape(out.error_description ?? "")}</p></main></body></html>`
    },
  })

  const handle = provider.callback()
  const listener = async (req, res) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(new URL(req.url ?? "/", issuer).pathname)
    if (!match) return handle(req, res)
    try {
      const details = await provider.interactionDetails(req, res)
      const [, uid, step] = match
      if (details.uid !== uid) return html(res, 400, OIDC_PROVIDER_NAME, "<p role=\"alert\">This sign-in is not the one in progress: start again from the app.</p>")
      if (req.method === "GET" && !step) return signInPage(res, uid)
      if (req.method === "POST" && step === "abort") {
        return provider.interactionFinished(req, res, { error: "access_denied", error_description: "The person cancelled the sign-in." }, { mergeWithLastSubmission: false })
      }
      if (req.method === "POST" && step === "login") {
        const form = await readForm(req)
        const email = (form.get("email") ?? "").trim().toLowerCase()
        const account = OIDC_ACCOUNTS.find((a) => a.email === email && a.password === form.get("password"))
        if (!account) return signInPage(res, uid, { email, error: "That email and password do not match a person here." })
        return provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false })
      }
      res.writeHead(405).end()
    } catch {
      // No interaction cookie, or an expired one: the app starts a new sign-in.
      html(res, 400, OIDC_PROVIDER_NAME, `<p role="alert">This sign-in has expired. Go back to <a href="${escape(app.origin)}">the app</a> and start again.</p>`)
    }
  }

  // localhost may resolve to 127.0.0.1 or ::1 (the browser and Node may pick differently):
  // listen on both loopback addresses, nothing else.
  const servers = []
  for (const host of ["127.0.0.1", "::1"]) {
    const server = createServer(listener)
    try {
      await new Promise((resolve, reject) => {
        server.once("error", reject)
        server.listen(port, host, () => resolve(undefined))
      })
      servers.push(server)
    } catch (error) {
      // A machine without IPv6 loopback is fine; a port taken on 127.0.0.1 is not.
      if (host === "::1" && (error.code === "EADDRNOTAVAIL" || error.code === "EAFNOSUPPORT")) continue
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))))
      throw new Error(
        error.code === "EADDRINUSE"
          ? `[next-auth-kit] Port ${port} is taken, so the playground's OpenID Connect provider cannot start: set OIDC_PORT to a free port.`
          : `[next-auth-kit] The playground's OpenID Connect provider cannot listen on ${host}:${port}: ${error.message}`,
      )
    }
  }
  return {
    issuer,
    close: async () => {
      await Promise.all(
        servers.map((s) => {
          s.closeAllConnections()
          return new Promise((resolve) => s.close(resolve))
        }),
      )
    },
  }
}

/** The lines printed on start, beside the demo users. */
export function describeOidcProvider(issuer) {
  return [
    `OpenID Connect provider "${OIDC_PROVIDER_NAME}": ${issuer} (client ${OIDC_CLIENT.id})`,
    ...OIDC_ACCOUNTS.map((a) =>
      `  ${a.email.padEnd(22)} ${a.password.padEnd(20)} ${OIDC_ONLY_USERS.some((o) => o.email === a.email) ? "only at the provider" : "a demo user"}`,
    ),
  ].join("\n")
}

async function main() {
  const { values } = parseArgs({ options: { port: { type: "string" }, "app-url": { type: "string" } } })
  const appUrl = values["app-url"] || process.env.NEXTAUTH_URL || "http://localhost:3000"
  const port = values.port ? Number(values.port) : oidcPort(new URL(appUrl).port || 80)
  const { issuer } = await startOidcProvider({ port, appUrl })
  console.log(describeOidcProvider(issuer))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
