// Preloaded into a server (`NODE_OPTIONS="--require scripts/cpu-profiler.cjs"`) by
// scripts/cpu-share.mjs: profiles the process's main thread between two SIGUSR2s, so that a
// profile covers exactly one load window. The first SIGUSR2 starts the V8 sampling profiler, the
// next one stops it and writes `<CPU_PROFILE_DIR>/<pid>-<n>.cpuprofile` (n counts the windows),
// then `<pid>-<n>.done` once the profile is complete. Without CPU_PROFILE_DIR it does nothing.
"use strict"

const dir = process.env.CPU_PROFILE_DIR
if (dir) {
  const { Session } = require("node:inspector")
  const { writeFileSync, renameSync } = require("node:fs")
  const { join } = require("node:path")
  const interval = Number(process.env.CPU_PROFILE_INTERVAL_US || 200)
  const session = new Session()
  session.connect()
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))))
  let running = false
  let busy = false
  let windows = 0
  process.on("SIGUSR2", async () => {
    if (busy) return
    busy = true
    try {
      if (!running) {
        await post("Profiler.enable")
        await post("Profiler.setSamplingInterval", { interval })
        await post("Profiler.start")
        running = true
      } else {
        const { profile } = await post("Profiler.stop")
        running = false
        const name = `${process.pid}-${++windows}`
        const file = join(dir, `${name}.cpuprofile`)
        writeFileSync(`${file}.partial`, JSON.stringify(profile))
        renameSync(`${file}.partial`, file)
        writeFileSync(join(dir, `${name}.done`), "")
      }
    } catch (error) {
      console.error("[cpu-profiler]", error)
    } finally {
      busy = false
    }
  })
}
