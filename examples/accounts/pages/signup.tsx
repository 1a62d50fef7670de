import { SignUpForm } from "next-auth-kit"

// Pending until the address is confirmed: the email links to /verify-email.
export default function SignupPage() {
  return <SignUpForm titleAs="h1" />
}
