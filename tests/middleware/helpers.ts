import { NextRequest } from "next/server.js"
import { vi } from "vitest"

/** A request as Next.js hands it to the middleware (the pathname without the basePath). */
export function request(path: string, init: { cookie?: string; basePath?: string; headers?: Record<string, string> } = {}) {
  const { cookie, basePath, headers = {} } = init
  return new NextRequest(`http://localhost:3000${basePath ?? ""}${path}`, {
    headers: { ...headers, ...(cookie ? { cookie } : {}) },
    ...(basePath ? { nextConfig: { basePath } } : {}),
  })
}

export const passes = (response: Response) => response.headers.get("x-middleware-next") === "1"
export const location = (response: Response) => response.headers.get("location")

/**
 * The environment next-auth reads for the cookie name and the secret, cleared for a test (and
 * restored by `vi.unstubAllEnvs()`), so a developer's or CI's own values cannot leak in.
 */
export function clearAuthEnv() {
  for (const name of ["NEXTAUTH_URL", "AUTH_TRUST_HOST", "VERCEL", "NEXTAUTH_SECRET", "AUTH_SECRET"]) {
    vi.stubEnv(name, undefined)
  }
}
