import Head from "next/head"
import { ResetPasswordForm } from "next-auth-kit"

// The reset email links here with ?token=; a used or expired link is a dead end with a way out.
export default function ResetPassword() {
  return (
    <>
      <Head>
        <title>Set a new password · next-auth-kit playground</title>
        {/* The URL carries a single-use token: keep it out of Referer headers. */}
        <meta name="referrer" content="no-referrer" />
      </Head>
      <div className="center">
        <ResetPasswordForm titleAs="h1" />
      </div>
    </>
  )
}
