/** Helpers shared by the auth and account handlers (internal to `next-auth-kit/msw`). */
import { delay as wait } from "msw"

/** 32 random bytes, hex. */
export function randomToken(): string {
  const bytes = new Uint8Array(32)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")
}

/** Latency of every answer, as the `delay` options describe it. */
export function latencyOf(delay: number | "infinite" | undefined): () => Promise<void> {
  return async () => {
    if (delay === "infinite") await wait("infinite")
    else if (delay) await wait(delay)
  }
}

/** A path without its trailing slashes ("/" stays "/"). */
export const trimPath = (path: string) => path.replace(/(.)\/+$/, "$1")
