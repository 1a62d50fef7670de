import { screen, waitFor, within } from "@testing-library/react"
import { describe, expect, it } from "vitest"
import { LoginDialog, SignUpForm, UserButton } from "../../src/client"
import { ar } from "../../src/client/locales/ar"
import { he } from "../../src/client/locales/he"
import { pl } from "../../src/client/locales/pl"
import { mockSession, mockUsers, providers } from "../../src/msw"
import { answer, invalidInput, rateLimited } from "./accounts/helpers"
import { expectNoAxeViolations, renderWithAuth } from "./helpers"

/** The text of the element(s) that an input's aria-describedby names. */
const description = (input: HTMLElement) =>
  (input.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent)
    .join(" | ")

describe("given the Polish messages", () => {
  it("counts minutes and characters with Polish's one, few and many", async () => {
    answer("api/account/signup", () => rateLimited(120))
    const { user } = renderWithAuth(<SignUpForm askName={false} minPasswordLength={3} />, { session: null, messages: pl })
    const password = screen.getByLabelText(pl.loginForm.passwordLabel)
    expect(description(password)).toBe("Co najmniej 3 znaki. Unikaj popularnych haseł.")
    await user.type(screen.getByLabelText(pl.loginForm.emailLabel), "ada@example.com")
    await user.type(password, "correct horse battery")
    await user.click(screen.getByRole("button", { name: pl.loginForm.createAccount }))
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Zbyt wiele prób. Spróbuj ponownie za 2 minuty."))
  })

  it("says how many characters a field takes at most, in the form of that number", async () => {
    answer("api/account/signup", () => invalidInput({ name: "too_long" }))
    const { user } = renderWithAuth(<SignUpForm />, { session: null, messages: pl })
    await user.type(screen.getByLabelText(pl.accounts.nameLabel), "Ada")
    await user.type(screen.getByLabelText(pl.loginForm.emailLabel), "ada@example.com")
    await user.type(screen.getByLabelText(pl.loginForm.passwordLabel), "correct horse battery")
    await user.click(screen.getByRole("button", { name: pl.loginForm.createAccount }))
    await screen.findByText(pl.accounts.summary)
    expect(description(screen.getByLabelText(pl.accounts.nameLabel))).toBe("Wpisz najwyżej 100 znaków.")
  })
})

describe("given a right-to-left language", () => {
  it("gives the portalled dialog the language's direction, and passes axe", async () => {
    const { user } = renderWithAuth(<LoginDialog providers={[providers.credentials]} />, { session: null, messages: ar })
    await user.click(screen.getByRole("button", { name: ar.loginDialog.trigger }))
    const dialog = await screen.findByRole("dialog", { name: ar.loginDialog.title })
    expect(dialog).toHaveAttribute("dir", "rtl")
    expect(within(dialog).getByLabelText(ar.loginForm.emailLabel)).toBeInTheDocument()
    await expectNoAxeViolations()
  })

  it("gives the portalled user menu the language's direction (Radix makes it ltr unless told)", async () => {
    const session = mockSession({ user: mockUsers.ada })
    const { user } = renderWithAuth(<UserButton />, { session, messages: he })
    await user.click(screen.getByRole("button", { name: "תפריט החשבון של Ada Lovelace" }))
    const menu = screen.getByRole("menu")
    expect(menu).toHaveAttribute("dir", "rtl")
    expect(within(menu).getByRole("menuitem", { name: he.userButton.signOut })).toBeInTheDocument()
  })

  it("counts with Arabic's dual", async () => {
    answer("api/account/signup", () => rateLimited(120))
    const { user } = renderWithAuth(<SignUpForm askName={false} minPasswordLength={2} />, { session: null, messages: ar })
    const password = screen.getByLabelText(ar.loginForm.passwordLabel)
    expect(description(password)).toBe("حرفان على الأقل. تجنّب كلمات المرور الشائعة.")
    await user.type(screen.getByLabelText(ar.loginForm.emailLabel), "ada@example.com")
    await user.type(password, "correct horse battery")
    await user.click(screen.getByRole("button", { name: ar.loginForm.createAccount }))
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("محاولات كثيرة جدًا. حاول مرة أخرى بعد دقيقتين."))
  })
})

describe("given English, the default", () => {
  it("keeps the dialog and the menu left to right", async () => {
    const { user } = renderWithAuth(<LoginDialog providers={[providers.credentials]} defaultOpen />, { session: null })
    expect(await screen.findByRole("dialog")).toHaveAttribute("dir", "ltr")
    await user.keyboard("{Escape}")
    const session = mockSession({ user: mockUsers.ada })
    const second = renderWithAuth(<UserButton defaultOpen />, { session })
    await waitFor(() => expect(within(second.container.ownerDocument.body).getByRole("menu")).toHaveAttribute("dir", "ltr"))
  })
})
