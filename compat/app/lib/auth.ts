import type { NextAuthOptions } from "next-auth"
import CredentialsProvider from "next-auth/providers/credentials"
import { createAuthKit, withRoleClaims } from "next-auth-kit/server"
import { authConfig } from "./auth-config"

// The suite signs users in with cookies minted by next-auth's own `encode`: no user store.
export const authOptions: NextAuthOptions = withRoleClaims({
  providers: [CredentialsProvider({ credentials: { email: {}, password: {} }, authorize: async () => null })],
  pages: { signIn: authConfig.loginPath },
})

export const { requireSession, withAuth, getSession, auth, withRouteAuth, RoleGate, SignedIn, SignedOut } = createAuthKit(
  authOptions,
  authConfig,
)
