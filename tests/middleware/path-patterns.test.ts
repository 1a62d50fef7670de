/**
 * Rule paths are Next.js `matcher` patterns: compiled by the same path-to-regexp, with the same
 * options and the same data-route prefix and suffix, so that a rule protects what the same
 * string in `config.matcher` runs the middleware on. Next's own compiler is the reference.
 */
import { createRequire } from "node:module"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { authMiddleware } from "../../src/middleware"
import { compilePathPattern, matchesPath } from "../../src/middleware/path-pattern"
import { SECRET } from "../server/harness"
import { location, passes, request } from "./helpers"

// Next.js's internals (not in its type declarations): the build step that turns
// `config.matcher` into the manifest's expressions, and the parser behind it.
const require = createRequire(import.meta.url)
const { getMiddlewareMatchers } = require("next/dist/build/analysis/get-page-static-info.js") as {
  getMiddlewareMatchers(matchers: string[], nextConfig: object): Array<{ regexp: string }>
}
const { tryToParsePath } = require("next/dist/lib/try-to-parse-path.js") as {
  tryToParsePath(route: string): { error?: unknown; regexStr?: string }
}

const NEXT_DOCS_CATCH_ALL = "/((?!api|_next/static|_next/image|favicon.ico).*)"

/** Next.js's own verdict: the regexp its build puts in the middleware manifest, run as Next runs it. */
function nextMatches(pattern: string, pathname: string): boolean {
  const [matcher] = getMiddlewareMatchers([pattern], {})
  return new RegExp(matcher!.regexp).test(pathname)
}

const cases: Array<[pattern: string, paths: string[]]> = [
  ["/dashboard/:path*", ["/dashboard", "/dashboard/", "/dashboard/a", "/dashboard/a/b", "/dashboards", "/", "/x/dashboard"]],
  ["/admin/:path+", ["/admin", "/admin/a", "/admin/a/b", "/administrator"]],
  ["/post/:id", ["/post", "/post/1", "/post/1/edit"]],
  ["/post/:id?", ["/post", "/post/1", "/post/1/edit"]],
  ["/post/:id(\\d+)", ["/post/1", "/post/123/", "/post/abc", "/post/1a", "/post"]],
  ["/(dashboard|admin)/:path*", ["/dashboard", "/admin/users", "/settings", "/dashboardx"]],
  ["/dashboard{/:path}*", ["/dashboard", "/dashboard/a/b", "/dashboardx"]],
  ["/files/(.*)", ["/files/a.txt", "/files/a/b", "/file"]],
  ["/user/:id-:tab", ["/user/1-posts", "/user/1"]],
  ["/x:rest*", ["/x", "/xa", "/xa/b"]],
  [NEXT_DOCS_CATCH_ALL, ["/", "/dashboard", "/api/x", "/_next/static/a.js", "/_next/image", "/favicon.ico", "/apix"]],
  ["/", ["/", "/index", "/a"]],
  // Next's data routes and App Router transport forms of the same pages.
  ["/members/:path*", ["/_next/data/build-1/members/x.json", "/members/x.rsc", "/members.json", "/_next/data/b/other.json"]],
]

describe("path patterns", () => {
  it.each(cases)("compiles %s to the expression Next.js builds for the same matcher", (pattern) => {
    const [nextRegexp] = getMiddlewareMatchers([pattern], {})
    expect(compilePathPattern(pattern).regexes[0]!.source).toBe(nextRegexp!.regexp)
  })

  it.each(cases)("matches %s exactly where Next.js's matcher does", (pattern, paths) => {
    const compiled = compilePathPattern(pattern)
    for (const path of paths) expect(matchesPath(compiled, path), path).toBe(nextMatches(pattern, path))
  })

  it("also matches what case or percent-encoding would hide from Next's case-sensitive expression", () => {
    const dashboard = compilePathPattern("/dashboard/:path*")
    for (const path of ["/Dashboard", "/DASHBOARD/x", "/%64ashboard/x", "/dashboard%2Fx"]) {
      expect(matchesPath(dashboard, path), path).toBe(true)
    }
    // The negative lookahead excludes "api", but not "API" nor an encoded "%61pi".
    const catchAll = compilePathPattern(NEXT_DOCS_CATCH_ALL)
    expect(matchesPath(catchAll, "/api/x")).toBe(false)
    for (const path of ["/API/x", "/Api/x", "/%61pi/x", "/_NEXT/static/x"]) expect(matchesPath(catchAll, path), path).toBe(true)
  })

  it("resolves an encoded ../ before matching", () => {
    expect(matchesPath(compilePathPattern("/secret"), "/public%2F..%2Fsecret")).toBe(true)
    expect(matchesPath(compilePathPattern("/secret"), "/public/%2e%2e%2Fsecret")).toBe(true)
  })

  it("uses a RegExp as it is, even with a global flag", () => {
    const compiled = compilePathPattern(/^\/x\d+$/g)
    expect(matchesPath(compiled, "/x12")).toBe(true)
    expect(matchesPath(compiled, "/x12")).toBe(true)
    expect(matchesPath(compiled, "/y")).toBe(false)
  })

  describe("given a pattern Next.js cannot compile", () => {
    beforeEach(() => void vi.spyOn(console, "error").mockImplementation(() => {}))
    afterEach(() => vi.restoreAllMocks())

    it.each(["/(unclosed", "/:", "dashboard", "", "/:id((a))", "/:id([)", "/post/:id(\\d+"])(
      "refuses %j with invalid_config when the middleware is created",
      (pattern) => {
        expect(() => authMiddleware({ rules: [{ path: pattern }], secret: SECRET })).toThrow(
          expect.objectContaining({ name: "AuthKitError", code: "invalid_config" }),
        )
        // Next.js refuses it too (a pattern without its leading "/" fails its schema first).
        if (pattern.startsWith("/")) {
          const { error, regexStr } = tryToParsePath(pattern)
          expect(error !== undefined || regexStr === undefined || !isRegExp(regexStr), pattern).toBe(true)
        }
      },
    )

    it("says which rule and how to fix it", () => {
      expect(() => authMiddleware({ rules: [{ path: "/(unclosed" }], secret: SECRET })).toThrow(
        /\[next-auth-kit\].*"\/\(unclosed".*matcher/,
      )
    })

    it("refuses a path that is neither a string nor a RegExp", () => {
      expect(() => authMiddleware({ rules: [{ path: 42 as unknown as string }], secret: SECRET })).toThrow(
        expect.objectContaining({ code: "invalid_config" }),
      )
    })
  })
})

function isRegExp(source: string): boolean {
  try {
    new RegExp(source)
    return true
  } catch {
    return false
  }
}

describe("authMiddleware with Next.js matcher syntax", () => {
  const protect = (path: string) =>
    authMiddleware({ rules: [{ path }, { path: "/api/private/:id(\\d+)" }], loginPath: "/login", secret: SECRET })

  describe("given a signed-out visitor", () => {
    it.each([
      ["/(dashboard|admin)/:path*", ["/dashboard", "/admin/users", "/dashboard/a/b"]],
      ["/post/:id(\\d+)", ["/post/1", "/post/42/"]],
      [NEXT_DOCS_CATCH_ALL, ["/", "/dashboard", "/settings/profile"]],
      ["/dashboard{/:path}*", ["/dashboard", "/dashboard/a"]],
    ])("redirects what %s covers to the login page", async (pattern, paths) => {
      const middleware = protect(pattern)
      for (const path of paths) {
        const response = await middleware(request(path))
        expect(response.status, path).toBe(307)
        expect(location(response), path).toBe(`http://localhost:3000/login?callbackUrl=${encodeURIComponent(path)}`)
      }
    })

    it.each([
      ["/(dashboard|admin)/:path*", ["/settings", "/dashboardx"]],
      ["/post/:id(\\d+)", ["/post/abc", "/post"]],
      [NEXT_DOCS_CATCH_ALL, ["/api/public", "/favicon.ico"]],
      ["/dashboard{/:path}*", ["/dashboards"]],
    ])("lets through what %s leaves out", async (pattern, paths) => {
      const middleware = protect(pattern)
      for (const path of paths) expect(passes(await middleware(request(path))), path).toBe(true)
    })

    it("answers 401 on an API path a custom-regex rule covers", async () => {
      const response = await protect("/nothing")(request("/api/private/7"))
      expect(response.status).toBe(401)
      expect(passes(await protect("/nothing")(request("/api/private/seven")))).toBe(true)
    })

    it("does not let case get around the docs' negative-lookahead catch-all", async () => {
      const middleware = protect(NEXT_DOCS_CATCH_ALL)
      expect((await middleware(request("/API/secret"))).status).toBe(401)
      expect((await middleware(request("/%61pi/secret"))).status).toBe(401)
    })
  })
})
