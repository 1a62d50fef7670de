import type { AuthKitConfig } from "next-auth-kit"

// One configuration for the server helpers, the proxy and the provider.
export const authConfig = { loginPath: "/login" } satisfies AuthKitConfig
