import type { Session } from "./types"

/** A user as the kit's mocks and fixtures describe one. */
export interface MockUser {
  id?: string
  name?: string | null
  email?: string | null
  image?: string | null
  roles?: string[]
  [claim: string]: unknown
}

/** Overrides for {@link mockSession}. */
export interface MockSessionOverrides {
  user?: Partial<MockUser>
  /** An ISO date. @default 30 days from now */
  expires?: string
}

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000

/** Two users for stories and tests: an admin and a plain user. */
export const mockUsers = {
  ada: { id: "1", name: "Ada Lovelace", email: "ada@example.com", image: null, roles: ["admin", "user"] },
  grace: { id: "2", name: "Grace Hopper", email: "grace@example.com", image: null, roles: ["user"] },
} as const satisfies Record<string, MockUser>

/**
 * A session as next-auth's `/api/auth/session` returns it, for fixtures and mocks.
 *
 * @example
 * ```ts
 * mockSession()                                              // Grace, role "user", 30 days
 * mockSession({ user: mockUsers.ada })                       // the admin
 * mockSession({ user: { name: "A very long name" } })
 * ```
 */
export function mockSession(overrides: MockSessionOverrides = {}): Session {
  const { id: _id, ...user } = { ...mockUsers.grace, roles: [...mockUsers.grace.roles], ...overrides.user }
  return {
    user: user as Session["user"],
    expires: overrides.expires ?? new Date(Date.now() + THIRTY_DAYS_MS).toISOString(),
  }
}
