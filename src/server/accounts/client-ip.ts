import { isIP } from "node:net"

/**
 * What a client-IP resolver gets to look at.
 *
 * @example
 * ```ts
 * const byCloudflare: ClientIpResolver = ({ headers }: ClientIpSource) =>
 *   (headers instanceof Headers ? headers.get("cf-connecting-ip") : headers["cf-connecting-ip"]?.toString()) ?? undefined
 * ```
 */
export interface ClientIpSource {
  /** The request headers (a Node headers object, or a Fetch `Headers`). */
  headers: { get(name: string): string | null } | Record<string, string | string[] | undefined>
  /**
   * The TCP peer: `req.socket.remoteAddress` in the Pages Router. `undefined` in App Router
   * route handlers and in `authorize`, where Next.js and next-auth hand over no socket.
   */
  socketAddress?: string
}

/**
 * Answers the client IP of a request, or `undefined` when it is unknown (the per-IP limits
 * are then skipped; the per-address limits still apply).
 *
 * @example
 * ```ts
 * // Vercel: the platform sets x-real-ip and no client can forge it there.
 * createAccounts({ store, sendEmail, clientIp: ({ headers }) => header(headers, "x-real-ip") })
 * ```
 */
export type ClientIpResolver = (source: ClientIpSource) => string | undefined

function header(headers: ClientIpSource["headers"], name: string): string | undefined {
  const value =
    typeof (headers as { get?: unknown }).get === "function"
      ? (headers as { get(name: string): string | null }).get(name)
      : (headers as Record<string, string | string[] | undefined>)[name]
  return (Array.isArray(value) ? value.join(",") : value) ?? undefined
}

/**
 * An address as the rate limits count it: IPv4-mapped IPv6 as IPv4, and IPv6 by its /64
 * (one home or server gets a whole /64 and can rotate through it), anything that is not an IP
 * as `undefined`.
 */
export function normaliseIp(raw: string | undefined): string | undefined {
  if (!raw) return undefined
  let ip = raw.trim()
  // "[::1]:1234" and "1.2.3.4:5678" as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip)
  if (bracketed) ip = bracketed[1]!
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(":"))
  const zone = ip.indexOf("%")
  if (zone !== -1) ip = ip.slice(0, zone)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped) ip = mapped[1]!
  const version = isIP(ip)
  if (version === 4) return ip
  if (version !== 6) return undefined
  return `${expandIpv6(ip).slice(0, 4).join(":")}::/64`
}

function expandIpv6(ip: string): string[] {
  const [head, tail] = ip.toLowerCase().split("::") as [string, string | undefined]
  const left = head ? head.split(":") : []
  const right = tail ? tail.split(":") : []
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0")
  return [...left, ...fill, ...right].map((group) => group.replace(/^0+(?=.)/, ""))
}

/**
 * The kit's default resolver: the TCP peer (`req.socket.remoteAddress`) and nothing else, so
 * that no client can pick its own bucket with a header. Where there is no socket (App Router
 * route handlers, `authorize`) the IP is unknown and only the per-address limits apply.
 * With `trustProxy`, the first `X-Forwarded-For` entry instead (then the peer): turn it on
 * only behind a proxy that overwrites that header (most hosting platforms, nginx with
 * `proxy_set_header X-Forwarded-For $remote_addr`), or any client could name its own IP.
 */
export function defaultClientIp(trustProxy: boolean): ClientIpResolver {
  return ({ headers, socketAddress }) => {
    if (trustProxy) {
      const first = header(headers, "x-forwarded-for")?.split(",")[0]
      const forwarded = normaliseIp(first)
      if (forwarded) return forwarded
    }
    return normaliseIp(socketAddress)
  }
}
