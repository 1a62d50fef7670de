import type { NextApiRequest, NextApiResponse } from "next"

// Benchmark baseline: an API route with no auth at all.
export default function open(_req: NextApiRequest, res: NextApiResponse) {
  res.json({ ok: true })
}
