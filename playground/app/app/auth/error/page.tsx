import { AuthErrorPage } from "next-auth-kit"

export const metadata = { title: "Signing in did not work · next-auth-kit playground (App Router)" }

// The App Router version of pages.error: the code comes from searchParams, so the server's
// HTML already says what went wrong.
export default async function AuthError({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams
  return (
    <div className="center">
      <AuthErrorPage titleAs="h1" error={typeof error === "string" ? error : ""} />
    </div>
  )
}
