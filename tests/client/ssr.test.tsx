/**
 * Server rendering. In its own file: rendering on the "server" seeds next-auth's client-side
 * session cache, which only a real server keeps apart from the browser.
 */
import { renderToString } from "react-dom/server"
import { describe, expect, it, vi } from "vitest"
import { AuthGate, AuthProvider, LoginForm, RoleGate, SignedOut, UserButton } from "../../src/client"
import { mockSession, mockUsers } from "../../src/msw"

describe("server rendering with a seeded session", () => {
  it("renders the signed-in UI with no loading markup", () => {
    // React 18 warns about Radix DropdownMenu's useLayoutEffect on the server (React 19 does
    // not); nothing else may be logged.
    const error = vi.spyOn(console, "error").mockImplementation(() => {})
    const html = renderToString(
      <AuthProvider session={mockSession({ user: { ...mockUsers.ada, roles: ["admin", "user"] } })}>
        <AuthGate loading={<p>LOADING</p>}>
          <p>Welcome</p>
        </AuthGate>
        <RoleGate roles={["admin"]} loading={<p>LOADING</p>}>
          <p>Admin tools</p>
        </RoleGate>
        <SignedOut>
          <p>Signed out</p>
        </SignedOut>
        <UserButton />
      </AuthProvider>,
    )
    expect(html).toContain("Welcome")
    expect(html).toContain("Admin tools")
    expect(html).toContain("Ada Lovelace")
    expect(html).not.toContain("LOADING")
    expect(html).not.toContain("Signed out")
    for (const call of error.mock.calls) expect(String(call[0])).toMatch(/useLayoutEffect does nothing on the server/)
    error.mockRestore()
  })

  it("renders a login form with the providers it is given, and no skeleton", () => {
    const html = renderToString(
      <AuthProvider session={null}>
        <LoginForm providers={[{ id: "credentials", name: "Credentials", type: "credentials" }]} />
      </AuthProvider>,
    )
    expect(html).toMatch(/autocomplete="current-password"/i)
    expect(html).not.toContain('data-slot="login-form-skeleton"')
  })
})
