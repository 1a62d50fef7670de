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
