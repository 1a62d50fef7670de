import type { AuthKitConfig } from "next-auth-kit"

/** One configuration for the server helpers, the middleware and both providers. */
export const authConfig = { loginPath: "/login" } as const satisfies AuthKitConfig
