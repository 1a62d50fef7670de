import type { ParsedUrlQuery } from "node:querystring"
import type {
  GetServerSideProps,
  GetServerSidePropsContext,
  GetServerSidePropsResult,
  NextApiRequest,
  NextApiResponse,
} from "next"
import type { Session } from "next-auth"
import { type KitConfig, isLoginPage, loginRedirect } from "./config"
import { checkAccess } from "./policy"
import { apiError, normaliseMethods } from "../shared/api-errors"
import { readSession, toSerializable } from "./session"
import type { ServerAccessPolicy } from "./types"

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
    policy: ServerAccessPolicy,
    inner?: InnerGetServerSideProps<P, Q>,
  ): GetServerSideProps<WithSession<P>, Q>
}

/** Options of `withAuth`: a policy plus the methods the route answers. */
export interface WithAuthOptions extends ServerAccessPolicy {
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

/** Reads the session of a page or API request; see {@link createAuthKit}. */
export interface GetSession {
  (context: Pick<GetServerSidePropsContext, "req" | "res">): Promise<Session | null>
  (req: NextApiRequest | GetServerSidePropsContext["req"], res: NextApiResponse | GetServerSidePropsContext["res"]): Promise<Session | null>
}

function forbiddenResult(config: KitConfig): GetServerSidePropsResult<never> {
  return config.forbidden === "not-found"
    ? { notFound: true }
    : { redirect: { destination: config.forbidden.redirect, permanent: false } }
}

export function createRequireSession(config: KitConfig): RequireSession {
  return ((
    policyOrInner?: ServerAccessPolicy | InnerGetServerSideProps<Record<string, unknown>>,
    maybeInner?: InnerGetServerSideProps<Record<string, unknown>>,
  ) => {
    const policy = typeof policyOrInner === "function" ? undefined : policyOrInner
    const inner = typeof policyOrInner === "function" ? policyOrInner : maybeInner

    return async (context: GetServerSidePropsContext) => {
      const session = await readSession(config.authOptions, context.req, context.res, config.fastSession)
      if (!session) {
        if (isLoginPage(config, context.resolvedUrl)) {
          // Redirecting the login page to itself would loop forever.
          console.warn(
            "[next-auth-kit] requireSession protects the login page itself; it renders signed out. Remove requireSession from that page.",
          )
          return { props: { session: null } }
        }
        return {
          redirect: { destination: loginRedirect(config, context.resolvedUrl), permanent: false },
        }
      }
      if (!(await checkAccess(session, policy, config.rolesOf))) return forbiddenResult(config)

      const serialized = toSerializable(session)
      if (!inner) return { props: { session: serialized } }
      const result = await inner(Object.assign(context, { session }))
      if (!("props" in result)) return result
      return { ...result, props: { ...(await result.props), session: serialized } }
    }
  }) as RequireSession
}

export function createWithAuth(config: KitConfig): WithAuth {
  return ((optionsOrHandler: WithAuthOptions | AuthedApiHandler, maybeHandler?: AuthedApiHandler) => {
    const options = typeof optionsOrHandler === "function" ? {} : optionsOrHandler
    const handler = (typeof optionsOrHandler === "function" ? optionsOrHandler : maybeHandler)!
    const methods = normaliseMethods(options.methods)

    return async (req: NextApiRequest, res: NextApiResponse) => {
      const fail = (code: Parameters<typeof apiError>[0]) => {
        const { status, body } = apiError(code)
        res.status(status).json(body)
      }
      if (methods && !methods.includes((req.method ?? "GET").toUpperCase())) {
        res.setHeader("Allow", methods.join(", "))
        return fail("method_not_allowed")
      }
      const session = await readSession(config.authOptions, req, res, config.fastSession)
      if (!session) return fail("unauthenticated")
      if (!(await checkAccess(session, options, config.rolesOf))) return fail("forbidden")
      try {
        await handler(req, res, session)
      } catch (error) {
        config.onError(error, { route: req.url ?? "API route" })
        if (!res.headersSent) fail("internal_error")
        else if (!res.writableEnded) res.end()
      }
    }
  }) as WithAuth
}

export function createGetSession(config: KitConfig): GetSession {
  return ((
    contextOrReq: Pick<GetServerSidePropsContext, "req" | "res"> | NextApiRequest,
    maybeRes?: NextApiResponse,
  ) => {
    const [req, res] =
      maybeRes === undefined && "req" in contextOrReq && "res" in contextOrReq
        ? [contextOrReq.req, contextOrReq.res]
        : [contextOrReq as NextApiRequest, maybeRes!]
    return readSession(config.authOptions, req, res, config.fastSession)
  }) as GetSession
}
