import { act, render, screen, waitFor } from "@testing-library/react"
import { useSession } from "next-auth/react"
import { describe, expect, it, vi } from "vitest"
import { AuthGate, RoleGate, SignedIn, SignedOut, SignOutButton, useAuth, useMessages } from "../../src/client"
import { authHandlers, mockSession, mockUsers, scenarios } from "../../src/msw"
import { expectNoAxeViolations, renderWithAuth, expectLoggedOnly } from "./helpers"
import { requests } from "./setup"

const ada = mockSession({ user: { ...mockUsers.ada, roles: ["admin", "user"] } })
const grace = mockSession()

function Status() {
  const auth = useAuth()
  return (
    <p data-testid="status">
      {auth.status}
      {auth.status === "authenticated" ? `:${auth.user.name}:${auth.roles.join(",")}:${auth.hasRole("admin")}` : ""}
    </p>
  )
}

const sessionRequests = () => requests.filter((r) => r === "GET /api/auth/session").length

describe("AuthProvider", () => {
  it("renders a seeded session on the first paint, with no /session request", async () => {
    renderWithAuth(<Status />, { session: ada, handlers: scenarios.signedOut() })
    expect(screen.getByTestId("status")).toHaveTextContent("authenticated:Ada Lovelace:admin,user:true")
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(sessionRequests()).toBe(0)
  })

  it("renders a seeded null as signed out at once, with no /session request", async () => {
    renderWithAuth(<Status />, { session: null, handlers: scenarios.admin() })
    expect(screen.getByTestId("status")).toHaveTextContent("unauthenticated")
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(sessionRequests()).toBe(0)
  })

  it("fetches the session once when none is seeded, however many components read it", async () => {
    renderWithAuth(
      <>
        <Status />
        <Status />
        <RoleGate roles={["admin"]}>admin</RoleGate>
      </>,
      { handlers: scenarios.admin() },
    )
    expect(screen.getAllByTestId("status")[0]).toHaveTextContent("loading")
    await waitFor(() => expect(screen.getAllByTestId("status")[1]).toHaveTextContent("authenticated"))
    expect(sessionRequests()).toBe(1)
  })

  it("does not re-render a form when only the session changes", async () => {
    let formRenders = 0
    let update: ((data?: unknown) => Promise<unknown>) | undefined
    function Updater() {
      update = useSession().update
      return null
    }
    function Form() {
      formRenders++
      useMessages("Form")
      return <p>form</p>
    }
    renderWithAuth(
      <>
        <Status />
        <Form />
        <Updater />
      </>,
      { session: grace, handlers: authHandlers({ session: ada }) },
    )
    const before = formRenders
    await act(async () => {
      await update?.()
    })
    await waitFor(() => expect(screen.getByTestId("status")).toHaveTextContent("authenticated:Ada Lovelace"))
    expect(formRenders).toBe(before)
  })

  it("keeps showing the known session while update() revalidates it", async () => {
    const seen: string[] = []
    let update: (() => Promise<unknown>) | undefined
    function Recorder() {
      const auth = useAuth()
      update = useSession().update
      seen.push(auth.status)
      return null
    }
    renderWithAuth(<Recorder />, { session: grace, handlers: authHandlers({ session: grace, delay: 30 }) })
    await act(async () => {
      await update?.()
    })
    expect(seen.length).toBeGreaterThan(1)
    expect(new Set(seen)).toEqual(new Set(["authenticated"]))
  })

  it("throws a helpful error when a component is used outside it", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {})
    expect(() => render(<Status />)).toThrow("[next-auth-kit] `useAuth` must be used within `AuthProvider`")
    expect(() => render(<RoleGate roles={["admin"]} />)).toThrow("`RoleGate` must be used within `AuthProvider`")
    expectLoggedOnly(error, /must be used within `AuthProvider`/)
    error.mockRestore()
  })
})

describe("AuthGate", () => {
  it("shows the loading slot while the session loads, never the fallback", () => {
    renderWithAuth(
      <AuthGate loading={<p>Loading…</p>} fallback={<p>Please sign in</p>}>
        <p>Secret</p>
      </AuthGate>,
      { handlers: scenarios.loading() },
    )
    expect(screen.getByText("Loading…")).toBeInTheDocument()
    expect(screen.queryByText("Please sign in")).not.toBeInTheDocument()
  })

  it("shows the fallback to a signed-out visitor and the children to a signed-in user", async () => {
    const gate = (
      <AuthGate fallback={<p>Please sign in</p>}>
        <p>Secret</p>
      </AuthGate>
    )
    const { unmount } = renderWithAuth(gate, { handlers: scenarios.signedOut() })
    expect(await screen.findByText("Please sign in")).toBeInTheDocument()
    unmount()
    renderWithAuth(gate, { handlers: scenarios.signedIn() })
    expect(await screen.findByText("Secret")).toBeInTheDocument()
  })

  it("with redirect, sends a signed-out visitor to the login path with this page as callbackUrl", async () => {
    window.history.replaceState(null, "", "/reports?year=2026#q3")
    const { navigate } = renderWithAuth(
      <AuthGate redirect loading={<p>Redirecting…</p>}>
        <p>Secret</p>
      </AuthGate>,
      { session: null },
    )
    expect(screen.getByText("Redirecting…")).toBeInTheDocument()
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/login?callbackUrl=%2Freports%3Fyear%3D2026%23q3"))
    expect(screen.queryByText("Secret")).not.toBeInTheDocument()
  })

  it("with redirect, leaves a user who signs out here to the sign-out's own navigation", async () => {
    const { navigate, user } = renderWithAuth(
      <>
        <AuthGate redirect fallback={<p>Signed out</p>}>
          <p>Secret</p>
        </AuthGate>
        <SignOutButton />
      </>,
      { session: grace, handlers: scenarios.signedIn() },
    )
    expect(screen.getByText("Secret")).toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "Sign out" }))
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/"))
    expect(await screen.findByText("Signed out")).toBeInTheDocument()
    expect(navigate).toHaveBeenCalledTimes(1)
  })

  it("with redirect, never redirects a signed-in user", async () => {
    const { navigate } = renderWithAuth(<AuthGate redirect>Secret</AuthGate>, { session: grace })
    expect(screen.getByText("Secret")).toBeInTheDocument()
    expect(navigate).not.toHaveBeenCalled()
  })
})

describe("RoleGate", () => {
  const gate = (
    <RoleGate roles={["admin"]} loading={<p>Checking…</p>} fallback={<p>Admins only</p>}>
      <p>Admin panel</p>
    </RoleGate>
  )

  it("lets an admin in", () => {
    renderWithAuth(gate, { session: ada })
    expect(screen.getByText("Admin panel")).toBeInTheDocument()
  })

  it("shows the fallback to a user without the role and to a signed-out visitor", () => {
    const { unmount } = renderWithAuth(gate, { session: grace })
    expect(screen.getByText("Admins only")).toBeInTheDocument()
    unmount()
    renderWithAuth(gate, { session: null })
    expect(screen.getByText("Admins only")).toBeInTheDocument()
  })

  it("shows loading, not denied, while the session loads", () => {
    renderWithAuth(gate, { handlers: scenarios.loading() })
    expect(screen.getByText("Checking…")).toBeInTheDocument()
    expect(screen.queryByText("Admins only")).not.toBeInTheDocument()
  })

  it("supports match all and allow", () => {
    renderWithAuth(
      <>
        <RoleGate roles={["admin", "user"]} match="all">
          <p>all</p>
        </RoleGate>
        <RoleGate roles={["admin", "owner"]} match="all" fallback={<p>not all</p>}>
          <p>x</p>
        </RoleGate>
        <RoleGate allow={(s) => s.user?.email === "ada@example.com"}>
          <p>allowed</p>
        </RoleGate>
      </>,
      { session: ada },
    )
    expect(screen.getByText("all")).toBeInTheDocument()
    expect(screen.getByText("not all")).toBeInTheDocument()
    expect(screen.getByText("allowed")).toBeInTheDocument()
  })
})

describe("SignedIn and SignedOut", () => {
  it("show nothing while loading", () => {
    renderWithAuth(
      <>
        <SignedIn>in</SignedIn>
        <SignedOut>out</SignedOut>
      </>,
      { handlers: scenarios.loading() },
    )
    expect(screen.queryByText("in")).not.toBeInTheDocument()
    expect(screen.queryByText("out")).not.toBeInTheDocument()
  })

  it("show their children by state", async () => {
    renderWithAuth(
      <>
        <SignedIn>in</SignedIn>
        <SignedOut>out</SignedOut>
      </>,
      { handlers: scenarios.signedIn() },
    )
    expect(await screen.findByText("in")).toBeInTheDocument()
    expect(screen.queryByText("out")).not.toBeInTheDocument()
    await expectNoAxeViolations()
  })
})

describe("AuthProvider config", () => {
  const config = { loginPath: "/signin", basePath: "/docs", roleClaim: "groups" }

  it("sends AuthGate's redirect through the shared config: login path, basePath in the callbackUrl", async () => {
    window.history.replaceState(null, "", "/docs/reports?year=2026")
    const { navigate } = renderWithAuth(<AuthGate redirect>Secret</AuthGate>, {
      session: null,
      loginPath: undefined,
      config,
    })
    await waitFor(() =>
      expect(navigate).toHaveBeenCalledWith("/docs/signin?callbackUrl=%2Fdocs%2Freports%3Fyear%3D2026"),
    )
  })

  it("reads roles from the configured claim in RoleGate and useAuth", () => {
    const editor = mockSession({ user: { name: "Ed", groups: ["editor"], roles: ["admin"] } })
    renderWithAuth(
      <>
        <RoleGate roles={["editor"]} fallback={<p>no editor</p>}>
          <p>editor</p>
        </RoleGate>
        <RoleGate roles={["admin"]} fallback={<p>no admin</p>}>
          <p>admin</p>
        </RoleGate>
        <Status />
      </>,
      { session: editor, loginPath: undefined, config },
    )
    expect(screen.getByText("editor")).toBeInTheDocument()
    expect(screen.getByText("no admin")).toBeInTheDocument()
    expect(screen.getByTestId("status")).toHaveTextContent("authenticated:Ed:editor:false")
  })

  it("throws invalid_config for a login path off the origin", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {})
    expect(() =>
      renderWithAuth(<p />, { session: null, loginPath: undefined, config: { loginPath: "https://evil.example" } }),
    ).toThrow(expect.objectContaining({ code: "invalid_config" }))
    expectLoggedOnly(error, /`loginPath` must be a same-origin path/)
    error.mockRestore()
  })

  it("denies in RoleGate when allow answers with a promise (it cannot wait while rendering)", () => {
    renderWithAuth(
      <RoleGate allow={async () => true} fallback={<p>denied</p>}>
        <p>allowed</p>
      </RoleGate>,
      { session: ada },
    )
    expect(screen.getByText("denied")).toBeInTheDocument()
  })
})
