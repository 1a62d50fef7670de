import type { Session } from "next-auth"
import { getServerSession } from "next-auth/next"
import { safeCallbackUrl } from "../shared"
import { errorResponse, normaliseMethods, PATH_HEADER } from "../shared/api-errors"
import { splitArgs } from "../shared/args"
import { pathOf } from "../shared/login-url"
import type { AccessPolicy } from "../shared/types"
import { assertSecret, decide, type KitConfig } from "./config"
import { parseCookies, readSession } from "./session"

/** Options of `auth()` beyond the policy. */
export interface AuthCallOptions {
  /**
   * Where to come back after signing in. Defaults to the path that `authMiddleware` passed
   * along; without the middleware, give it here or the user lands on `/`.
   */
  callbackUrl?: string
}

/** Reads the session in a Server Component or Server Action; see {@link createAuthKit}. */
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

async function readRscSession(
  config: KitConfig,
  rethrow: (error: unknown) => void,
): Promise<Session | null> {
  try {
    const session = await getServerSession(config.authOptions)
    return session && typeof session === "object" ? (session as Session) : null
  } catch (error) {
    // Next.js signals dynamic rendering, redirects and bailouts by throwing: let those through.
    rethrow(error)
    console.error("[next-auth-kit] Reading the session failed; treating the request as signed out.", error)
    return null
  }
}

/**
 * next/navigation and next/headers, loaded when auth() runs. Next.js maps these bare
 * specifiers to its server builds (a static `next/navigation.js` import would pull the client
 * router into route handlers), and plain Node ESM cannot resolve them without a `.js`: loading
 * them lazily keeps the entry importable everywhere.
 */
async function nextServerApis() {
  const [navigation, headers] = await Promise.all([import("next/navigation"), import("next/headers")])
  const rethrow =
    (navigation as { unstable_rethrow?: (error: unknown) => void }).unstable_rethrow ??
    // Next.js 14 has no unstable_rethrow; its internal errors all carry a string digest.
    ((error: unknown) => {
      if (typeof (error as { digest?: unknown } | null)?.digest === "string") throw error
    })
  return { redirect: navigation.redirect, notFound: navigation.notFound, headers: headers.headers, rethrow }
}

export function createAuth(config: KitConfig): Auth {
  return async (policy, options = {}) => {
    const { redirect, notFound, headers, rethrow } = await nextServerApis()
    assertSecret(config.authOptions)
    const session = await readRscSession(config, rethrow)
    let current: string | undefined
    if (!session) {
      const given = options.callbackUrl ?? (await headers()).get(PATH_HEADER) ?? undefined
      current = given === undefined ? undefined : safeCallbackUrl(given)
      if (current !== undefined && pathOf(current) === pathOf(config.loginPath)) {
        throw new Error("[next-auth-kit] auth() was called on the login page; it would redirect to itself.")
      }
    }
    const decision = await decide(config, session, policy, current)
    if (decision.outcome === "unauthenticated") return redirect(decision.loginUrl)
    if (decision.outcome === "forbidden") return decision.redirect === null ? notFound() : redirect(decision.redirect)
    return session!
  }
}

export function createWithRouteAuth(config: KitConfig): WithRouteAuth {
  return ((optionsOrHandler: WithRouteAuthOptions | AuthedRouteHandler, maybeHandler?: AuthedRouteHandler) => {
    const { options = {}, fn: handler } = splitArgs<WithRouteAuthOptions, AuthedRouteHandler>(optionsOrHandler, maybeHandler)
    const methods = normaliseMethods(options.methods)

    return async (request: Request, context: unknown) => {
      if (methods && !methods.includes(request.method.toUpperCase())) {
        return errorResponse("method_not_allowed", { Allow: methods.join(", ") })
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
        if (decision.outcome === "unauthenticated") return respond(errorResponse("unauthenticated"))
        if (decision.outcome === "forbidden") return respond(errorResponse("forbidden"))
        return respond(await handler!(request, context, session!))
      } catch (error) {
        config.onError(error, { route: new URL(request.url).pathname })
        return respond(errorResponse("internal_error"))
      }
    }
  }) as WithRouteAuth
}
