import { LoginPanel } from "../../../components/login-panel"
import { authOptions } from "../../../lib/auth"

export const metadata = { title: "Sign in · App Router · next-auth-kit playground" }

// As pages/login.tsx, with the providers read here on the server.
export default function AppLogin() {
  return <LoginPanel providers={authOptions.providers.map(({ id, name, type }) => ({ id, name, type }))} />
}
