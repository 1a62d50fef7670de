// Protected by the middleware alone (an optimistic filter): what this row checks of it.
export default function Members() {
  return <h1>Members</h1>
}
