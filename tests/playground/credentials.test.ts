import { createClient } from "@libsql/client"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { authorizeCredentials } from "../../playground/lib/credentials"
import { migrate, seed } from "../../playground/lib/database.mjs"

const db = createClient({ url: ":memory:" })
beforeAll(async () => {
  await migrate(db)
  await seed(db)
})
afterAll(() => db.close())

describe("the playground's credentials check (argon2id over libSQL)", () => {
  it("signs in a seeded user with their roles", async () => {
    expect(await authorizeCredentials(db, { email: "ada@example.com", password: "ada-password" })).toEqual({
      id: expect.any(String),
      email: "ada@example.com",
      name: "Ada Lovelace",
      roles: ["admin", "user"],
    })
  })

  it("matches the email regardless of case and surrounding spaces", async () => {
    expect(await authorizeCredentials(db, { email: "  GRACE@example.com ", password: "grace-password" })).toMatchObject({
      roles: ["user"],
    })
  })

  it.each([
    ["a wrong password", { email: "ada@example.com", password: "grace-password" }],
    ["an unknown user", { email: "nobody@example.com", password: "ada-password" }],
    ["empty fields", { email: "", password: "" }],
    ["no fields", undefined],
    ["10 KB long input", { email: `${"a".repeat(10_000)}@example.com`, password: "p".repeat(10_000) }],
    ["unicode input", { email: "ädä@exämple.com", password: "пароль🔑" }],
  ])("answers null (CredentialsSignin, a 401) for %s", async (_, credentials) => {
    expect(await authorizeCredentials(db, credentials)).toBeNull()
  })

  describe("timing (no account-existence oracle: every refusal costs one argon2id verify)", () => {
    const known = { email: "ada@example.com", password: "not-her-password" }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
    const time = async (credentials: Record<string, string> | undefined) => {
      const start = performance.now()
      expect(await authorizeCredentials(db, credentials)).toBeNull()
      return performance.now() - start
    }
    /** Medians of 15 calls each, alternating, so that load on the machine falls on both alike. */
    async function medians(other: Record<string, string> | undefined) {
      await time(known) // warm up the hasher and the prepared statement
      await time(other)
      const knownTimes: number[] = []
      const otherTimes: number[] = []
      for (let i = 0; i < 15; i++) {
        knownTimes.push(await time(known))
        otherTimes.push(await time(other))
      }
      return [median(knownTimes), median(otherTimes)] as const
    }
    const within25Percent = ([known, other]: readonly [number, number]) =>
      expect(
        Math.abs(known - other) / Math.max(known, other),
        `medians: known email with a wrong password ${known.toFixed(2)} ms, other ${other.toFixed(2)} ms`,
      ).toBeLessThan(0.25)

    it("takes as long for an unknown email as for a known one with a wrong password", async () => {
      within25Percent(await medians({ email: "nobody@example.com", password: "not-her-password" }))
    })

    it.each([
      ["empty fields", { email: "", password: "" }],
      ["an empty password", { email: "nobody@example.com", password: "" }],
      ["no fields", undefined],
      ["10 KB long input", { email: `${"a".repeat(10_000)}@example.com`, password: "p".repeat(10_000) }],
    ])("takes as long for %s", async (_, credentials) => {
      within25Percent(await medians(credentials))
    })
  })

  it("logs an unreadable database and answers the generic Configuration error", async () => {
    const broken = createClient({ url: ":memory:" }) // no tables: every query fails
    const error = vi.spyOn(console, "error").mockImplementation(() => {})
    await expect(authorizeCredentials(broken, { email: "ada@example.com", password: "x" })).rejects.toThrow(
      /^Configuration$/,
    )
    expect(error).toHaveBeenCalledWith("[playground] The user database could not be read.", expect.any(Error))
    error.mockRestore()
    broken.close()
  })
})
