/** `authHandlers`: next-auth v4's REST API (`/api/auth/*`), and its scenarios. */
import { delay as wait, HttpResponse, http, type HttpHandler } from "msw"
import type { MockUser } from "../core/mock-session"
import { mockSession, mockUsers } from "../core/mock-session"
import type { NextAuthErrorCode, Session } from "../core/types"
import { latencyOf, randomToken } from "./util"

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

/**
 * Options of {@link authHandlers}.
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
export interface AuthHandlersOptions {
  /**
   * What `/session` answers at first: a session, `null` (signed out, `{}` on the wire),
   * `"loading"` (never answers), `"error"` (500), or a function of the request. Signing in
   * and out through the handlers changes it, until {@link AuthHandlers.reset}.
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
  delay?: number | "infinite"
  /** Session lifetime after a mock sign-in, in seconds. @default 30 days */
  maxAge?: number
}

/** The handlers, spread into `setupServer` / `setupWorker`, with a way back to the start. */
export interface AuthHandlers extends Array<HttpHandler> {
  /** Back to the initial session, a fresh CSRF token: call it between tests. */
  reset(): void
  /** The session the handlers currently answer with. */
  readonly current: MockSessionState
}

/** Providers with the shapes next-auth gives them. */
export const providers = {
  credentials: { id: "credentials", name: "Credentials", type: "credentials" },
  github: {
    id: "github",
    name: "GitHub",
    type: "oauth",
    authorizationUrl: "https://github.com/login/oauth/authorize",
  },
  google: {
    id: "google",
    name: "Google",
    type: "oauth",
    authorizationUrl: "https://accounts.google.com/o/oauth2/v2/auth",
  },
  email: { id: "email", name: "Email", type: "email" },
} as const satisfies Record<string, MockProvider>

const THIRTY_DAYS = 30 * 24 * 60 * 60

/**
 * Checks credentials before `options.credentials`: a user, `null` (wrong credentials), a throw
 * (its message is the error), or `undefined` when the credentials are none of its business.
 */
export type CredentialSource = (credentials: Record<string, string>) => Promise<MockUser | null | undefined>

/** What other handlers (accountHandlers) may do with an authHandlers' state. */
export interface AuthLink {
  /** The session `/session` would answer for this request. */
  session(request: Request): Promise<MockSessionState>
  /** Signs out, as `/signout` does. */
  signOut(): void
  /** Adds a source of users that `/callback/credentials` asks first. */
  addCredentials(source: CredentialSource): void
}

const links = new WeakMap<AuthHandlers, AuthLink>()

/** The link of handlers made by {@link authHandlers}; `undefined` for anything else. */
export const linkOf = (handlers: AuthHandlers): AuthLink | undefined => links.get(handlers)

/** next-auth posts forms; accept JSON as well. */
async function readBody(request: Request): Promise<Record<string, string>> {
  const text = await request.text()
  if ((request.headers.get("content-type") ?? "").includes("application/json")) {
    try {
      return Object.fromEntries(
        Object.entries(JSON.parse(text) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
      )
    } catch {
      return {}
    }
  }
  return Object.fromEntries(new URLSearchParams(text))
}

/** next-auth's default `redirect` callback: relative → same origin, same origin → kept, else the origin. */
function resolveCallbackUrl(callbackUrl: string | undefined, origin: string): string {
  if (!callbackUrl) return origin
  if (callbackUrl.startsWith("/")) return `${origin}${callbackUrl}`
  try {
    return new URL(callbackUrl).origin === origin ? callbackUrl : origin
  } catch {
    return origin
  }
}

/**
 * Handlers that answer next-auth v4's REST API under `basePath` as a real next-auth server
 * does: `GET /session`, `/csrf`, `/providers`; `POST /signin/:provider`,
 * `/callback/credentials`, `/signout`, `/session` (update) and `/_log`. CSRF tokens are checked,
 * wrong credentials answer 401 with `?error=CredentialsSignin`, and signing in or out changes
 * what `/session` answers next.
 *
 * @example
 * ```ts
 * import { setupServer } from "msw/node"
 * import { authHandlers, mockSession } from "next-auth-kit/msw"
 *
 * const handlers = authHandlers({ session: mockSession() })
 * const server = setupServer(...handlers)
 * beforeAll(() => server.listen())
 * afterEach(() => handlers.reset())
 * ```
 */
export function authHandlers(options: AuthHandlersOptions = {}): AuthHandlers {
  const basePath = (options.basePath ?? "/api/auth").replace(/\/+$/, "")
  const list = options.providers ?? [providers.credentials]
  const maxAge = options.maxAge ?? THIRTY_DAYS
  const initial = options.session ?? null
  let state: { session: typeof initial; csrfToken: string }
  const reset = () => {
    state = { session: initial, csrfToken: randomToken() }
  }
  reset()

  const route = (path: string) => `*${basePath}/${path}`
  const baseOf = (request: Request) => `${new URL(request.url).origin}${basePath}`
  const latency = latencyOf(options.delay)
  const sources: CredentialSource[] = []
  const sessionFor = async (request: Request) =>
    typeof state.session === "function" ? await state.session(request) : state.session
  // The real server answers a redirect as JSON `{ url }` when the client asks (`json: true`).
  const redirect = (body: Record<string, string>, url: string, status = 200) =>
    body.json === "true"
      ? HttpResponse.json({ url }, { status })
      : new HttpResponse(null, { status: status === 200 ? 302 : status, headers: { Location: url } })
  const csrfValid = (body: Record<string, string>) => body.csrfToken === state.csrfToken
  // As next-auth's jwt strategy: name, email and image (dropped when undefined on the wire),
  // plus the user's other claims, as a session callback such as withRoleClaims adds them.
  const signInAs = (user: MockUser) => {
    const { id: _id, ...fields } = user
    state.session = {
      user: fields as Session["user"],
      expires: new Date(Date.now() + maxAge * 1000).toISOString(),
    }
  }

  const handlers = [
    http.get(route("session"), async ({ request }) => {
      await latency()
      const session = await sessionFor(request)
      if (session === "loading") await wait("infinite")
      if (session === "error") return HttpResponse.json({ message: "Internal Server Error" }, { status: 500 })
      return HttpResponse.json(session ?? {})
    }),

    http.get(route("csrf"), async () => {
      await latency()
      return HttpResponse.json(
        { csrfToken: state.csrfToken },
        { headers: { "Cache-Control": "private, no-cache, no-store" } },
      )
    }),

    http.get(route("providers"), async ({ request }) => {
      await latency()
      const base = baseOf(request)
      return HttpResponse.json(
        Object.fromEntries(
          list.map(({ id, name, type }) => [
            id,
            { id, name, type, signinUrl: `${base}/signin/${id}`, callbackUrl: `${base}/callback/${id}` },
          ]),
        ),
      )
    }),

    http.post(route("signin/:provider"), async ({ request, params }) => {
      await latency()
      const body = await readBody(request)
      const base = baseOf(request)
      const provider = list.find((p) => p.id === params.provider)
      if (!csrfValid(body) || !provider) return redirect(body, `${base}/signin?csrf=true`)
      const error = options.signInErrors?.[provider.id]
      if (error) return redirect(body, `${base}/error?error=${error}`)
      if (provider.type === "email") {
        const email = (body.email ?? "").trim()
        if ((email.match(/@/g) ?? []).length !== 1 || !email.split("@")[1]?.includes(".")) {
          return redirect(body, `${base}/error?error=EmailSignin`)
        }
        return redirect(body, `${base}/verify-request?${new URLSearchParams({ provider: provider.id, type: "email" })}`)
      }
      if (provider.type === "oauth") {
        const authorize = new URL(provider.authorizationUrl ?? `https://${provider.id}.example/oauth/authorize`)
        authorize.search = new URLSearchParams({
          client_id: "mock-client-id",
          response_type: "code",
          redirect_uri: `${base}/callback/${provider.id}`,
          state: randomToken().slice(0, 43),
        }).toString()
        return redirect(body, authorize.href)
      }
      return redirect(body, `${base}/signin`)
    }),

    http.post(route("callback/credentials"), async ({ request }) => {
      await latency()
      const body = await readBody(request)
      const base = baseOf(request)
      const provider = list.find((p) => p.type === "credentials")
      if (!provider || !csrfValid(body)) return redirect(body, `${base}/signin?csrf=true`)
      const { csrfToken: _csrf, callbackUrl, json: _json, ...credentials } = body
      let user: MockUser | null | undefined = undefined
      try {
        for (const source of sources) {
          user = await source(credentials)
          if (user !== undefined) break
        }
        if (user === undefined) user = options.credentials ? await options.credentials(credentials) : null
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        return redirect(body, `${base}/error?error=${encodeURIComponent(message)}`, 401)
      }
      if (!user) {
        const query = new URLSearchParams({ error: "CredentialsSignin", provider: provider.id })
        return redirect(body, `${base}/error?${query}`, 401)
      }
      const error = options.signInErrors?.[provider.id]
      if (error === "AccessDenied") return redirect(body, `${base}/error?error=AccessDenied`, 403)
      signInAs(user)
      return redirect(body, resolveCallbackUrl(callbackUrl, new URL(request.url).origin))
    }),

    http.post(route("signout"), async ({ request }) => {
      await latency()
      const body = await readBody(request)
      if (!csrfValid(body)) return redirect(body, `${baseOf(request)}/signout?csrf=true`)
      state.session = null
      return redirect(body, resolveCallbackUrl(body.callbackUrl, new URL(request.url).origin))
    }),

    http.post(route("session"), async ({ request }) => {
      await latency()
      const session = await sessionFor(request)
      return HttpResponse.json(session && typeof session === "object" ? session : {})
    }),

    http.post(route("_log"), async () => HttpResponse.json({})),
  ]

  const result = Object.defineProperties(handlers, {
    reset: { value: reset },
    current: { get: () => state.session },
  }) as AuthHandlers
  links.set(result, {
    session: sessionFor,
    signOut: () => {
      state.session = null
    },
    addCredentials: (source) => void sources.push(source),
  })
  return result
}

/**
 * One-liners for the common states, for a story's `parameters.msw.handlers` or a test's
 * `server.use(...)`.
 *
 * @example
 * ```ts
 * server.use(...scenarios.admin())
 * parameters: { msw: { handlers: { auth: scenarios.credentialsRejected() } } }
 * ```
 */
export const scenarios = {
  /** Signed out; the credentials form rejects everyone. */
  signedOut: () => authHandlers({ session: null }),
  /** Signed in as a plain user (Grace, role `user`). */
  signedIn: (user: MockUser = mockUsers.grace) => authHandlers({ session: mockSession({ user }) }),
  /** Signed in as an admin (Ada, roles `admin` and `user`). */
  admin: () => authHandlers({ session: mockSession({ user: { ...mockUsers.ada, roles: [...mockUsers.ada.roles] } }) }),
  /** `/session` never answers: everything stays loading. */
  loading: () => authHandlers({ session: "loading" }),
  /** `/session` answers 500. */
  sessionError: () => authHandlers({ session: "error" }),
  /** Signed out, credentials accepted for the mock users with password "password", 1.5 s per answer. */
  slowNetwork: (ms = 1500) => authHandlers({ session: null, delay: ms, credentials: acceptMockUsers }),
  /** Signed out; the mock users sign in with the password "password". */
  credentialsAccepted: () => authHandlers({ session: null, credentials: acceptMockUsers }),
  /** Signed out, with credentials (the mock users, password "password"), GitHub, Google and email. */
  allProviders: () =>
    authHandlers({
      session: null,
      credentials: acceptMockUsers,
      providers: [providers.credentials, providers.github, providers.google, providers.email],
    }),
  /** Signed out; every credentials sign-in fails with CredentialsSignin. */
  credentialsRejected: () => authHandlers({ session: null, credentials: () => null }),
  /** Signed out, with GitHub, Google and email; GitHub answers OAuthAccountNotLinked. */
  oauthAccountNotLinked: () =>
    authHandlers({
      session: null,
      providers: [providers.credentials, providers.github, providers.google, providers.email],
      signInErrors: { github: "OAuthAccountNotLinked" },
    }),
  /** Signed in on the first answer, signed out on every later one: the session expired. */
  expiredSession: () => {
    let answered = false
    return authHandlers({
      session: () => {
        if (answered) return null
        answered = true
        return mockSession()
      },
    })
  },
} satisfies Record<string, (...args: never[]) => AuthHandlers>

/** The mock users, with the password "password". */
export function acceptMockUsers({ email, password }: Record<string, string>): MockUser | null {
  const user = Object.values(mockUsers).find((u) => u.email === email?.trim().toLowerCase())
  return user && password === "password" ? { ...user, roles: [...user.roles] } : null
}
