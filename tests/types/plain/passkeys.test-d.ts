import { describe, expectTypeOf, it } from "vitest"
import { type AccountEndpointsAt, type PasskeyAssertionAnswer, passkeyAssertion } from "../../../src/client"

describe("passkeyAssertion", () => {
  it("takes where the account endpoints are, as an app's own button knows it", () => {
    expectTypeOf(passkeyAssertion).toBeCallableWith({ basePath: "" })
    expectTypeOf(passkeyAssertion).toBeCallableWith({ basePath: "/app", accounts: { accountPath: "/api/me/account" } }, true)
    expectTypeOf(passkeyAssertion).returns.resolves.toEqualTypeOf<PasskeyAssertionAnswer>()
    // @ts-expect-error the base path is required ("" at the root)
    void passkeyAssertion({})
    expectTypeOf<{ basePath: string }>().toMatchTypeOf<AccountEndpointsAt>()
  })
})
