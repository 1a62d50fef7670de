export default function staff(_req: unknown, res: { json: (body: unknown) => void }) {
  res.json({ ok: true })
}
