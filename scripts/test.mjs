#!/usr/bin/env node
// `npm test`: the one test command, for contributors and CI alike. It installs what is missing,
// then runs every stage in order and ends with the counts. Plain Node, no dependencies, so it
// runs on a fresh clone before `npm ci`.
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const results = join(root, ".tmp/test-results")
mkdirSync(results, { recursive: true })

function sh(command, args, options = {}) {
  console.log(`\n$ ${[command, ...args].join(" ")}`)
  const { status } = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options })
  return status ?? 1
}

/**
 * `npm install` (which honours the lockfile) when node_modules is missing or older than it.
 * Not `npm ci`: see .ci/run for why.
 */
function ensureInstalled() {
  const marker = join(root, "node_modules/.package-lock.json")
  const lock = join(root, "package-lock.json")
  const fresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs
  if (fresh) return
  if (sh("npm", ["install", "--no-audit", "--no-fund"]) !== 0) {
    console.error("[next-auth-kit] npm install failed: see the output above.")
    process.exit(1)
  }
}

ensureInstalled()

const stages = []
const counts = { passed: 0, failed: 0, skipped: 0 }

function stage(name, run) {
  const started = Date.now()
  const ok = run()
  stages.push({ name, ok, seconds: (Date.now() - started) / 1000 })
  return ok
}

stage("typecheck", () => sh("npx", ["tsc", "--noEmit"]) === 0)

stage("vitest", () => {
  const report = join(results, "vitest.json")
  const status = sh("npx", [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
  ])
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, "utf8"))
    counts.passed += json.numPassedTests
    counts.failed += json.numFailedTests
    counts.skipped += json.numPendingTests + json.numTodoTests
  }
  return status === 0
})

console.log("\nStages:")
for (const { name, ok, seconds } of stages) {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${name} (${seconds.toFixed(1)} s)`)
}
const failedStages = stages.filter((s) => !s.ok).length
console.log(`\n${counts.passed} passed, ${counts.failed + failedStages} failed, ${counts.skipped} skipped`)
process.exit(failedStages === 0 && counts.failed === 0 ? 0 : 1)
