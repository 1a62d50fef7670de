/**
 * The README's code is the examples' code: every `<!-- file: examples/… -->` block is that file,
 * verbatim, and every source file of an example is in the README (the examples are built and
 * served by the compatibility stage, so the README's quick starts build). Its links lead somewhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { describe, expect, it } from "vitest"

const root = join(__dirname, "../..")
const readme = readFileSync(join(root, "README.md"), "utf8")
const blocks = [...readme.matchAll(/<!-- file: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g)].map(([, path, code]) => ({ path: path!, code: code! }))

function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesOf(path) : [path]
  })
}

describe("README", () => {
  it("shows each example file verbatim", () => {
    expect(blocks.length).toBeGreaterThan(10)
    for (const { path, code } of blocks) {
      expect(existsSync(join(root, path)), `${path} exists`).toBe(true)
      expect(code, `the README's ${path} (node scripts/readme.mjs rewrites it)`).toBe(readFileSync(join(root, path), "utf8").replace(/\n$/, ""))
    }
  })

  it("shows every source file of every example", () => {
    const shown = new Set(blocks.map((block) => block.path))
    const sources = filesOf(join(root, "examples"))
      .map((path) => relative(root, path))
      .filter((path) => /\.(tsx?|example)$/.test(path))
    expect(sources.length).toBeGreaterThan(10)
    // One .env.example stands for both (they are the same file).
    const missing = sources.filter((path) => !shown.has(path) && !path.endsWith(".env.example"))
    expect(missing).toEqual([])
    for (const env of sources.filter((path) => path.endsWith(".env.example"))) {
      expect(readFileSync(join(root, env), "utf8"), env).toBe(readFileSync(join(root, "examples/pages-router/.env.example"), "utf8"))
    }
  })

  it("stays short, with the reference in docs/", () => {
    expect(readme.trimEnd().split("\n").length).toBeLessThanOrEqual(300)
    expect(readme).toContain("npm run playground")
    expect(readme).toContain("npm test")
  })

  it("links only to files that exist, from the README and docs/", () => {
    const pages = ["README.md", ...readdirSync(join(root, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)]
    for (const page of pages) {
      const text = readFileSync(join(root, page), "utf8")
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue
        expect(existsSync(join(root, dirname(page), target!)), `${page} → ${target}`).toBe(true)
      }
    }
  })
})
