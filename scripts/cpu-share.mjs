#!/usr/bin/env node
// The kit's share of a protected route's CPU under load: the playground's production build
// (`next start`) serving `/api/me` (withAuth) to autocannon with one signed-in user's cookie,
// the server's main thread profiled (V8's sampling profiler, scripts/cpu-profiler.cjs) over
// each load window. Every sample's own time (self time) goes to the function it was in; a
// function in one of Next.js's server chunks is traced through the chunk's source map to its
// original file, and it is the kit's when that file is in the kit's `dist` (what the app
// bundles): the app's own handler and lib, next, next-auth, React, jose, libSQL and Node's
// internals are not. The share is the kit's self time over the main thread's busy time (every
// sample but idle ones: garbage collection and the engine's own work included); the median of
// the rounds is reported, with the kit's µs a request.
//
//   node scripts/cpu-share.mjs [--seconds 4] [--rounds 3] [--connections 10] [--port 3210]
//                              [--build | --no-build] [--top 12] [--json]
//
// The kit and the playground are built when their builds are older than their sources (`--build`
// always, `--no-build` never). scripts/bench.mjs calls measureCpuShare() with the builds done.
import { execFileSync, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { dirname, join, resolve, sep } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { parseArgs } from "node:util"
import { ensureInstalled, kitBuildIsStale, root } from "./lib.mjs"
import { buildPlayground, credentialsSignIn, playgroundBuildIsStale, startPlayground } from "./playground.mjs"

const SECRET = "cpu-share-secret-0123456789abcdef0123456789"
const DEMO = { email: "ada@example.com", password: "ada-password" }
const kitDist = join(root, "dist") + sep
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Builds what is older than its sources (`force`: everything; `false`: nothing). */
export function ensureBuilt({ build, env, log = console.log } = {}) {
  if (build === true || (build !== false && kitBuildIsStale())) {
    log("building the kit (npm run build)")
    const { status, stdout, stderr } = spawnSync("npm", ["run", "build"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 2 ** 20 })
    if (status !== 0) throw new Error(`npm run build failed\n${stdout}${stderr}`)
  }
  const stale = build === true || (build !== false && playgroundBuildIsStale())
  if (stale) log("building the playground (next build)")
  buildPlayground({ env, build: stale })
}

/** Loads a chunk's source map once; `null` for a file without one. */
function sourceMaps(TraceMap) {
  const maps = new Map()
  return (file) => {
    if (maps.has(file)) return maps.get(file)
    let map = null
    try {
      if (existsSync(`${file}.map`)) {
        const raw = JSON.parse(readFileSync(`${file}.map`, "utf8"))
        if (raw.mappings || raw.sections) map = new TraceMap(raw, `${file}.map`)
      }
    } catch {}
    maps.set(file, map)
    return map
  }
}

/**
 * Attributes a profile's self time: the kit's (by original source under dist/), the rest, idle.
 * @returns {{ busyUs: number, kitUs: number, byFunction: Map<string, number> }}
 */
export function attribute(profile, { mapOf, originalPositionFor }) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const kitOf = new Map() // node id -> "function (dist/file)" or null
  const classify = (node) => {
    if (kitOf.has(node.id)) return kitOf.get(node.id)
    let where = null
    const { url, lineNumber, columnNumber, functionName } = node.callFrame
    if (url && lineNumber >= 0) {
      const file = url.startsWith("file://") ? fileURLToPath(url) : url
      if (file.startsWith(kitDist)) where = `${functionName || "(anonymous)"} (${file.slice(root.length + 1)})`
      else {
        const map = file.endsWith(".js") ? mapOf(file) : null
        if (map) {
          const original = originalPositionFor(map, { line: lineNumber + 1, column: columnNumber })
          const source = original.source && (original.source.startsWith("file://") ? fileURLToPath(original.source) : resolve(original.source))
          if (source?.startsWith(kitDist)) {
            where = `${original.name ?? functionName ?? "(anonymous)"} (${source.slice(root.length + 1)}:${original.line})`
          }
        }
      }
    }
    kitOf.set(node.id, where)
    return where
  }
  let busyUs = 0
  let kitUs = 0
  const byFunction = new Map()
  const { samples, timeDeltas } = profile
  for (let i = 0; i < samples.length; i++) {
    // A sample lasts until the next one; the last, as long as the one before it.
    const us = timeDeltas[i + 1] ?? timeDeltas[i] ?? 0
    const node = nodes.get(samples[i])
    if (!node || node.callFrame.functionName === "(idle)") continue
    busyUs += us
    const where = classify(node)
    if (where) {
      kitUs += us
      byFunction.set(where, (byFunction.get(where) ?? 0) + us)
    }
  }
  return { busyUs, kitUs, byFunction }
}

/** CPU time (user + system, µs) of every process in a process group, from /proc. */
function groupCpuUs(pgid) {
  const tick = 1e6 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim() || 100)
  const pids = execFileSync("ps", ["-o", "pid=", "-g", String(pgid)], { encoding: "utf8" }).trim().split(/\s+/)
  let total = 0
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")
      total += (Number(fields[11]) + Number(fields[12])) * tick
    } catch {}
  }
  return total
}

/**
 * Starts the playground with the profiler preloaded, signs in, and measures `rounds` load
 * windows of `seconds` each on `path`. The builds must be done (see {@link ensureBuilt}).
 */
export async function measureCpuShare({
  seconds = 4,
  rounds = 3,
  connections = 10,
  port = 3210,
  path = "/api/me",
  warmUpSeconds = 2,
  intervalUs = 200,
  log = console.log,
} = {}) {
  const { default: autocannon } = await import("autocannon")
  const { TraceMap, originalPositionFor } = await import("@jridgewell/trace-mapping")
  const work = join(root, ".tmp/cpu-share")
  const profiles = join(work, "profiles")
  rmSync(profiles, { recursive: true, force: true })
  mkdirSync(profiles, { recursive: true })
  const origin = `http://127.0.0.1:${port}`
  try {
    await fetch(`${origin}/`, { signal: AbortSignal.timeout(2000) })
    throw new Error(`something already answers on port ${port}: stop it, or pass --port`)
  } catch (error) {
    if (String(error.message).startsWith("something")) throw error
  }
  const env = {
    ...process.env,
    NEXTAUTH_SECRET: SECRET,
    // localhost, not the address it listens on: passkeys take no IP address as the relying party.
    NEXTAUTH_URL: `http://localhost:${port}`,
    DATABASE_URL: `file:${join(work, "playground.db")}`,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${join(root, "scripts/cpu-profiler.cjs")}`].filter(Boolean).join(" "),
    CPU_PROFILE_DIR: profiles,
    CPU_PROFILE_INTERVAL_US: String(intervalUs),
  }
  buildPlayground({ env, build: false }) // the database: migrated and seeded
  const { server, stop } = await startPlayground({ port, env })
  try {
    const cookie = await credentialsSignIn(origin, DEMO)
    const me = await fetch(`${origin}${path}`, { headers: { cookie } })
    if (me.status !== 200) throw new Error(`${path} answered ${me.status} to the signed-in cookie`)
    const run = (duration) => autocannon({ url: origin + path, connections, duration, headers: { cookie } })
    log(`cpu-share: ${origin}${path}, ${connections} connections, ${warmUpSeconds} s warm-up, ${rounds} × ${seconds} s profiled`)
    await run(warmUpSeconds)
    const pids = () => execFileSync("ps", ["-o", "pid=", "-g", String(server.pid)], { encoding: "utf8" }).trim().split(/\s+/).map(Number)
    const toggle = () => {
      for (const pid of pids()) {
        try {
          process.kill(pid, "SIGUSR2")
        } catch {}
      }
    }
    const mapOf = sourceMaps(TraceMap)
    const results = []
    for (let round = 1; round <= rounds; round++) {
      const before = new Set(readdirSync(profiles))
      toggle()
      await sleep(300) // the profiler started in every process
      const cpuBefore = groupCpuUs(server.pid)
      const result = await run(seconds)
      const cpuUs = groupCpuUs(server.pid) - cpuBefore
      toggle()
      let done = []
      for (let waited = 0; waited < 30_000; waited += 100) {
        await sleep(100)
        done = readdirSync(profiles).filter((name) => name.endsWith(".done") && !before.has(name))
        if (done.length >= pids().length) break
      }
      // The process that served the requests: the profile with the most busy time.
      let best = null
      for (const name of done) {
        const profile = JSON.parse(readFileSync(join(profiles, name.replace(/\.done$/, ".cpuprofile")), "utf8"))
        const attributed = attribute(profile, { mapOf, originalPositionFor })
        if (!best || attributed.busyUs > best.busyUs) best = attributed
      }
      if (!best) throw new Error("no profile was written")
      const requests = result.requests.total
      const row = {
        requests,
        rps: result.requests.average,
        bad: result.errors + result.non2xx,
        share: best.kitUs / best.busyUs,
        kitUsPerRequest: best.kitUs / requests,
        busyUsPerRequest: best.busyUs / requests,
        processUsPerRequest: cpuUs / requests,
        byFunction: best.byFunction,
      }
      results.push(row)
      log(
        `  round ${round}: ${requests} requests (${row.rps.toFixed(0)}/s, ${row.bad} errors + non-2xx); kit ${(row.share * 100).toFixed(2)} % of the main thread's busy time, ` +
          `${row.kitUsPerRequest.toFixed(1)} µs of ${row.busyUsPerRequest.toFixed(0)} µs a request (the process, all threads: ${row.processUsPerRequest.toFixed(0)} µs)`,
      )
    }
    const byFunction = new Map()
    for (const row of results) for (const [name, us] of row.byFunction) byFunction.set(name, (byFunction.get(name) ?? 0) + us / row.requests / results.length)
    return {
      seconds,
      rounds,
      connections,
      path,
      share: median(results.map((r) => r.share)),
      kitUsPerRequest: median(results.map((r) => r.kitUsPerRequest)),
      busyUsPerRequest: median(results.map((r) => r.busyUsPerRequest)),
      processUsPerRequest: median(results.map((r) => r.processUsPerRequest)),
      rps: median(results.map((r) => r.rps)),
      bad: results.reduce((n, r) => n + r.bad, 0),
      shares: results.map((r) => r.share),
      results: results.map(({ byFunction: _, ...row }) => row),
      top: [...byFunction].sort((a, b) => b[1] - a[1]),
    }
  } finally {
    stop()
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "4" },
      rounds: { type: "string", default: "3" },
      connections: { type: "string", default: "10" },
      port: { type: "string", default: "3210" },
      build: { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      top: { type: "string", default: "12" },
      json: { type: "boolean", default: false },
    },
  })
  ensureInstalled()
  ensureBuilt({
    build: values.build ? true : values["no-build"] ? false : undefined,
    env: { ...process.env, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: `http://localhost:${values.port}`, DATABASE_URL: `file:${join(root, ".tmp/cpu-share/playground.db")}` },
  })
  const result = await measureCpuShare({
    seconds: Number(values.seconds),
    rounds: Number(values.rounds),
    connections: Number(values.connections),
    port: Number(values.port),
  })
  if (values.json) return console.log(JSON.stringify({ ...result, top: result.top.slice(0, Number(values.top)) }, null, 2))
  const pct = (n) => `${(n * 100).toFixed(2)} %`
  console.log(
    `\nkit share of ${result.path}'s CPU (median of ${result.rounds} rounds of ${result.seconds} s): ${pct(result.share)} ` +
      `(rounds: ${result.shares.map(pct).join(", ")}); ${result.kitUsPerRequest.toFixed(1)} µs of ${result.busyUsPerRequest.toFixed(0)} µs ` +
      `a request on the main thread, ${result.processUsPerRequest.toFixed(0)} µs in the whole process; ${result.rps.toFixed(0)} req/s; ${result.bad} errors + non-2xx`,
  )
  console.log(`\nthe kit's functions, self µs a request (mean over the rounds):`)
  for (const [name, us] of result.top.slice(0, Number(values.top))) console.log(`  ${us.toFixed(2).padStart(7)}  ${name}`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
