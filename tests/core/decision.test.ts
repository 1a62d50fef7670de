import type { Session } from "next-auth"
import { describe, expect, it, vi } from "vitest"
import { resolveAuthKitConfig } from "../../src/core/config"
import { decideAccess, sessionSubject } from "../../src/core/decision"

const expires = "2099-01-01T00:00:00.000Z"
const session = (user: Record<string, unknown>) => ({ user, expires }) as Session
const config = resolveAuthKitConfig({ loginPath: "/login" })

describe("decideAccess", () => {
  describe("given no subject", () => {
    it("sends to the login path with the current path as callbackUrl", () => {
      expect(decideAccess(null, undefined, { config, currentPath: "/admin?tab=2" })).toEqual({
        outcome: "unauthenticated",
        loginUrl: "/login?callbackUrl=%2Fadmin%3Ftab%3D2",
      })
    })

    it("leaves the callbackUrl out when the path is unknown", () => {
      expect(decideAccess(null, {}, { config })).toEqual({ outcome: "unauthenticated", loginUrl: "/login" })
    })

    it("puts the basePath into the callbackUrl, not into the login path", () => {
      const based = resolveAuthKitConfig({ loginPath: "/login", basePath: "/docs" })
      expect(decideAccess(null, {}, { config: based, currentPath: "/admin" })).toMatchObject({
        loginUrl: "/login?callbackUrl=%2Fdocs%2Fadmin",
      })
    })

    it("never brings a sign-in back to the login page, with or without a basePath", () => {
      const based = resolveAuthKitConfig({ loginPath: "/login", basePath: "/docs" })
      expect(decideAccess(null, {}, { config, currentPath: "/login?x=1" })).toMatchObject({
        loginUrl: "/login?callbackUrl=%2F",
      })
      expect(decideAccess(null, {}, { config: based, currentPath: "/login" })).toMatchObject({
        loginUrl: "/login?callbackUrl=%2Fdocs%2F",
      })
    })

    it("sanitises a hostile current path", () => {
      expect(decideAccess(null, {}, { config, currentPath: "//evil.example" })).toMatchObject({
        loginUrl: "/login?callbackUrl=%2F",
      })
    })
  })

  describe("given a signed-in subject", () => {
    const ada = sessionSubject(session({ roles: ["admin", "user"] }))
    const grace = sessionSubject(session({ role: "user" }))

    it("allows any signed-in user without roles in the policy", () => {
      expect(decideAccess(grace, undefined, { config })).toEqual({ outcome: "allow" })
    })

    it("forbids a missing role with a 404 by default, or the configured redirect", () => {
      expect(decideAccess(grace, { roles: ["admin"] }, { config })).toEqual({ outcome: "forbidden", redirect: null })
      const redirecting = resolveAuthKitConfig({ forbidden: { redirect: "/403" } })
      expect(decideAccess(grace, { roles: ["admin"] }, { config: redirecting })).toEqual({
        outcome: "forbidden",
        redirect: "/403",
      })
    })

    it("reads roles from the claims: a token in the middleware, with no session", () => {
      const token = { claims: { sub: "1", roles: ["admin"] } }
      expect(decideAccess(token, { roles: ["admin"] }, { config })).toEqual({ outcome: "allow" })
      // `allow` needs a session: without one it cannot pass.
      expect(decideAccess(token, { allow: () => true }, { config })).toMatchObject({ outcome: "forbidden" })
    })

    it("reads the configured role claim", () => {
      const claimed = resolveAuthKitConfig({ roleClaim: "groups" })
      const subject = sessionSubject(session({ groups: "editors", roles: ["admin"] }))
      expect(decideAccess(subject, { roles: ["editors"] }, { config: claimed })).toEqual({ outcome: "allow" })
      expect(decideAccess(subject, { roles: ["admin"] }, { config: claimed })).toMatchObject({ outcome: "forbidden" })
    })

    it("never matches a role inside a string an app's reader answers", () => {
      const rolesOf = () => "superadmin" as unknown as string[]
      expect(decideAccess(ada, { roles: ["admin"] }, { config, rolesOf })).toMatchObject({ outcome: "forbidden" })
    })

    it("reads roles only when the policy names some", () => {
      const rolesOf = vi.fn(() => ["admin"])
      decideAccess(ada, {}, { config, rolesOf })
      expect(rolesOf).not.toHaveBeenCalled()
      decideAccess(ada, { roles: ["admin"] }, { config, rolesOf })
      expect(rolesOf).toHaveBeenCalledWith(ada)
    })

    it("matches all roles with match: all", () => {
      expect(decideAccess(grace, { roles: ["admin", "user"], match: "all" }, { config }).valueOf()).toMatchObject({
        outcome: "forbidden",
      })
      expect(decideAccess(ada, { roles: ["admin", "user"], match: "all" }, { config })).toEqual({ outcome: "allow" })
    })

    it("awaits an async allow", async () => {
      expect(await decideAccess(ada, { allow: async () => true }, { config })).toEqual({ outcome: "allow" })
      expect(await decideAccess(ada, { allow: async () => false }, { config })).toMatchObject({ outcome: "forbidden" })
    })

    it("lets a throwing allow through to the runtime (the server helpers deny on it)", () => {
      expect(() =>
        decideAccess(ada, { allow: () => { throw new Error("boom") } }, { config }),
      ).toThrow("boom")
    })

    it("counts only a literal true from allow", () => {
      expect(decideAccess(ada, { allow: () => "yes" as never }, { config })).toMatchObject({ outcome: "forbidden" })
    })
  })
})
