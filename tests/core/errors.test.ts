import { describe, expect, it } from "vitest"
import { AuthKitError, isAuthKitError } from "../../src/core"

describe("AuthKitError", () => {
  it("carries a stable code and a message that names the kit", () => {
    const error = new AuthKitError("invalid_config", "`loginPath` must start with /.")
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe("AuthKitError")
    expect(error.code).toBe("invalid_config")
    expect(error.message).toBe("[next-auth-kit] `loginPath` must start with /.")
  })

  it("keeps the cause", () => {
    const cause = new Error("db down")
    expect(new AuthKitError("internal_error", "x", { cause }).cause).toBe(cause)
  })

  it("is recognised by isAuthKitError, optionally by code", () => {
    const error = new AuthKitError("forbidden", "no")
    expect(isAuthKitError(error)).toBe(true)
    expect(isAuthKitError(error, "forbidden")).toBe(true)
    expect(isAuthKitError(error, "unauthenticated")).toBe(false)
    expect(isAuthKitError(new Error("forbidden"))).toBe(false)
  })
})
