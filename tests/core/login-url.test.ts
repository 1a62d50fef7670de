import { describe, expect, it } from "vitest"
import { checkPath, loginUrl } from "../../src/core/login-url"

describe("loginUrl", () => {
  it("adds the callbackUrl, encoded", () => {
    expect(loginUrl("/login", "/a?b=1#c")).toBe("/login?callbackUrl=%2Fa%3Fb%3D1%23c")
  })

  it("appends to a login path that already has a query", () => {
    expect(loginUrl("/login?theme=dark", "/a")).toBe("/login?theme=dark&callbackUrl=%2Fa")
  })

  it("leaves the callbackUrl out when there is none", () => {
    expect(loginUrl("/login", undefined)).toBe("/login")
  })

  it("sends a hostile callbackUrl to / instead", () => {
    expect(loginUrl("/login", "//evil.example")).toBe("/login?callbackUrl=%2F")
  })

  it("never sends the user back to the login page after signing in (no loop)", () => {
    expect(loginUrl("/login", "/login")).toBe("/login?callbackUrl=%2F")
    expect(loginUrl("/login", "/login?callbackUrl=%2Flogin")).toBe("/login?callbackUrl=%2F")
  })
})

describe("loginUrl and the login page", () => {
  it("never sends a sign-in back to the login page, whatever its trailing slash", () => {
    expect(loginUrl("/login", "/login/")).toBe("/login?callbackUrl=%2F")
    expect(loginUrl("/login/", "/login?x=1")).toBe("/login/?callbackUrl=%2F")
  })
})

describe("checkPath", () => {
  it("accepts a same-origin path", () => {
    expect(checkPath("loginPath", "/login")).toBe("/login")
  })

  it.each(["login", "//evil.example", "https://evil.example/login", "/\\evil.example", ""])(
    "refuses %j with an invalid_config error naming the option",
    (path) => {
      expect(() => checkPath("loginPath", path)).toThrow(
        expect.objectContaining({ code: "invalid_config", message: expect.stringContaining("`loginPath`") }),
      )
    },
  )
})
