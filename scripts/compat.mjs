#!/usr/bin/env node
// `npm run test:compat`: the packed package in a small consumer app (compat/app) on each row of
// peers (compat/rows/<row>: a package.json and the lockfile it installs from), built with
// `next build`, served with `next start`, and checked over HTTP and in Chromium
// (tests/compat/app.spec.ts). Rows run one after another (a build takes both cores), in a
// scratch folder outside the repository, so nothing resolves from the repository's own
// node_modules; they share npm's cache (the one the repository installs into).
//
//   node scripts/compat.mjs [--row <name>]... [--lock] [--keep]
//
// --row    only these rows
// --lock   re-resolve each row's lockfile (after a change to its package.json or to the kit's
//          dependencies) and write it back to compat/rows/<row>/package-lock.json
// --keep   keep the scratch folders (in COMPAT_WORK_DIR, else a new <tmp>/next-auth-kit-compat-*)
// --table  write the support table of this run into docs/support.md (a run of every row only);
//          a plain run (as in `npm test`) writes nothing in the repository
//
// The last row also builds and serves each app of examples/ (the README's quick starts) on its
// installed packages, checked by tests/compat/example.spec.ts.
import { spawn, spawnSync } from "node:child_process"
import { closeSync, cpSync, existsSync, openSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { root, sh } from "./lib.mjs"

const { values: args } = parseArgs({
  options: { row: { type: "string", multiple: true }, lock: { type: "boolean" }, keep: { type: "boolean" }, table: { type: "boolean" } },
})
const rowsDir = join(root, "compat/rows")
const allRows = readdirSync(rowsDir).sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
const rows = args.row?.length ? allRows.filter((row) => args.row.includes(row)) : allRows
if (args.row?.some((row) => !allRows.includes(row))) {
  console.error(`[next-auth-kit] Unknown row: the rows are ${allRows.join(", ")}.`)
  process.exit(2)
}
// A folder of its own for every run: two runs at once (two checkouts) never meet.
const work = process.env.COMPAT_WORK_DIR || mkdtempSync(join(tmpdir(), "next-auth-kit-compat-"))
const results = join(root, ".tmp/test-results")
const secret = "compat-secret-for-the-compatibility-suite-only-0123456789"
const npmFlags = ["--prefer-offline", "--no-audit", "--no-fund"]
mkdirSync(work, { recursive: true })
mkdirSync(results, { recursive: true })

const seconds = (since) => Math.round((Date.now() - since) / 100) / 10
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"))
const writeJson = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`)

/** The newest modification time of the files under `path` (or of `path` itself), in ms. */
function newest(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
}

// The package as users get it: built (unless dist/ is newer than everything it is built from,
// as after `npm test`'s earlier stages), then packed.
let started = Date.now()
const sources = ["src", "package.json", "tsup.config.ts", "tailwind.config.ts", "postcss.config.mjs"].map((path) => newest(join(root, path)))
// tailwind writes dist/styles.css last.
const distBuiltAt = existsSync(join(root, "dist/styles.css")) ? statSync(join(root, "dist/styles.css")).mtimeMs : 0
if (distBuiltAt > Math.max(...sources)) console.log("[compat] dist/ is up to date with src/: packing it as it is")
else if (sh("npm", ["run", "build"]) !== 0) process.exit(1)
const packed = spawnSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: root, encoding: "utf8" })
if (packed.status !== 0) {
  console.error(packed.stderr)
  process.exit(1)
}
const tarball = join(work, JSON.parse(packed.stdout)[0].filename)
const packSeconds = seconds(started)
console.log(`[compat] packed ${tarball} (${packSeconds} s)`)

/** A free port on loopback. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Waits until `url` answers (any status), or throws after `ms`. */
async function waitFor(url, ms, server) {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`)
    try {
      await fetch(url, { redirect: "manual" })
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`)
}

/** The versions a row installed, as its lockfile records them. */
function installedVersions(dir) {
  const { packages } = readJson(join(dir, "package-lock.json"))
  const version = (name) => packages[`node_modules/${name}`]?.version ?? "?"
  return { next: version("next"), react: version("react"), "react-dom": version("react-dom"), "next-auth": version("next-auth"), typescript: version("typescript") }
}

/** Replaces each `known-issue:<id>` comment of the app's sources: @ts-expect-error for the row's issues, nothing otherwise. */
function markKnownIssues(dir, issues) {
  const ids = new Set(issues.map((issue) => issue.id))
  const visit = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) visit(path)
      else if (/\.tsx?$/.test(entry.name)) {
        const text = readFileSync(path, "utf8")
        const marked = text.replace(/\{\/\* known-issue:([\w-]+) \*\/\}/g, (_, id) =>
          ids.has(id) ? `{/* @ts-expect-error known issue ${id}: see the row's known-issues.json */}` : "",
        )
        if (marked !== text) writeFileSync(path, marked)
      }
    }
  }
  for (const folder of ["app", "pages", "components", "lib"]) if (existsSync(join(dir, folder))) visit(join(dir, folder))
}

/** Serves a built app with `next start` and runs the checks against it; stops the server. */
async function serveAndCheck(dir, env, report, checkEnv) {
  const outcome = { ok: false, tests: { passed: 0, failed: 0, skipped: 0 }, failedAt: undefined }
  const port = await freePort()
  // localhost, not 127.0.0.1: an IP address is no WebAuthn relying party id, and examples/accounts
  // has passkeys on. The server listens on 127.0.0.1, where the browser resolves localhost.
  const baseURL = `http://localhost:${port}`
  rmSync(report, { force: true })
  console.log(`\n$ next start --port ${port} --hostname 127.0.0.1`)
  // The server writes its output into a file (the checks run in a child this process waits for
  // without an event loop): a check may read what the app logged (an email's link); shown after.
  const serverLog = `${report}.server.log`
  const logFd = openSync(serverLog, "w")
  const server = spawn(join(dir, "node_modules/.bin/next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: dir,
    env: { ...env, NEXTAUTH_URL: baseURL },
    stdio: ["ignore", logFd, logFd],
    detached: true,
  })
  closeSync(logFd)
  try {
    await waitFor(`${baseURL}/login`, 60_000, server)
    const status = sh("npx", ["playwright", "test", "--config", "tests/compat/playwright.config.ts"], {
      env: { ...env, ...checkEnv, COMPAT_BASE_URL: baseURL, COMPAT_REPORT: report, COMPAT_SERVER_LOG: serverLog },
    })
    if (existsSync(report)) {
      const { stats } = readJson(report)
      outcome.tests = { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped }
    }
    outcome.ok = status === 0 && outcome.tests.failed === 0 && outcome.tests.passed > 0
    if (!outcome.ok) outcome.failedAt = "checks"
  } catch (error) {
    console.error(`[compat] ${dir}: ${error instanceof Error ? error.message : error}`)
    outcome.failedAt = "start"
  } finally {
    // The server and anything it started: its own process group.
    try {
      process.kill(-server.pid, "SIGTERM")
    } catch {}
    console.log(`\n[compat] next start's output:\n${readFileSync(serverLog, "utf8")}`)
  }
  return outcome
}

/**
 * Each app of examples/, on the packages a row installed (its node_modules, moved in and back):
 * the files as the README shows them, built and checked. An example's package.json must not need
 * anything the row did not install.
 */
async function runExamples(rowDir, rowEnv) {
  const installed = readJson(join(rowDir, "package.json"))
  const have = { ...installed.dependencies, ...installed.devDependencies }
  const outcomes = []
  for (const name of readdirSync(join(root, "examples")).sort()) {
    const since = Date.now()
    const outcome = { example: name, ok: false, tests: { passed: 0, failed: 0, skipped: 0 }, seconds: {} }
    outcomes.push(outcome)
    console.log(`\n[compat] examples/${name}`)
    const dir = join(work, `example-${name}`)
    rmSync(dir, { recursive: true, force: true })
    cpSync(join(root, "examples", name), dir, { recursive: true })
    const wanted = readJson(join(dir, "package.json"))
    const missing = Object.keys({ ...wanted.dependencies, ...wanted.devDependencies }).filter((dep) => !(dep in have))
    if (missing.length) {
      console.error(`[compat] examples/${name} needs ${missing.join(", ")}, which the row does not install`)
      outcome.failedAt = "install"
      continue
    }
    renameSync(join(rowDir, "node_modules"), join(dir, "node_modules"))
    try {
      const env = { ...rowEnv, DEMO_PASSWORD: "a demo password for the examples only" }
      const built = sh(join(dir, "node_modules/.bin/next"), ["build"], { cwd: dir, env }) === 0
      outcome.seconds.build = seconds(since)
      if (!built) outcome.failedAt = "build"
      else {
        const checked = await serveAndCheck(dir, env, join(results, `compat-example-${name}.json`), { COMPAT_EXAMPLE: name })
        Object.assign(outcome, { ok: checked.ok, tests: checked.tests, failedAt: checked.failedAt })
      }
    } finally {
      renameSync(join(dir, "node_modules"), join(rowDir, "node_modules"))
      if (!args.keep) rmSync(dir, { recursive: true, force: true })
    }
    outcome.seconds.total = seconds(since)
    console.log(`[compat] examples/${name}: ${outcome.ok ? "pass" : `FAIL at ${outcome.failedAt}`} (${outcome.tests.passed} checks, ${outcome.seconds.total} s)`)
  }
  return outcomes
}

/** One row: install, build, serve, check. */
async function runRow(row, examplesOnThisRow) {
  const result = { row, ok: false, versions: {}, seconds: {}, tests: { passed: 0, failed: 0, skipped: 0 } }
  const dir = join(work, row)
  const step = (name, fn) => {
    const since = Date.now()
    const ok = fn()
    result.seconds[name] = seconds(since)
    if (!ok) result.failedAt ??= name
    return ok
  }
  console.log(`\n[compat] ${row}`)
  rmSync(dir, { recursive: true, force: true })
  cpSync(join(root, "compat/app"), dir, { recursive: true })
  cpSync(join(rowsDir, row, "package.json"), join(dir, "package.json"))
  cpSync(tarball, join(dir, "next-auth-kit.tgz"))
  const lock = join(rowsDir, row, "package-lock.json")
  const pkg = readJson(join(dir, "package.json"))
  const nextMajor = Number(/\d+/.exec(pkg.dependencies.next)[0])
  // Next.js 16 runs proxy.ts (Node.js); 14 and 15 run middleware.ts (the Edge runtime).
  if (nextMajor >= 16) renameSync(join(dir, "middleware.ts"), join(dir, "proxy.ts"))
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_SECRET: secret }
  // Known issues of the kit on this row (compat/rows/<row>/known-issues.json): the app marks the
  // lines each one breaks with a `known-issue:<id>` comment, which becomes @ts-expect-error here, so
  // the row fails again (an unused directive) as soon as the issue is fixed.
  const knownIssuesFile = join(rowsDir, row, "known-issues.json")
  result.knownIssues = existsSync(knownIssuesFile) ? readJson(knownIssuesFile) : []
  markKnownIssues(dir, result.knownIssues)

  const installed = step("install", () => {
    if (args.lock || !existsSync(lock)) {
      if (sh("npm", ["install", "--package-lock-only", ...npmFlags], { cwd: dir, env }) !== 0) return false
      // The tarball is built afresh for every run: its hash has no place in the lockfile.
      const written = readJson(join(dir, "package-lock.json"))
      delete written.packages["node_modules/next-auth-kit"].integrity
      writeJson(join(dir, "package-lock.json"), written)
      cpSync(join(dir, "package-lock.json"), lock)
    } else {
      cpSync(lock, join(dir, "package-lock.json"))
    }
    return sh("npm", ["ci", ...npmFlags], { cwd: dir, env }) === 0
  })
  result.versions = installedVersions(dir)
  const built = installed && step("build", () => sh(join(dir, "node_modules/.bin/next"), ["build"], { cwd: dir, env }) === 0)

  if (built) {
    const since = Date.now()
    const report = join(results, `compat-${row}.json`)
    const checked = await serveAndCheck(dir, env, report, { COMPAT_APP_DIR: dir, COMPAT_ROW: row, COMPAT_NEXT_MAJOR: String(nextMajor) })
    result.tests = checked.tests
    result.ok = checked.ok
    if (!result.ok) result.failedAt ??= checked.failedAt
    result.seconds.checks = seconds(since)
    if (examplesOnThisRow) result.examples = await runExamples(dir, env)
  }
  result.seconds.total = Object.values(result.seconds).reduce((a, b) => a + b, 0)
  if (!args.keep) rmSync(dir, { recursive: true, force: true })
  return result
}

started = Date.now()
const rowResults = []
// The examples run on the newest row (the last one), which their package.json files name.
for (const row of rows) rowResults.push(await runRow(row, row === allRows.at(-1)))
const summary = { date: new Date().toISOString(), node: process.version, packSeconds, seconds: seconds(started) + packSeconds, rows: rowResults }
writeJson(join(results, "compat.json"), summary)

const table = [
  "| row | next | react, react-dom | next-auth | middleware | result | install | build | checks |",
  "|---|---|---|---|---|---|---|---|---|",
  ...rowResults.map(({ row, ok, failedAt, versions, seconds: s, tests, knownIssues }) => {
    const major = Number(/\d+/.exec(versions.next)?.[0])
    const middleware = major >= 16 ? "`proxy.ts` (Node.js)" : "`middleware.ts` (Edge)"
    const known = knownIssues.length ? `, known issue: ${knownIssues.map((issue) => issue.id).join(", ")}` : ""
    const outcome = ok ? `pass (${tests.passed} checks${known})` : `**FAIL** at ${failedAt}${tests.failed ? ` (${tests.failed} of ${tests.passed + tests.failed} checks)` : ""}${known}`
    const time = (value) => (value === undefined ? "–" : `${Math.round(value)} s`)
    return `| ${row} | ${versions.next} | ${versions.react}, ${versions["react-dom"]} | ${versions["next-auth"]} | ${middleware} | ${outcome} | ${time(s.install)} | ${time(s.build)} | ${time(s.checks)} |`
  }),
].join("\n")
const examples = rowResults.flatMap((r) => r.examples ?? [])
const examplesLine = examples.length
  ? `\nExamples (${allRows.at(-1)}): ${examples.map((e) => `${e.example} ${e.ok ? `pass (${e.tests.passed} checks)` : `**FAIL** at ${e.failedAt}`}`).join(", ")}.\n`
  : ""
const passed = rowResults.every((r) => r.ok) && examples.every((e) => e.ok)
console.log(`\n${table}\n${examplesLine}\n[compat] ${rowResults.filter((r) => r.ok).length} of ${rowResults.length} rows passed in ${Math.round(summary.seconds)} s`)

// The support table of docs/support.md, from this run, when asked (--table) after every row ran.
if (args.table) {
  if (rows.length !== allRows.length) console.error("[compat] --table: the table is written by a run of every row only")
  else {
    const file = join(root, "docs/support.md")
    const text = readFileSync(file, "utf8")
    const start = "<!-- compat-table:start (written by scripts/compat.mjs --table) -->"
    const end = "<!-- compat-table:end -->"
    const from = text.indexOf(start)
    const to = text.indexOf(end)
    if (from < 0 || to < from) console.error(`[compat] --table: ${file} has no ${start} … ${end} markers`)
    else {
      const day = summary.date.slice(0, 10)
      const body = `${start}\n${table}\n${examplesLine}\nLast run: ${day}, Node.js ${process.version}, ${Math.round(summary.seconds)} s in all (packing ${Math.round(packSeconds)} s).\n`
      writeFileSync(file, text.slice(0, from) + body + text.slice(to))
    }
  }
}
if (!args.keep && !process.env.COMPAT_WORK_DIR) rmSync(work, { recursive: true, force: true })
process.exit(passed ? 0 : 1)
