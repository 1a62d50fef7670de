import type { Meta, StoryObj } from "@storybook/react-vite"
import { LoginForm } from "next-auth-kit"
import { expect } from "storybook/test"
import "./host-tailwind.css"

/**
 * The kit restyled with the host app's own Tailwind: plain utilities through `className` and
 * `classNames` win over the kit's classes, because the kit's rules sit in `@layer components`
 * and the app's utilities in `@layer utilities`. No `!important`, no `unstyled`.
 *
 * ```tsx
 * <LoginForm
 *   className="max-w-md gap-6 rounded-2xl border border-brand p-8 shadow-lg"
 *   classNames={{ submit: "rounded-full bg-brand text-white hover:bg-brand-strong", title: "text-3xl tracking-tight" }}
 * />
 * ```
 */
const meta = {
  title: "Components/LoginForm/Restyled with Tailwind",
  component: LoginForm,
  args: {
    callbackUrl: "/dashboard",
    className: "max-w-md gap-6 rounded-2xl border border-brand p-8 shadow-lg",
    classNames: {
      submit: "rounded-full bg-brand text-white hover:bg-brand-strong",
      title: "text-3xl tracking-tight",
      "oauth-button": "rounded-full",
    },
  },
  parameters: { auth: "allProviders" },
} satisfies Meta<typeof LoginForm>

export default meta
type Story = StoryObj<typeof meta>

export const BrandColours: Story = {
  play: async ({ canvas }) => {
    const submit = await canvas.findByRole("button", { name: "Sign in" })
    const style = getComputedStyle(submit)
    // The host's bg-brand and rounded-full, not the kit's primary colour and radius.
    await expect(style.backgroundColor).toBe(getComputedStyle(canvas.getByTestId("brand-swatch")).backgroundColor)
    await expect(Number.parseFloat(style.borderTopLeftRadius)).toBeGreaterThan(100)
  },
  decorators: [
    (Story) => (
      <>
        <Story />
        <span data-testid="brand-swatch" className="bg-brand" style={{ display: "inline-block", width: 1, height: 1 }} />
      </>
    ),
  ],
}
