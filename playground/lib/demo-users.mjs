// The playground's demo people, with no dependencies: the database seeds them (database.mjs) and
// the local OpenID Connect provider (oidc/server.mjs) signs them in under the same addresses.

/** The demo users, seeded on first start, verified. */
export const DEMO_USERS = [
  { email: "ada@example.com", password: "ada-password", name: "Ada Lovelace", roles: ["admin", "user"] },
  { email: "grace@example.com", password: "grace-password", name: "Grace Hopper", roles: ["user"] },
]
