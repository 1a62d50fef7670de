import type { AuthKitConfig } from "next-auth-kit"

// The login form links to the sign-up and forgot-password pages; emails link to
// /verify-email and /reset-password (the defaults). Passkeys on: the server's endpoints, and
// "Sign in with a passkey" with the browser's passkey autofill in the login form.
export const authConfig = {
  loginPath: "/login",
  accounts: { pages: { signUp: "/signup", forgotPassword: "/forgot-password" }, passkeys: true },
} satisfies AuthKitConfig
