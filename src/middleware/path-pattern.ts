import { parse, type Token, tokensToRegexp } from "path-to-regexp"
import { AuthKitError } from "../core/errors"

/**
 * A rule's path: a pattern in the syntax of Next.js's `matcher` — `path-to-regexp` 6, the
 * version Next.js compiles its matchers with: named parameters with modifiers (`/:id`,
 * `/:path?`, `/:path*`, `/:path+`), custom regex parameters (`/post/:id(\\d+)`), groups
 * (`/(dashboard|admin)/:path*`, `/dashboard{/:path}*`) and unnamed regexes such as Next's
 * negative-lookahead catch-all (`/((?!api|_next/static|_next/image|favicon.ico).*)`). A RegExp
 * is used as it is, tested against the pathname without the `basePath`.
 */
export type PathPattern = string | RegExp

/** A compiled pattern: it matches a path when any of its expressions does. */
export interface CompiledPathPattern {
  readonly regexes: readonly RegExp[]
}

// What Next.js wraps around every `matcher` source (build/analysis/get-page-static-info.js):
// the Pages Router's data routes (`/_next/data/<build id>/page.json`, which the middleware sees
// as they are with `skipMiddlewareUrlNormalize`) and the App Router's `.rsc` transport forms.
const NEXT_DATA_PREFIX = "/:nextData(_next/data/[^/]{1,})?"
const TRANSPORT_SUFFIX = "\\.rsc|\\.segments/.+\\.segment\\.rsc"
const DATA_SUFFIX = `{(\\.json|${TRANSPORT_SUFFIX})}?`
const ROOT_SUFFIX = `(/?index|/?index\\.json|/?index(?:${TRANSPORT_SUFFIX}))?`

function invalid(pattern: unknown, reason: string, cause?: unknown): never {
  throw new AuthKitError(
    "invalid_config",
    `A middleware rule's path ${JSON.stringify(String(pattern))} is not a Next.js matcher pattern: ${reason}. See https://nextjs.org/docs/app/api-reference/file-conventions/middleware#matcher`,
    cause === undefined ? undefined : { cause },
  )
}

/**
 * Compiles a rule's path as Next.js compiles a `matcher` entry (`parse` + `tokensToRegexp` of
 * `path-to-regexp` with its default options, inside Next's data-route prefix and suffix), so a
 * rule protects exactly what the same string in `config.matcher` would run on.
 *
 * Two expressions come out: Next's own (case-sensitive at run time, as Next drops the flags)
 * and a case-insensitive one. A path matches when either does, so neither `/ADMIN` (against a
 * plain pattern) nor `/API/x` (against a negative lookahead that excludes `api`) gets around a
 * rule.
 *
 * @throws {@link AuthKitError} `invalid_config` for a pattern that Next.js would refuse
 */
export function compilePathPattern(pattern: PathPattern): CompiledPathPattern {
  if (pattern instanceof RegExp) {
    // A `g` or `y` flag would make `test` remember where it stopped, and skip the next path.
    return { regexes: [new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""))] }
  }
  if (typeof pattern !== "string") invalid(pattern, "it must be a string or a RegExp")
  if (!pattern.startsWith("/")) invalid(pattern, 'it must start with "/"')
  const source = pattern === "/" ? `${NEXT_DATA_PREFIX}/${ROOT_SUFFIX}` : `${NEXT_DATA_PREFIX}${pattern}${DATA_SUFFIX}`
  let regex: RegExp
  try {
    regex = toRegexp(parse(source))
  } catch (error) {
    invalid(pattern, error instanceof Error ? error.message : String(error), error)
  }
  return { regexes: [new RegExp(regex.source), new RegExp(regex.source, "i")] }
}

function toRegexp(tokens: Token[]): RegExp {
  try {
    return tokensToRegexp(tokens)
  } catch (error) {
    // path-to-regexp 6.3 refuses `*`/`+` without a prefix; Next.js gives such tokens a "/"
    // (lib/route-pattern-normalizer.js) and accepts the pattern, so the kit does too.
    const normalised = tokens.map((token) =>
      typeof token === "object" && (token.modifier === "*" || token.modifier === "+") && token.prefix === "" && token.suffix === ""
        ? { ...token, prefix: "/" }
        : token,
    )
    if (normalised.every((token, i) => token === tokens[i])) throw error
    return tokensToRegexp(normalised)
  }
}

/**
 * The forms of a pathname that a rule is tested against: as sent, percent-decoded (a router or
 * proxy may decode it), and decoded with dot segments and empty segments resolved (`%2F..%2F`
 * becomes a real `../` once decoded). Matching any form puts the path under the rule.
 */
export function pathForms(pathname: string): string[] {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return [pathname]
  }
  if (decoded === pathname) return [pathname]
  const resolved = resolveSegments(decoded)
  return resolved === decoded ? [pathname, decoded] : [pathname, decoded, resolved]
}

function resolveSegments(path: string): string {
  const segments: string[] = []
  for (const segment of path.split("/")) {
    if (segment === "..") segments.pop()
    else if (segment !== "." && segment !== "") segments.push(segment)
  }
  return `/${segments.join("/")}${segments.length > 0 && /\/\.{0,2}$/.test(path) ? "/" : ""}`
}

/** Whether a compiled pattern matches a pathname in any of its {@link pathForms}. */
export function matchesPath(pattern: CompiledPathPattern, pathname: string | readonly string[]): boolean {
  const forms = typeof pathname === "string" ? pathForms(pathname) : pathname
  return forms.some((form) => pattern.regexes.some((regex) => regex.test(form)))
}
