/**
 * Counts the story's requests to /api/auth/session, so tests can assert that a story with a
 * seeded session makes none. Read it with `sessionRequests()` in a play function.
 */
interface WorkerLike {
  events: { on(event: "request:start", listener: (args: { request: Request }) => void): void; removeAllListeners(event?: string): void }
}

declare global {
  interface Window {
    __sessionRequests?: number
  }
}

/** Fired on window whenever the count changes, for the on-screen counter. */
export const SESSION_REQUESTS_EVENT = "next-auth-kit:session-requests"

export function sessionRequestCounter(msw: WorkerLike): () => void {
  window.__sessionRequests = 0
  window.dispatchEvent(new Event(SESSION_REQUESTS_EVENT))
  const listener = ({ request }: { request: Request }) => {
    if (new URL(request.url).pathname.endsWith("/api/auth/session") && request.method === "GET") {
      window.__sessionRequests = (window.__sessionRequests ?? 0) + 1
      window.dispatchEvent(new Event(SESSION_REQUESTS_EVENT))
    }
  }
  msw.events.on("request:start", listener)
  return () => msw.events.removeAllListeners("request:start")
}

/** How many GET /api/auth/session requests the current story has made. */
export function sessionRequests(): number {
  return window.__sessionRequests ?? 0
}
