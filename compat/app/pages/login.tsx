import { LoginForm } from "next-auth-kit"

export default function Login() {
  return <LoginForm titleAs="h1" />
}
