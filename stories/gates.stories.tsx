import type { Meta, StoryObj } from "@storybook/react-vite"
import { AuthGate, SignedIn, SignedOut } from "next-auth-kit"
import { mockSession, mockUsers } from "next-auth-kit/msw"
import { expect, waitFor } from "storybook/test"
import { sessionRequests } from "../.storybook/session-requests"
import { expectedClientErrors } from "./support/expected-errors"

/**
 * `AuthGate` shows its children to signed-in users, `loading` while the session loads (never
 * the fallback), and `fallback` or a redirect to the login path otherwise.
 *
 * **Gates hide UI; they do not protect data.** Protect pages and API routes with
 * `requireSession`, `withAuth`, `auth()` and `withRouteAuth` from `next-auth-kit/server`.
 */
const meta = {
  title: "Components/AuthGate",
  component: AuthGate,
  args: {
    children: <p>The secret dashboard.</p>,
    loading: <p>Checking your session…</p>,
    fallback: <p>Please sign in to see the dashboard.</p>,
  },
} satisfies Meta<typeof AuthGate>

export default meta
type Story = StoryObj<typeof meta>

export const SignedOutVisitor: Story = {
  parameters: { auth: "signedOut" },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Please sign in to see the dashboard.")).toBeVisible()
  },
}

export const Loading: Story = {
  parameters: { auth: "loading" },
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Checking your session…")).toBeVisible()
    await expect(canvas.queryByText("Please sign in to see the dashboard.")).toBeNull()
  },
}

export const SignedInUser: Story = {
  parameters: { auth: "signedIn" },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("The secret dashboard.")).toBeVisible()
  },
}

// next-auth's client logs the failed /session fetch: expected here, asserted, not printed.
const sessionErrorLog = expectedClientErrors("CLIENT_FETCH_ERROR")

export const SessionError: Story = {
  name: "Session error (treated as signed out)",
  parameters: { auth: "sessionError" },
  beforeEach: sessionErrorLog.beforeEach,
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Please sign in to see the dashboard.")).toBeVisible()
    await sessionErrorLog.expectLogged()
  },
}

export const SlowNetwork: Story = {
  parameters: { auth: "slowNetwork" },
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Checking your session…")).toBeVisible()
    await expect(await canvas.findByText("Please sign in to see the dashboard.", {}, { timeout: 4000 })).toBeVisible()
  },
}

export const SeededSession: Story = {
  name: "Seeded session (no /session request)",
  parameters: { auth: "signedOut", seededSession: mockSession({ user: mockUsers.ada }) },
  play: async ({ canvas }) => {
    await expect(canvas.getByText("The secret dashboard.")).toBeVisible()
    await new Promise((resolve) => setTimeout(resolve, 200))
    await expect(sessionRequests()).toBe(0)
  },
}

export const RedirectsToLogin: Story = {
  name: "With redirect (signed out)",
  args: { redirect: true, loading: <p>Redirecting to sign in…</p> },
  parameters: { auth: "signedOut" },
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Redirecting to sign in…")).toBeVisible()
    await waitFor(() => expect((window as { __lastNavigation?: string }).__lastNavigation).toMatch(/^\/login\?callbackUrl=/))
  },
}

/** `SignedIn` and `SignedOut` render nothing while loading, then one of them. */
export const SignedInAndOut: StoryObj = {
  name: "SignedIn / SignedOut",
  parameters: { auth: "signedIn" },
  render: () => (
    <>
      <SignedIn>
        <p>Shown to signed-in users.</p>
      </SignedIn>
      <SignedOut>
        <p>Shown to signed-out visitors.</p>
      </SignedOut>
    </>
  ),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Shown to signed-in users.")).toBeVisible()
    await expect(canvas.queryByText("Shown to signed-out visitors.")).toBeNull()
  },
}
