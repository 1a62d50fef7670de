/**
 * Path patterns in the syntax of Next.js's `matcher`: literal segments, `:name` (one
 * segment), `:name?` (zero or one), `:name*` (zero or more), `:name+` (one or more), and
 * `(.*)` inside a segment. A RegExp is used as it is.
 */
export type PathPattern = string | RegExp

const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\*]/g, "\\$&")

/** Compiles a pattern to a case-insensitive RegExp that matches a whole pathname. */
export function compilePathPattern(pattern: PathPattern): RegExp {
  if (pattern instanceof RegExp) return pattern
  if (!pattern.startsWith("/")) {
    throw new TypeError(`[next-auth-kit] A rule's path must start with "/", got ${JSON.stringify(pattern)}.`)
  }
  let source = ""
  for (const segment of pattern.split("/").slice(1)) {
    const param = /^:\w+([?*+])?$/.exec(segment)
    if (param) {
      const one = "/[^/]+"
      source += param[1] === "*" ? `(?:${one})*` : param[1] === "+" ? `(?:${one})+` : param[1] === "?" ? `(?:${one})?` : one
    } else if (segment === "*" || segment === "(.*)") {
      source += "(?:/.*)?"
    } else {
      source += `/${segment.split("(.*)").map(escape).join(".*")}`
    }
  }
  // Case-insensitive and with an optional trailing slash: err on the side of protecting.
  return new RegExp(`^${source || "/"}/?$`, "i")
}

/** Whether a pathname matches, as sent or percent-decoded (a router may decode it). */
export function matchesPath(regex: RegExp, pathname: string): boolean {
  if (regex.test(pathname)) return true
  try {
    const decoded = decodeURIComponent(pathname)
    return decoded !== pathname && regex.test(decoded)
  } catch {
    return false
  }
}
