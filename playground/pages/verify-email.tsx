import Head from "next/head"
import { VerifyEmail } from "next-auth-kit"

// The confirmation email links here with ?token=. Opening the page confirms nothing: only its
// button posts the token, and the answer's sign-in grant then signs this browser in (to "/").
export default function VerifyEmailPage() {
  return (
    <>
      <Head>
        <title>Confirm your email · next-auth-kit playground</title>
        {/* The URL carries a single-use token: keep it out of Referer headers. */}
        <meta name="referrer" content="no-referrer" />
      </Head>
      <div className="center">
        <VerifyEmail titleAs="h1" />
      </div>
    </>
  )
}
