import { AsyncLocalStorage } from "node:async_hooks"

/**
 * What the kit's own next-auth handler knows of the request that next-auth hands `authorize`
 * without it: the socket's peer address (next-auth passes only headers, body and query on).
 */
export interface RequestScope {
  socketAddress?: string
}

/** The scope of the request being served by the kit's next-auth handler, if any. */
export const requestScope = new AsyncLocalStorage<RequestScope>()
