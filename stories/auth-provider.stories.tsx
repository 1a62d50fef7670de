import type { Meta, StoryObj } from "@storybook/react-vite"
import { AuthProvider, SignedIn, SignedOut, useAuth } from "next-auth-kit"
import { mockSession, mockUsers } from "next-auth-kit/msw"
import { expect, waitFor } from "storybook/test"
import { sessionRequests } from "../.storybook/session-requests"
import { expectedClientErrors } from "./support/expected-errors"

function Status() {
  const auth = useAuth()
  return (
    <div>
      <p>status: {auth.status}</p>
      {auth.status === "authenticated" ? (
        <p>
          user: {auth.user.name}, roles: {auth.roles.join(", ")}, admin: {String(auth.hasRole("admin"))}
        </p>
      ) : null}
      <SignedIn>
        <p>SignedIn renders.</p>
      </SignedIn>
      <SignedOut>
        <p>SignedOut renders.</p>
      </SignedOut>
    </div>
  )
}

/**
 * `AuthProvider` wraps next-auth's `SessionProvider` and holds the kit's settings: the app's
 * shared `config` (the same object `createAuthKit` and `authMiddleware` take), `getRoles`,
 * `messages`, `navigate`. With a `session` from `requireSession` the
 * first paint is signed in, with no loading state and no `/api/auth/session` request (see the
 * counter under each story); without one it fetches once, however many components read it.
 * `useAuth()` reads it: a union on `status`.
 */
const meta = {
  title: "Components/AuthProvider and useAuth",
  component: AuthProvider,
  parameters: { withoutProvider: true },
  render: (args) => (
    <AuthProvider {...args} navigate={() => {}}>
      <Status />
    </AuthProvider>
  ),
} satisfies Meta<typeof AuthProvider>

export default meta
type Story = StoryObj<typeof meta>

export const SeededSession: Story = {
  name: "Seeded session: signed in on the first paint, no request",
  args: { session: mockSession({ user: mockUsers.ada }) },
  play: async ({ canvas }) => {
    await expect(canvas.getByText("status: authenticated")).toBeVisible()
    await new Promise((resolve) => setTimeout(resolve, 200))
    await expect(sessionRequests()).toBe(0)
  },
}

export const SeededSignedOut: Story = {
  name: "Seeded null: signed out at once, no request",
  args: { session: null },
  play: async ({ canvas }) => {
    await expect(canvas.getByText("status: unauthenticated")).toBeVisible()
    await new Promise((resolve) => setTimeout(resolve, 200))
    await expect(sessionRequests()).toBe(0)
  },
}

export const FetchedOnce: Story = {
  name: "Not seeded: loading, then one request",
  parameters: { auth: "admin" },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("status: authenticated")).toBeVisible()
    await expect(canvas.getByText("user: Ada Lovelace, roles: admin, user, admin: true")).toBeVisible()
    await waitFor(() => expect(sessionRequests()).toBe(1))
  },
}

export const Loading: Story = {
  parameters: { auth: "loading" },
  play: async ({ canvas }) => expect(canvas.getByText("status: loading")).toBeVisible(),
}

// next-auth's client logs the failed /session fetch: expected here, asserted, not printed.
const sessionErrorLog = expectedClientErrors("CLIENT_FETCH_ERROR")

export const SessionError: Story = {
  parameters: { auth: "sessionError" },
  beforeEach: sessionErrorLog.beforeEach,
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("status: unauthenticated")).toBeVisible()
    await sessionErrorLog.expectLogged()
  },
}

export const ExpiredSession: Story = {
  name: "Expired session (signed in, then out on the next check)",
  parameters: { auth: "expiredSession" },
  play: async ({ canvas }) => expect(await canvas.findByText("status: authenticated")).toBeVisible(),
}
