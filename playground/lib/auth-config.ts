import type { AuthKitConfig } from "next-auth-kit"

/**
 * The playground's auth settings, stated once: createAuthKit (lib/auth.ts), the proxy
 * (proxy.ts) and both AuthProviders (pages/_app.tsx, app/layout.tsx) take this same object,
 * so the three runtimes agree on the login URL, the callbackUrl and the forbidden response.
 */
export const authConfig = {
  loginPath: "/login",
} as const satisfies AuthKitConfig
