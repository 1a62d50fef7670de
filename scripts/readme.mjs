#!/usr/bin/env node
// `node scripts/readme.mjs`: rewrites each `<!-- file: <path> -->` code block of README.md and
// docs/*.md with that file's text (the examples are the source; tests/docs/readme.test.ts checks
// they agree).
import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { root } from "./lib.mjs"

const pages = ["README.md", ...readdirSync(join(root, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)]
for (const page of pages) {
  const text = readFileSync(join(root, page), "utf8")
  const updated = text.replace(/(<!-- file: (\S+) -->\n```\w*\n)[\s\S]*?(\n```)(?=\n|$)/g, (_, open, path, close) => {
    return `${open}${readFileSync(join(root, path), "utf8").replace(/\n$/, "")}${close}`
  })
  if (updated !== text) {
    writeFileSync(join(root, page), updated)
    console.log(`${page}: the examples' blocks rewritten`)
  }
}
