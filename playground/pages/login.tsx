import type { GetServerSideProps } from "next"
import type { LoginProvider } from "next-auth-kit"
import { LoginPanel } from "../components/login-panel"
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
  return <LoginPanel providers={providers} />
}
