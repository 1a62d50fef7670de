// Helpers shared by the repository's scripts. Plain Node, no dependencies: they run on a
// fresh clone before anything is installed.
import { spawnSync } from "node:child_process"
import { existsSync, statSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

export const root = join(dirname(fileURLToPath(import.meta.url)), "..")

/** Runs a command in the repository root, echoing it; returns its exit status. */
export function sh(command, args, options = {}) {
  console.log(`\n$ ${[command, ...args].join(" ")}`)
  const { status } = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options })
  return status ?? 1
}

/**
 * `npm install` (which honours the lockfile) when node_modules is missing or older than it.
 * Not `npm ci`: see .ci/run for why.
 */
export function ensureInstalled() {
  const marker = join(root, "node_modules/.package-lock.json")
  const lock = join(root, "package-lock.json")
  const fresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs
  if (fresh) return
  if (sh("npm", ["install", "--no-audit", "--no-fund"]) !== 0) {
    console.error("[next-auth-kit] npm install failed: see the output above.")
    process.exit(1)
  }
}

/** The Chromium that browser tests drive: CHROMIUM_PATH, or Debian's. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium"
}
