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
  const { violations } = await axe.run(root, {
    // jsdom does not compute layout or colour; contrast is checked in the browser tests.
    rules: { "color-contrast": { enabled: false }, region: { enabled: false } },
  })
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([])
}
