import type { Session } from "next-auth"
import { describe, expectTypeOf, it } from "vitest"
import type { AccessPolicy, Role } from "../../../src/client"
import { getRoles, hasAccess } from "../../../src/server"

declare const session: Session

describe("roles when the app registers none", () => {
  it("are plain strings", () => {
    expectTypeOf<Role>().toEqualTypeOf<string>()
    expectTypeOf(getRoles(session)).toEqualTypeOf<string[]>()
  })

  it("accept any string in a policy", () => {
    expectTypeOf<{ roles: ["anything"] }>().toExtend<AccessPolicy>()
    expectTypeOf(hasAccess(session, { roles: ["whatever", "goes"] })).toEqualTypeOf<boolean>()
  })

  it("refuse a policy with non-string roles or an unknown match", () => {
    // @ts-expect-error roles are strings
    hasAccess(session, { roles: [1] })
    // @ts-expect-error match is "any" or "all"
    hasAccess(session, { match: "some" })
  })
})
