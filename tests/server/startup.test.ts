/**
 * A deployment the kit cannot run in fails when the kit is constructed, with the fix in the
 * message, never on a user's first sign-up: no secret, and in production no base URL for the
 * links in account emails. Inside `next build` the environment may come only at run time: the
 * first request checks instead, before any work.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { type AccountEmail, type AccountStore, createAuthKit, memoryAccountStore } from "../../src/server"
import { SECRET } from "./harness"
import { cheapHasher, GOOD_PASSWORD } from "./accounts/helpers"

/** A memory store that records every call, to show that nothing ran. */
function watchedStore() {
  const calls: string[] = []
  const inner = memoryAccountStore()
  const store = new Proxy(inner, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver)
      if (typeof value !== "function") return value
      return (...args: unknown[]) => {
        calls.push(String(name))
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  }) as AccountStore
  return { store, calls }
}

function makeKit({ secret, baseUrl }: { secret?: string; baseUrl?: string } = {}) {
  const { store, calls } = watchedStore()
  const outbox: AccountEmail[] = []
  const build = () =>
    createAuthKit({
      loginPath: "/login",
      authOptions: { secret, session: { strategy: "jwt" }, providers: [] },
      accounts: { store, sendEmail: async (email) => void outbox.push(email), hasher: cheapHasher, baseUrl },
    })
  return { build, calls, outbox }
}

const signup = (host = "localhost:3001") =>
  new Request(`http://${host}/api/account/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", host },
    body: JSON.stringify({ email: "ada@example.com", password: GOOD_PASSWORD }),
  })
const params = { params: Promise.resolve({ action: "signup" }) }

const invalidConfig = (fix: RegExp) => expect.objectContaining({ name: "AuthKitError", code: "invalid_config", message: expect.stringMatching(fix) })

beforeEach(() => {
  vi.stubEnv("NEXTAUTH_SECRET", undefined)
  vi.stubEnv("AUTH_SECRET", undefined)
  vi.stubEnv("NEXTAUTH_URL", undefined)
  vi.stubEnv("AUTH_TRUST_HOST", undefined)
  vi.stubEnv("VERCEL", undefined)
  vi.stubEnv("NEXT_PHASE", undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe("given no secret", () => {
  it.each(["development", "production"])("throws invalid_config when the kit with accounts is constructed (%s), naming NEXTAUTH_SECRET, with nothing run", (env) => {
    vi.stubEnv("NODE_ENV", env)
    const { build, calls, outbox } = makeKit({ baseUrl: "https://app.example.com" })
    expect(build).toThrow(invalidConfig(/^\[next-auth-kit\] Set NEXTAUTH_SECRET in the environment/))
    expect(calls).toEqual([])
    expect(outbox).toEqual([])
  })

  it("throws at construction in production without accounts too, as next-auth refuses to run there", () => {
    vi.stubEnv("NODE_ENV", "production")
    expect(() => createAuthKit({ authOptions: { providers: [] } })).toThrow(invalidConfig(/set NEXTAUTH_SECRET/))
    // next-auth runs on a generated secret in development, and so does the kit without accounts.
    vi.stubEnv("NODE_ENV", "development")
    expect(() => createAuthKit({ authOptions: { providers: [] } })).not.toThrow()
  })

  it("takes NEXTAUTH_SECRET or AUTH_SECRET from the environment", () => {
    vi.stubEnv("NEXTAUTH_SECRET", SECRET)
    expect(makeKit({ baseUrl: "https://app.example.com" }).build).not.toThrow()
    vi.stubEnv("NEXTAUTH_SECRET", undefined)
    vi.stubEnv("AUTH_SECRET", SECRET)
    expect(makeKit({ baseUrl: "https://app.example.com" }).build).not.toThrow()
  })
})

describe("given no base URL for the links in emails", () => {
  it("throws invalid_config at construction in production, naming NEXTAUTH_URL, with nothing run", () => {
    vi.stubEnv("NODE_ENV", "production")
    const { build, calls } = makeKit({ secret: SECRET })
    expect(build).toThrow(invalidConfig(/^\[next-auth-kit\] Set NEXTAUTH_URL in the environment to the app's public URL/))
    expect(calls).toEqual([])
  })

  it("throws at construction for a NEXTAUTH_URL that is not a URL", () => {
    vi.stubEnv("NEXTAUTH_URL", "https://app example.com")
    expect(makeKit({ secret: SECRET }).build).toThrow(invalidConfig(/NEXTAUTH_URL/))
  })

  it("takes the forwarded host behind a trusted proxy (AUTH_TRUST_HOST), as next-auth does", async () => {
    vi.stubEnv("NODE_ENV", "production")
    vi.stubEnv("AUTH_TRUST_HOST", "1")
    const { build, outbox } = makeKit({ secret: SECRET })
    const kit = build()
    const request = signup("internal:3000")
    request.headers.set("x-forwarded-host", "app.example.com")
    request.headers.set("x-forwarded-proto", "https")
    expect((await kit.accounts.routeHandlers.POST(request, params)).status).toBe(202)
    await kit.accounts.whenIdle()
    expect(outbox[0]!.url).toMatch(/^https:\/\/app\.example\.com\/verify-email\?token=/)
  })

  it("in development, links to the request's origin and warns once how to set it", async () => {
    vi.stubEnv("NODE_ENV", "development")
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
    const { build, outbox } = makeKit({ secret: SECRET })
    const kit = build()
    expect(warn).not.toHaveBeenCalled()
    for (let i = 0; i < 2; i++) expect((await kit.accounts.routeHandlers.POST(signup(), params)).status).toBe(202)
    await kit.accounts.whenIdle()
    expect(outbox.map((e) => e.url)).toEqual([expect.stringMatching(/^http:\/\/localhost:3001\/verify-email\?token=/), expect.stringMatching(/^http:\/\/localhost:3001\/verify-email\?token=/)])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]![0]).toMatch(/^\[next-auth-kit\] NEXTAUTH_URL is not set: account emails link to http:\/\/localhost:3001.*Set NEXTAUTH_URL/)
  })
})

describe("inside next build (NEXT_PHASE=phase-production-build)", () => {
  beforeEach(() => {
    vi.stubEnv("NODE_ENV", "production")
    vi.stubEnv("NEXT_PHASE", "phase-production-build")
  })

  it("constructs without the run-time environment, touching nothing", () => {
    const { build, calls } = makeKit()
    expect(build).not.toThrow()
    expect(calls).toEqual([])
  })

  it("throws the start-up error on the first request of each handler, before any work", async () => {
    const { build, calls, outbox } = makeKit()
    const kit = build()
    await expect(kit.accounts.routeHandlers.POST(signup(), params)).rejects.toEqual(invalidConfig(/^\[next-auth-kit\] Set NEXTAUTH_SECRET/))
    await expect(kit.accounts.apiHandler({ headers: {}, method: "POST" } as never, {} as never)).rejects.toEqual(invalidConfig(/^\[next-auth-kit\] Set NEXTAUTH_SECRET/))
    await expect(kit.handler({ headers: {}, method: "GET", query: { nextauth: ["session"] } }, {})).rejects.toEqual(invalidConfig(/NEXTAUTH_SECRET/))
    vi.stubEnv("NEXTAUTH_SECRET", SECRET)
    await expect(kit.accounts.routeHandlers.POST(signup(), params)).rejects.toEqual(invalidConfig(/^\[next-auth-kit\] Set NEXTAUTH_URL/))
    expect(calls).toEqual([])
    expect(outbox).toEqual([])
  })

  it("serves once the environment is there at run time", async () => {
    const { build, outbox } = makeKit()
    const kit = build()
    vi.stubEnv("NEXTAUTH_SECRET", SECRET)
    vi.stubEnv("NEXTAUTH_URL", "https://app.example.com")
    expect((await kit.accounts.routeHandlers.POST(signup(), params)).status).toBe(202)
    await kit.accounts.whenIdle()
    expect(outbox[0]!.url).toMatch(/^https:\/\/app\.example\.com\/verify-email\?token=/)
  })
})
