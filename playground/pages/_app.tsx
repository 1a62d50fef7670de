import type { AppProps } from "next/app"
import Head from "next/head"
import { AuthProvider, SignedIn, SignedOut, UserButton } from "next-auth-kit"
import "next-auth-kit/styles.css"
import { authConfig } from "../lib/auth-config"
import "../styles.css"

export default function App({ Component, pageProps }: AppProps) {
  return (
    // A session from requireSession renders signed-in on the first paint, with no fetch.
    <AuthProvider session={pageProps.session} config={authConfig}>
      <Head>
        <title>next-auth-kit playground</title>
      </Head>
      <div className="page">
        <header>
          <nav aria-label="Main">
            <a href="/">Home</a> <a href="/dashboard">Dashboard</a> <a href="/admin">Admin</a>{" "}
            <a href="/client">Client</a> <a href="/members/area">Members</a> <a href="/app/dashboard">App Router</a>{" "}
            <a href="/dev/outbox">Outbox</a>
          </nav>
          <SignedIn>
            <UserButton
              items={[
                { label: "Dashboard", href: "/dashboard" },
                { label: "Account", href: "/account" },
              ]}
            />
          </SignedIn>
          <SignedOut>
            <span className="actions">
              <a href={authConfig.loginPath}>Sign in</a> <a href={authConfig.accounts.pages.signUp}>Sign up</a>
            </span>
          </SignedOut>
        </header>
        <main>
          <Component {...pageProps} />
        </main>
      </div>
    </AuthProvider>
  )
}
