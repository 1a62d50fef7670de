import { http, HttpResponse } from "msw"
import { server } from "../setup"

/** What the account endpoints received, in order. */
export interface Posted {
  path: string
  body: Record<string, string>
  credentials: RequestCredentials
  contentType: string | null
}

/**
 * Answers a POST to any URL ending in `action` (`api/account/signup`) with `answer`, and records each
 * request. Handlers of the test's own, so the tests do not depend on `next-auth-kit/msw`.
 */
export function answer(
  action: string,
  reply: (body: Record<string, string>) => Response | Promise<Response> = () => HttpResponse.json({ ok: true }, { status: 200 }),
  { until }: { until?: Promise<unknown> } = {},
) {
  const posted: Posted[] = []
  server.use(
    http.post(`*/${action}`, async ({ request }) => {
      const body = (await request.json()) as Record<string, string>
      posted.push({
        path: new URL(request.url).pathname,
        body,
        credentials: request.credentials,
        contentType: request.headers.get("content-type"),
      })
      // Held until the test lets it go: states shown while a request runs are asserted on a
      // condition, never on how long a delay lasts on a busy machine.
      if (until) await until
      return reply(body)
    }),
  )
  return posted
}

/** A promise and the function that settles it: `answer(…, { until: gate.promise })`, then `gate.open()`. */
export function gate() {
  let open!: () => void
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}

export const accepted = () => HttpResponse.json({ ok: true }, { status: 202 })
export const invalidInput = (fields: Record<string, string>) =>
  HttpResponse.json({ error: "invalid_input", message: "Some fields are missing or invalid.", fields }, { status: 400 })
export const invalidToken = (reason = "expired") =>
  HttpResponse.json({ error: "invalid_token", message: "This link is invalid or has expired.", reason }, { status: 400 })
export const rateLimited = (seconds: number) =>
  HttpResponse.json(
    { error: "rate_limited", message: "Too many attempts." },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  )
export const internalError = () =>
  HttpResponse.json({ error: "internal_error", message: "Something went wrong. Please try again later." }, { status: 500 })
export const HttpResponseJson = (body: object, status: number) => HttpResponse.json(body, { status })
