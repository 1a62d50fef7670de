import { LoginForm } from "next-auth-kit"

// Signs in, then goes back to the page that sent the visitor here (its callbackUrl).
export default function Login() {
  return <LoginForm titleAs="h1" />
}
