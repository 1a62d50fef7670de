import type { NextApiRequest, NextApiResponse } from "next"
import { getServerSession } from "next-auth/next"
import { authOptions } from "../../../lib/auth"

// Benchmark comparison: the route next-auth's docs write by hand.
export default async function serverSession(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions)
  if (!session) return res.status(401).json({ error: "unauthenticated" })
  res.json({ user: session.user })
}
