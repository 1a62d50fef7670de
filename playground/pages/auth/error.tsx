import Head from "next/head"
import { AuthErrorPage } from "next-auth-kit"

// next-auth's pages.error: every error code as a sentence, with a way back (?error= is read on
// the client after hydration).
export default function AuthError() {
  return (
    <>
      <Head>
        <title>Signing in did not work · next-auth-kit playground</title>
      </Head>
      <div className="center">
        <AuthErrorPage titleAs="h1" />
      </div>
    </>
  )
}
