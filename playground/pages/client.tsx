import { AuthGate } from "next-auth-kit"
import { Profile } from "../components/profile"

// Client-side only: the gate hides UI; the data behind it is protected by the API routes.
export default function ClientPage() {
  return (
    <>
      <h1>Client-side page</h1>
      <AuthGate redirect loading={<p>Checking your session…</p>}>
        <Profile />
      </AuthGate>
    </>
  )
}
