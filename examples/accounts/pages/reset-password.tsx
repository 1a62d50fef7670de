import { ResetPasswordForm } from "next-auth-kit"

// Sets the new password; every other session of the user ends.
export default function ResetPasswordPage() {
  return <ResetPasswordForm titleAs="h1" />
}
