import CredentialsProvider from "next-auth/providers/credentials"
import { createAuthKit } from "next-auth-kit/server"
import { authConfig } from "./auth-config"

// Your user lookup goes here; this one knows a single demo user.
async function authorize(credentials?: Record<"email" | "password", string>) {
  const demo = { id: "1", name: "Ada Lovelace", email: "ada@example.com", roles: ["admin"] }
  const ok = credentials?.email === demo.email && credentials.password === process.env.DEMO_PASSWORD
  return ok ? demo : null
}

export const kit = createAuthKit({
  authOptions: {
    providers: [CredentialsProvider({ credentials: { email: {}, password: {} }, authorize })],
    pages: { signIn: authConfig.loginPath },
  },
  ...authConfig,
})
export const { requireSession, withAuth } = kit
