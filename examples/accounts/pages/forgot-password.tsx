import { ForgotPasswordForm } from "next-auth-kit"

// Emails a link to /reset-password, whether or not the address has an account.
export default function ForgotPasswordPage() {
  return <ForgotPasswordForm titleAs="h1" />
}
