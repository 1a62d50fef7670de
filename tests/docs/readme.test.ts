/**
 * The README's code is the examples' code: every `<!-- file: examples/… -->` block of the README
 * and of docs/ is that file, verbatim, and every source file of an example is shown (or is the same
 * as a file shown). The compatibility stage builds and serves the examples, so the code shown
 * builds. The links of the README and docs/ lead somewhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { describe, expect, it } from "vitest"

const root = join(__dirname, "../..")
const read = (path: string) => readFileSync(join(root, path), "utf8")
const pages = ["README.md", ...readdirSync(join(root, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)]
const readme = read("README.md")
const blocks = pages.flatMap((page) =>
  [...read(page).matchAll(/<!-- file: (\S+) -->\n```\w*\n([\s\S]*?)\n```(?=\n|$)/g)].map(([, path, code]) => ({ page, path: path!, code: code! })),
)

function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesOf(path) : [path]
  })
}

describe("README and docs", () => {
  it("show each example file verbatim", () => {
    expect(blocks.filter((block) => block.page === "README.md").length).toBeGreaterThan(10)
    for (const { page, path, code } of blocks) {
      expect(existsSync(join(root, path)), `${page}: ${path} exists`).toBe(true)
      expect(code, `${page}'s ${path} (node scripts/readme.mjs rewrites it)`).toBe(read(path).replace(/\n$/, ""))
    }
  })

  it("show every source file of every example", () => {
    const shown = new Set(blocks.map((block) => block.path))
    const shownTexts = new Set([...shown].map(read))
    const sources = filesOf(join(root, "examples"))
      .map((path) => relative(root, path))
      .filter((path) => /\.(tsx?|example)$/.test(path))
    expect(sources.length).toBeGreaterThan(20)
    expect(sources.filter((path) => !shown.has(path) && !shownTexts.has(read(path)))).toEqual([])
  })

  it("keep the README short, with the reference in docs/", () => {
    expect(readme.trimEnd().split("\n").length).toBeLessThanOrEqual(300)
    expect(readme).toContain("npm run playground")
    expect(readme).toContain("npm test")
  })

  it("link only to files that exist", () => {
    for (const page of pages) {
      for (const [, target] of Array.from(read(page).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)|<img src="([^"]+)"/g), (m) => [m[0], m[1] ?? m[2]])) {
        if (/^[a-z]+:/.test(target!)) continue
        expect(existsSync(join(root, dirname(page), target!)), `${page} → ${target}`).toBe(true)
      }
    }
  })
})
