/**
 * `next-auth-kit/middleware`: an optimistic first filter for Next.js middleware. Edge-safe: it
 * imports only `next/server`, `next-auth/jwt`, `path-to-regexp` and the kit's shared core.
 * @packageDocumentation
 */
import { getToken, type JWT } from "next-auth/jwt"
import { type NextRequest, NextResponse } from "next/server.js"
import { errorResponse, PATH_HEADER } from "../core/api-errors"
import { ENDED_CLAIM } from "../core/ended-session"
import { type AuthKitConfig, type ResolvedAuthKitConfig, resolveAuthKitConfig } from "../core/config"
import { type AccessDecision, type AccessSubject, decideAccess } from "../core/decision"
import { AuthKitError } from "../core/errors"
import { pathOf } from "../core/login-url"
import { isSecureSite, readChunkedCookie, resolveSecret, sessionCookieName } from "../core/next-auth-cookies"
import type { AccessPolicy } from "../core/types"
import { type CompiledPathPattern, compilePathPattern, matchesPath, type PathPattern, pathForms } from "./path-pattern"

export type { PathPattern } from "./path-pattern"

/**
 * A protected area: every path it matches needs a session, and the roles when given. The
 * kit's {@link AccessPolicy} without `allow`: the middleware has a token, not a session, to
 * call it with (put `allow` on the page's or route's own `requireSession`/`auth`/`withAuth`).
 *
 * @example
 * ```ts
 * const rule: MiddlewareRule = { path: "/admin/:path*", roles: ["admin"] }
 * ```
 */
export type MiddlewareRule = {
  /**
   * The paths it covers, in the syntax of Next.js's `matcher` (`"/admin/:path*"`,
   * `"/(dashboard|admin)/:path*"`, `"/post/:id(\\d+)"`, `"/((?!api|_next/static).*)"`), or a
   * RegExp. Matched case-insensitively, with or without a trailing slash, and against the
   * percent-decoded path too.
   */
  path: PathPattern
} & Pick<AccessPolicy, "roles" | "match">

/**
 * Options of {@link authMiddleware}: the app's shared {@link AuthKitConfig} (the same object
 * that `createAuthKit` and `AuthProvider` get) plus the rules and how to read the session.
 *
 * @example
 * ```ts
 * authMiddleware({ ...authConfig, rules: [{ path: "/admin/:path*", roles: ["admin"] }] })
 * ```
 */
export interface AuthMiddlewareOptions extends AuthKitConfig {
  /** The protected areas. A path that several rules match must pass them all. */
  rules: readonly MiddlewareRule[]
  /**
   * next-auth's `session.strategy`. Under `"database"` the session cookie is an opaque id that
   * only the database can resolve: a present cookie passes (the server helpers check it), an
   * absent one is "no session", and rules cannot ask for `roles`.
   * @default "jwt"
   */
  strategy?: "jwt" | "database"
  /**
   * The JWT secret (jwt strategy). A missing secret is an `invalid_config` error on the first
   * request that needs the token.
   * @default process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET, as next-auth reads it
   */
  secret?: string
  /**
   * Whether the session cookie is the `__Secure-` one. Set it when `authOptions.useSecureCookies` is set.
   * @default next-auth's own rule: `NEXTAUTH_URL` on https (or without a scheme), or
   * `x-forwarded-proto` under `AUTH_TRUST_HOST`/`VERCEL`
   */
  secureCookie?: boolean
  /**
   * Reads roles from the decoded token (jwt strategy).
   * @default the `roleClaim` of the config, else `token.roles`, else `[token.role]`
   */
  getRoles?: (token: JWT) => readonly string[]
}

/** What Next.js calls: a request in, a response to send or pass on out. */
export type AuthMiddleware = (request: NextRequest) => Promise<Response>

interface CompiledRule {
  readonly pattern: CompiledPathPattern
  readonly policy: AccessPolicy
}

function invalid(message: string): never {
  throw new AuthKitError("invalid_config", message)
}

/**
 * Next.js middleware (`middleware.ts`, or `proxy.ts` on Next.js 16) that checks the session
 * cookie before a request reaches a page or route.
 *
 * - A visitor without a session is redirected to the login path with a safe `callbackUrl`
 *   (API paths under `/api/` get a 401 JSON answer).
 * - A signed-in user without a rule's roles gets the forbidden behaviour of the config: a 404
 *   or the configured redirect (403 JSON on API paths), never the login page.
 * - next-auth's own routes (`authPath`), the login page and `/_next` are never checked; these
 *   are compared with the path exactly as sent, so an encoded `/api/auth%2F..%2Fx` is checked.
 *
 * Rule paths use Next.js's `matcher` syntax and are compiled by the same `path-to-regexp`;
 * a pattern it cannot compile, a rule with `allow`, `roles` under the database strategy or a
 * bad config is an `invalid_config` {@link AuthKitError} when the middleware is created.
 *
 * It is an optimistic first filter, not the only line of defence. With the jwt strategy it
 * decodes the cookie (`getToken`, no database, no HTTP) and cannot see a session revoked
 * since; with the database strategy it sees only that a session cookie is present, not whether
 * the session still exists, and so cannot check roles. A path that no rule matches (or that
 * `config.matcher` keeps away from the middleware) is not checked. Keep `requireSession`,
 * `withAuth`, `auth` and `withRouteAuth` on every page and route that reads private data.
 *
 * @example
 * ```ts
 * // middleware.ts (proxy.ts on Next.js 16)
 * import { authMiddleware } from "next-auth-kit/middleware"
 * import { authConfig } from "./lib/auth-config" // the same object createAuthKit gets
 * export default authMiddleware({
 *   ...authConfig,
 *   rules: [{ path: "/dashboard/:path*" }, { path: "/admin/:path*", roles: ["admin"] }],
 * })
 * export const config = { matcher: ["/dashboard/:path*", "/admin/:path*"] }
 * ```
 *
 * @throws {@link AuthKitError} `invalid_config` for a bad configuration, when it is created
 */
export function authMiddleware(options: AuthMiddlewareOptions): AuthMiddleware {
  const config = resolveAuthKitConfig(options)
  const strategy = options.strategy ?? "jwt"
  if (strategy !== "jwt" && strategy !== "database") {
    invalid(`\`strategy\` must be next-auth's session strategy, "jwt" or "database", got ${JSON.stringify(strategy)}.`)
  }
  if (!Array.isArray(options.rules)) invalid("`rules` must be a list of { path, roles?, match? }.")
  const rules: CompiledRule[] = options.rules.map((rule: MiddlewareRule & { allow?: unknown }) => {
    if (!rule || typeof rule !== "object") invalid("Each of `rules` must be an object: { path, roles?, match? }.")
    if (rule.allow !== undefined) {
      invalid(
        `The rule for ${String(rule.path)} has \`allow\`, which the middleware cannot call: it has a token, not a session. Put the check in requireSession/auth/withAuth on the page or route.`,
      )
    }
    if (rule.roles !== undefined && !(Array.isArray(rule.roles) && rule.roles.every((role) => typeof role === "string"))) {
      invalid(`The rule for ${String(rule.path)} has \`roles\` that are not a list of role names: ${JSON.stringify(rule.roles)}.`)
    }
    if (rule.match !== undefined && rule.match !== "any" && rule.match !== "all") {
      invalid(`The rule for ${String(rule.path)} has \`match: ${JSON.stringify(rule.match)}\`; it must be "any" or "all".`)
    }
    if (strategy === "database" && rule.roles && rule.roles.length > 0) {
      invalid(
        `The rule for ${String(rule.path)} needs roles, which the middleware cannot read under the database session strategy (the cookie is an opaque session id). Check roles with requireSession/auth/withAuth, and keep the rule without \`roles\`.`,
      )
    }
    return { pattern: compilePathPattern(rule.path), policy: { roles: rule.roles, match: rule.match } }
  })
  const getRoles = options.getRoles
  const rolesOf = getRoles ? (subject: AccessSubject) => getRoles(subject.claims as JWT) : undefined
  const configs = new Map<string, ResolvedAuthKitConfig>()
  const skipped = skipList(config)

  return async (request) => {
    const { pathname, search } = request.nextUrl
    const pass = () => {
      // auth() in Server Components reads the path from here to build its callbackUrl.
      const headers = new Headers(request.headers)
      headers.set(PATH_HEADER, pathname + search)
      return NextResponse.next({ request: { headers } })
    }
    if (skipped(pathname)) return pass()
    // A data route stands for its page: a RegExp rule (which Next's matcher prefix does not
    // wrap) sees the page's path too.
    const page = pageOf(pathname)
    const forms = page === pathname ? pathForms(pathname) : [...new Set([...pathForms(pathname), ...pathForms(page)])]
    const applying = rules.filter((rule) => matchesPath(rule.pattern, forms))
    if (applying.length === 0) return pass()

    // The config's basePath, or else the one Next.js reports for this request.
    const basePath = config.basePath || request.nextUrl.basePath
    let decideConfig = config
    if (basePath !== config.basePath) {
      decideConfig = configs.get(basePath) ?? { ...config, basePath }
      configs.set(basePath, decideConfig)
    }
    const subject = await readSubject(request, options, strategy)
    const decide = { config: decideConfig, currentPath: pageOf(pathname) + search, rolesOf }
    let decision: AccessDecision = { outcome: "allow" }
    // Every rule that matches must pass; without a subject the first answer is the answer.
    for (const rule of applying) {
      decision = await decideAccess(subject, rule.policy, decide)
      if (decision.outcome !== "allow") break
    }

    const isApi = forms.some((form) => /^\/api(\/|$)/i.test(form))
    switch (decision.outcome) {
      case "allow":
        return pass()
      case "unauthenticated":
        if (isApi) return errorResponse("unauthenticated")
        return NextResponse.redirect(new URL(basePath + decision.loginUrl, request.url))
      case "forbidden":
        if (isApi) return errorResponse("forbidden")
        if (decision.redirect !== null) {
          return NextResponse.redirect(new URL(basePath + decision.redirect, request.url))
        }
        // Render the app's own 404 page, with a 404 status, without saying the page exists.
        return NextResponse.rewrite(new URL(`${basePath}/404`, request.url), { status: 404 })
    }
  }
}

/**
 * The paths the middleware never checks: next-auth's API, Next's own files and the login page.
 * Compared with the path as sent and case-sensitively, as Next.js routes it: a decoded or
 * re-cased form (`/api/auth%2F..%2Fsecret`, `/%6cogin`, `/API/AUTH/x`) may reach another
 * route, such as a catch-all page, so it goes through the rules.
 */
function skipList(config: ResolvedAuthKitConfig): (pathname: string) => boolean {
  const login = pathOf(config.loginPath).replace(/(.)\/$/, "$1")
  // next-auth's own actions only: an app's routes under the same folder (`/api/auth/me`) are
  // checked like any other.
  const actions = new RegExp(
    `^${config.authPath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/(?:${NEXT_AUTH_ACTIONS.join("|")})(?:/|$)`,
  )
  return (pathname) => {
    const page = pageOf(pathname)
    return (
      actions.test(pathname) ||
      // Data routes carry a page's props; their rules see them (Next's matcher prefix).
      (pathname.startsWith("/_next/") && !pathname.startsWith("/_next/data/")) ||
      // With or without a trailing slash (`trailingSlash: true` apps serve `/login/`), and the
      // login page's own data route.
      page === login ||
      page === `${login}/`
    )
  }
}

/** The actions of next-auth v4's REST API (core/index.js). */
const NEXT_AUTH_ACTIONS = ["providers", "session", "csrf", "signin", "signout", "callback", "verify-request", "error", "_log"]

/** The page a Pages Router data route stands for (`/_next/data/<id>/a/b.json` → `/a/b`). */
function pageOf(pathname: string): string {
  const data = /^\/_next\/data\/[^/]+(\/.*)\.json$/.exec(pathname)
  if (!data) return pathname
  return data[1] === "/index" ? "/" : data[1]!
}

async function readSubject(
  request: NextRequest,
  options: AuthMiddlewareOptions,
  strategy: "jwt" | "database",
): Promise<AccessSubject | null> {
  // next-auth's own rule for the cookie's name; getToken's default one misses a NEXTAUTH_URL
  // without a scheme and AUTH_TRUST_HOST behind a proxy.
  const secureCookie = isSecureSite(request.headers, options.secureCookie)
  const cookieName = sessionCookieName(secureCookie)
  if (strategy === "database") {
    // An opaque session id: only the database knows whether it is still a session. Read as
    // next-auth's SessionStore reads it, chunks and all.
    return readChunkedCookie(request.cookies, cookieName).value ? { claims: {} } : null
  }
  const secret = resolveSecret({ secret: options.secret })
  if (!secret) {
    invalid(
      "authMiddleware needs next-auth's secret to read the session cookie: set NEXTAUTH_SECRET (or AUTH_SECRET) in the environment, or pass `secret`. With `session: { strategy: \"database\" }`, pass `strategy: \"database\"`.",
    )
  }
  try {
    // A tampered, expired or foreign cookie decodes to null: signed out.
    const token = await getToken({ req: request, secret, secureCookie, cookieName })
    // A session the kit ended (a changed or reset password) still decodes: it is no session.
    return token && !token[ENDED_CLAIM] ? { claims: token } : null
  } catch {
    // Whatever a visitor sends is at worst "no session"; the configuration was checked above.
    return null
  }
}
