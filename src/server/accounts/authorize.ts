/**
 * `authorize` for next-auth's Credentials provider: the engine's sign-in, with the client's
 * address as the server knows it.
 */
import type { AuthorizedUser } from "../../core/accounts/features/sign-in"
import { requestScope } from "../request-scope"
import type { AccountsContext } from "./context"

export type { AuthorizeErrorCode, AuthorizedUser } from "../../core/accounts/features/sign-in"

/**
 * `authorize` for next-auth's CredentialsProvider; see `Accounts.authorize`.
 *
 * @example
 * ```ts
 * const authorize: AccountsAuthorize = kit.accounts.authorize
 * CredentialsProvider({ credentials: { email: {}, password: {}, code: {} }, authorize })
 * ```
 */
export type AccountsAuthorize = (
  credentials: Partial<Record<string, unknown>> | undefined,
  req?: { headers?: Record<string, string | string[] | undefined> },
) => Promise<AuthorizedUser | null>

/** Builds `authorize`. */
export function createAuthorize(context: AccountsContext): AccountsAuthorize {
  return (credentials, req) => {
    const headers = req?.headers ?? {}
    // The socket's peer, when the kit's own next-auth handler serves the request.
    const socketAddress = requestScope.getStore()?.socketAddress
    const userAgent = headers["user-agent"]
    return context.engine.authorize(credentials, {
      ip: context.clientIp({ headers, socketAddress }),
      userAgent: Array.isArray(userAgent) ? userAgent[0] : userAgent,
    })
  }
}
