#!/usr/bin/env node
// `node scripts/readme.mjs`: rewrites each `<!-- file: <path> -->` code block of README.md with
// that file's text (the examples are the source; tests/docs/readme.test.ts checks they agree).
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { root } from "./lib.mjs"

const readme = join(root, "README.md")
const text = readFileSync(readme, "utf8")
const updated = text.replace(/(<!-- file: (\S+) -->\n```\w*\n)[\s\S]*?(\n```)/g, (_, open, path, close) => {
  return `${open}${readFileSync(join(root, path), "utf8").replace(/\n$/, "")}${close}`
})
if (updated !== text) writeFileSync(readme, updated)
console.log(updated === text ? "README.md: the examples' blocks are up to date" : "README.md: the examples' blocks rewritten")
