import Head from "next/head"
import { SignUpForm } from "next-auth-kit"

// The form answers the same for a new and a taken address; the email tells the owner apart.
export default function SignUp() {
  return (
    <>
      <Head>
        <title>Create account · next-auth-kit playground</title>
      </Head>
      <div className="center">
        <SignUpForm titleAs="h1" />
        <p className="hint">
          Without SMTP the emails land in the <a href="/dev/outbox">dev outbox</a>.
        </p>
      </div>
    </>
  )
}
