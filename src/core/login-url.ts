import { safeCallbackUrl } from "./callback-url"
import { AuthKitError } from "./errors"

/** The path of a relative URL, without its query or hash. */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/)
  return end === -1 ? url : url.slice(0, end)
}

/** Whether two relative URLs name the same page: paths compared without query, hash or a trailing `/`. */
export function samePage(a: string, b: string): boolean {
  const page = (url: string) => pathOf(url).replace(/(.)\/+$/, "$1")
  return page(a) === page(b)
}

/**
 * The login URL with a `callbackUrl` that brings the user back: `loginPath?callbackUrl=…`.
 * The callback goes through {@link safeCallbackUrl}; one that points at the login page itself
 * becomes `/`, so signing in never lands on the login page again.
 *
 * @param callbackUrl the page to come back to, without the basePath
 * @param basePath the app's Next.js basePath, put in front of the callback (the browser needs it)
 * @example
 * ```ts
 * loginUrl("/login", "/dashboard?tab=2") // "/login?callbackUrl=%2Fdashboard%3Ftab%3D2"
 * ```
 */
export function loginUrl(loginPath: string, callbackUrl: string | undefined, basePath = ""): string {
  if (callbackUrl === undefined) return loginPath
  let target = safeCallbackUrl(callbackUrl)
  if (samePage(target, loginPath)) target = "/"
  const separator = loginPath.includes("?") ? "&" : "?"
  return `${loginPath}${separator}callbackUrl=${encodeURIComponent(basePath + target)}`
}

/**
 * Checks a path option (`loginPath`, a forbidden redirect) once, when the kit is set up.
 * @returns the path, when it is a safe same-origin path
 */
export function checkPath(name: string, path: string): string {
  if (safeCallbackUrl(path, { fallback: "" }) !== path) {
    throw new AuthKitError(
      "invalid_config",
      `\`${name}\` must be a same-origin path that starts with a single "/", got ${JSON.stringify(path)}.`,
    )
  }
  return path
}
