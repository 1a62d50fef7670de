/**
 * `next-auth-kit/testing`: real session credentials and session fixtures for your own API and
 * end-to-end tests. Node only.
 *
 * The helpers that mint credentials ({@link sessionCookie}, {@link databaseSession}) refuse to
 * run when `NODE_ENV` is `"production"`, so that a stray import in app code can never sign
 * anyone in. Importing the entry is always safe; the check runs when a helper is called. To
 * test against a production build on purpose, pass `allowInProduction: true` or set
 * `NEXT_AUTH_KIT_ALLOW_TESTING=1` in the test runner's environment.
 * @packageDocumentation
 */
import { randomUUID } from "node:crypto"
import type { Adapter, AdapterUser } from "next-auth/adapters"
import { encode, type JWT } from "next-auth/jwt"
import { chunkCookie, resolveSecret, sessionCookieName } from "../core/next-auth-cookies"
import { AuthKitError } from "../core/errors"

export { mockSession, mockUsers } from "../core/mock-session"
export type { MockSessionOverrides, MockUser } from "../core/mock-session"

/**
 * Who {@link sessionCookie} signs in, as next-auth's JWT carries them.
 *
 * @example
 * ```ts
 * const user: TestUser = { id: "42", name: "Ada Lovelace", email: "ada@example.com" }
 * ```
 */
export interface TestUser {
  /** Becomes the token's `sub`, next-auth's user id. @default the email */
  id?: string
  /** The token's `name`, `session.user.name`. @default null */
  name?: string | null
  /** The token's `email`, `session.user.email`. @default null */
  email?: string | null
  /** The token's `picture`, `session.user.image`. @default null */
  image?: string | null
}

/**
 * Options of {@link sessionCookie}.
 *
 * @example
 * ```ts
 * const options: SessionCookieOptions = { user: { email: "ada@example.com" }, roles: ["admin"], secure: true }
 * ```
 */
export interface SessionCookieOptions {
  /** Who the cookie signs in. */
  user: TestUser
  /** Stored as `token.roles`, where `withRoleClaims` puts them. */
  roles?: readonly string[]
  /** Extra claims merged into the token. */
  claims?: Record<string, unknown>
  /** The app's secret. @default process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET */
  secret?: string
  /** Lifetime in seconds; a negative one mints an already expired cookie. @default 30 days */
  maxAge?: number
  /**
   * Whether the app runs on https, where next-auth names its cookie
   * `__Secure-next-auth.session-token`.
   * @default false
   */
  secure?: boolean
  /**
   * Mint the cookie even when `NODE_ENV` is `"production"` (e.g. e2e tests against
   * `next start`). The environment variable `NEXT_AUTH_KIT_ALLOW_TESTING=1` does the same.
   * @default false
   */
  allowInProduction?: boolean
}

/**
 * A cookie, ready for `page.context().addCookies()`, a `Cookie` header or `document.cookie`.
 *
 * @example
 * ```ts
 * const header = { cookie: `${cookie.name}=${cookie.value}` }
 * ```
 */
export interface TestCookie {
  /** `next-auth.session-token`, or `__Secure-next-auth.session-token` on https. */
  name: string
  /** The encrypted JWT, or under the database strategy the session row's token. */
  value: string
}

const THIRTY_DAYS = 30 * 24 * 60 * 60

/**
 * The cookies a browser holds for a session cookie, split as next-auth's SessionStore splits
 * it: the cookie itself when its value fits in one (3933 characters), else `<name>.0`,
 * `<name>.1`, … Browsers drop a cookie over 4096 bytes, so a large token (many claims) needs
 * its chunks; a server reads either form.
 *
 * @example
 * ```ts
 * const cookie = await sessionCookie({ user: { email: "ada@example.com" }, claims: { permissions } })
 * await page.context().addCookies(sessionCookieChunks(cookie).map((c) => ({ ...c, url: "http://localhost:3000" })))
 * const header = sessionCookieChunks(cookie).map((c) => `${c.name}=${c.value}`).join("; ")
 * ```
 */
export function sessionCookieChunks(cookie: TestCookie): TestCookie[] {
  return chunkCookie(cookie.name, cookie.value)
}

/**
 * Mints a real next-auth session cookie, encrypted with `encode` from `next-auth/jwt` exactly
 * as next-auth does at sign-in, so your server sees a signed-in user without going through a
 * login form.
 *
 * @example
 * ```ts
 * const cookie = await sessionCookie({ user: { email: "ada@example.com" }, roles: ["admin"] })
 * await fetch("http://localhost:3000/api/me", { headers: { cookie: `${cookie.name}=${cookie.value}` } })
 * await page.context().addCookies([{ ...cookie, url: "http://localhost:3000" }]) // Playwright
 * ```
 *
 * @throws {@link AuthKitError} `testing_in_production` when `NODE_ENV` is `"production"`,
 * unless `allowInProduction` or `NEXT_AUTH_KIT_ALLOW_TESTING=1` allows it.
 */
export async function sessionCookie(options: SessionCookieOptions): Promise<TestCookie> {
  assertTestingAllowed("sessionCookie", options.allowInProduction)
  const secret = resolveSecret({ secret: options.secret })
  if (!secret) {
    throw new TypeError(
      "[next-auth-kit] sessionCookie needs the app's secret: pass `secret` or set NEXTAUTH_SECRET.",
    )
  }
  const { user } = options
  const maxAge = options.maxAge ?? THIRTY_DAYS
  const token: JWT = {
    name: user.name ?? null,
    email: user.email ?? null,
    picture: user.image ?? null,
    sub: user.id ?? user.email ?? undefined,
    ...(options.roles ? { roles: [...options.roles] } : {}),
    ...options.claims,
  }
  // encode() sets `exp` to now + maxAge, so a negative maxAge gives an expired cookie.
  const value = await encode({ token, secret, maxAge })
  return {
    name: sessionCookieName(!!options.secure),
    value,
  }
}

/**
 * The three adapter methods {@link databaseSession} calls: any next-auth v4 `Adapter`, or an
 * `@auth/*-adapter` one, fits.
 *
 * @example
 * ```ts
 * const adapter: DatabaseSessionAdapter = DrizzleAdapter(db) // the one in your authOptions
 * ```
 */
export type DatabaseSessionAdapter = Pick<Adapter, "getUserByEmail" | "createUser" | "createSession">

/**
 * Who {@link databaseSession} signs in: found by email, or created with these fields.
 *
 * @example
 * ```ts
 * const user: DatabaseTestUser = { email: "ada@example.com", name: "Ada Lovelace", roles: ["admin"] }
 * ```
 */
export interface DatabaseTestUser {
  /** How the user is found; a new user is created with it when none has it. */
  email: string
  /** The id for a new user, when the adapter does not generate its own. @default a random UUID */
  id?: string
  name?: string | null
  image?: string | null
  /** @default null */
  emailVerified?: Date | null
  /** More columns of your user table for a new user, e.g. `roles`. */
  [field: string]: unknown
}

/**
 * Options of {@link databaseSession}.
 *
 * @example
 * ```ts
 * const options: DatabaseSessionOptions = { adapter, user: { email: "ada@example.com" }, maxAge: 60 * 60 }
 * ```
 */
export interface DatabaseSessionOptions {
  /** The same adapter as your `authOptions.adapter`, over the database the app under test reads. */
  adapter: DatabaseSessionAdapter
  /** Who the session signs in. */
  user: DatabaseTestUser
  /** Lifetime of the session row in seconds; a negative one makes an already expired row. @default 30 days */
  maxAge?: number
  /**
   * Whether the app runs on https, where next-auth names its cookie
   * `__Secure-next-auth.session-token`.
   * @default false
   */
  secure?: boolean
  /**
   * Create the session even when `NODE_ENV` is `"production"`. The environment variable
   * `NEXT_AUTH_KIT_ALLOW_TESTING=1` does the same.
   * @default false
   */
  allowInProduction?: boolean
}

/**
 * What {@link databaseSession} made.
 *
 * @example
 * ```ts
 * const { cookie, user, expires } = await databaseSession({ adapter, user: { email: "ada@example.com" } })
 * ```
 */
export interface DatabaseTestSession {
  /** The session cookie; its value is the row's `sessionToken`. */
  cookie: TestCookie
  /** When the session row expires. */
  expires: Date
  /** The user row, as the adapter returned it (found or created). */
  user: AdapterUser
}

/**
 * Signs a user in under the `database` session strategy, the way next-auth does at sign-in:
 * finds the user by email through your adapter (or creates them), writes a real session row
 * with a random token through `adapter.createSession`, and returns the cookie that carries the
 * token. next-auth's `getServerSession`, and so the kit's server helpers, then read it as any
 * other session; delete the row (`adapter.deleteSession(cookie.value)`) to revoke it.
 *
 * An existing user is reused as it is: `name`, `image` and extra fields only fill a new user.
 *
 * @example
 * ```ts
 * import { PrismaAdapter } from "@auth/prisma-adapter"
 * import { databaseSession } from "next-auth-kit/testing"
 *
 * const adapter = PrismaAdapter(prisma) // the adapter of your authOptions, on the test database
 * const { cookie, user } = await databaseSession({ adapter, user: { email: "ada@example.com", name: "Ada" } })
 * await page.context().addCookies([{ ...cookie, url: "http://localhost:3000" }]) // Playwright
 * await fetch("http://localhost:3000/api/me", { headers: { cookie: `${cookie.name}=${cookie.value}` } })
 * await adapter.deleteSession(cookie.value) // signed out on the next request
 * ```
 *
 * @throws {@link AuthKitError} `invalid_config` when the adapter lacks one of the three methods;
 * `testing_in_production` when `NODE_ENV` is `"production"`, unless `allowInProduction` or
 * `NEXT_AUTH_KIT_ALLOW_TESTING=1` allows it.
 */
export async function databaseSession(options: DatabaseSessionOptions): Promise<DatabaseTestSession> {
  assertTestingAllowed("databaseSession", options.allowInProduction)
  const { adapter } = options
  const { getUserByEmail, createUser, createSession } = adapter
  if (!getUserByEmail || !createUser || !createSession) {
    throw new AuthKitError(
      "invalid_config",
      "[next-auth-kit] databaseSession needs an adapter with getUserByEmail, createUser and " +
        "createSession: pass the same adapter as your authOptions.adapter.",
    )
  }
  const { id, email, name = null, image = null, emailVerified = null, ...fields } = options.user
  const user =
    (await getUserByEmail.call(adapter, email)) ??
    // next-auth v4 adapters make their own id; @auth/* ones expect the caller's, as Auth.js gives it.
    (await createUser.call(adapter, { ...fields, id: id ?? randomUUID(), email, name, image, emailVerified }))
  const expires = new Date(Date.now() + (options.maxAge ?? THIRTY_DAYS) * 1000)
  // next-auth's own default session token: a random UUID.
  const sessionToken = randomUUID()
  await createSession.call(adapter, { sessionToken, userId: user.id, expires })
  return { cookie: { name: sessionCookieName(!!options.secure), value: sessionToken }, expires, user: user as AdapterUser }
}

/** The environment variable that lets the helpers run when `NODE_ENV` is `"production"`. */
const ALLOW_ENV = "NEXT_AUTH_KIT_ALLOW_TESTING"

function assertTestingAllowed(helper: string, allowInProduction: boolean | undefined): void {
  // Read at call time, never at import: a production bundle that merely imports this entry runs.
  const env: Record<string, string | undefined> = typeof process === "undefined" ? {} : process.env
  if (env.NODE_ENV !== "production" || allowInProduction) return
  const flag = env[ALLOW_ENV]
  if (flag === "1" || flag === "true") return
  throw new AuthKitError(
    "testing_in_production",
    `[next-auth-kit] ${helper} mints session credentials and refuses to run when NODE_ENV is ` +
      `"production". If this is a test against a production build, pass \`allowInProduction: true\` ` +
      `or set ${ALLOW_ENV}=1 in the test runner's environment; never call it from app code.`,
  )
}
