/**
 * `next-auth-kit/testing`: real session cookies and session fixtures for your own API and
 * end-to-end tests. Node only.
 * @packageDocumentation
 */
import { encode, type JWT } from "next-auth/jwt"

export { mockSession, mockUsers } from "../shared/mock-session"
export type { MockSessionOverrides, MockUser } from "../shared/mock-session"

/** Who the cookie signs in, as next-auth's JWT carries them. */
export interface TestUser {
  /** Becomes the token's `sub`, next-auth's user id. @default the email */
  id?: string
  name?: string | null
  email?: string | null
  image?: string | null
}

/** Options of {@link sessionCookie}. */
export interface SessionCookieOptions {
  user: TestUser
  /** Stored as `token.roles`, where `withRoleClaims` puts them. */
  roles?: readonly string[]
  /** Extra claims merged into the token. */
  claims?: Record<string, unknown>
  /** The app's `NEXTAUTH_SECRET`. @default process.env.NEXTAUTH_SECRET */
  secret?: string
  /** Lifetime in seconds; a negative one mints an already expired cookie. @default 30 days */
  maxAge?: number
  /**
   * Whether the app runs on https, where next-auth names its cookie
   * `__Secure-next-auth.session-token`.
   * @default false
   */
  secure?: boolean
}

/** A cookie, ready for `page.context().addCookies()`, a `Cookie` header or `document.cookie`. */
export interface TestCookie {
  name: string
  value: string
}

const THIRTY_DAYS = 30 * 24 * 60 * 60

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
 */
export async function sessionCookie(options: SessionCookieOptions): Promise<TestCookie> {
  const secret = options.secret ?? process.env.NEXTAUTH_SECRET
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
    name: options.secure ? "__Secure-next-auth.session-token" : "next-auth.session-token",
    value,
  }
}
