import type { AuthKitConfig } from "next-auth-kit"

/**
 * The playground's auth settings, stated once: createAuthKit (lib/auth.ts:
 * one kit instance), the proxy (proxy.ts) and both AuthProviders (pages/_app.tsx,
 * app/layout.tsx) take this same object, so every runtime agrees on the login URL, the
 * callbackUrl, the forbidden response and the account pages.
 */
export const authConfig = {
  loginPath: "/login",
  accounts: {
    pages: {
      signUp: "/signup",
      forgotPassword: "/forgot-password",
      verifyEmail: "/verify-email",
      resetPassword: "/reset-password",
      // The new-sign-in email links to the sessions list there.
      account: "/account",
    },
  },
} as const satisfies AuthKitConfig
