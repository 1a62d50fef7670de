import type { NextConfig } from "next"

// Passkeys need a domain as the relying party (docs/passkeys.md): on where NEXTAUTH_URL names one
// (`npm run playground` sets http://localhost:<port>), off — everything else working — where it
// names an IP address or is unset (behind a proxy with AUTH_TRUST_HOST), instead of every request
// failing the relying party's start-up check. lib/auth-config.ts reads it on server and client.
const passkeysHost = (() => {
  try {
    const host = new URL(process.env.NEXTAUTH_URL ?? "").hostname
    return /^[\d.]+$|^\[/.test(host) ? null : host
  } catch {
    return null
  }
})()
if (!passkeysHost) {
  console.warn(
    `[playground] Passkeys are off: NEXTAUTH_URL (${process.env.NEXTAUTH_URL ?? "unset"}) names no domain. Open the playground at http://localhost:<port> with NEXTAUTH_URL set to it to try them.`,
  )
}

const config: NextConfig = {
  reactStrictMode: true,
  // The kit is linked from the repository root; let Next.js compile it like app code.
  transpilePackages: ["next-auth-kit"],
  env: { PLAYGROUND_PASSKEYS: passkeysHost ? "on" : "off" },
}

export default config
