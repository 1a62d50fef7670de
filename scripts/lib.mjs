// Helpers shared by the repository's scripts. Plain Node, no dependencies: they run on a
// fresh clone before anything is installed.
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
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
 * `npm ci` (exactly the tree package-lock.json records, from scratch) in `dir` when its
 * node_modules is missing or out of step with its lockfile; nothing when it is up to date, so
 * local runs stay quick. `dir` is the repository (the default) or one of {@link compatFolders}.
 */
export function ensureInstalled(dir = root) {
  if (isInstalled(dir)) return
  if (sh("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir }) !== 0) {
    console.error(`[next-auth-kit] npm ci failed in ${dir}: see the output above (is package-lock.json in step with package.json?).`)
    process.exit(1)
  }
}

/**
 * Whether `dir/node_modules` holds what `dir/package-lock.json` lists: npm's own record of it
 * is newer than the lockfile, and every package the lockfile requires is there at its version
 * (npm's record alone is not enough: `npm install --package-lock-only` rewrites it too).
 */
export function isInstalled(dir = root) {
  const marker = join(dir, "node_modules/.package-lock.json")
  const lock = join(dir, "package-lock.json")
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) return false
  const { packages } = JSON.parse(readFileSync(lock, "utf8"))
  // Nothing the lockfile no longer lists (a dependency removed) at the top level…
  const top = readdirSync(join(dir, "node_modules")).filter((name) => !name.startsWith("."))
  const names = top.flatMap((name) => (name.startsWith("@") ? readdirSync(join(dir, "node_modules", name)).map((sub) => `${name}/${sub}`) : [name]))
  if (names.some((name) => !packages[`node_modules/${name}`])) return false
  // …and everything it lists, at its version.
  return Object.entries(packages).every(([path, entry]) => {
    // Optional packages (other platforms' builds) may be absent; links are workspaces.
    if (!path.includes("node_modules/") || entry.optional || entry.devOptional || entry.link) return true
    try {
      return JSON.parse(readFileSync(join(dir, path, "package.json"), "utf8")).version === entry.version
    } catch {
      return false
    }
  })
}

/**
 * The latest modification time (ms) of the files under `paths` (files or folders, searched
 * recursively; `node_modules` and dot-folders skipped), 0 for none.
 */
export function newestChange(paths) {
  let newest = 0
  const visit = (path) => {
    let stat
    try {
      stat = statSync(path)
    } catch {
      return
    }
    if (!stat.isDirectory()) return void (newest = Math.max(newest, stat.mtimeMs))
    for (const name of readdirSync(path)) if (name !== "node_modules" && !name.startsWith(".")) visit(join(path, name))
  }
  for (const path of paths) visit(path)
  return newest
}

/** Whether the kit's build (`dist`) is older than its sources, or missing. */
export function kitBuildIsStale() {
  const built = join(root, "dist/server.js")
  if (!existsSync(built)) return true
  return newestChange([join(root, "src"), join(root, "tsup.config.ts"), join(root, "package.json")]) > statSync(built).mtimeMs
}

/**
 * Folders with a package.json and lockfile of their own that the Vitest projects load other
 * versions of the peers from (see vitest.config.ts): React 18 for the client tests, and the
 * next-auth releases of the fast session reader's differential suite.
 */
export const compatFolders = ["compat/react18", "compat/next-auth"].map((dir) => join(root, dir))

/** {@link ensureInstalled} for each of {@link compatFolders}. */
export function ensureCompatInstalled() {
  for (const dir of compatFolders) ensureInstalled(dir)
}

/** The Chromium that browser tests drive: CHROMIUM_PATH, or Debian's. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium"
}

/** How the Playwright suites (the playground's and the compatibility rows') launch that Chromium. */
export function chromiumLaunchOptions() {
  return {
    executablePath: chromiumPath(),
    args: [
      "--no-sandbox",
      "--disable-dev-shm-usage",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  }
}
