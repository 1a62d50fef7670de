import type { GetServerSideProps } from "next"
import { getCsrfToken } from "next-auth/react"
import { safeCallbackUrl } from "next-auth-kit/server"

interface Props {
  csrfToken: string
  callbackUrl: string
  error: string | null
}

// next-auth's error codes as people read them; never whether an account exists.
const ERRORS: Record<string, string> = {
  CredentialsSignin: "Those details did not match. Check them and try again.",
  Configuration: "Signing in is not possible right now. Please try again later.",
}

export const getServerSideProps: GetServerSideProps<Props> = async (context) => {
  const error = typeof context.query.error === "string" ? context.query.error : null
  return {
    props: {
      csrfToken: (await getCsrfToken(context)) ?? "",
      callbackUrl: safeCallbackUrl(context.query.callbackUrl),
      error,
    },
  }
}

export default function Login({ csrfToken, callbackUrl, error }: Props) {
  return (
    <>
      <h1>Sign in</h1>
      {error ? <p role="alert">{ERRORS[error] ?? "Something went wrong. Please try again."}</p> : null}
      <form method="post" action="/api/auth/callback/credentials">
        <input type="hidden" name="csrfToken" value={csrfToken} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit">Sign in</button>
      </form>
    </>
  )
}
