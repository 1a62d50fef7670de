/** `authHandlers`: next-auth v4's REST API (`/api/auth/*`) bound to msw routes, and its scenarios. */
import { http, type HttpHandler } from "msw"
import {
  acceptMockUsers,
  type MockNextAuth,
  mockNextAuth,
  type MockNextAuthOptions,
  type MockSessionState,
  providers,
} from "../core/mock-next-auth"
import type { MockUser } from "../core/mock-session"
import { mockSession, mockUsers } from "../core/mock-session"

/**
 * Options of {@link authHandlers}.
 *
 * @example
 * ```ts
 * authHandlers({ session: null, credentials: ({ password }) => (password === "right" ? { name: "Ada" } : null), delay: 300 })
 * ```
 */
export type AuthHandlersOptions = MockNextAuthOptions

/** The handlers, spread into `setupServer` / `setupWorker`, with a way back to the start. */
export interface AuthHandlers extends Array<HttpHandler> {
  /** Back to the initial session, a fresh CSRF token: call it between tests. */
  reset(): void
  /** The session the handlers currently answer with. */
  readonly current: MockSessionState
}

const hosts = new WeakMap<AuthHandlers, MockNextAuth>()

/** The host behind handlers made by {@link authHandlers}; `undefined` for anything else. */
export const hostOf = (handlers: AuthHandlers): MockNextAuth | undefined => hosts.get(handlers)

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
  const host = mockNextAuth(options)
  const handlers = [http.all(`*${host.basePath}/*`, ({ request }) => host.handle(request))]
  const result = Object.defineProperties(handlers, {
    reset: { value: host.reset },
    current: { get: () => host.current },
  }) as AuthHandlers
  hosts.set(result, host)
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

