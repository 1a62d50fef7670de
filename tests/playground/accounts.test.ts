/**
 * The playground's account wiring: the kit's SQL account store on libSQL, argon2id as the
 * hasher, the seeded demo users, and the dev outbox.
 */
import { createClient } from "@libsql/client"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createAccounts } from "../../src/server"
import { accountStore, argon2Hasher, migrate, readOutbox, saveToOutbox, seed } from "../../playground/lib/database.mjs"

const db = createClient({ url: ":memory:" })
const accounts = createAccounts({
  store: accountStore(db),
  hasher: argon2Hasher,
  sendEmail: (email) => saveToOutbox(db, email),
  baseUrl: "http://localhost:3000",
  secret: "playground-test-secret-of-at-least-32-characters",
  defaultRoles: ["user"],
})
beforeAll(async () => {
  await migrate(db)
  await seed(db)
})
afterAll(() => db.close())

describe("the playground's accounts (argon2id over libSQL)", () => {
  it("signs in a seeded, verified user with their roles", async () => {
    expect(await accounts.authorize({ email: "ada@example.com", password: "ada-password" })).toMatchObject({
      email: "ada@example.com",
      name: "Ada Lovelace",
      roles: ["admin", "user"],
    })
  })

  it("matches the email regardless of case and surrounding spaces", async () => {
    expect(await accounts.authorize({ email: "  GRACE@example.com ", password: "grace-password" })).toMatchObject({
      roles: ["user"],
    })
  })

  it("seeds once: a second run adds nobody", async () => {
    expect(await seed(db)).toEqual([])
  })

  it.each([
    ["a wrong password", { email: "ada@example.com", password: "grace-password" }],
    ["an unknown user", { email: "nobody@example.com", password: "ada-password" }],
    ["empty fields", { email: "", password: "" }],
    ["no fields", undefined],
    ["10 KB long input", { email: `${"a".repeat(10_000)}@example.com`, password: "p".repeat(10_000) }],
  ])("answers null (CredentialsSignin, a 401) for %s", async (_, credentials) => {
    expect(await accounts.authorize(credentials)).toBeNull()
  })

  it("takes as long for an unknown email as for a known one with a wrong password (no existence oracle)", async () => {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
    const time = async (email: string) => {
      const start = performance.now()
      expect(await accounts.authorize({ email, password: "not-the-password" })).toBeNull()
      return performance.now() - start
    }
    await time("ada@example.com")
    await time("nobody@example.com")
    const known: number[] = []
    const unknown: number[] = []
    // Alternating, so that load on the machine falls on both alike; fresh addresses stay under
    // the per-address sign-in limit.
    for (let i = 0; i < 9; i++) {
      known.push(await time(i % 2 ? "ada@example.com" : "grace@example.com"))
      unknown.push(await time(`nobody-${i}@example.com`))
    }
    const [a, b] = [median(known), median(unknown)]
    expect(Math.abs(a - b) / Math.max(a, b), `medians: known ${a.toFixed(2)} ms, unknown ${b.toFixed(2)} ms`).toBeLessThan(0.25)
  })

  it("keeps what it would have sent in the dev outbox, newest first", async () => {
    const answer = await accounts.handle("signup", {
      method: "POST",
      body: { email: "new@example.com", password: "a long new password" },
      request: { headers: {}, cookies: {} },
    })
    expect(answer.status).toBe(202)
    await accounts.whenIdle()
    const [latest] = await readOutbox(db)
    expect(latest).toMatchObject({
      to: "new@example.com",
      kind: "verify-email",
      url: expect.stringMatching(/^http:\/\/localhost:3000\/verify-email\?token=/),
    })
  })
})
