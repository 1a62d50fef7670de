import type { NextApiRequest, NextApiResponse } from "next"
import { db, outboxEnabled } from "../../../lib/auth"
import { readOutbox } from "../../../lib/database.mjs"

/** The playground's dev outbox, newest first: `[{ to, subject, text, url, kind, sentAt }]`. */
export default async function outbox(req: NextApiRequest, res: NextApiResponse) {
  // With SMTP configured the emails really go out: then there is no outbox to show.
  if (!outboxEnabled) return res.status(404).json({ error: "not_found" })
  if (req.method !== "GET") {
    res.setHeader("Allow", "GET")
    return res.status(405).json({ error: "method_not_allowed" })
  }
  res.setHeader("Cache-Control", "no-store")
  res.json(await readOutbox(db))
}
