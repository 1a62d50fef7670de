/** Longer inputs are refused outright: no real in-app path needs more. */
export const MAX_CALLBACK_URL_LENGTH = 2048

/** Options of {@link safeCallbackUrl}. */
export interface SafeCallbackUrlOptions {
  /**
   * The app's own origin (`"https://app.example.com"`). With it, an absolute URL of that origin
   * is accepted and turned into its path + search + hash; without it every absolute URL is
   * refused.
   */
  origin?: string
  /**
   * What to return when the input is refused. It is checked like the input, and `"/"` is used
   * when it fails too.
   * @default "/"
   */
  fallback?: string
}

// A throwaway origin that no input can name: the `.invalid` TLD never resolves (RFC 6761).
const PROBE_ORIGIN = "http://probe.invalid"
// Controls, format characters (zero-width, bidi), surrogates, private-use and unassigned code
// points, line and paragraph separators, and the default-ignorable ones (fillers, variation
// selectors): invisible in a URL bar, or cut and stripped by browsers, so unsafe in a redirect.
const UNSAFE = /[\p{C}\p{Zl}\p{Zp}\p{DI}]/u
// A second `/` or `\`, or a lookalike that a lax server may turn into one (those that NFKC folds
// into one, such as fullwidth ／ and ＼, are caught on the folded form).
const SLASH_LIKE_SECOND = /^.[/\\\u2044\u2215\u2216\u2571\u2572\u29F5\u29F8\u29F9]/s
// Any `@` in the authority, even an empty userinfo that the URL parser drops, is a phishing tell.
const USERINFO = /^[^:]*:[/\\]*[^/\\?#]*@/
// Deep enough for any double or triple encoding a real app produces; deeper nesting is refused.
const MAX_DECODE_DEPTH = 4

/**
 * Turns an untrusted `callbackUrl` into a redirect target that cannot leave the app: a
 * same-origin relative path that starts with a single `/`, or the fallback.
 *
 * It refuses whatever a browser (or a server that decodes once more) could resolve to another
 * origin or run as script: other origins, `//host`, `/\host`, `\\host`, `javascript:`,
 * `data:`, `vbscript:`, `https:host`, `https://good@evil`, leading whitespace, control and
 * invisible characters, lookalikes of `/`, the percent-encoded forms of all of these, and input
 * over {@link MAX_CALLBACK_URL_LENGTH} characters. A same-origin absolute URL (when `origin` is
 * given) becomes its path + search + hash. Every redirect the kit makes goes through it. It
 * never throws.
 *
 * @example
 * ```ts
 * safeCallbackUrl("/dashboard?tab=2")                      // "/dashboard?tab=2"
 * safeCallbackUrl("//evil.example")                        // "/"
 * safeCallbackUrl("https://app.example.com/a#b", { origin: "https://app.example.com" }) // "/a#b"
 * safeCallbackUrl(query.callbackUrl, { fallback: "/dashboard" })
 * ```
 */
export function safeCallbackUrl(input: unknown, options: SafeCallbackUrlOptions = {}): string {
  const origin = httpOrigin(options.origin)
  return sanitize(input, origin) ?? sanitize(options.fallback ?? "/", origin) ?? "/"
}

function sanitize(input: unknown, origin: string | null): string | null {
  if (typeof input !== "string" || input.length > MAX_CALLBACK_URL_LENGTH) return null
  if (/^\s/.test(input) || UNSAFE.test(input)) return null
  let path = input
  if (input[0] !== "/") {
    // Only with a known origin (a URL's origin is never `null`). No base on purpose:
    // "https:evil.example" must parse as its own origin, not as a path.
    const url = parse(input)
    if (!url || url.origin !== origin || USERINFO.test(input)) return null
    path = url.pathname + url.search + url.hash
  }
  // The path, and every decoded form of it, must stay on the origin.
  let layer = path
  for (let depth = 0; depth <= MAX_DECODE_DEPTH; depth++) {
    if (!isSafeLayer(layer)) return null
    const decoded = percentDecode(layer)
    if (decoded === layer) return path
    if (decoded === null) return null
    layer = decoded
  }
  return null
}

function isSafeLayer(layer: string): boolean {
  const url = parse(layer, PROBE_ORIGIN)
  return (
    layer[0] === "/" &&
    !UNSAFE.test(layer) &&
    !SLASH_LIKE_SECOND.test(layer) &&
    !SLASH_LIKE_SECOND.test(layer.normalize("NFKC")) &&
    url?.origin === PROBE_ORIGIN &&
    !url.pathname.startsWith("//")
  )
}

/**
 * One round of percent-decoding, run by run of escapes so that a stray `%` stays as it is.
 * `null` when a run is not valid UTF-8: overlong forms such as `%C0%AF` (a `/` to some old
 * decoders) have no honest use.
 */
function percentDecode(value: string): string | null {
  try {
    return value.replace(/(?:%[0-9a-f]{2})+/gi, decodeURIComponent)
  } catch {
    return null
  }
}

function parse(url: string, base?: string): URL | null {
  try {
    return new URL(url, base)
  } catch {
    return null
  }
}

/** The origin of an http(s) URL, else `null`. */
function httpOrigin(value: unknown): string | null {
  // Anything that is not a URL string (or URL object) fails to parse: `null`.
  const url = parse(value as string)
  return url && /^https?:$/.test(url.protocol) ? url.origin : null
}
