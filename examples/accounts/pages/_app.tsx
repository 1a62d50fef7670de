import type { AppProps } from "next/app"
import { AuthProvider } from "next-auth-kit"
import "next-auth-kit/styles.css"
import { authConfig } from "../lib/auth-config"

export default function App({ Component, pageProps }: AppProps) {
  return (
    <AuthProvider session={pageProps.session} config={authConfig}>
      <Component {...pageProps} />
    </AuthProvider>
  )
}
