import { sessionCookie } from "next-auth-kit/testing"

/** The seeded users of the playground (playground/lib/database.mjs). */
export const ada = { id: "1", email: "ada@example.com", name: "Ada Lovelace", password: "ada-password", roles: ["admin", "user"] }
export const grace = { id: "2", email: "grace@example.com", name: "Grace Hopper", password: "grace-password", roles: ["user"] }

/** A real session cookie for a seeded user, as `Cookie` header text. */
export async function cookieHeader(user: typeof ada): Promise<string> {
  const cookie = await sessionCookie({
    user: { id: user.id, email: user.email, name: user.name },
    roles: user.roles,
    secret: process.env.NEXTAUTH_SECRET,
  })
  return `${cookie.name}=${cookie.value}`
}
