import { AuthProvider, UserButton } from "next-auth-kit"
import type { ReactNode } from "react"
import "next-auth-kit/styles.css"
import { getSession, SignedIn, SignedOut } from "../lib/auth"
import { authConfig } from "../lib/auth-config"
import "../styles.css"

export const metadata = { title: "next-auth-kit playground (App Router)" }

// The session read on the server seeds the provider: client gates and useAuth() render signed
// in (or out) on the first paint, with no /api/auth/session request. Reading the cookies here
// renders every page under this layout dynamically.
export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AuthProvider session={await getSession()} config={authConfig}>
          <div className="page">
            <header>
              <nav aria-label="Main">
                <a href="/">Home</a> <a href="/app">App Router</a> <a href="/app/dashboard">App dashboard</a>{" "}
                <a href="/app/admin">App admin</a> <a href="/app/client">App client</a> <a href="/app/gates">App gates</a>{" "}
                <a href="/dashboard">Pages Router</a>
              </nav>
              {/* Server gates: decided while the layout renders, no JavaScript of their own. */}
              <SignedIn>
                <UserButton
                  items={[
                    { label: "Dashboard", href: "/app/dashboard" },
                    { label: "Account", href: "/app/account" },
                  ]}
                />
              </SignedIn>
              <SignedOut>
                <span className="actions">
                  <a href="/app/login">Sign in</a> <a href={authConfig.accounts.pages.signUp}>Sign up</a>
                </span>
              </SignedOut>
            </header>
            <main>{children}</main>
          </div>
        </AuthProvider>
      </body>
    </html>
  )
}
