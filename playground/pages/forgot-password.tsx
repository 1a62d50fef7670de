import Head from "next/head"
import { ForgotPasswordForm } from "next-auth-kit"

// The same neutral answer whether or not an account uses the address.
export default function ForgotPassword() {
  return (
    <>
      <Head>
        <title>Reset your password · next-auth-kit playground</title>
      </Head>
      <div className="center">
        <ForgotPasswordForm titleAs="h1" />
        <p className="hint">
          Without SMTP the emails land in the <a href="/dev/outbox">dev outbox</a>.
        </p>
      </div>
    </>
  )
}
