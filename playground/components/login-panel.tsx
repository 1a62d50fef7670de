import { LoginForm, type LoginProvider } from "next-auth-kit"

/**
 * Both routers' login page: the providers come from authOptions on the server, so the form
 * renders complete (no skeleton, no /api/auth/providers request). LoginForm is a client
 * component; it sends the user to the page's sanitised ?callbackUrl= after signing in.
 */
export function LoginPanel({ providers }: { providers: LoginProvider[] }) {
  return (
    <div className="center">
      <LoginForm providers={providers} titleAs="h1" />
      <p className="hint">
        Demo users: <code>ada@example.com</code> / <code>ada-password</code> (admin),{" "}
        <code>grace@example.com</code> / <code>grace-password</code>. Playground ID, the local OpenID Connect
        provider, knows them too, and <code>katherine@example.org</code> / <code>katherine-password</code>, who is new
        to the app.
      </p>
    </div>
  )
}
