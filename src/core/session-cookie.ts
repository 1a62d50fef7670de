/**
 * next-auth v4's rule for whether a site's cookies are the `__Secure-` ones, in one place for
 * every runtime (the fast session reader, the middleware, the testing helpers). Edge-safe.
 *
 * next-auth takes the site's origin from `NEXTAUTH_URL`; without it, and only when `VERCEL` or
 * `AUTH_TRUST_HOST` is set, from `x-forwarded-proto` (anything but `http` is https) and the
 * host; otherwise `http://localhost:3000`. A `NEXTAUTH_URL` without a scheme is taken as https
 * (its `parseUrl`). `authOptions.useSecureCookies` overrides all of it.
 */

/** The environment variables next-auth reads for the origin. */
export interface OriginEnv {
  NEXTAUTH_URL?: string
  VERCEL?: string
  AUTH_TRUST_HOST?: string
}

/** Reads one header from a Fetch `Headers` or a Node headers object. */
export type HeaderSource =
  | { get(name: string): string | null }
  | Record<string, string | string[] | undefined>

function headerValue(headers: HeaderSource | undefined, name: string): string | undefined {
  if (!headers) return undefined
  const value =
    typeof (headers as { get?: unknown }).get === "function"
      ? (headers as { get(name: string): string | null }).get(name)
      : (headers as Record<string, string | string[] | undefined>)[name]
  return (Array.isArray(value) ? value[0] : value) ?? undefined
}

/** The environment, or an empty one where `process` does not exist. */
export function processEnv(): OriginEnv {
  return typeof process === "undefined" ? {} : (process.env as OriginEnv)
}

/**
 * Whether next-auth serves this request with `__Secure-` cookies.
 *
 * @param useSecureCookies `authOptions.useSecureCookies`, which wins when set
 */
export function isSecureSite(
  headers: HeaderSource | undefined,
  useSecureCookies?: boolean,
  env: OriginEnv = processEnv(),
): boolean {
  // next-auth: `useSecureCookies ?? url.base.startsWith("https://")`, so null falls through too.
  if (useSecureCookies !== undefined && useSecureCookies !== null) return Boolean(useSecureCookies)
  let origin = env.NEXTAUTH_URL
  // detectOrigin reads `VERCEL ?? AUTH_TRUST_HOST`: an empty VERCEL hides AUTH_TRUST_HOST.
  if (!origin && (env.VERCEL ?? env.AUTH_TRUST_HOST)) {
    origin = headerValue(headers, "x-forwarded-proto") === "http" ? "http://" : "https://"
  }
  if (!origin) return false
  // next-auth's parseUrl: a URL without a scheme ("app.example.com") is an https one; with a
  // scheme, the URL parser reads `https:host` as `https://host` too.
  return !origin.startsWith("http") || origin.startsWith("https:")
}

/** next-auth's session cookie name for a secure or plain site. */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}next-auth.session-token`
}
