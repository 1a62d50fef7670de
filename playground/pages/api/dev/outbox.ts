import type { NextApiRequest, NextApiResponse } from "next"
import { db } from "../../../lib/accounts"
import { readOutbox } from "../../../lib/database.mjs"

/** The playground's dev outbox, newest first: `[{ to, subject, text, url, kind, sentAt }]`. */
export default async function outbox(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") {
    res.setHeader("Allow", "GET")
    return res.status(405).json({ error: "method_not_allowed" })
  }
  res.setHeader("Cache-Control", "no-store")
  res.json(await readOutbox(db))
}
