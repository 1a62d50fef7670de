/**
 * The server gates: async Server Components bound to the kit, called as React calls them (a
 * function of their props, awaited) inside Next.js's own request scope, with real next-auth
 * cookies.
 */
// First: Next's server environment (AsyncLocalStorage) before any of Next's modules load.
import { inApp, inPrerender } from "./app-request"
import { createElement, type ReactElement, type ReactNode } from "react"
import { describe, expect, expectTypeOf, it, vi } from "vitest"
import { createAuthKit, type ServerComponent, type ServerRoleGateProps } from "../../src/server"
import { badCookies, cookieFor, makeAuthOptions } from "./harness"

const kit = createAuthKit(makeAuthOptions())
const { AuthGate, RoleGate, SignedIn, SignedOut } = kit
const bad = await badCookies()
const ada = await cookieFor("ada") // admin, user
const grace = await cookieFor("grace") // user

/** Renders a gate for a visitor with this cookie (none: signed out). */
// What the gate renders: its element's children (a gate wraps what it shows in a Fragment), or null.
const render = <P,>(gate: ServerComponent<P>, props: P, cookie?: string) =>
  inApp({ cookie }, async () => {
    const element = await gate(props)
    return element === null ? null : (element.props as { children: unknown }).children
  })

const silenced = async <T,>(body: () => Promise<T>) => {
  const log = vi.spyOn(console, "error").mockImplementation(() => {})
  try {
    return { value: await body(), logged: log.mock.calls.map((call) => String(call[0])) }
  } finally {
    log.mockRestore()
  }
}

describe("AuthGate (server)", () => {
  const props = { children: "dashboard", fallback: "please sign in" }

  it("renders its children for a signed-in user", async () => {
    expect(await render(AuthGate, props, grace)).toBe("dashboard")
  })

  it("renders the fallback for a signed-out visitor", async () => {
    expect(await render(AuthGate, props)).toBe("please sign in")
  })

  it.each(bad)("renders the fallback for a cookie %s, without throwing", async (_, cookie) => {
    expect(await render(AuthGate, props, cookie)).toBe("please sign in")
  })

  it("renders nothing without a fallback", async () => {
    expect(await render(AuthGate, { children: "dashboard" })).toBeNull()
  })

  it("renders elements as given", async () => {
    const child = createElement("p", null, "secret")
    expect(await render(AuthGate, { children: child }, ada)).toBe(child)
  })
})

describe("RoleGate (server)", () => {
  const slots = { children: "admin panel", fallback: "admins only" }

  describe("given a user with the role", () => {
    it("renders its children", async () => {
      expect(await render(RoleGate, { ...slots, roles: ["admin"] }, ada)).toBe("admin panel")
    })

    it('renders its children when every role is held (match: "all")', async () => {
      expect(await render(RoleGate, { ...slots, roles: ["admin", "user"], match: "all" }, ada)).toBe("admin panel")
    })
  })

  describe("given a user without the role", () => {
    it("renders the fallback", async () => {
      expect(await render(RoleGate, { ...slots, roles: ["admin"] }, grace)).toBe("admins only")
    })

    it('renders the fallback when one of the roles is missing (match: "all")', async () => {
      expect(await render(RoleGate, { ...slots, roles: ["admin", "user"], match: "all" }, grace)).toBe("admins only")
    })
  })

  it("renders the fallback for a signed-out visitor, and never calls allow", async () => {
    const allow = vi.fn(() => true)
    expect(await render(RoleGate, { ...slots, allow }, undefined)).toBe("admins only")
    expect(allow).not.toHaveBeenCalled()
  })

  it.each(bad)("renders the fallback for a cookie %s", async (_, cookie) => {
    expect(await render(RoleGate, { ...slots, roles: ["admin"] }, cookie)).toBe("admins only")
  })

  it("lets any signed-in user in without roles", async () => {
    expect(await render(RoleGate, slots, grace)).toBe("admin panel")
  })

  describe("given an allow predicate", () => {
    it("renders the children only when it answers true, with the session", async () => {
      const allow = vi.fn((session: { user?: { email?: string | null } }) => session.user?.email === "ada@example.com")
      expect(await render(RoleGate, { ...slots, allow }, ada)).toBe("admin panel")
      expect(await render(RoleGate, { ...slots, allow }, grace)).toBe("admins only")
      expect(allow).toHaveBeenCalledWith(expect.objectContaining({ user: expect.objectContaining({ email: "ada@example.com" }) }))
    })

    it("awaits an async allow (server only)", async () => {
      expect(await render(RoleGate, { ...slots, allow: async () => true }, grace)).toBe("admin panel")
      expect(await render(RoleGate, { ...slots, allow: async () => false }, grace)).toBe("admins only")
    })

    it("needs both the roles and allow", async () => {
      expect(await render(RoleGate, { ...slots, roles: ["admin"], allow: async () => true }, grace)).toBe("admins only")
      expect(await render(RoleGate, { ...slots, roles: ["admin"], allow: async () => false }, ada)).toBe("admins only")
    })

    it("denies, and logs, when an async allow throws", async () => {
      const allow = async () => {
        throw new Error("the database is down")
      }
      const { value, logged } = await silenced(() => render(RoleGate, { ...slots, allow }, ada))
      expect(value).toBe("admins only")
      expect(logged).toEqual([expect.stringMatching(/^\[next-auth-kit\] .*`allow` threw/)])
    })

    it("denies when allow answers something other than true", async () => {
      const allow = (() => "yes") as unknown as ServerRoleGateProps["allow"]
      expect(await render(RoleGate, { ...slots, allow }, ada)).toBe("admins only")
    })
  })

  it("reads roles with the kit's own getRoles", async () => {
    const custom = createAuthKit(makeAuthOptions(), { getRoles: (session) => (session.user?.email === "grace@example.com" ? ["admin"] : []) })
    expect(await render(custom.RoleGate, { ...slots, roles: ["admin"] }, grace)).toBe("admin panel")
    expect(await render(custom.RoleGate, { ...slots, roles: ["admin"] }, ada)).toBe("admins only")
  })
})

describe("SignedIn and SignedOut (server)", () => {
  it("renders SignedIn's children only for a signed-in user", async () => {
    expect(await render(SignedIn, { children: "menu" }, ada)).toBe("menu")
    expect(await render(SignedIn, { children: "menu" })).toBeNull()
    expect(await render(SignedIn, { children: "menu" }, bad[0]![1])).toBeNull()
  })

  it("renders SignedOut's children only for a signed-out visitor", async () => {
    expect(await render(SignedOut, { children: "sign in" })).toBe("sign in")
    expect(await render(SignedOut, { children: "sign in" }, bad[0]![1])).toBe("sign in")
    expect(await render(SignedOut, { children: "sign in" }, ada)).toBeNull()
  })
})

describe("the server gates as components", () => {
  it("are plain async functions named like the client gates", () => {
    expect([AuthGate.name, RoleGate.name, SignedIn.name, SignedOut.name]).toEqual(["AuthGate", "RoleGate", "SignedIn", "SignedOut"])
    for (const gate of [AuthGate, RoleGate, SignedIn, SignedOut]) expect(gate.constructor.name).toBe("AsyncFunction")
  })

  it("read the session with getSession(): Next's control-flow errors pass through", async () => {
    await expect(inPrerender("legacy", () => RoleGate({ roles: ["admin"], children: "x" }))).rejects.toMatchObject({
      digest: "DYNAMIC_SERVER_USAGE",
    })
  })

  it("type-check as JSX elements with the kit's policy props", () => {
    expectTypeOf(RoleGate).parameter(0).toExtend<{ roles?: readonly string[]; match?: "any" | "all"; children?: ReactNode; fallback?: ReactNode }>()
    expectTypeOf(RoleGate).returns.toEqualTypeOf<Promise<ReactElement | null>>()
    // What JSX compiles to: createElement accepts an async Server Component.
    createElement(RoleGate, { roles: ["admin"], fallback: "no" }, "yes")
    createElement(AuthGate, { fallback: "no" }, "yes")
    createElement(SignedIn, null, "yes")
    // @ts-expect-error: `match` is "any" or "all"
    createElement(RoleGate, { match: "some" }, "yes")
  })
})
