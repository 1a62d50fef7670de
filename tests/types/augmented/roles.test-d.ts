/**
 * Compiled on its own (see tsconfig.json beside it): the augmentation below is global to the
 * program that sees it, exactly as it is in an app.
 */
import type { Session } from "next-auth"
import type { AccessPolicy, Role } from "next-auth-kit"
import { createAuthKit, getRoles, hasAccess } from "next-auth-kit/server"
import { describe, expectTypeOf, it } from "vitest"

declare module "next-auth-kit" {
  interface Register {
    role: "admin" | "editor"
  }
}

declare const session: Session

describe("roles once the app registers them on next-auth-kit", () => {
  it("are the registered union, in the client entry and the server entry alike", () => {
    expectTypeOf<Role>().toEqualTypeOf<"admin" | "editor">()
    expectTypeOf(getRoles(session)).toEqualTypeOf<Array<"admin" | "editor">>()
  })

  it("accept registered roles in a policy", () => {
    const policy: AccessPolicy = { roles: ["admin", "editor"], match: "all" }
    expectTypeOf(hasAccess(session, policy)).toEqualTypeOf<boolean>()
  })

  it("make a misspelt role a compile error", () => {
    // @ts-expect-error "admni" is not a registered role
    const policy: AccessPolicy = { roles: ["admni"] }
    // @ts-expect-error "superuser" is not a registered role
    hasAccess(session, { roles: ["superuser"] })
    expectTypeOf(policy).toEqualTypeOf<AccessPolicy>()
  })
})

describe("server helpers once roles are registered", () => {
  const { requireSession, withAuth } = createAuthKit({ providers: [] })

  it("accept registered roles and refuse misspelt ones", () => {
    requireSession({ roles: ["admin"] })
    withAuth({ roles: ["editor"], methods: ["GET"] }, async () => {})
    // @ts-expect-error "admni" is not a registered role
    requireSession({ roles: ["admni"] })
    // @ts-expect-error "root" is not a registered role
    withAuth({ roles: ["root"] }, async () => {})
  })
})
