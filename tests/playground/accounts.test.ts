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

  it("verifies an argon2id hash for an unknown email as for a known one with a wrong password (no existence oracle)", async () => {
    // Counted, not timed: one argon2id verification either way, so both cost the same.
    const verified: string[] = []
    const counting = createAccounts({
      store: accountStore(db),
      hasher: { ...argon2Hasher, verify: async (hash: string, password: string) => (verified.push(hash.split("$")[1]!), argon2Hasher.verify(hash, password)) },
      sendEmail: () => {},
      baseUrl: "http://localhost:3000",
      secret: "playground-test-secret-of-at-least-32-characters",
    })
    for (const email of ["ada@example.com", "nobody@example.com"]) {
      verified.length = 0
      expect(await counting.authorize({ email, password: "not-the-password" })).toBeNull()
      expect(verified, email).toEqual(["argon2id"])
    }
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
