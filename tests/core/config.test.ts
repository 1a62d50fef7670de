import { describe, expect, it, vi } from "vitest"
import { isAuthKitError } from "../../src/core"
import { configDefaults, resolveAuthKitConfig } from "../../src/core/config"

const invalid = (config: unknown) => {
  try {
    resolveAuthKitConfig(config as never)
  } catch (error) {
    expect(isAuthKitError(error, "invalid_config")).toBe(true)
    expect((error as Error).message).toMatch(/^\[next-auth-kit\] /)
    return (error as Error).message
  }
  throw new Error(`accepted ${JSON.stringify(config)}`)
}

describe("resolveAuthKitConfig", () => {
  it("fills in next-auth's defaults", () => {
    expect(resolveAuthKitConfig({})).toEqual({
      loginPath: "/api/auth/signin",
      basePath: "",
      authPath: "/api/auth",
      forbidden: "not-found",
      roleClaim: undefined,
      accounts: undefined,
    })
  })

  it("derives the default login path from authPath, and takes a runtime's default", () => {
    expect(resolveAuthKitConfig({ authPath: "/auth/" }).loginPath).toBe("/auth/signin")
    expect(resolveAuthKitConfig({}, { loginPath: "/signin" }).loginPath).toBe("/signin")
    expect(resolveAuthKitConfig({ loginPath: "/login" }, { loginPath: "/signin" }).loginPath).toBe("/login")
  })

  it("hands the same object the same answer in every runtime", () => {
    const config = { loginPath: "/login", forbidden: { redirect: "/403" } }
    expect(resolveAuthKitConfig(config)).toEqual(resolveAuthKitConfig(config))
    expect(configDefaults(config)).toEqual(resolveAuthKitConfig(config))
  })

  it("leaves the checks out of a production browser bundle, keeping the defaults", () => {
    vi.stubEnv("NODE_ENV", "production")
    try {
      expect(configDefaults({ loginPath: "/login" })).toMatchObject({ loginPath: "/login", authPath: "/api/auth" })
    } finally {
      vi.unstubAllEnvs()
    }
    expect(() => configDefaults({ loginPath: "//evil.example" })).toThrow(/loginPath/)
  })

  it.each([
    [{ loginPath: "https://evil.example/login" }, /loginPath/],
    [{ loginPath: "//evil.example" }, /loginPath/],
    [{ loginPath: "login" }, /loginPath/],
    [{ loginPath: 42 }, /loginPath/],
    [{ basePath: "/docs?x=1" }, /basePath/],
    [{ basePath: "docs" }, /basePath/],
    [{ authPath: "/" }, /authPath/],
    [{ forbidden: { redirect: "javascript:alert(1)" } }, /forbidden\.redirect/],
    [{ forbidden: "deny" }, /forbidden/],
    [{ loginPath: "/login", forbidden: { redirect: "/login?x=1" } }, /loop/],
    [{ roleClaim: "" }, /roleClaim/],
    [{ accounts: { accountPath: "//evil.example" } }, /accounts\.accountPath/],
    [{ accounts: { pages: { signUp: "https://evil.example/join" } } }, /accounts\.pages\.signUp/],
  ])("refuses %j with a message that names the option", (config, message) => {
    expect(invalid(config)).toMatch(message)
  })

  it("reads undefined as the default and trims trailing slashes", () => {
    expect(resolveAuthKitConfig({ basePath: undefined, loginPath: undefined, authPath: "/auth/" })).toMatchObject({
      basePath: "",
      authPath: "/auth",
      loginPath: "/auth/signin",
    })
    expect(resolveAuthKitConfig({ basePath: "/docs/" }).basePath).toBe("/docs")
  })

  it("keeps only its own fields, not the middleware's rules or secret", () => {
    const resolved = resolveAuthKitConfig({ loginPath: "/login", rules: [], secret: "s" } as never)
    expect(Object.keys(resolved).sort()).toEqual(["accounts", "authPath", "basePath", "forbidden", "loginPath", "roleClaim"])
  })

  it("refuses a forbidden redirect to the login page with a trailing slash", () => {
    expect(invalid({ loginPath: "/login", forbidden: { redirect: "/login/" } })).toMatch(/loop/)
  })

  it("refuses a configuration that is not an object", () => {
    invalid(null)
    invalid("login")
  })
})
