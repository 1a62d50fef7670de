#!/usr/bin/env node
// `npm run playground` (dev server) and `npm run playground:start` (production build): install
// what is missing, build the kit, prepare the database, then start the playground.
//   node scripts/playground.mjs dev|start [--port 3000] [--hostname localhost]
import { spawn } from "node:child_process"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { ensureInstalled, root, sh } from "./lib.mjs"

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: "string", default: "3000" }, hostname: { type: "string", default: "localhost" } },
})
const mode = positionals[0] ?? "dev"
if (mode !== "dev" && mode !== "start") {
  console.error(`[next-auth-kit] Unknown mode ${JSON.stringify(mode)}: use dev or start.`)
  process.exit(2)
}

ensureInstalled()
const playground = join(root, "playground")
const next = join(root, "node_modules/.bin/next")
const step = (command, args, cwd = root) => {
  if (sh(command, args, { cwd }) !== 0) process.exit(1)
}

step("npm", ["run", "build"])
step("node", ["scripts/prepare.mjs"], playground)
if (mode === "start") step(next, ["build"], playground)

const url = `http://${values.hostname}:${values.port}`
console.log(`Starting the playground on ${url}`)
const server = spawn(next, [mode, "--port", values.port, "--hostname", values.hostname], {
  cwd: playground,
  stdio: "inherit",
  env: { NEXTAUTH_URL: url, ...process.env },
})
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal))
server.on("exit", (code) => process.exit(code ?? 0))
