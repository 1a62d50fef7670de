/** `accountHandlers`: the account endpoints (`/api/account/*`) of the account mock host, bound to msw routes. */
import { http, type HttpHandler } from "msw"
import { type MockAccountsControls, mockAccounts, type MockAccountsOptions } from "../core/accounts/mock-host"
import { type AuthHandlers, type AuthHandlersOptions, authHandlers, hostOf } from "./auth"

/**
 * Options of {@link accountHandlers}.
 *
 * @example
 * ```ts
 * accountHandlers({ users: [{ email: "ada@example.com", password: "password", name: "Ada" }], rateLimit: { after: 3 }, delay: 300 })
 * ```
 */
export interface AccountHandlersOptions extends MockAccountsOptions {
  /**
   * The sign-in side: its session is the caller's, its `/callback/credentials` signs the accounts'
   * users in through the engine's `authorize` (a password, a two-factor code, or the grant that
   * `verify-email` answers), a reset ends its session, `reset()` resets it. Handlers of
   * {@link authHandlers}, its options to make new ones, or `false` for the endpoints alone. Its
   * handlers come after the account handlers in the returned array.
   * @default {} (new authHandlers, signed out)
   */
  auth?: AuthHandlers | AuthHandlersOptions | false
}

/** The handlers, spread into `setupServer` / `setupWorker`, with what a test needs to drive them. */
export interface AccountHandlers extends Array<HttpHandler>, MockAccountsControls {
  /** Back to the start: the seeded accounts only, no tokens, an empty outbox, no counts; `auth` too. */
  reset(): void
  /** The auth handlers the accounts share their state with (`undefined` with `auth: false`). */
  readonly auth: AuthHandlers | undefined
}

/**
 * Stateful handlers for the account endpoints (all `POST` with JSON, under `accountPath`):
 * `signup` (pending until confirmed), `verify-email` (answers a sign-in `grant`),
 * `resend-verification`, `forgot-password`, `reset-password`, `change-password`, and with `mfa`
 * `mfa/setup`, `mfa/enable`, `mfa/disable` — the server's engine over the memory store, statuses
 * and bodies. Emails land in `outbox` (newest first) before the request's answer.
 *
 * @example
 * ```ts
 * const accounts = accountHandlers()            // with new authHandlers, signed out
 * const server = setupServer(...accounts)       // serves /api/account/* and /api/auth/*
 * afterEach(() => accounts.reset())
 * // signup → accounts.tokenFor("new@example.com") → verify-email → { grant } → signIn("credentials", { grant, redirect: false })
 * ```
 */
export function accountHandlers(options: AccountHandlersOptions = {}): AccountHandlers {
  const { auth: given, ...rest } = options
  const auth = given === false ? undefined : Array.isArray(given) ? given : authHandlers({ basePath: options.config?.authPath, ...given })
  const link = auth && hostOf(auth)
  if (auth && !link) throw new TypeError("[next-auth-kit] accountHandlers: `auth` must be the handlers that authHandlers() returned.")
  const host = mockAccounts(rest, link)
  const handlers = [http.all(`*${host.accountPath}/*`, ({ request }) => host.handle(request)), ...(auth ?? [])]
  return Object.defineProperties(handlers, {
    reset: {
      value: () => {
        host.reset()
        auth?.reset()
      },
    },
    outbox: { get: () => host.outbox },
    tokenFor: { value: host.tokenFor },
    account: { value: host.account },
    totpFor: { value: host.totpFor },
    recoveryCodesFor: { value: host.recoveryCodesFor },
    expireTokens: { value: host.expireTokens },
    auth: { value: auth },
  }) as AccountHandlers
}
