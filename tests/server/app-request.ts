/**
 * Next.js's own request scope for App Router tests: the work store and the request store that
 * Next's server sets up around a Server Component render, a Server Action or a route handler,
 * so that the real `cookies()` and `headers()` of `next/headers` answer, for the kit and for
 * next-auth's `getServerSession(authOptions)` alike (both load the one `next/headers`).
 */
import { createRequire } from "node:module"

const require = createRequire(import.meta.url)
// What Next's server loads first: AsyncLocalStorage on globalThis, before its stores exist.
require("next/dist/server/node-environment-baseline")

type Store = Record<string, unknown>
interface Storage {
  run<T>(store: Store, fn: () => T): T
}
const { workAsyncStorage } = require("next/dist/server/app-render/work-async-storage.external") as { workAsyncStorage: Storage }
const { workUnitAsyncStorage } = require("next/dist/server/app-render/work-unit-async-storage.external") as {
  workUnitAsyncStorage: Storage
}
const { createRequestStoreForRender, createRequestStoreForAPI } = require("next/dist/server/async-storage/request-store") as {
  createRequestStoreForRender: (...args: unknown[]) => Store
  createRequestStoreForAPI: (...args: unknown[]) => Store
}
const { createWorkStore } = require("next/dist/server/async-storage/work-store") as {
  createWorkStore: (context: Record<string, unknown>) => Store
}

/** Where the code runs: a Server Component render (cookies read-only), a Server Action or a route handler. */
export type AppPhase = "server-component" | "server-action" | "route-handler"

export interface AppRequestInit {
  /** The `Cookie` header. */
  cookie?: string
  /** More request headers (a `host` is there already). */
  headers?: Record<string, string>
  /** The page's path. @default "/dashboard" */
  path?: string
  /** @default "server-component" */
  phase?: AppPhase
}

/** The cookies Next.js would send back with the response (`cookies().set()` in actions and routes). */
export interface AppRequestResult<T> {
  value: T
  setCookies: string[]
}

function workStore(path: string, extra: Store = {}): Store {
  const store = createWorkStore({
    page: `${path === "/" ? "" : path}/page`,
    renderOpts: { experimental: {} },
    isPrefetchRequest: false,
    buildId: "test",
  })
  return Object.assign(store, extra)
}

/** Runs `fn` inside a request as Next.js sets it up, and answers its value and the cookies it set. */
export async function inAppRequest<T>(init: AppRequestInit, fn: () => Promise<T>): Promise<AppRequestResult<T>> {
  const { cookie, headers = {}, path = "/dashboard", phase = "server-component" } = init
  const req = { headers: { host: "localhost:3000", ...headers, ...(cookie === undefined ? {} : { cookie }) } }
  const setCookies: string[] = []
  const onUpdateCookies = (cookies: string[]) => setCookies.splice(0, setCookies.length, ...cookies)
  const url = { pathname: path, search: "" }
  const requestStore =
    phase === "server-component"
      ? createRequestStoreForRender(req, undefined, url, {}, undefined, onUpdateCookies, undefined, false, undefined, null, null, undefined)
      : createRequestStoreForAPI(req, url, undefined, onUpdateCookies, undefined, undefined)
  const value = await workAsyncStorage.run(workStore(path), () => workUnitAsyncStorage.run(requestStore, fn))
  return { value, setCookies }
}

/** Just the value of {@link inAppRequest}. */
export async function inApp<T>(init: AppRequestInit, fn: () => Promise<T>): Promise<T> {
  return (await inAppRequest(init, fn)).value
}

/**
 * Runs `fn` while Next.js prerenders a page at build time:
 * - `"legacy"`: static generation without cacheComponents, where `headers()` and `cookies()`
 *   throw a `DynamicServerError` to mark the page dynamic;
 * - `"dynamic-error"`: a page with `export const dynamic = "error"`, where they throw a
 *   `StaticGenBailoutError`;
 * - `"force-static"`: `export const dynamic = "force-static"`, where they answer empty.
 */
export async function inPrerender<T>(kind: "legacy" | "dynamic-error" | "force-static", fn: () => Promise<T>): Promise<T> {
  const work = workStore("/dashboard", {
    isStaticGeneration: true,
    dynamicShouldError: kind === "dynamic-error",
    forceStatic: kind === "force-static",
  })
  const unit = { type: "prerender-legacy", phase: "render", revalidate: 1, tags: [], implicitTags: undefined }
  return workAsyncStorage.run(work, () => workUnitAsyncStorage.run(unit, fn))
}
