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
 * How many proxies stand in front of the app: `{ hops: 1 }` behind one (a load balancer, a
 * CDN), `{ hops: 2 }` behind two. `true` is 0.2's "the first `X-Forwarded-For` entry",
 * deprecated: a client writes that entry itself when its proxy appends to the header.
 *
 * @example
 * ```ts
 * const behindOneProxy: TrustProxy = { hops: 1 }
 * ```
 */
export type TrustProxy = boolean | { hops: number }

/**
 * The kit's default resolver. Each proxy appends the address it was reached from to
 * `X-Forwarded-For`, so only the last `hops` entries were written by machines the app trusts:
 * with `{ hops: n }` the client is the entry `n` from the right (with `n` = 1, the last one).
 * Without proxies (the default), the TCP peer when the host hands it over (the Pages Router),
 * else the address that Next.js itself wrote into `X-Forwarded-For` from the socket: the last
 * entry, which is the socket's peer whenever nothing in front of Next.js sent the header (a
 * client that sends its own header is then counted under the address it names: put the app
 * behind a proxy and give `hops` where that matters). Nothing that is not an IP is used.
 */
export function defaultClientIp(trustProxy: TrustProxy): ClientIpResolver {
  const forwarded = (headers: ClientIpSource["headers"]) =>
    (header(headers, "x-forwarded-for") ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean)
  if (trustProxy === true) {
    return ({ headers, socketAddress }) => normaliseIp(forwarded(headers)[0]) ?? normaliseIp(socketAddress)
  }
  const hops = trustProxy === false ? 0 : trustProxy.hops
  return ({ headers, socketAddress }) => {
    if (hops === 0) {
      const socket = normaliseIp(socketAddress)
      if (socket) return socket
      const entries = forwarded(headers)
      return normaliseIp(entries[entries.length - 1])
    }
    const entries = forwarded(headers)
    // Fewer entries than proxies: the request did not come through them all; the peer then.
    return entries.length >= hops ? normaliseIp(entries[entries.length - hops]) : normaliseIp(socketAddress)
  }
}
