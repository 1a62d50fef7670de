/**
 * next-auth v4's REST API as a plain host for mocks: a Fetch `Request` in, a `Response` out, with
 * the state a real server keeps (the session, the CSRF token). Runtime-neutral: the msw handlers
 * bind it to routes, anything else that speaks Fetch may too.
 */
import { safeCallbackUrl } from "./callback-url"
import { type MockUser, mockUsers } from "./mock-session"
import type { NextAuthErrorCode, Session } from "./types"

/** What `/session` answers: a session, `null` (signed out), or a failure mode. */
export type MockSessionState = Session | null | "loading" | "error"

/** A provider as `/providers` lists it. */
export interface MockProvider {
  id: string
  name: string
  type: "oauth" | "email" | "credentials"
  /** Where `signIn(id)` sends the browser, for OAuth. @default a URL of the provider's own */
  authorizationUrl?: string
}

/** Errors next-auth answers a sign-in with, by code. */
export type MockSignInError = Exclude<NextAuthErrorCode, "CredentialsSignin" | "SessionRequired">

/** Latency of every answer in ms, or `"infinite"` for none at all. */
export type MockDelay = number | "infinite"

/**
 * Options of {@link mockNextAuth} (and of msw's `authHandlers`).
 *
 * @example
 * ```ts
 * authHandlers({
 *   session: null,
 *   credentials: ({ email, password }) => (password === "right" ? { name: "Ada", email } : null),
 *   providers: [providers.credentials, providers.github],
 *   delay: 300,
 * })
 * ```
 */
export interface MockNextAuthOptions {
  /**
   * What `/session` answers at first: a session, `null` (signed out, `{}` on the wire),
   * `"loading"` (never answers), `"error"` (500), or a function of the request. Signing in
   * and out changes it, until `reset()`.
   * @default null
   */
  session?: MockSessionState | ((request: Request) => MockSessionState | Promise<MockSessionState>)
  /**
   * Checks what the credentials form posted: a user signs in, `null` is `CredentialsSignin`
   * (401), a throw is the error's message (401), as next-auth's `authorize`.
   * @default rejects everyone
   */
  credentials?: (credentials: Record<string, string>) => MockUser | null | Promise<MockUser | null>
  /** The providers `/providers` lists. @default [providers.credentials] */
  providers?: readonly MockProvider[]
  /** An error that signing in with a provider answers, by provider id. */
  signInErrors?: Partial<Record<string, MockSignInError>>
  /** Where next-auth's API lives. @default "/api/auth" */
  basePath?: string
  /** Latency of every answer in ms, or `"infinite"` for none at all. @default 0 */
  delay?: MockDelay
  /** Session lifetime after a mock sign-in, in seconds. @default 30 days */
  maxAge?: number
}

/** Providers with the shapes next-auth gives them. */
export const providers = {
  credentials: { id: "credentials", name: "Credentials", type: "credentials" },
  github: { id: "github", name: "GitHub", type: "oauth", authorizationUrl: "https://github.com/login/oauth/authorize" },
  google: { id: "google", name: "Google", type: "oauth", authorizationUrl: "https://accounts.google.com/o/oauth2/v2/auth" },
  email: { id: "email", name: "Email", type: "email" },
} as const satisfies Record<string, MockProvider>

/**
 * Checks credentials before `options.credentials`: a user, `null` (wrong credentials), a throw
 * (its message is the error), or `undefined` when the credentials are none of its business.
 */
export type CredentialSource = (credentials: Record<string, string>, request: { origin: string }) => Promise<MockUser | null | undefined>

/** The host: its answer to a request, and what other mocks (the account host) may do with its state. */
export interface MockNextAuth {
  /** Where the API lives, without a trailing slash: `"/api/auth"`. */
  readonly basePath: string
  /** The answer to a request under `basePath`; `undefined` for a route next-auth's client never calls. */
  handle(request: Request): Promise<Response> | undefined
  /** Back to the initial session, a fresh CSRF token. */
  reset(): void
  /** The session `/session` answers with, as set (a function stays a function). */
  readonly current: MockNextAuthOptions["session"]
  /** The session `/session` would answer for this request. */
  session(request: Request): Promise<MockSessionState>
  /** Signs out, as `/signout` does. */
  signOut(): void
  /**
   * Changes fields of the signed-in user in the session `/session` answers (a change the account
   * mocks made, such as a confirmed new email). Nothing happens while signed out, or when the
   * session is a function, `"loading"` or `"error"`.
   */
  updateSessionUser(patch: Partial<NonNullable<Session["user"]>>): void
  /** Adds a source of users that `/callback/credentials` asks first. */
  addCredentials(source: CredentialSource): void
}

const THIRTY_DAYS = 30 * 24 * 60 * 60

/** 32 random bytes, hex. */
function randomToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, "0")).join("")
}

/** Waits as a `delay` option says: `ms`, or forever. */
export function wait(delay: MockDelay | undefined): Promise<void> {
  if (delay === "infinite") return new Promise(() => {})
  return delay ? new Promise((resolve) => setTimeout(resolve, delay)) : Promise.resolve()
}

/** next-auth posts forms; accept JSON as well. */
async function readBody(request: Request): Promise<Record<string, string>> {
  const text = await request.text()
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) return Object.fromEntries(new URLSearchParams(text))
  try {
    return Object.fromEntries(Object.entries(JSON.parse(text) as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
  } catch {
    return {}
  }
}

/** next-auth's default `redirect` callback: relative → same origin, same origin → kept, else the origin. */
function redirectTarget(callbackUrl: string | undefined, origin: string): string {
  const refused = `/${randomToken()}`
  const path = callbackUrl ? safeCallbackUrl(callbackUrl, { origin, fallback: refused }) : refused
  return path === refused ? origin : `${origin}${path}`
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } })

/**
 * next-auth v4's REST API under `basePath`, as a real next-auth server answers it: `GET /session`,
 * `/csrf`, `/providers`; `POST /signin/:provider`, `/callback/credentials`, `/signout`, `/session`
 * (update) and `/_log`. CSRF tokens are checked, wrong credentials answer 401 with
 * `?error=CredentialsSignin`, and signing in or out changes what `/session` answers next.
 *
 * @example
 * ```ts
 * const auth = mockNextAuth({ session: mockSession() })
 * const response = await auth.handle(new Request("http://localhost/api/auth/session"))
 * ```
 */
export function mockNextAuth(options: MockNextAuthOptions = {}): MockNextAuth {
  const basePath = (options.basePath ?? "/api/auth").replace(/\/+$/, "")
  const list = options.providers ?? [providers.credentials]
  const maxAge = options.maxAge ?? THIRTY_DAYS
  const initial = options.session ?? null
  let state = { session: initial, csrfToken: randomToken() }
  const sources: CredentialSource[] = []
  const session = async (request: Request) => (typeof state.session === "function" ? await state.session(request) : state.session)
  // The real server answers a redirect as JSON `{ url }` when the client asks (`json: true`).
  const redirect = (body: Record<string, string>, url: string, status = 200) =>
    body.json === "true" ? json({ url }, status) : new Response(null, { status: status === 200 ? 302 : status, headers: { Location: url } })

  type Route = (request: Request, body: Record<string, string>, base: string, origin: string, provider: string) => Promise<Response>
  const routes: Record<string, Route> = {
    "GET session": async (request) => {
      const current = await session(request)
      if (current === "loading") await wait("infinite")
      if (current === "error") return json({ message: "Internal Server Error" }, 500)
      return json(current ?? {})
    },
    "GET csrf": async () => json({ csrfToken: state.csrfToken }, 200, { "Cache-Control": "private, no-cache, no-store" }),
    "GET providers": async (_request, _body, base) =>
      json(
        Object.fromEntries(
          list.map(({ id, name, type }) => [id, { id, name, type, signinUrl: `${base}/signin/${id}`, callbackUrl: `${base}/callback/${id}` }]),
        ),
      ),
    "POST signin/:provider": async (_request, body, base, _origin, id) => {
      const provider = list.find((p) => p.id === id)
      if (body.csrfToken !== state.csrfToken || !provider) return redirect(body, `${base}/signin?csrf=true`)
      const error = options.signInErrors?.[provider.id]
      if (error) return redirect(body, `${base}/error?error=${error}`)
      if (provider.type === "email") {
        const email = (body.email ?? "").trim()
        if ((email.match(/@/g) ?? []).length !== 1 || !email.split("@")[1]?.includes(".")) return redirect(body, `${base}/error?error=EmailSignin`)
        return redirect(body, `${base}/verify-request?${new URLSearchParams({ provider: provider.id, type: "email" })}`)
      }
      if (provider.type !== "oauth") return redirect(body, `${base}/signin`)
      const authorize = new URL(provider.authorizationUrl ?? `https://${provider.id}.example/oauth/authorize`)
      authorize.search = new URLSearchParams({
        client_id: "mock-client-id",
        response_type: "code",
        redirect_uri: `${base}/callback/${provider.id}`,
        state: randomToken().slice(0, 43),
      }).toString()
      return redirect(body, authorize.href)
    },
    "POST callback/credentials": async (_request, body, base, origin) => {
      const provider = list.find((p) => p.type === "credentials")
      if (!provider || body.csrfToken !== state.csrfToken) return redirect(body, `${base}/signin?csrf=true`)
      const { csrfToken: _csrf, callbackUrl, json: _json, ...credentials } = body
      let user: MockUser | null | undefined = undefined
      try {
        for (const source of sources) if ((user = await source(credentials, { origin })) !== undefined) break
        if (user === undefined) user = options.credentials ? await options.credentials(credentials) : null
      } catch (error) {
        return redirect(body, `${base}/error?error=${encodeURIComponent(error instanceof Error ? error.message : String(error))}`, 401)
      }
      if (!user) return redirect(body, `${base}/error?${new URLSearchParams({ error: "CredentialsSignin", provider: provider.id })}`, 401)
      if (options.signInErrors?.[provider.id] === "AccessDenied") return redirect(body, `${base}/error?error=AccessDenied`, 403)
      // As next-auth's jwt strategy: name, email and image (dropped when undefined on the wire),
      // plus the user's other claims, as a session callback such as withRoleClaims adds them.
      const { id: _id, ...fields } = user
      state.session = { user: fields as Session["user"], expires: new Date(Date.now() + maxAge * 1000).toISOString() }
      return redirect(body, redirectTarget(callbackUrl, origin))
    },
    "POST signout": async (_request, body, base, origin) => {
      if (body.csrfToken !== state.csrfToken) return redirect(body, `${base}/signout?csrf=true`)
      state.session = null
      return redirect(body, redirectTarget(body.callbackUrl, origin))
    },
    "POST session": async (request) => {
      const current = await session(request)
      return json(current && typeof current === "object" ? current : {})
    },
    "POST _log": async () => json({}),
  }

  return {
    basePath,
    handle(request) {
      const url = new URL(request.url)
      const at = url.pathname.indexOf(`${basePath}/`)
      const path = at === -1 ? "" : url.pathname.slice(at + basePath.length + 1)
      const provider = /^signin\/([^/]+)$/.exec(path)?.[1]
      const route = routes[`${request.method.toUpperCase()} ${provider === undefined ? path : "signin/:provider"}`]
      if (!route) return undefined
      return (async () => {
        // `/_log` answers at once: next-auth's client does not wait for it.
        if (path !== "_log") await wait(options.delay)
        const body = request.method.toUpperCase() === "POST" ? await readBody(request) : {}
        return route(request, body, `${url.origin}${basePath}`, url.origin, provider ?? "")
      })()
    },
    reset() {
      state = { session: initial, csrfToken: randomToken() }
    },
    get current() {
      return state.session
    },
    session,
    signOut() {
      state.session = null
    },
    updateSessionUser(patch) {
      const current = state.session
      if (current && typeof current === "object" && current.user) state.session = { ...current, user: { ...current.user, ...patch } }
    },
    addCredentials: (source) => void sources.push(source),
  }
}

/** The mock users, with the password "password". */
export function acceptMockUsers({ email, password }: Record<string, string>): MockUser | null {
  const user = Object.values(mockUsers).find((u) => u.email === email?.trim().toLowerCase())
  return user && password === "password" ? { ...user, roles: [...user.roles] } : null
}
