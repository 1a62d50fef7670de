import { createDecipheriv } from "node:crypto"
import type { NextAuthOptions, Session } from "next-auth"
import { encode, type JWT } from "next-auth/jwt"
import type { RequestLike, ResponseLike } from "./session"

/**
 * The session fast path for the `jwt` strategy. next-auth's `getServerSession` re-derives the
 * encryption key (HKDF) on every call, builds its whole request context, and re-encrypts and
 * re-sets the session cookie (plus CSRF and callback cookies) on every read. This reader derives
 * the key once per secret, decrypts with Node's AES-GCM what next-auth's `encode` writes (and
 * remembers the payloads of the cookies it decrypted, see {@link PayloadCache}), runs the
 * app's `jwt` and `session` callbacks and `events.session` exactly as next-auth's session route
 * does, and re-issues the cookie only when it is older than `session.updateAge` or when the
 * `jwt` callback changed the token. The sliding expiry still works, in steps of `updateAge`;
 * the session's `expires` is the cookie's real expiry.
 *
 * It answers `undefined` ("not sure, ask next-auth") whenever it cannot match next-auth
 * exactly: a database session, custom `jwt.encode`/`decode` or session cookie options, a
 * chunked cookie, or a cookie that does not decrypt (so next-auth logs it and clears it).
 */
export type FastSessionReader = (req: RequestLike, res: ResponseLike) => Promise<Session | null | undefined>

const THIRTY_DAYS = 30 * 24 * 60 * 60
const ONE_DAY = 24 * 60 * 60
// next-auth's SessionStore: a cookie over 4096 bytes, less room for its attributes, is chunked.
const CHUNK_SIZE = 4096 - 163
// Decrypted session cookies remembered per secret: ~0.5 MB for typical sessions (340-character
// cookies), ~7 MB at worst (unchunked cookies near 4 KB, with their payloads).
const PAYLOADS_PER_SECRET = 1000
type PerSecret = { key: Promise<Uint8Array>; payloads: PayloadCache }
const secrets = new Map<string, PerSecret>()
// next-auth's encode writes exactly this protected header: base64url of {"alg":"dir","enc":"A256GCM"}.
const NEXT_AUTH_HEADER = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0"
// jose's clock tolerance in next-auth's decode.
const CLOCK_TOLERANCE = 15

/**
 * Decrypts a JWE exactly as next-auth writes it (dir, A256GCM, no compression), with Node's
 * AES-GCM: jose's Web Crypto build, which some server bundles pick, costs ~13× as much per call.
 * Answers the payload's JSON text, or `undefined` for anything else so that next-auth decides.
 */
function decryptNextAuthJwe(jwe: string, key: Uint8Array): string | undefined {
  const parts = jwe.split(".")
  if (parts.length !== 5) return undefined
  const [protectedHeader, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string]
  if (protectedHeader !== NEXT_AUTH_HEADER || encryptedKey !== "") return undefined
  try {
    const nonce = Buffer.from(iv, "base64url")
    const authTag = Buffer.from(tag, "base64url")
    if (nonce.length !== 12 || authTag.length !== 16) return undefined
    const decipher = createDecipheriv("aes-256-gcm", key, nonce)
    decipher.setAAD(Buffer.from(protectedHeader, "ascii"))
    decipher.setAuthTag(authTag)
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8")
  } catch {
    return undefined
  }
}

/**
 * The claims of a decrypted payload, parsed afresh on every call (so a callback that changes its
 * token in place changes only this read's copy), or `undefined` for any claim jose would refuse
 * (exp, nbf) so that next-auth's own decode decides.
 */
function parseClaims(json: string): JWT | undefined {
  try {
    const payload = JSON.parse(json) as unknown
    if (!payload || typeof payload !== "object" || Array.isArray(payload)) return undefined
    const { exp, nbf, iat } = payload as { exp?: unknown; nbf?: unknown; iat?: unknown }
    const now = Math.floor(Date.now() / 1000)
    if (typeof exp !== "number" || exp <= now - CLOCK_TOLERANCE) return undefined
    if (nbf !== undefined && (typeof nbf !== "number" || nbf > now + CLOCK_TOLERANCE)) return undefined
    if (iat !== undefined && typeof iat !== "number") return undefined
    return payload as JWT
  } catch {
    return undefined
  }
}

/**
 * Remembers the payloads of the cookies it decrypted: a browser sends the same cookie with every
 * request, and AES-GCM always decrypts the same cookie to the same text, so a repeat costs a map
 * lookup instead of a cipher. Bounded (oldest out first); only cookies that decrypted are kept,
 * and their claims (exp, nbf) are still checked on every read.
 */
export class PayloadCache {
  private readonly entries = new Map<string, string>()
  constructor(private readonly limit: number) {}

  get(jwe: string): string | undefined {
    return this.entries.get(jwe)
  }

  set(jwe: string, json: string) {
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(jwe, json)
  }
}

/** next-auth v4's key: HKDF-SHA256 of the secret, empty salt, its fixed info, 32 bytes. */
function deriveKey(secret: string): Promise<Uint8Array> {
  const text = new TextEncoder()
  return crypto.subtle
    .importKey("raw", text.encode(secret), "HKDF", false, ["deriveBits"])
    .then((material) =>
      crypto.subtle.deriveBits(
        { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: text.encode("NextAuth.js Generated Encryption Key") },
        material,
        256,
      ),
    )
    .then((bits) => new Uint8Array(bits))
}

/** What the reader keeps per secret: the derived key, and the payloads decrypted with it. */
function forSecret(secret: string): PerSecret {
  let state = secrets.get(secret)
  if (!state) secrets.set(secret, (state = { key: deriveKey(secret), payloads: new PayloadCache(PAYLOADS_PER_SECRET) }))
  return state
}

function header(req: RequestLike, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** next-auth's detectOrigin, for whether its cookies are the `__Secure-` ones. */
function origin(req: RequestLike): string {
  if (process.env.NEXTAUTH_URL) return process.env.NEXTAUTH_URL
  if (process.env.VERCEL ?? process.env.AUTH_TRUST_HOST) {
    const protocol = header(req, "x-forwarded-proto")
    return `${protocol === "http" ? "http" : "https"}://${header(req, "x-forwarded-host") ?? header(req, "host")}`
  }
  return "http://localhost:3000"
}

function serializeCookie(name: string, value: string, expires: Date, secure: boolean): string {
  return `${name}=${value}; Path=/; Expires=${expires.toUTCString()}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`
}

function appendCookies(res: ResponseLike, cookies: string[]) {
  const existing = res.getHeader("Set-Cookie")
  const list = Array.isArray(existing) ? existing.map(String) : existing === undefined ? [] : [String(existing)]
  res.setHeader("Set-Cookie", [...list, ...cookies])
}

/** A fast reader for these options, or `null` when they need next-auth's own path. */
export function createFastSessionReader(authOptions: NextAuthOptions): FastSessionReader | null {
  const strategy = authOptions.session?.strategy ?? (authOptions.adapter ? "database" : "jwt")
  if (strategy !== "jwt" || authOptions.jwt?.encode || authOptions.jwt?.decode || authOptions.cookies?.sessionToken) {
    return null
  }
  const maxAge = authOptions.session?.maxAge ?? THIRTY_DAYS
  const updateAge = authOptions.session?.updateAge ?? ONE_DAY
  const jwtCallback = authOptions.callbacks?.jwt ?? (({ token }: { token: JWT }) => token)
  const sessionCallback = authOptions.callbacks?.session ?? (({ session }: { session: Session }) => session)

  return async (req, res) => {
    const secret = authOptions.secret ?? process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET
    if (!secret) return undefined
    const secure = authOptions.useSecureCookies ?? origin(req).startsWith("https://")
    const name = `${secure ? "__Secure-" : ""}next-auth.session-token`
    const cookies = req.cookies ?? {}
    if (`${name}.0` in cookies) return undefined
    const value = cookies[name]
    if (!value) return null

    const { key, payloads } = forSecret(secret)
    let json = payloads.get(value)
    if (json === undefined) {
      json = decryptNextAuthJwe(value, await key)
      if (json === undefined) return undefined
      payloads.set(value, json)
    }
    const decoded = parseClaims(json)
    if (!decoded) return undefined
    const issuedAt = typeof decoded.iat === "number" ? decoded.iat : 0

    const token = await jwtCallback({ token: decoded, session: undefined } as never)
    const now = Math.floor(Date.now() / 1000)
    // Compared with the cookie's own text, so a change made in place is seen too.
    const renew = now - issuedAt >= updateAge || JSON.stringify(token) !== json
    const expires = renew || typeof decoded.exp !== "number" ? new Date((now + maxAge) * 1000) : new Date(decoded.exp * 1000)
    const session = await sessionCallback({
      session: {
        user: { name: decoded?.name, email: decoded?.email, image: decoded?.picture },
        expires: expires.toISOString(),
      },
      token,
    } as never)

    if (renew) {
      const fresh = await encode({ token, secret, maxAge })
      const chunks =
        fresh.length <= CHUNK_SIZE
          ? [serializeCookie(name, fresh, expires, secure)]
          : Array.from({ length: Math.ceil(fresh.length / CHUNK_SIZE) }, (_, i) =>
              serializeCookie(`${name}.${i}`, fresh.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE), expires, secure),
            )
      appendCookies(res, chunks)
    }
    if (authOptions.events?.session) await authOptions.events.session({ session, token })
    return session && typeof session === "object" && Object.keys(session).length > 0 ? session : null
  }
}
