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
    // Passkeys, here so that the AuthProviders' LoginForm offers "Sign in with a passkey" too.
    // The relying party comes from NEXTAUTH_URL: open the playground at localhost, not
    // 127.0.0.1 (no IP address is a relying party id; docs/passkeys.md). next.config.ts turns
    // them off where NEXTAUTH_URL names no domain.
    passkeys: process.env.PLAYGROUND_PASSKEYS === "on",
  },
} as const satisfies AuthKitConfig
