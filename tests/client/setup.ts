import "@testing-library/jest-dom/vitest"
import { cleanup } from "@testing-library/react"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll } from "vitest"

/** The MSW server every client test shares; tests add the kit's handlers with `server.use`. */
export const server = setupServer()

/** Every request the components made, by path, for assertions such as "no /session fetch". */
export const requests: string[] = []
server.events.on("request:start", ({ request }) => {
  requests.push(`${request.method} ${new URL(request.url).pathname}`)
})

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => {
  cleanup()
  server.resetHandlers()
  requests.length = 0
  // Not in the files that run in Node (`@vitest-environment node`: esbuild needs Node's realm).
  if (typeof window !== "undefined") window.history.replaceState(null, "", "/")
})
afterAll(() => server.close())

// Radix's popper (DropdownMenu content) measures its anchor with ResizeObserver, which jsdom lacks.
globalThis.ResizeObserver ??= class ResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

// jsdom reports what it cannot do ("Not implemented: …") and exceptions thrown inside its event
// dispatch (React 18 rethrows render errors there) to the console it was created with, which a
// test's `vi.spyOn(console, "error")` does not reach. Sent to the test's console instead, an
// expected one is captured and asserted where it is expected, and any other still prints.
const jsdom = (globalThis as { jsdom?: { virtualConsole?: NodeJS.EventEmitter } }).jsdom
const virtualConsole = jsdom?.virtualConsole
if (virtualConsole) {
  virtualConsole.removeAllListeners("jsdomError")
  virtualConsole.on("jsdomError", (error: Error & { type?: string; cause?: Error }) => {
    console.error(error.type === "unhandled-exception" && error.cause ? error.cause : error)
  })
}
