import type { NextConfig } from "next"

const config: NextConfig = {
  reactStrictMode: true,
  // The kit is linked from the repository root; let Next.js compile it like app code.
  transpilePackages: ["next-auth-kit"],
}

export default config
