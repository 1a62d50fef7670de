// The account page is the home page: signed out, it sends the visitor to /login.
export const getServerSideProps = async () => ({ redirect: { destination: "/account", permanent: false } })

export default function Home() {
  return null
}
