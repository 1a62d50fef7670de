import { AuthProvider } from "next-auth-kit"
import type { ReactNode } from "react"
import "next-auth-kit/styles.css"
import { authConfig } from "../lib/auth-config"
import "../styles.css"

export const metadata = { title: "next-auth-kit playground (App Router)" }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AuthProvider config={authConfig}>
          <div className="page">
            <nav aria-label="Main">
              <a href="/">Home</a> <a href="/app/dashboard">App dashboard</a> <a href="/app/admin">App admin</a>
            </nav>
            <main>{children}</main>
          </div>
        </AuthProvider>
      </body>
    </html>
  )
}
