import { AuthProvider } from "next-auth-kit"
import "next-auth-kit/styles.css"
import type { ReactNode } from "react"
import { getSession } from "@/lib/auth"
import { authConfig } from "@/lib/auth-config"

// Signed in (or out) on the first paint, without a request to /api/auth/session.
export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AuthProvider session={await getSession()} config={authConfig}>
          {children}
        </AuthProvider>
      </body>
    </html>
  )
}
