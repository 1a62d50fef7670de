/** Reading an account request's JSON body, the same for every host: Fetch streams and TextEncoder only. */

// application/json, application/merge-patch+json, …; a form or text/plain (which a page of
// another site can post without a CORS preflight) is refused.
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i

/** Whether a `Content-Type` (or the first of several) is JSON. */
export const isJsonType = (type: string | string[] | null | undefined) => JSON_TYPE.test(Array.isArray(type) ? (type[0] ?? "") : (type ?? ""))

/** JSON text parsed, or `undefined` when it is over `limit` bytes or not JSON. */
export function parseJsonText(text: string, limit: number): unknown {
  if (new TextEncoder().encode(text).byteLength > limit) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** A Fetch request's JSON body, read up to `limit` bytes; `undefined` past it, or when it is not JSON. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  if (!isJsonType(request.headers.get("content-type"))) return undefined
  if (Number(request.headers.get("content-length") ?? 0) > limit) return undefined
  if (!request.body) return undefined
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      return undefined
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  chunks.reduce((offset, chunk) => (bytes.set(chunk, offset), offset + chunk.byteLength), 0)
  return parseJsonText(new TextDecoder().decode(bytes), limit)
}
