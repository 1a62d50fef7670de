import { VerifyRequestPage } from "next-auth-kit"

export const metadata = { title: "Check your inbox · next-auth-kit playground (App Router)" }

export default function VerifyRequest() {
  return (
    <div className="center">
      <VerifyRequestPage titleAs="h1" />
    </div>
  )
}
