import { AuthProvider } from "next-auth-kit"
import type { ReactNode } from "react"
import "next-auth-kit/styles.css"
import { getSession } from "../lib/auth"
import { authConfig } from "../lib/auth-config"

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
