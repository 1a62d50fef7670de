import { requireSession } from "../../lib/auth"

// authMiddleware already filters /members/*; the page still checks on the server.
export const getServerSideProps = requireSession(async ({ session, params }) => ({
  props: {
    name: session.user?.name ?? "",
    path: ([] as string[]).concat(params?.slug ?? []).join("/"),
  },
}))

export default function Members({ name, path }: { name: string; path: string }) {
  return (
    <>
      <h1>Members area</h1>
      <p>
        Hello {name}, you are at /members/{path}.
      </p>
    </>
  )
}
