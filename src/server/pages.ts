import type { ParsedUrlQuery } from "node:querystring"
import type {
  GetServerSideProps,
  GetServerSidePropsContext,
  GetServerSidePropsResult,
  NextApiRequest,
  NextApiResponse,
} from "next"
import type { Session } from "next-auth"
import { type ApiErrorCode, apiError, normaliseMethods } from "../core/api-errors"
import { splitArgs } from "../core/args"
import { pathOf } from "../core/login-url"
import type { AccessPolicy } from "../core/types"
import { decide, type KitConfig } from "./config"
import { readSession, toSerializable } from "./session"

/** The `getServerSideProps` context with the signed-in user's session. */
export type SessionContext<Q extends ParsedUrlQuery = ParsedUrlQuery> =
  GetServerSidePropsContext<Q> & { session: Session }

/** Your own `getServerSideProps`, called only for a signed-in user who passes the policy. */
export type InnerGetServerSideProps<P, Q extends ParsedUrlQuery = ParsedUrlQuery> = (
  context: SessionContext<Q>,
) => GetServerSidePropsResult<P> | Promise<GetServerSidePropsResult<P>>

/** The props a protected page receives: yours plus the session, ready for `AuthProvider`. */
export type WithSession<P> = P & { session: Session }

/**
 * Protects a Pages Router page. Wraps `getServerSideProps`; see {@link createAuthKit}.
 */
export interface RequireSession {
  <P extends Record<string, unknown> = Record<string, never>, Q extends ParsedUrlQuery = ParsedUrlQuery>(
    inner?: InnerGetServerSideProps<P, Q>,
  ): GetServerSideProps<WithSession<P>, Q>
  <P extends Record<string, unknown> = Record<string, never>, Q extends ParsedUrlQuery = ParsedUrlQuery>(
    policy: AccessPolicy,
    inner?: InnerGetServerSideProps<P, Q>,
  ): GetServerSideProps<WithSession<P>, Q>
}

/**
 * Options of `withAuth`: a policy plus the methods the route answers.
 *
 * `HEAD` is allowed wherever `GET` is. `OPTIONS` is a method like any other: when `methods`
 * leaves it out it gets 405 with `Allow`; without `methods` it needs a session like the rest,
 * so a CORS preflight (which carries no cookies) gets 401: answer preflights before the kit.
 */
export interface WithAuthOptions extends AccessPolicy {
  /** Methods the route answers; others get 405 with an `Allow` header. @default any method */
  methods?: readonly string[]
}

/** An API route handler that runs only for an allowed, signed-in user. */
export type AuthedApiHandler<T = unknown> = (
  req: NextApiRequest,
  res: NextApiResponse<T>,
  session: Session,
) => unknown | Promise<unknown>

/** Protects a Pages Router API route; see {@link createAuthKit}. */
export interface WithAuth {
  <T = unknown>(handler: AuthedApiHandler<T>): (req: NextApiRequest, res: NextApiResponse<T>) => Promise<void>
  <T = unknown>(
    options: WithAuthOptions,
    handler: AuthedApiHandler<T>,
  ): (req: NextApiRequest, res: NextApiResponse<T>) => Promise<void>
}

type Inner = InnerGetServerSideProps<Record<string, unknown>>

export function createRequireSession(config: KitConfig): RequireSession {
  return ((policyOrInner?: AccessPolicy | Inner, maybeInner?: Inner) => {
    const { options: policy, fn: inner } = splitArgs<AccessPolicy, Inner>(policyOrInner, maybeInner)

    return async (context: GetServerSidePropsContext) => {
      const session = await readSession(config.authOptions, context.req, context.res, config.fastSession)
      if (!session && pathOf(context.resolvedUrl) === pathOf(config.loginPath)) {
        // Redirecting the login page to itself would loop forever.
        console.warn(
          "[next-auth-kit] requireSession protects the login page itself; it renders signed out. Remove requireSession from that page.",
        )
        return { props: { session: null } }
      }
      const decision = await decide(config, session, policy, context.resolvedUrl)
      if (decision.outcome === "unauthenticated") {
        return { redirect: { destination: decision.loginUrl, permanent: false } }
      }
      if (decision.outcome === "forbidden") {
        return decision.redirect === null
          ? { notFound: true }
          : { redirect: { destination: decision.redirect, permanent: false } }
      }
      const serialized = toSerializable(session!)
      if (!inner) return { props: { session: serialized } }
      const result = await inner(Object.assign(context, { session: session! }))
      if (!("props" in result)) return result
      return { ...result, props: { ...(await result.props), session: serialized } }
    }
  }) as RequireSession
}

/** Writes an API error as JSON in the request's language, never cached. */
async function sendError(config: KitConfig, req: NextApiRequest, res: NextApiResponse, code: ApiErrorCode) {
  const language = await config.languages.pick(req)
  const { status, body } = apiError(code, {}, language.error(code))
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("Content-Language", language.tag)
  res.status(status).json(body)
}

export function createWithAuth(config: KitConfig): WithAuth {
  return ((optionsOrHandler: WithAuthOptions | AuthedApiHandler, maybeHandler?: AuthedApiHandler) => {
    const { options = {}, fn: handler } = splitArgs<WithAuthOptions, AuthedApiHandler>(optionsOrHandler, maybeHandler)
    const methods = normaliseMethods(options.methods)

    return async (req: NextApiRequest, res: NextApiResponse) => {
      if (methods && !methods.includes((req.method ?? "GET").toUpperCase())) {
        res.setHeader("Allow", methods.join(", "))
        return await sendError(config, req, res, "method_not_allowed")
      }
      // From here on whatever throws (a role reader, an `allow`, the handler) ends in the JSON 500.
      try {
        const session = await readSession(config.authOptions, req, res, config.fastSession)
        // Awaited only when a policy's `allow` made it a promise: a role check is synchronous.
        let decision = decide(config, session, options)
        if (decision instanceof Promise) decision = await decision
        if (decision.outcome === "unauthenticated") return await sendError(config, req, res, "unauthenticated")
        if (decision.outcome === "forbidden") return await sendError(config, req, res, "forbidden")
        await handler!(req, res, session!)
      } catch (error) {
        config.onError(error, { route: req.url ?? "API route" })
        if (!res.headersSent) await sendError(config, req, res, "internal_error")
        else if (!res.writableEnded) res.end()
      }
    }
  }) as WithAuth
}
