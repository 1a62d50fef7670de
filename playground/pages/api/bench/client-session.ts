import type { NextApiRequest, NextApiResponse } from "next"
import { getSession } from "next-auth/react"

// Benchmark comparison: getSession({ req }), an HTTP round trip to /api/auth/session.
export default async function clientSession(req: NextApiRequest, res: NextApiResponse) {
  const session = await getSession({ req })
  if (!session) return res.status(401).json({ error: "unauthenticated" })
  res.json({ user: session.user })
}
