import type { GetServerSidePropsContext, NextApiRequest, NextApiResponse } from "next"
import type { Session } from "next-auth"
import { readAppSession } from "./app"
import type { KitConfig } from "./config"
import { readSession } from "./session"

/**
 * Reads the session, or `null`: never a redirect, never an exception for a bad cookie. With no
 * arguments in the App Router (Server Components, Server Actions, route handlers), with the
 * context or `req` and `res` in the Pages Router; see {@link createAuthKit}.
 */
export interface GetSession {
  /**
   * The session of the App Router request in scope, read from `cookies()` and `headers()` of
   * `next/headers` exactly as next-auth's `getServerSession(authOptions)` reads it: it writes
   * no cookie, and the session has no `expires`.
   *
   * @example
   * ```tsx
   * // app/layout.tsx
   * export default async function RootLayout({ children }: { children: React.ReactNode }) {
   *   return <AuthProvider session={await getSession()} config={authConfig}>{children}</AuthProvider>
   * }
   * ```
   */
  (): Promise<Session | null>
  /**
   * The session of a Pages Router page request, from `getServerSideProps`' context. A renewed or
   * cleared session cookie is set on `context.res`.
   *
   * @example
   * ```ts
   * const session = await getSession(ctx)
   * ```
   */
  (context: Pick<GetServerSidePropsContext, "req" | "res">): Promise<Session | null>
  /**
   * The session of a Pages Router API request. A renewed or cleared session cookie is set on `res`.
   *
   * @example
   * ```ts
   * const session = await getSession(req, res)
   * ```
   */
  (req: NextApiRequest | GetServerSidePropsContext["req"], res: NextApiResponse | GetServerSidePropsContext["res"]): Promise<Session | null>
}

export function createGetSession(config: KitConfig): GetSession {
  return ((
    contextOrReq?: Pick<GetServerSidePropsContext, "req" | "res"> | NextApiRequest,
    maybeRes?: NextApiResponse,
  ) => {
    if (contextOrReq === undefined) return readAppSession(config)
    const [req, res] =
      maybeRes === undefined && "req" in contextOrReq && "res" in contextOrReq
        ? [contextOrReq.req, contextOrReq.res]
        : [contextOrReq as NextApiRequest, maybeRes!]
    return readSession(config.authOptions, req, res, config.fastSession)
  }) as GetSession
}
