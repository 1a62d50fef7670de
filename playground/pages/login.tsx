import type { GetServerSideProps } from "next"
import { LoginForm, type LoginProvider } from "next-auth-kit"
import { authOptions } from "../lib/auth"

interface Props {
  providers: LoginProvider[]
}

// The providers come from authOptions on the server: the form renders complete, no skeleton.
export const getServerSideProps: GetServerSideProps<Props> = async () => ({
  props: {
    providers: authOptions.providers.map(({ id, name, type }) => ({ id, name, type })),
  },
})

export default function Login({ providers }: Props) {
  return (
    <div className="center">
      <LoginForm providers={providers} titleAs="h1" />
      <p className="hint">
        Demo users: <code>ada@example.com</code> / <code>ada-password</code> (admin),{" "}
        <code>grace@example.com</code> / <code>grace-password</code>
      </p>
    </div>
  )
}
