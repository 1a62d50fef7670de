import { VerifyEmail } from "next-auth-kit"

// Confirms on its button (never on load), then signs this browser in.
export default function VerifyEmailPage() {
  return <VerifyEmail titleAs="h1" callbackUrl="/account" />
}
