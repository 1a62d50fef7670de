/**
 * A kit instance served for real, the way an app serves it: next-auth at /api/auth, the account
 * endpoints at /api/account (the Pages Router adapter), a route behind `withAuth` at /api/me;
 * with the browsers' User-Agents and the readers the session tests ask.
 */
import type { AuthKitInstance } from "../../../src/server/create-auth-kit"
import { CookieJar, pageContext, serveApi, serveNextAuth } from "../harness"

export const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
export const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
export const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"

/** Serves a kit: next-auth at /api/auth, the account endpoints at /api/account, and a route behind withAuth at /api/me. */
export async function serveKit(kit: AuthKitInstance) {
  const auth = await serveNextAuth(kit.authOptions, "/api/auth", kit.handler)
  const api = await serveApi(async (req, res) => {
    const path = new URL(req.url!, "http://localhost").pathname
    if (path === "/api/me") return kit.withAuth(async (_req, res2, session) => void res2.status(200).json({ email: session.user?.email }))(req, res)
    req.query = { action: path.replace(/^\/api\/account\//, "").split("/") }
    await kit.accounts!.apiHandler(req, res)
  })
  return { kit, auth: auth.url, api: api.url, close: async () => void (await Promise.all([auth.close(), api.close()])) }
}
export type ServedKit = Awaited<ReturnType<typeof serveKit>>

/** An account endpoint, as a browser with `cookie` calls it. */
export async function call(served: ServedKit, method: "GET" | "POST", action: string, body?: unknown, cookie?: string) {
  const response = await fetch(`${served.api}/api/account/${action}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, any>, response }
}

/**
 * Posts credentials to next-auth's Credentials callback as a browser with this User-Agent;
 * answers the response and its session cookie (`name=value`), `null` when it set none.
 */
export async function postCredentials(served: ServedKit, credentials: Record<string, string>, userAgent = FIREFOX) {
  const csrf = await fetch(`${served.auth}/api/auth/csrf`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const response = await fetch(`${served.auth}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": userAgent, cookie: new CookieJar().apply(csrf.headers.getSetCookie()).header() },
    body: new URLSearchParams({ csrfToken, ...credentials, json: "true" }),
  })
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("next-auth.session-token=")) ?? null
  return { response, cookie }
}

/** Signs in with the Credentials provider as a browser with this User-Agent; answers its session cookie (`name=value`). */
export async function signInWithCredentials(served: ServedKit, credentials: Record<string, string>, userAgent = FIREFOX): Promise<string> {
  const { response, cookie } = await postCredentials(served, credentials, userAgent)
  if (!cookie) throw new Error(`no session cookie: ${response.status} ${await response.text()}`)
  return cookie
}

/** next-auth's own /api/auth/session for a cookie: `{}` when signed out. */
export async function nextAuthSession(served: ServedKit, cookie: string) {
  return (await (await fetch(`${served.auth}/api/auth/session`, { headers: { cookie } })).json()) as { user?: { email?: string } }
}

/** Whether a cookie is signed in, by every reader: getSession, withAuth, next-auth's route (they must agree). */
export async function signedIn(served: ServedKit, cookie: string): Promise<boolean> {
  const kitSession = await served.kit.getSession(pageContext("/", cookie))
  const me = await fetch(`${served.api}/api/me`, { headers: { cookie } })
  const own = await nextAuthSession(served, cookie)
  const answers = [kitSession !== null, me.status === 200, own.user !== undefined]
  if (new Set(answers).size !== 1) throw new Error(`the readers disagree: ${JSON.stringify(answers)}`)
  return answers[0]!
}

/** Waits for a condition, not for a time: polls until it holds (or fails after 5 s); answers the milliseconds it took. */
export async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<number> {
  const started = Date.now()
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time")
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return Date.now() - started
}
