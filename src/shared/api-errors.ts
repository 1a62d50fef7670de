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

/** Upper-cased methods, or `undefined` for "any method". */
export function normaliseMethods(methods: readonly string[] | undefined): string[] | undefined {
  return methods && methods.length > 0 ? methods.map((m) => m.toUpperCase()) : undefined
}

/**
 * The request header through which `authMiddleware` tells `auth()` the path being rendered
 * (without the basePath), since a Server Component has no URL of its own.
 */
export const PATH_HEADER = "x-next-auth-kit-path"
