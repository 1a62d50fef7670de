/**
 * `next-auth-kit/middleware`: an optimistic first filter for Next.js middleware. Edge-safe: it
 * imports only `next/server`, `next-auth/jwt` and the kit's shared core.
 * @packageDocumentation
 */
import { getToken, type JWT } from "next-auth/jwt"
import { type NextRequest, NextResponse } from "next/server.js"
import { getRoles, hasAccess, type Role, type Session } from "../shared"
import { apiError, PATH_HEADER } from "../shared/api-errors"
import { checkPath, loginUrl, pathOf } from "../shared/login-url"
import { compilePathPattern, matchesPath, type PathPattern } from "./path-pattern"

export type { PathPattern } from "./path-pattern"

/** A protected area: every path it matches needs a session, and the roles when given. */
export interface MiddlewareRule {
  /** A Next.js matcher-style pattern (`"/admin/:path*"`) or a RegExp. */
  path: PathPattern
  /** Roles the token must hold; none means any signed-in user. */
  roles?: readonly Role[]
  /** @default "any" */
  match?: "any" | "all"
}

/**
 * Options of {@link authMiddleware}.
 *
 * @example
 * ```ts
 * authMiddleware({ rules: [{ path: "/admin/:path*", roles: ["admin"] }], loginPath: "/login" })
 * ```
 */
export interface AuthMiddlewareOptions {
  /** The protected areas. A path that several rules match must pass them all. */
  rules: readonly MiddlewareRule[]
  /** @default "/api/auth/signin" */
  loginPath?: string
  /**
   * What a signed-in user without the roles gets on a page: a 404, or a redirect. API paths
   * get 403 JSON either way; never the login page.
   * @default "not-found"
   */
  forbidden?: "not-found" | { redirect: string }
  /** next-auth's REST API path, never protected. @default "/api/auth" */
  authPath?: string
  /** The JWT secret. @default process.env.NEXTAUTH_SECRET */
  secret?: string
  /**
   * Whether the session cookie is the `__Secure-` one.
   * @default whether NEXTAUTH_URL starts with https://
   */
  secureCookie?: boolean
  /** Reads roles from the decoded token. @default token.roles, or [token.role] */
  getRoles?: (token: JWT) => readonly string[]
}

const defaultTokenRoles = (token: JWT) => getRoles({ user: token, expires: "" } as Session)

/**
 * Next.js middleware that checks the session cookie before a request reaches a page or route.
 * It decodes the JWT cookie (`getToken`, no database, no HTTP); a visitor without one is
 * redirected to the login path with a safe `callbackUrl` (API paths under `/api/` get a 401
 * JSON answer); a signed-in user without the roles gets a 404 or the configured redirect (403
 * JSON on API paths), never the login page. next-auth's own routes, the login page and
 * `/_next` are never checked.
 *
 * It is an optimistic first filter, not the only line of defence: it sees only the JWT (not a
 * revoked database session), and a path it does not match is not checked. Keep
 * `requireSession`, `withAuth`, `auth` and `withRouteAuth` on every page and route that reads
 * private data.
 *
 * @example
 * ```ts
 * // middleware.ts
 * import { authMiddleware } from "next-auth-kit/middleware"
 * export default authMiddleware({
 *   rules: [{ path: "/dashboard/:path*" }, { path: "/admin/:path*", roles: ["admin"] }],
 *   loginPath: "/login",
 * })
 * export const config = { matcher: ["/dashboard/:path*", "/admin/:path*"] }
 * ```
 */
export function authMiddleware(options: AuthMiddlewareOptions): (request: NextRequest) => Promise<NextResponse> {
  const loginPath = checkPath("loginPath", options.loginPath ?? "/api/auth/signin")
  const authPath = checkPath("authPath", options.authPath ?? "/api/auth").replace(/\/+$/, "")
  const forbidden = options.forbidden ?? "not-found"
  if (forbidden !== "not-found") checkPath("forbidden.redirect", forbidden.redirect)
  const rolesOf = options.getRoles ?? defaultTokenRoles
  const rules = options.rules.map((rule) => ({ ...rule, regex: compilePathPattern(rule.path) }))
  const skipped = [compilePathPattern(`${authPath}/:path*`), compilePathPattern("/_next/:path*"), compilePathPattern(pathOf(loginPath))]

  return async (request) => {
    const { pathname, search, basePath } = request.nextUrl
    const pass = () => {
      // auth() in Server Components reads the path from here to build its callbackUrl.
      const headers = new Headers(request.headers)
      headers.set(PATH_HEADER, pathname + search)
      return NextResponse.next({ request: { headers } })
    }
    if (skipped.some((regex) => matchesPath(regex, pathname))) return pass()
    const applying = rules.filter((rule) => matchesPath(rule.regex, pathname))
    if (applying.length === 0) return pass()

    const isApi = /^\/api(\/|$)/i.test(pathname)
    const token = await readToken(request, options)
    if (!token) {
      if (isApi) return json("unauthenticated")
      return NextResponse.redirect(new URL(basePath + loginUrl(loginPath, basePath + pathname + search), request.url))
    }

    const session = { user: token, expires: "" } as unknown as Session
    const allowed = applying.every((rule) =>
      hasAccess(session, { roles: rule.roles, match: rule.match }, () => rolesOf(token)),
    )
    if (allowed) return pass()
    if (isApi) return json("forbidden")
    if (forbidden !== "not-found") {
      return NextResponse.redirect(new URL(basePath + forbidden.redirect, request.url))
    }
    // Render the app's own 404 page, with a 404 status, without saying the page exists.
    return NextResponse.rewrite(new URL(`${basePath}/404`, request.url), { status: 404 })
  }
}

async function readToken(request: NextRequest, options: AuthMiddlewareOptions): Promise<JWT | null> {
  try {
    return await getToken({
      req: request,
      secret: options.secret,
      ...(options.secureCookie === undefined ? {} : { secureCookie: options.secureCookie }),
    })
  } catch {
    // A missing secret or an unreadable cookie: signed out. getToken logs the details.
    return null
  }
}

function json(code: "unauthenticated" | "forbidden"): NextResponse {
  const { status, body } = apiError(code)
  return NextResponse.json(body, { status })
}
