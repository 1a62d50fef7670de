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
const PROBE_ORIGIN = "http://next-auth-kit.invalid"
const SCHEME = /^[a-z][a-z0-9+.-]*:/i
// C0 controls, DEL and C1 controls: browsers strip some (tab, newline) and cut at others.
const CONTROL = /\p{Cc}/u
// Zero-width, bidi and other format characters, line separators, fillers and variation
// selectors: invisible in a URL bar, unsafe in a redirect.
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0F\uFFA0]/u
// `/` and `\` with the lookalikes that NFKC folding or a lax server may turn into them.
const SLASH_LIKE = /[/\\\u2044\u2215\u2216\u2571\u2572\u29F5\u29F8\u29F9\uFE68\uFF0F\uFF3C]/
const LEADING_SPACE = /^\s/
const AUTHORITY = /^[a-z][a-z0-9+.-]*:[/\\]*([^/\\?#]*)/i
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
  const origin = parseOrigin(options.origin)
  const checked = sanitize(input, origin)
  if (checked !== null) return checked
  if (options.fallback === undefined) return "/"
  return sanitize(options.fallback, origin) ?? "/"
}

function sanitize(input: unknown, origin: string | null): string | null {
  if (typeof input !== "string") return null
  if (input.length === 0 || input.length > MAX_CALLBACK_URL_LENGTH) return null
  if (LEADING_SPACE.test(input) || CONTROL.test(input) || INVISIBLE.test(input)) return null

  let path = input
  if (!input.startsWith("/")) {
    if (origin === null || !SCHEME.test(input)) return null
    path = sameOriginPath(input, origin) ?? ""
    if (path === "") return null
  }
  return isSafePath(path) ? path : null
}

/** The path + search + hash of an absolute http(s) URL on `origin`, or `null`. */
function sameOriginPath(input: string, origin: string): string | null {
  let url: URL
  try {
    // No base on purpose: "https:evil.example" must parse as its own origin, not as a path.
    url = new URL(input)
  } catch {
    return null
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null
  // Any `@` in the authority, even an empty userinfo the parser drops, is a phishing tell.
  if (AUTHORITY.exec(input)?.[1]?.includes("@")) return null
  if (url.origin !== origin) return null
  return url.pathname + url.search + url.hash
}

/** A relative path is safe when it, and every decoded form of it, stays on the origin. */
function isSafePath(path: string): boolean {
  let layer = path
  for (let depth = 0; ; depth++) {
    if (!isSafeLayer(layer)) return false
    const next = percentDecode(layer)
    if (next === null) return false
    if (next === layer) return true
    if (depth === MAX_DECODE_DEPTH) return false
    layer = next
  }
}

function isSafeLayer(layer: string): boolean {
  if (layer[0] !== "/") return false
  if (CONTROL.test(layer) || INVISIBLE.test(layer)) return false
  const folded = layer.normalize("NFKC")
  if (SLASH_LIKE.test(layer.charAt(1)) || SLASH_LIKE.test(folded.charAt(1))) return false
  try {
    const url = new URL(layer, PROBE_ORIGIN)
    return url.origin === PROBE_ORIGIN && !url.pathname.startsWith("//")
  } catch {
    return false
  }
}

/**
 * One round of percent-decoding, run by run of escapes so that a stray `%` stays as it is.
 * `null` when a run is not valid UTF-8: overlong forms such as `%C0%AF` (a `/` to some old
 * decoders) have no honest use.
 */
function percentDecode(value: string): string | null {
  if (!value.includes("%")) return value
  let valid = true
  const decoded = value.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      valid = false
      return run
    }
  })
  return valid ? decoded : null
}

function parseOrigin(origin: string | undefined): string | null {
  if (typeof origin !== "string" || origin === "") return null
  try {
    const url = new URL(origin)
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null
  } catch {
    return null
  }
}
