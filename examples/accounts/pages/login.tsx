import { LoginForm } from "next-auth-kit"

// Password, then the two-factor code when it is on; offers the resend link.
export default function LoginPage() {
  return <LoginForm titleAs="h1" />
}
