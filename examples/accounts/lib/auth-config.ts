import type { AuthKitConfig } from "next-auth-kit"

// The login form links to the sign-up and forgot-password pages; emails link to
// /verify-email and /reset-password (the defaults).
export const authConfig = {
  loginPath: "/login",
  accounts: { pages: { signUp: "/signup", forgotPassword: "/forgot-password" } },
} satisfies AuthKitConfig
