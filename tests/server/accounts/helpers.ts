/**
 * Accounts over the memory store with a cheap scrypt (the default one takes half a second per
 * hash), an outbox for the emails, and the endpoints served the way Next.js serves them.
 */
import type { NextAuthOptions } from "next-auth"
import { expect } from "vitest"
import CredentialsProvider from "next-auth/providers/credentials"
import {
  type AccountEmail,
  type Accounts,
  type AccountsOptions,
  type AccountStore,
  createAccounts,
  memoryAccountStore,
  scryptHasher,
  withRoleClaims,
} from "../../../src/server"
import { CookieJar, logged, SECRET, serveApi, serveNextAuth } from "../harness"

export const BASE_URL = "https://app.example.test"
/** The app's shared configuration, as it hands it to every runtime. */
export const authConfig = {
  loginPath: "/login",
  accounts: { pages: { signUp: "/signup", forgotPassword: "/forgot-password" } },
}
export const cheapHasher = scryptHasher({ N: 2 ** 10 })
export const GOOD_PASSWORD = "correct horse battery staple"
export const OTHER_PASSWORD = "tr0ub4dor & three"

export interface Setup {
  accounts: Accounts
  store: AccountStore
  outbox: AccountEmail[]
  errors: unknown[]
}

/** createAccounts over a memory store, emails collected in `outbox`, errors in `errors`. */
export function setup(options: Partial<AccountsOptions> = {}): Setup {
  const store = options.store ?? memoryAccountStore()
  const outbox: AccountEmail[] = []
  const errors: unknown[] = []
  const accounts = createAccounts({
    ...authConfig,
    store,
    sendEmail: async (email) => void outbox.push(email),
    baseUrl: BASE_URL,
    secret: SECRET,
    hasher: cheapHasher,
    onError: (error) => void errors.push(error),
    ...options,
  })
  return { accounts, store, outbox, errors }
}

/** The token in the link of the last email of a kind to an address. */
export function tokenFrom(outbox: AccountEmail[], kind: AccountEmail["kind"], to?: string): string {
  const email = outbox.filter((e) => e.kind === kind && (to === undefined || e.to === to)).at(-1)
  if (!email) throw new Error(`no ${kind} email${to ? ` to ${to}` : ""}`)
  return new URL(email.url).searchParams.get("token")!
}

/**
 * The cookies a response re-issued, by the `cookie` header they replace: a credential change
 * (two-factor on or off, a new password) ends every other session and hands the caller a new
 * cookie, which a browser keeps. `post` sends the newest one, as that browser would; a cookie
 * held elsewhere (another device's, a thief's) is not renewed.
 */
const renewed = new Map<string, string>()

/** The `cookie` header after a response's `Set-Cookie`s (expired ones removed). */
function afterSetCookies(cookie: string, response: Response): string {
  const jar = new Map(cookie.split(/;\s*/).filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)] as const))
  for (const line of response.headers.getSetCookie()) {
    const [pair = "", ...attributes] = line.split(/;\s*/)
    const name = pair.slice(0, pair.indexOf("="))
    const expired = attributes.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now()))
    if (expired) jar.delete(name)
    else jar.set(name, pair.slice(pair.indexOf("=") + 1))
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ")
}

/** The newest cookie header that replaced this one (itself when none did). */
export function newest(cookie: string): string {
  let current = cookie
  for (let seen = 0; renewed.has(current) && seen < 100; seen++) current = renewed.get(current)!
  return current
}

/** Posts JSON to an App Router handler in process, as Next.js calls it. */
export async function post(
  accounts: Accounts,
  action: string,
  body: unknown,
  { headers = {}, method = "POST", raw }: { headers?: Record<string, string>; method?: string; raw?: string } = {},
) {
  const cookie = headers.cookie === undefined ? undefined : newest(headers.cookie)
  const request = new Request(`${BASE_URL}/api/account/${action}`, {
    method,
    headers: { "content-type": "application/json", ...headers, ...(cookie === undefined ? {} : { cookie }) },
    body: method === "GET" || method === "HEAD" ? undefined : (raw ?? JSON.stringify(body)),
  })
  const response = await accounts.routeHandlers.POST(request, { params: Promise.resolve({ action }) })
  if (cookie !== undefined && response.headers.getSetCookie().length > 0) {
    const next = afterSetCookies(cookie, response)
    if (next !== cookie) renewed.set(cookie, next)
  }
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers }
}

/** Signs up and verifies an address through the endpoints; answers the user's id. */
export async function verifiedUser(
  { accounts, outbox, store }: Setup,
  email = "ada@example.com",
  password = GOOD_PASSWORD,
  name: string | null = "Ada Lovelace",
): Promise<string> {
  expect((await post(accounts, "signup", { email, password, ...(name ? { name } : {}) })).status).toBe(202)
  await accounts.whenIdle()
  expect((await post(accounts, "verify-email", { token: tokenFrom(outbox, "verify-email", email) })).status).toBe(200)
  return (await store.findUserByEmail(email))!.id
}

/** The app's authOptions with the accounts' authorize, wrapped by withAccounts. */
export function accountsAuthOptions(accounts: Accounts, extra: Partial<NextAuthOptions> = {}): NextAuthOptions {
  return accounts.withAccounts(
    withRoleClaims({
      secret: SECRET,
      session: { strategy: "jwt" },
      pages: { signIn: "/login" },
      providers: [
        CredentialsProvider({ credentials: { email: {}, password: {} }, authorize: accounts.authorize }),
      ],
      logger: {
        error: (code) => void logged.push({ level: "error", code }),
        warn: (code) => void logged.push({ level: "warn", code }),
        debug: () => {},
      },
      ...extra,
    }),
  )
}

/**
 * Signs in through next-auth's real credentials callback: the session cookie (`name=value`)
 * or null, and the URL next-auth answered (`…/error?error=EmailNotVerified` on a refusal).
 * `fields` adds credentials, such as the two-factor `code`.
 */
export async function signIn(
  baseUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
  fields: Record<string, string> = {},
): Promise<{ cookie: string | null; url: string; status: number }> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: new CookieJar().apply(csrf.headers.getSetCookie()).header(),
      ...headers,
    },
    body: new URLSearchParams({ csrfToken, email, password, ...fields, json: "true" }),
  })
  const { url } = (await response.json()) as { url: string }
  const cookie =
    response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .find((c) => c.startsWith("next-auth.session-token=")) ?? null
  return { cookie, url, status: response.status }
}

export { serveApi, serveNextAuth }
