// Benchmark baseline: a getServerSideProps page with no auth.
export const getServerSideProps = async () => ({ props: { at: Date.now() } })

export default function OpenPage({ at }: { at: number }) {
  return <p>Rendered at {at}.</p>
}
