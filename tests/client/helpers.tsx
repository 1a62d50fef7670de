import { render } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import axe from "axe-core"
import type { ReactNode } from "react"
import { expect, vi } from "vitest"
import { AuthProvider, type AuthProviderProps } from "../../src/client"
import type { AuthHandlers } from "../../src/msw"
import { server } from "./setup"

/** Renders under AuthProvider with the given mock handlers; navigation is recorded, not done. */
export function renderWithAuth(
  ui: ReactNode,
  { handlers, ...props }: Partial<AuthProviderProps> & { handlers?: AuthHandlers } = {},
) {
  if (handlers) server.use(...handlers)
  const navigate = vi.fn()
  const user = userEvent.setup()
  const wrap = (node: ReactNode) => (
    <AuthProvider loginPath="/login" navigate={navigate} {...props}>
      {node}
    </AuthProvider>
  )
  const result = render(wrap(ui))
  return { ...result, rerender: (next: ReactNode) => result.rerender(wrap(next)), navigate, user }
}

/** axe-core on the whole document (dialogs render in a portal): no violations. */
export async function expectNoAxeViolations(root: Element = document.body) {
  // axe measures icon ligatures on a canvas; jsdom has none (getContext answers null after
  // logging "Not implemented"), and axe goes on without it. The same null, without the log.
  const getContext = vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null)
  let violations: axe.Result[]
  try {
    ;({ violations } = await axe.run(root, {
      // jsdom does not compute layout or colour; contrast is checked in the browser tests.
      rules: { "color-contrast": { enabled: false }, region: { enabled: false } },
    }))
  } finally {
    getContext.mockRestore()
  }
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([])
}

/** The text of a console call: errors by their message, the rest as strings. */
const logged = (args: unknown[]) => args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(" ")

/**
 * Asserts that a `console.error` spy saw only what a test expects: each call matches one of
 * `expected`, or is React's own note after a render error ("The above error occurred in …",
 * React 18). Whatever else was logged fails the test, so expected errors never hide others.
 *
 * @example
 * ```ts
 * const error = vi.spyOn(console, "error").mockImplementation(() => {})
 * expect(() => render(<Status />)).toThrow("must be used within `AuthProvider`")
 * expectLoggedOnly(error, /must be used within `AuthProvider`/)
 * ```
 */
export function expectLoggedOnly(spy: { mock: { calls: unknown[][] } }, ...expected: RegExp[]) {
  const patterns = [...expected, /The above error occurred in/]
  const unexpected = spy.mock.calls.map(logged).filter((text) => !patterns.some((pattern) => pattern.test(text)))
  expect(unexpected).toEqual([])
}
