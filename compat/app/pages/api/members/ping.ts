export default function ping(_req: unknown, res: { json: (body: unknown) => void }) {
  res.json({ ok: true })
}
