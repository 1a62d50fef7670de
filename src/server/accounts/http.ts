import type { IncomingMessage, ServerResponse } from "node:http"
import { apiError } from "../../core/api-errors"
import { isJsonType, parseJsonText, readJsonBody } from "../../core/accounts/json-body"
import { parseCookies } from "../session"
import type { AccountsContext } from "./context"
import { type AccountResponse, type AccountsHandle, localiseAnswer } from "./core"

/**
 * A Pages Router API route: `pages/api/account/[...action].ts`, a catch-all because the
 * two-factor endpoints (`mfa/setup`, …) hold a slash (`[action].ts` serves the others only).
 * Reads the body Next.js parsed, or the stream when `bodyParser` is off. Throws the
 * `invalid_config` error of a deployment the accounts cannot run in (no secret; in production no
 * base URL) on a request, before any work, where the kit could not tell when it was constructed.
 *
 * @example
 * ```ts
 * // pages/api/account/[...action].ts
 * export default accounts.apiHandler
 * ```
 */
export type AccountsApiHandler = (
  req: IncomingMessage & { query?: Partial<Record<string, string | string[]>>; cookies?: Partial<Record<string, string>>; body?: unknown },
  res: ServerResponse,
) => Promise<void>

/**
 * The App Router route handlers: `app/api/account/[...action]/route.ts` (a catch-all, for the
 * slash of `mfa/*` and `sessions/*`; export `GET` too, for the sessions list). `params` may be a
 * promise (Next 15+) or an object (Next 14); without it the action is read from the URL. Like the
 * Pages Router handler, they throw a deployment's `invalid_config` error before any work.
 *
 * @example
 * ```ts
 * // app/api/account/[...action]/route.ts
 * export const { GET, POST } = accounts.routeHandlers
 * ```
 */
export interface AccountsRouteHandlers {
  /** The endpoints read with GET, `sessions` (405 with `Allow: POST` for the ones that take a POST). */
  GET: AccountsRouteHandler
  POST: AccountsRouteHandler
}

/** One App Router route handler of the account endpoints. */
export type AccountsRouteHandler = (
  request: Request,
  context?: { params?: Promise<Record<string, string | string[] | undefined>> | Record<string, string | string[] | undefined> },
) => Promise<Response>

/** The action named by `[action]` (`[...action]` joined), else the path after `accountPath`. */
function actionOf(param: string | string[] | undefined, url: string | undefined, accountPath: string): string {
  if (typeof param === "string") return param
  if (Array.isArray(param)) return param.join("/")
  const path = (url ?? "").split(/[?#]/)[0]!
  const at = path.indexOf(`${accountPath}/`)
  return at === -1 ? "" : path.slice(at + accountPath.length + 1)
}

/** Reads a Pages Router body: the one Next.js parsed (checked for size), or the stream. */
async function pagesBody(req: Parameters<AccountsApiHandler>[0], limit: number): Promise<unknown> {
  if (!isJsonType(req.headers["content-type"])) return undefined
  const given = req.body
  if (typeof given === "string") return parseJsonText(given, limit)
  if (Buffer.isBuffer(given)) return parseJsonText(given.toString("utf8"), limit)
  if (given !== undefined) {
    // Next.js's bodyParser parsed it (up to its own 1 MB): held to this limit too.
    try {
      return Buffer.byteLength(JSON.stringify(given)) <= limit ? given : undefined
    } catch {
      return undefined
    }
  }
  // `bodyParser: false`: the stream is still there.
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) return undefined
    chunks.push(chunk as Buffer)
  }
  return parseJsonText(Buffer.concat(chunks).toString("utf8"), limit)
}

function internalError(): AccountResponse {
  const { status, body } = apiError("internal_error")
  return { status, body: { ...body }, headers: { "Cache-Control": "no-store" } }
}

/** The Pages Router adapter. */
export function createApiHandler(context: AccountsContext, handle: AccountsHandle): AccountsApiHandler {
  return async (req, res) => {
    // A deployment the accounts cannot run in fails here, before any work, with its fix.
    context.assertReady()
    let result: AccountResponse
    try {
      const action = actionOf(req.query?.action, req.url, context.accountPath)
      const method = req.method ?? "GET"
      const body = method.toUpperCase() === "POST" ? await pagesBody(req, context.maxBodyBytes) : undefined
      result = await handle(action, {
        method,
        body,
        ip: context.clientIp({ headers: req.headers, socketAddress: req.socket?.remoteAddress }),
        request: { headers: req.headers, cookies: req.cookies ?? parseCookies(req.headers.cookie) },
      })
    } catch (error) {
      context.report(error, req.url ?? context.accountPath)
      result = localiseAnswer(internalError(), await context.languages.pick({ headers: req.headers, cookies: req.cookies }))
    }
    if (res.headersSent) return void (res.writableEnded || res.end())
    for (const [name, value] of Object.entries(result.headers)) {
      if (name.toLowerCase() === "set-cookie") {
        const existing = res.getHeader("Set-Cookie")
        const list = Array.isArray(existing) ? existing.map(String) : existing === undefined ? [] : [String(existing)]
        res.setHeader("Set-Cookie", [...list, ...(value as string[])])
      } else res.setHeader(name, value)
    }
    res.statusCode = result.status
    res.setHeader("Content-Type", "application/json; charset=utf-8")
    res.end(JSON.stringify(result.body))
  }
}

/** The App Router adapter. */
export function createRouteHandlers(context: AccountsContext, handle: AccountsHandle): AccountsRouteHandlers {
  const serve: AccountsRouteHandler = async (request, route) => {
    context.assertReady()
    let result: AccountResponse
    try {
      // Next 15+ hands `params` over as a promise; 14 as an object.
      const params = await route?.params
      const action = actionOf(params?.action, new URL(request.url).pathname, context.accountPath)
      const cookieHeader = request.headers.get("cookie") ?? undefined
      result = await handle(action, {
        method: request.method,
        body: request.method.toUpperCase() === "POST" ? await readJsonBody(request, context.maxBodyBytes) : undefined,
        // No socket here: the default resolver answers the address Next.js wrote into
        // X-Forwarded-For (or, with trustProxy, the entry that many hops from the right).
        ip: context.clientIp({ headers: request.headers }),
        request: { headers: Object.fromEntries(request.headers), cookies: parseCookies(cookieHeader, { router: "app" }) },
      })
    } catch (error) {
      context.report(error, URL.canParse(request.url) ? new URL(request.url).pathname : context.accountPath)
      const cookies = parseCookies(request.headers.get("cookie") ?? undefined, { router: "app" })
      result = localiseAnswer(internalError(), await context.languages.pick({ headers: request.headers, cookies }))
    }
    const headers = new Headers()
    for (const [name, value] of Object.entries(result.headers)) {
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
    }
    return Response.json(result.body, { status: result.status, headers })
  }
  return { GET: serve, POST: serve }
}
