import Head from "next/head"
import { VerifyRequestPage } from "next-auth-kit"

// next-auth's pages.verifyRequest: after an email sign-in link was sent.
export default function VerifyRequest() {
  return (
    <>
      <Head>
        <title>Check your inbox · next-auth-kit playground</title>
      </Head>
      <div className="center">
        <VerifyRequestPage titleAs="h1" />
      </div>
    </>
  )
}
