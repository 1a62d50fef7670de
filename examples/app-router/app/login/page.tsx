import { LoginForm } from "next-auth-kit"

// LoginForm is a client component; a Server Component page renders it.
export default function Login() {
  return <LoginForm titleAs="h1" />
}
