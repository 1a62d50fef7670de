/**
 * The `database` session strategy with a maintained adapter (@auth/drizzle-adapter) over an
 * embedded SQLite database (@libsql/client): the cookie holds an opaque token, and the row in
 * the `session` table is what signs a user in.
 */
import { eq } from "drizzle-orm"
import { drizzleDatabase, sessions, users } from "../fixtures/drizzle-database"
import type { NextAuthOptions } from "next-auth"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createAuthKit, withRoleClaims } from "../../src/server"
import { pageContext, SECRET, serveApi } from "./harness"

const { client, db, adapter } = await drizzleDatabase()

const authOptions: NextAuthOptions = withRoleClaims({
  secret: SECRET,
  adapter: adapter as NextAuthOptions["adapter"],
  session: { strategy: "database" },
  providers: [],
  pages: { signIn: "/login" },
  logger: { error: () => {}, warn: () => {}, debug: () => {} },
})
const { requireSession, withAuth } = createAuthKit(authOptions)

const cookieFor = (token: string) => `next-auth.session-token=${token}`
const inADay = () => new Date(Date.now() + 24 * 60 * 60 * 1000)
let adminId = ""
let server: Awaited<ReturnType<typeof serveApi>>

beforeAll(async () => {
  const admin = await adapter.createUser!({
    id: "",
    name: "Ada Lovelace",
    email: "ada@example.com",
    emailVerified: null,
    roles: ["admin", "user"],
  } as never)
  adminId = admin.id
  server = await serveApi(withAuth({ roles: ["admin"] }, async (_req, res, session) => res.json({ user: session.user })))
})

afterAll(async () => {
  await server.close()
  client.close()
})

describe("the database session strategy", () => {
  it("lets in the user whose session row matches the cookie, with roles from the user row", async () => {
    await adapter.createSession!({ sessionToken: "row-1", userId: adminId, expires: inADay() })
    const result = await requireSession({ roles: ["admin"] })(pageContext("/admin", cookieFor("row-1")))
    expect(result).toMatchObject({
      props: { session: { user: { email: "ada@example.com", roles: ["admin", "user"] } } },
    })
    const response = await fetch(server.url, { headers: { cookie: cookieFor("row-1") } })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ user: { name: "Ada Lovelace" } })
  })

  it("signs the user out once the row is deleted", async () => {
    await adapter.createSession!({ sessionToken: "row-2", userId: adminId, expires: inADay() })
    expect((await fetch(server.url, { headers: { cookie: cookieFor("row-2") } })).status).toBe(200)
    await db.delete(sessions).where(eq(sessions.sessionToken, "row-2"))
    expect((await fetch(server.url, { headers: { cookie: cookieFor("row-2") } })).status).toBe(401)
    expect(await requireSession()(pageContext("/dashboard", cookieFor("row-2")))).toEqual({
      redirect: { destination: "/login?callbackUrl=%2Fdashboard", permanent: false },
    })
  })

  it("signs the user out when the row has expired", async () => {
    await adapter.createSession!({ sessionToken: "row-3", userId: adminId, expires: new Date(Date.now() - 1000) })
    expect((await fetch(server.url, { headers: { cookie: cookieFor("row-3") } })).status).toBe(401)
  })

  it("treats a token with no row as signed out", async () => {
    expect((await fetch(server.url, { headers: { cookie: cookieFor("no-such-row") } })).status).toBe(401)
  })

  it("follows role changes in the database on the next request", async () => {
    await adapter.createSession!({ sessionToken: "row-4", userId: adminId, expires: inADay() })
    await db.update(users).set({ roles: ["user"] }).where(eq(users.id, adminId))
    expect((await fetch(server.url, { headers: { cookie: cookieFor("row-4") } })).status).toBe(403)
    await db.update(users).set({ roles: ["admin", "user"] }).where(eq(users.id, adminId))
    expect((await fetch(server.url, { headers: { cookie: cookieFor("row-4") } })).status).toBe(200)
  })
})
