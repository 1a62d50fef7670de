// Only for admins: proxy.ts checks the role before the page runs.
export default function Admin() {
  return <h1>Admin</h1>
}
