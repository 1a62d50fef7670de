import type { Session } from "next-auth"
import { safeCallbackUrl } from "../core"
import { type ApiErrorCode, errorResponse, normaliseMethods, PATH_HEADER } from "../core/api-errors"
import { splitArgs } from "../core/args"
import { pathOf } from "../core/login-url"
import type { AccessPolicy } from "../core/types"
import { decide, type KitConfig } from "./config"
import { parseCookies, readSession, type ResponseLike } from "./session"

/** Options of `auth()` beyond the policy. */
export interface AuthCallOptions {
  /**
   * The page to come back to after signing in, a same-origin path (it goes through
   * `safeCallbackUrl`; anything else becomes `/`). Wins over the path that `authMiddleware`
   * passes along. Next.js tells a Server Component neither its path nor its search params
   * through `headers()`, so without the middleware give it here, or the login URL carries no
   * `callbackUrl` and the user comes back to the login form's default (`/`).
   *
   * @example
   * ```tsx
   * export default async function Post({ params }: { params: Promise<{ id: string }> }) {
   *   const { id } = await params
   *   const session = await auth({}, { callbackUrl: `/posts/${id}` })
   * }
   * ```
   * @default the middleware's path, else none
   */
  callbackUrl?: string
}

/** Reads the session in a Server Component or Server Action, or redirects; see {@link createAuthKit}. */
export type Auth = (policy?: AccessPolicy, options?: AuthCallOptions) => Promise<Session>

/** A route handler that runs only for an allowed, signed-in user. */
export type AuthedRouteHandler<C = unknown> = (
  request: Request,
  context: C,
  session: Session,
) => Response | Promise<Response>

/**
 * Options of `withRouteAuth`: a policy plus the methods the route answers. `HEAD` is allowed
 * wherever `GET` is; `OPTIONS` is treated as in `withAuth`.
 */
export interface WithRouteAuthOptions extends AccessPolicy {
  /** Methods the handler answers; others get 405 with an `Allow` header. @default any */
  methods?: readonly string[]
}

/** Protects an App Router route handler; see {@link createAuthKit}. */
export interface WithRouteAuth {
  <C = unknown>(handler: AuthedRouteHandler<C>): (request: Request, context: C) => Promise<Response>
  <C = unknown>(
    options: WithRouteAuthOptions,
    handler: AuthedRouteHandler<C>,
  ): (request: Request, context: C) => Promise<Response>
}

/**
 * next/navigation and next/headers, loaded on first use. Next.js maps these bare specifiers to
 * its server builds (a static `next/navigation.js` import would pull the client router into
 * route handlers), and plain Node ESM cannot resolve them without a `.js`: loading them lazily
 * keeps the entry importable everywhere, the Pages Router included.
 */
async function nextServerApis() {
  const [navigation, headers] = await Promise.all([import("next/navigation"), import("next/headers")])
  const rethrow =
    (navigation as { unstable_rethrow?: (error: unknown) => void }).unstable_rethrow ??
    // Next.js 14 has no unstable_rethrow; its internal errors all carry a string digest.
    ((error: unknown) => {
      if (typeof (error as { digest?: unknown } | null)?.digest === "string") throw error
    })
  return {
    redirect: navigation.redirect,
    notFound: navigation.notFound,
    headers: headers.headers,
    cookies: headers.cookies,
    rethrow,
  }
}

type NextServerApis = Awaited<ReturnType<typeof nextServerApis>>

// What next-auth's getServerSession(authOptions) hands its own App Router reads: a response
// that keeps nothing. A Server Component cannot set cookies, and getServerSession does not set
// them from a Server Action or a route handler either.
const DISCARD: ResponseLike = { getHeader: () => undefined, setHeader: () => undefined }

/**
 * The session of the App Router request in scope (Server Component, Server Action, route
 * handler), read as next-auth's `getServerSession(authOptions)` reads it there: the headers
 * and cookies from `next/headers`, no cookie written (a renewal that falls due waits for a read
 * that can write it), and no `expires` in the session. Through the same fast reader as the
 * Pages Router helpers, which hands over to `getServerSession` for what it does not model. A
 * bad cookie is `null`. What `headers()` and `cookies()` throw (dynamic usage while
 * prerendering, a call outside a request) passes through untouched, as do Next.js's
 * control-flow errors from anywhere in the read.
 */
export async function readAppSession(config: KitConfig, apis?: NextServerApis): Promise<Session | null> {
  const { headers, cookies, rethrow } = apis ?? (await nextServerApis())
  const request = {
    headers: Object.fromEntries(await headers()),
    cookies: Object.fromEntries((await cookies()).getAll().map((cookie) => [cookie.name, cookie.value])),
  }
  const session = await readSession(config.authOptions, request, DISCARD, config.fastSession, rethrow)
  if (!session) return null
  // getServerSession deletes `expires` in the App Router: with no cookie written, the expiry a
  // renewal would report is not the cookie's. A copy, so the callback's own object stays whole.
  const { expires: _, ...rest } = session
  return rest as Session
}

export function createAuth(config: KitConfig): Auth {
  return async (policy, options = {}) => {
    const apis = await nextServerApis()
    const session = await readAppSession(config, apis)
    let current: string | undefined
    if (!session) {
      const given = options.callbackUrl ?? (await apis.headers()).get(PATH_HEADER) ?? undefined
      current = given === undefined ? undefined : safeCallbackUrl(given)
      if (current !== undefined && pathOf(current) === pathOf(config.loginPath)) {
        throw new Error("[next-auth-kit] auth() was called on the login page; it would redirect to itself.")
      }
    }
    const decision = await decide(config, session, policy, current)
    if (decision.outcome === "unauthenticated") return apis.redirect(decision.loginUrl)
    if (decision.outcome === "forbidden") {
      return decision.redirect === null ? apis.notFound() : apis.redirect(decision.redirect)
    }
    return session!
  }
}

export function createWithRouteAuth(config: KitConfig): WithRouteAuth {
  return ((optionsOrHandler: WithRouteAuthOptions | AuthedRouteHandler, maybeHandler?: AuthedRouteHandler) => {
    const { options = {}, fn: handler } = splitArgs<WithRouteAuthOptions, AuthedRouteHandler>(optionsOrHandler, maybeHandler)
    const methods = normaliseMethods(options.methods)

    return async (request: Request, context: unknown) => {
      // An error in the request's language (the app's `locale`, else Accept-Language).
      const fail = async (code: ApiErrorCode, headers: Record<string, string> = {}) => {
        const cookies = parseCookies(request.headers.get("cookie") ?? undefined, { router: "app" })
        const language = await config.languages.pick({ headers: request.headers, cookies })
        return errorResponse(code, { ...headers, "Content-Language": language.tag }, undefined, language.error(code))
      }
      if (methods && !methods.includes(request.method.toUpperCase())) {
        return fail("method_not_allowed", { Allow: methods.join(", ") })
      }
      // next-auth renews or clears the cookie through this response; the cookies are copied
      // onto whatever the handler returns.
      const setCookies: string[] = []
      const res = {
        getHeader: (name: string) => (name.toLowerCase() === "set-cookie" ? setCookies : undefined),
        setHeader: (name: string, value: string | readonly string[]) => {
          if (name.toLowerCase() !== "set-cookie") return
          setCookies.splice(0, setCookies.length, ...(Array.isArray(value) ? value : [String(value)]))
        },
      }
      const respond = (response: Response) => {
        for (const cookie of setCookies) {
          try {
            response.headers.append("Set-Cookie", cookie)
          } catch {
            // Immutable headers (Response.redirect): the renewal waits for the next request.
          }
        }
        return response
      }
      // From here on whatever throws (a role reader, an `allow`, the handler) ends in the JSON 500.
      try {
        const requestHeaders = Object.fromEntries(request.headers)
        const session = await readSession(
          config.authOptions,
          { headers: requestHeaders, cookies: parseCookies(requestHeaders.cookie, { router: "app" }) },
          res,
          config.fastSession,
        )
        const decision = await decide(config, session, options)
        if (decision.outcome === "unauthenticated") return respond(await fail("unauthenticated"))
        if (decision.outcome === "forbidden") return respond(await fail("forbidden"))
        return respond(await handler!(request, context, session!))
      } catch (error) {
        config.onError(error, { route: new URL(request.url).pathname })
        return respond(await fail("internal_error"))
      }
    }
  }) as WithRouteAuth
}
