import type { AppProps } from "next/app"
import "../styles.css"

export default function App({ Component, pageProps }: AppProps) {
  return (
    <div className="page">
      <nav aria-label="Main">
        <a href="/">Home</a> <a href="/dashboard">Dashboard</a> <a href="/admin">Admin</a>{" "}
        <a href="/members/area">Members</a> <a href="/app/dashboard">App Router</a>
      </nav>
      <main>
        <Component {...pageProps} />
      </main>
    </div>
  )
}
