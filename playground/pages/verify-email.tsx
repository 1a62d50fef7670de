import Head from "next/head"
import { VerifyEmail } from "next-auth-kit"

// The verification email links here with ?token=; the form posts it once, on the client.
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
