#!/usr/bin/env node
// `npm test`: the one test command, for contributors and CI alike. It installs what is missing,
// then runs every stage in order and ends with the counts. Plain Node, no dependencies, so it
// runs on a fresh clone before anything is installed.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"
import { chromiumPath, ensureCompatInstalled, ensureInstalled, root, sh } from "./lib.mjs"

const results = join(root, ".tmp/test-results")
mkdirSync(results, { recursive: true })

ensureInstalled()
// React 18 and the older next-auth releases that Vitest projects load (vitest.config.ts).
ensureCompatInstalled()

// Story tests (Vitest browser mode) and end-to-end tests both drive Chromium.
if (!existsSync(chromiumPath())) {
  console.error(
    `[next-auth-kit] No Chromium at ${chromiumPath()}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH.`,
  )
  process.exit(1)
}

const stages = []
const counts = { passed: 0, failed: 0, skipped: 0 }

function stage(name, run) {
  const started = Date.now()
  const ok = run()
  stages.push({ name, ok, seconds: (Date.now() - started) / 1000 })
  return ok
}

stage("typecheck", () => sh("npx", ["tsc", "--noEmit"]) === 0)

/**
 * The import cycles in src/ known and accepted for now, each as dpdm prints it, type-only
 * imports included. Any other cycle fails the stage; one listed here that is gone fails it too,
 * so that the list shrinks with the code. None today.
 */
const knownCycles = []

stage("import cycles (src/, dpdm)", () => {
  const report = join(results, "dpdm.json")
  rmSync(report, { force: true })
  const args = ["--no-tree", "--no-warning", "--no-circular", "--no-progress", "--exclude", "node_modules", "-o", report]
  if (sh("npx", ["dpdm", ...args, "src/**/*.ts", "src/**/*.tsx"]) !== 0 || !existsSync(report)) return false
  // One form per cycle whichever file dpdm starts it at: rotated to start at its least file.
  const form = (files) => {
    const start = files.indexOf([...files].sort()[0])
    return [...files.slice(start), ...files.slice(0, start)].join(" -> ")
  }
  const found = JSON.parse(readFileSync(report, "utf8")).circulars.map(form)
  const known = knownCycles.map((cycle) => form(cycle.split(" -> ")))
  const added = found.filter((cycle) => !known.includes(cycle))
  const gone = known.filter((cycle) => !found.includes(cycle))
  for (const cycle of added) console.error(`[next-auth-kit] A new import cycle: ${cycle}. Break it (move what both need into a module of its own).`)
  for (const cycle of gone) console.error(`[next-auth-kit] The known import cycle ${cycle} is gone: take it off knownCycles in scripts/test.mjs.`)
  console.log(`${found.length} import cycle(s) in src/, ${found.length - added.length} of them known.`)
  return added.length === 0 && gone.length === 0
})

stage("vitest (unit, types, components on React 19 and 18, next-auth 4.24.3 to 4.24.15, package, stories in Chromium)", () => {
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

stage("end-to-end (playground, Chromium)", () => {
  const report = join(results, "playwright.json")
  rmSync(report, { force: true })
  const status = sh("npx", ["playwright", "test"])
  if (existsSync(report)) {
    const { stats } = JSON.parse(readFileSync(report, "utf8"))
    counts.passed += stats.expected + stats.flaky
    counts.failed += stats.unexpected
    counts.skipped += stats.skipped
  }
  return status === 0
})

// The packed package in consumer apps on Next.js 14, 15 and 16 (scripts/compat.mjs), last: it
// packs the dist/ that the stages above built, and builds the examples (the README's quick starts).
stage("compatibility (the packed package on Next.js 14, 15 and 16, and the examples, in Chromium)", () => {
  const report = join(results, "compat.json")
  rmSync(report, { force: true })
  const status = sh("node", ["scripts/compat.mjs"])
  if (existsSync(report)) {
    for (const row of JSON.parse(readFileSync(report, "utf8")).rows.flatMap((r) => [r, ...(r.examples ?? [])])) {
      counts.passed += row.tests.passed
      counts.failed += row.tests.failed
      counts.skipped += row.tests.skipped
    }
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
