import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createAuthKit, withRoleClaims } from "../../src/server"
import { baseAuthOptions, makeAuthOptions, pageContext, serveNextAuth, signInWithCredentials } from "./harness"

describe("withRoleClaims with the jwt strategy", () => {
  const calls: string[] = []
  const authOptions = makeAuthOptions({
    callbacks: {
      jwt: ({ token }) => {
        calls.push(`jwt:${(token as { roles?: string[] }).roles?.join(",")}`)
        return token
      },
      session: ({ session }) => {
        calls.push(`session:${(session.user as { roles?: string[] }).roles?.join(",")}`)
        return session
      },
    },
  })
  const { requireSession } = createAuthKit(authOptions)
  let server: Awaited<ReturnType<typeof serveNextAuth>>
  beforeAll(async () => {
    server = await serveNextAuth(authOptions)
  })
  afterAll(() => server.close())

  it("carries the roles of the user authorize() returned into session.user.roles", async () => {
    const cookie = await signInWithCredentials(server.url, "ada@example.com", "right")
    expect(cookie).toMatch(/^next-auth\.session-token=/)
    const result = await requireSession({ roles: ["admin"] })(pageContext("/admin", cookie!))
    expect(result).toMatchObject({ props: { session: { user: { email: "ada@example.com", roles: ["admin", "user"] } } } })
  })

  it("gives a user with fewer roles only those, so the admin policy fails", async () => {
    const cookie = await signInWithCredentials(server.url, "grace@example.com", "right")
    expect(await requireSession({ roles: ["admin"] })(pageContext("/admin", cookie!))).toEqual({ notFound: true })
  })

  it("refuses wrong credentials: no session cookie", async () => {
    expect(await signInWithCredentials(server.url, "ada@example.com", "wrong")).toBeNull()
  })

  it("runs the app's own callbacks after its own, with the roles already in place", () => {
    expect(calls).toContain("jwt:admin,user")
    expect(calls).toContain("session:admin,user")
  })

  it("reads roles with a custom rolesOf, dropping what is not a string", async () => {
    const options = withRoleClaims(baseAuthOptions(), {
      rolesOf: (user) => [(user as { email?: string }).email === "ada@example.com" ? "owner" : "", 7 as never],
    })
    const other = await serveNextAuth(options)
    const cookie = await signInWithCredentials(other.url, "ada@example.com", "right")
    const result = await createAuthKit(options).requireSession()(pageContext("/", cookie!))
    await other.close()
    expect(result).toMatchObject({ props: { session: { user: { roles: ["owner"] } } } })
  })

  it("writes the roles under the shared config's roleClaim, where the server reads them", async () => {
    const authConfig = { loginPath: "/login", roleClaim: "groups" }
    const options = withRoleClaims(baseAuthOptions(), authConfig)
    const other = await serveNextAuth(options)
    const cookie = await signInWithCredentials(other.url, "ada@example.com", "right")
    const kit = createAuthKit(options, authConfig)
    const admin = await kit.requireSession({ roles: ["admin"] })(pageContext("/", cookie!))
    await other.close()
    expect(admin).toMatchObject({ props: { session: { user: { groups: ["admin", "user"] } } } })
    expect((admin as { props: { session: { user: object } } }).props.session.user).not.toHaveProperty("roles")
  })

  it("is what puts roles in the session at all: without it next-auth drops them", async () => {
    const options = baseAuthOptions()
    const plain = await serveNextAuth(options)
    const cookie = await signInWithCredentials(plain.url, "ada@example.com", "right")
    const result = await createAuthKit(options).requireSession({ roles: ["admin"] })(pageContext("/", cookie!))
    await plain.close()
    expect(result).toEqual({ notFound: true })
  })
})

describe("withRoleClaims' session, built as `{ ...session.user, [claim]: roles }` would be", () => {
  const sessionOf = (options: Parameters<typeof withRoleClaims>[1], user: Record<string, unknown>) =>
    withRoleClaims(baseAuthOptions({ callbacks: {} }), options).callbacks!.session!({
      session: { user, expires: "2030-01-01T00:00:00.000Z" },
      token: { roles: ["admin"] },
    } as never) as { user: Record<string, unknown> }

  it("copies the user's own keys in their order, the claim last unless the user had it", () => {
    const user = { name: "Ada", roles: ["stale"], email: "ada@example.com" }
    const { user: copy } = sessionOf({}, user)
    expect(Object.keys(copy)).toEqual(["name", "roles", "email"])
    expect(copy.roles).toEqual(["admin"])
    expect(user.roles).toEqual(["stale"]) // the app's object untouched
    expect(Object.keys(sessionOf({ roleClaim: "groups" }, { name: "Ada" }).user)).toEqual(["name", "groups"])
  })

  it("keeps a `__proto__` key an own property, and a `__proto__` claim too, as the spread does", () => {
    const user = JSON.parse('{"name":"Ada","__proto__":{"polluted":true}}') as Record<string, unknown>
    const { user: copy } = sessionOf({}, user)
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(Object.hasOwn(copy, "__proto__")).toBe(true)
    const claimed = sessionOf({ roleClaim: "__proto__" }, { name: "Ada" }).user
    expect(Object.getPrototypeOf(claimed)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(claimed, "__proto__")?.value).toEqual([])
  })
})
