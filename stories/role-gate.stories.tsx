import type { Meta, StoryObj } from "@storybook/react-vite"
import { RoleGate } from "next-auth-kit"
import { expect } from "storybook/test"

/**
 * `RoleGate` shows its children to users who hold the roles (`match: "any"` by default, or
 * `"all"`), and optionally pass `allow`. While the session loads it shows `loading`, never
 * `fallback`. **A gate hides UI; it does not protect data**: check roles on the server with
 * `requireSession({ roles })`, `withAuth({ roles })` or `auth({ roles })`.
 */
const meta = {
  title: "Components/RoleGate",
  component: RoleGate,
  args: {
    roles: ["admin"],
    children: <p>Admin tools are here.</p>,
    loading: <p>Checking roles…</p>,
    fallback: <p>Admins only.</p>,
  },
} satisfies Meta<typeof RoleGate>

export default meta
type Story = StoryObj<typeof meta>

export const Admin: Story = {
  parameters: { auth: "admin" },
  play: async ({ canvas }) => expect(await canvas.findByText("Admin tools are here.")).toBeVisible(),
}

export const RoleDenied: Story = {
  parameters: { auth: "signedIn" },
  play: async ({ canvas }) => expect(await canvas.findByText("Admins only.")).toBeVisible(),
}

export const SignedOut: Story = {
  parameters: { auth: "signedOut" },
  play: async ({ canvas }) => expect(await canvas.findByText("Admins only.")).toBeVisible(),
}

export const Loading: Story = {
  parameters: { auth: "loading" },
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Checking roles…")).toBeVisible()
    await expect(canvas.queryByText("Admins only.")).toBeNull()
  },
}

export const MatchAll: Story = {
  name: "match all (admin and user)",
  args: { roles: ["admin", "user"], match: "all" },
  parameters: { auth: "admin" },
  play: async ({ canvas }) => expect(await canvas.findByText("Admin tools are here.")).toBeVisible(),
}

export const WithAllow: Story = {
  name: "allow predicate",
  args: { roles: [], allow: (session) => session.user?.email?.endsWith("@example.com") ?? false },
  parameters: { auth: "signedIn" },
  play: async ({ canvas }) => expect(await canvas.findByText("Admin tools are here.")).toBeVisible(),
}
