import type { AuthKitErrorCode } from "./errors"

/** The error codes that API answers carry in their `error` field. */
export type ApiErrorCode = Extract<
  AuthKitErrorCode,
  "unauthenticated" | "forbidden" | "method_not_allowed" | "internal_error"
>

const STATUS: Record<ApiErrorCode, number> = {
  method_not_allowed: 405,
  unauthenticated: 401,
  forbidden: 403,
  internal_error: 500,
}

const MESSAGE: Record<ApiErrorCode, string> = {
  method_not_allowed: "This method is not allowed on this route.",
  unauthenticated: "Sign in to continue.",
  forbidden: "You do not have access to this resource.",
  internal_error: "Something went wrong. Please try again later.",
}

/** The status and JSON body of an API error: machine-readable `error`, a human `message`. */
export function apiError(code: ApiErrorCode): {
  status: number
  body: { error: ApiErrorCode; message: string }
} {
  return { status: STATUS[code], body: { error: code, message: MESSAGE[code] } }
}

/**
 * The one JSON error writer of the Fetch runtimes (route handlers, middleware): `apiError` as a
 * `Response`, with `Cache-Control: no-store` so that no cache keeps a 401 for the next user.
 */
export function errorResponse(code: ApiErrorCode, headers?: HeadersInit): Response {
  const { status, body } = apiError(code)
  const init = new Headers(headers)
  init.set("Cache-Control", "no-store")
  return Response.json(body, { status, headers: init })
}

/**
 * Upper-cased methods, or `undefined` for "any method". `HEAD` is allowed wherever `GET` is,
 * as HTTP requires of a server that answers `GET`.
 */
export function normaliseMethods(methods: readonly string[] | undefined): string[] | undefined {
  if (!methods || methods.length === 0) return undefined
  const upper = [...new Set(methods.map((m) => m.toUpperCase()))]
  if (upper.includes("GET") && !upper.includes("HEAD")) upper.push("HEAD")
  return upper
}

/**
 * The request header through which `authMiddleware` tells `auth()` the path being rendered
 * (without the basePath), since a Server Component has no URL of its own.
 */
export const PATH_HEADER = "x-next-auth-kit-path"
