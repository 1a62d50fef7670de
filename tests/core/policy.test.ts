import type { Session } from "next-auth"
import { describe, expect, it, vi } from "vitest"
import { getRoles, hasAccess } from "../../src/core"

const expires = "2099-01-01T00:00:00.000Z"
const withUser = (user: Record<string, unknown>): Session => ({ user, expires }) as Session

describe("getRoles", () => {
  it("reads session.user.roles when it is an array", () => {
    expect(getRoles(withUser({ roles: ["admin", "user"] }))).toEqual(["admin", "user"])
  })

  it("reads session.user.role when it is a string", () => {
    expect(getRoles(withUser({ role: "editor" }))).toEqual(["editor"])
  })

  it("prefers roles over role", () => {
    expect(getRoles(withUser({ roles: ["admin"], role: "user" }))).toEqual(["admin"])
  })

  it("drops entries that are not non-empty strings", () => {
    expect(getRoles(withUser({ roles: ["admin", 1, null, "", { a: 1 }, "user"] }))).toEqual([
      "admin",
      "user",
    ])
  })

  it.each([
    ["no session", null],
    ["undefined", undefined],
    ["no user", { expires } as Session],
    ["a user without roles", withUser({ name: "Ada" })],
    ["roles that are a string", withUser({ roles: "admin" })],
    ["an empty role", withUser({ role: "" })],
  ])("returns [] for %s", (_, session) => {
    expect(getRoles(session)).toEqual([])
  })
})

describe("hasAccess", () => {
  const admin = withUser({ roles: ["admin", "user"] })
  const user = withUser({ roles: ["user"] })
  const nobody = withUser({ name: "No roles" })

  describe("given no session", () => {
    it("denies, even with an empty policy", () => {
      expect(hasAccess(null, {})).toBe(false)
      expect(hasAccess(undefined)).toBe(false)
    })
  })

  describe("given an empty policy", () => {
    it("lets any signed-in user in", () => {
      expect(hasAccess(nobody, {})).toBe(true)
      expect(hasAccess(nobody, { roles: [] })).toBe(true)
    })
  })

  describe("with match any (the default)", () => {
    it("lets in a session holding one of the roles", () => {
      expect(hasAccess(user, { roles: ["admin", "user"] })).toBe(true)
    })

    it("denies a session holding none of them", () => {
      expect(hasAccess(user, { roles: ["admin"] })).toBe(false)
      expect(hasAccess(nobody, { roles: ["user"] })).toBe(false)
    })
  })

  describe("with match all", () => {
    it("lets in a session holding every role", () => {
      expect(hasAccess(admin, { roles: ["admin", "user"], match: "all" })).toBe(true)
    })

    it("denies a session missing one", () => {
      expect(hasAccess(user, { roles: ["admin", "user"], match: "all" })).toBe(false)
    })
  })

  describe("with allow", () => {
    it("requires allow to return true as well as the roles", () => {
      const allow = (session: Session) => session.user?.email === "ada@example.com"
      const ada = withUser({ email: "ada@example.com", roles: ["admin"] })
      const eve = withUser({ email: "eve@example.com", roles: ["admin"] })
      expect(hasAccess(ada, { roles: ["admin"], allow })).toBe(true)
      expect(hasAccess(eve, { roles: ["admin"], allow })).toBe(false)
      expect(hasAccess(user, { roles: ["admin"], allow: () => true })).toBe(false)
    })

    it("treats a truthy value that is not true as a denial", () => {
      const allow = (() => "yes") as unknown as (session: Session) => boolean
      expect(hasAccess(admin, { allow })).toBe(false)
    })
  })

  it("reads roles with a custom function when given one", () => {
    const session = withUser({ groups: ["staff"] })
    const fromGroups = (s: Session) => (s.user as { groups: string[] }).groups
    expect(hasAccess(session, { roles: ["staff"] }, fromGroups)).toBe(true)
    expect(hasAccess(session, { roles: ["staff"] })).toBe(false)
  })

  it("does not read roles for a policy without roles", () => {
    const rolesOf = vi.fn(() => {
      throw new Error("this session has no groups")
    })
    expect(hasAccess(withUser({ name: "Ada" }), {}, rolesOf)).toBe(true)
    expect(rolesOf).not.toHaveBeenCalled()
  })
})
