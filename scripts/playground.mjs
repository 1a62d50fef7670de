#!/usr/bin/env node
// `npm run playground` (dev server) and `npm run playground:start` (production build): install
// what is missing, build the kit, prepare the database, start the playground's OpenID Connect
// provider (playground/oidc/server.mjs, on the app's port + 300 or OIDC_PORT), then the playground;
// the provider stops with it.
//   node scripts/playground.mjs dev|start [--port 3000] [--hostname localhost] [--skip-build]
// --skip-build serves the kit's dist/ and the playground's .next as another start left them (a
// second server beside a first one, as the end-to-end tests run two).
// Like `next start` on a hosting platform, the address also comes from the PORT and HOSTNAME
// environment variables; the flags win over them, and NEXTAUTH_URL follows a local address
// unless it (or AUTH_TRUST_HOST) is set.
import { spawn, spawnSync } from "node:child_process"
import { existsSync, statSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { parseArgs } from "node:util"
import { describeOidcProvider, startOidcProvider } from "../playground/oidc/server.mjs"
import { oidcPort } from "../playground/oidc/config.mjs"
import { ensureInstalled, newestChange, root, sh } from "./lib.mjs"

const playgroundDir = join(root, "playground")
const nextBin = join(root, "node_modules/.bin/next")

/**
 * Where the server listens and the NEXTAUTH_URL that goes with it: `--port` / `--hostname`,
 * else `PORT` / `HOSTNAME`, else 3000 / localhost.
 * @param {string[]} argv the arguments after the script
 * @param {Record<string, string | undefined>} env
 * @returns {{ mode: string, port: string, hostname: string, url: string, nextAuthUrl: string | undefined, oidcPort: number, skipBuild: boolean }}
 */
export function serverOptions(argv, env) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: "string" }, hostname: { type: "string" }, "skip-build": { type: "boolean" } },
  })
  const mode = positionals[0] ?? "dev"
  if (mode !== "dev" && mode !== "start") {
    throw new Error(`[next-auth-kit] Unknown mode ${JSON.stringify(mode)}: use dev or start.`)
  }
  // Empty variables count as unset, as a platform's blank setting means "the default".
  const port = values.port || env.PORT || "3000"
  const hostname = values.hostname || env.HOSTNAME || "localhost"
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    throw new Error(`[next-auth-kit] Invalid port ${JSON.stringify(port)}: pass --port or PORT as a number from 1 to 65535.`)
  }
  // Bound to every interface (0.0.0.0, ::), the server is still reached as localhost here; an
  // IPv6 address needs brackets in a URL.
  const wildcard = ["0.0.0.0", "::", "[::]"].includes(hostname)
  const host = wildcard ? "localhost" : hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname
  const url = `http://${host}:${port}`
  // NEXTAUTH_URL follows only a local address. Anything else (a container's HOSTNAME is its id)
  // is not the URL browsers use: the app's own NEXTAUTH_URL, or AUTH_TRUST_HOST behind a proxy,
  // must say it. A loopback address is opened as localhost: passkeys take no IP address as the
  // relying party (docs/passkeys.md).
  const loopback = /^(127\.\d+\.\d+\.\d+|::1|\[::1\])$/.test(hostname)
  const local = wildcard || loopback || hostname === "localhost"
  const nextAuthUrl = env.NEXTAUTH_URL || (env.AUTH_TRUST_HOST || !local ? undefined : loopback ? `http://localhost:${port}` : url)
  return { mode, port, hostname, url, nextAuthUrl, oidcPort: oidcPort(port, env), skipBuild: values["skip-build"] ?? false }
}

/**
 * The playground's production build, for the scripts that measure it (scripts/bench.mjs,
 * scripts/cpu-share.mjs): the database prepared, then `next build`, each with its output kept
 * back and printed only when it fails. The kit must be built already (`npm run build`).
 * @param {{ env?: Record<string, string | undefined>, build?: boolean }} options `build: false`
 * prepares the database only, for a `.next` that is already up to date
 */
export function buildPlayground({ env = process.env, build = true } = {}) {
  const steps = [["playground database", process.execPath, ["scripts/prepare.mjs"]]]
  if (build) steps.push(["next build", nextBin, ["build"]])
  for (const [what, command, args] of steps) {
    const { status, stdout, stderr } = spawnSync(command, args, { cwd: playgroundDir, env, encoding: "utf8", maxBuffer: 64 * 2 ** 20 })
    if (status !== 0) {
      console.error(`$ ${[command, ...args].join(" ")}\n${stdout ?? ""}${stderr ?? ""}`)
      throw new Error(`${what} failed (exit status ${status})`)
    }
  }
}

/**
 * Whether the playground's production build is older than what it is built from: the kit's
 * `dist` (which `npm run build` writes) and the playground's own sources.
 */
export function playgroundBuildIsStale() {
  const built = join(playgroundDir, ".next/BUILD_ID")
  if (!existsSync(built)) return true
  const at = statSync(built).mtimeMs
  const sources = ["app", "components", "lib", "pages", "proxy.ts", "next.config.ts", "styles.css"].map((name) => join(playgroundDir, name))
  return newestChange([join(root, "dist"), ...sources]) > at
}

/**
 * `next start` of the playground's production build on `hostname:port`, its output discarded,
 * in a process group of its own (stopped with it); resolves once `/login` answers.
 * @param {{ port: number, hostname?: string, env?: Record<string, string | undefined>, timeoutMs?: number }} options
 * @returns {Promise<{ server: import("node:child_process").ChildProcess, origin: string, stop: () => void }>}
 */
export async function startPlayground({ port, hostname = "127.0.0.1", env = process.env, timeoutMs = 60_000 }) {
  const origin = `http://${hostname}:${port}`
  const server = spawn(nextBin, ["start", "--port", String(port), "--hostname", hostname], {
    cwd: playgroundDir,
    env,
    stdio: "ignore",
    detached: true,
  })
  const stop = () => {
    try {
      process.kill(-server.pid, "SIGTERM")
    } catch {}
  }
  process.on("exit", stop)
  let exited = null
  server.on("exit", (code) => (exited = code))
  for (let waited = 0; ; waited += 500) {
    if (exited !== null) throw new Error(`next start exited (${exited}) before answering`)
    if (waited > timeoutMs) {
      stop()
      throw new Error(`the playground did not answer within ${timeoutMs / 1000} s of next start`)
    }
    try {
      if ((await fetch(`${origin}/login`)).ok) break
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return { server, origin, stop }
}

/**
 * Signs in through next-auth's Credentials callback over HTTP, as the login form does: a CSRF
 * token, then the callback with the provider's `fields` (`email` and `password`, or `passkey`).
 * @param {string} origin the playground's origin
 * @param {Record<string, string>} fields
 * @returns {Promise<string>} the session cookie, as `Cookie` header text
 */
export async function credentialsSignIn(origin, fields) {
  const csrf = await fetch(`${origin}/api/auth/csrf`)
  const { csrfToken } = await csrf.json()
  const jar = new Map()
  const keep = (response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";")
      const eq = pair.indexOf("=")
      jar.set(pair.slice(0, eq), pair.slice(eq + 1))
    }
  }
  keep(csrf)
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ")
  const answer = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ ...fields, csrfToken, callbackUrl: `${origin}/`, json: "true" }),
  })
  keep(answer)
  const session = [...jar].filter(([name]) => name.includes("next-auth.session-token"))
  if (!session.length) throw new Error(`the sign-in (${Object.keys(fields).join(", ")}) answered ${answer.status} without a session cookie`)
  // Only the session cookie: the callback-url and CSRF cookies are the sign-in pages'.
  return session.map(([name, value]) => `${name}=${value}`).join("; ")
}

async function main() {
  let options
  try {
    options = serverOptions(process.argv.slice(2), process.env)
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(2)
  }
  const { mode, port, hostname, url, nextAuthUrl, skipBuild } = options
  if (!nextAuthUrl && !process.env.AUTH_TRUST_HOST) {
    console.warn(
      `[next-auth-kit] ${hostname} is not a local address: set NEXTAUTH_URL to the URL browsers use, or AUTH_TRUST_HOST=1 behind a proxy.`,
    )
  }

  ensureInstalled()
  const playground = playgroundDir
  const next = nextBin
  const step = (command, args, cwd = root) => {
    if (sh(command, args, { cwd }) !== 0) process.exit(1)
  }

  if (!skipBuild) step("npm", ["run", "build"])
  step("node", ["scripts/prepare.mjs"], playground)
  if (mode === "start" && !skipBuild) step(next, ["build"], playground)

  // The client's redirect URI is the app's callback, on the URL browsers use.
  let oidc
  try {
    oidc = await startOidcProvider({ port: options.oidcPort, appUrl: nextAuthUrl ?? url })
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
  console.log(`${describeOidcProvider(oidc.issuer)}\n`)

  console.log(`Starting the playground on ${hostname}:${port}: open ${nextAuthUrl ?? url}`)
  const env = { ...process.env, OIDC_ISSUER: oidc.issuer, ...(nextAuthUrl ? { NEXTAUTH_URL: nextAuthUrl } : {}) }
  const server = spawn(next, [mode, "--port", port, "--hostname", hostname], { cwd: playground, stdio: "inherit", env })
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal))
  // The provider runs in this process: it ends with it.
  server.on("exit", (code) => process.exit(code ?? 0))
}

// Run when executed, not when imported (to test serverOptions).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main()
