import { AsyncLocalStorage } from "node:async_hooks"

import type { HeaderSource } from "../core/next-auth-cookies"

/**
 * What the kit's own handlers know of the request being served, for code that runs without it:
 * the socket's peer address (next-auth hands `authorize` only headers, body and query), and the
 * headers (the origin of the links in account emails, where no base URL is configured).
 */
export interface RequestScope {
  socketAddress?: string
  headers?: HeaderSource
  /**
   * The request's URL (a path, or absolute in the App Router): the provider of a next-auth
   * callback (`/api/auth/callback/<provider>`) that creates a database session.
   */
  url?: string
  /** The sign-in method of a database session created in this scope (a credentials sign-in's). */
  method?: string
}

/** The scope of the request being served by the kit's next-auth handler or account endpoints, if any. */
export const requestScope = new AsyncLocalStorage<RequestScope>()
