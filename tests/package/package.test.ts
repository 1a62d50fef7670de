/**
 * The package as users get it: packed with `npm pack` (which builds it), linted, and installed
 * into a consumer folder that loads every entry from ESM and from CJS.
 */
import { execFile } from "node:child_process"
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { publint } from "publint"
import { formatMessage } from "publint/utils"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
// @ts-expect-error a plain .mjs script without declarations
import { cases, measure, measureCss } from "../../scripts/size.mjs"

type SizeCase = { name: string; budget?: number }

const run = promisify(execFile)
const root = resolve(import.meta.dirname, "../..")
const bin = (name: string) => join(root, "node_modules/.bin", name)

/** The JavaScript entries: each must load from ESM and CJS, and say "use client" or not. */
const entries = [
  { specifier: "next-auth-kit", file: "index", client: true, probe: "safeCallbackUrl" },
  { specifier: "next-auth-kit/server", file: "server", client: false, probe: "createAuthKit" },
  { specifier: "next-auth-kit/middleware", file: "middleware", client: false, probe: "authMiddleware" },
  { specifier: "next-auth-kit/msw", file: "msw", client: false, probe: "authHandlers" },
  { specifier: "next-auth-kit/testing", file: "testing", client: false, probe: "sessionCookie" },
  { specifier: "next-auth-kit/provider-marks", file: "provider-marks", client: false, probe: "providerMarks", kind: "object" },
  { specifier: "next-auth-kit/locales/en", file: "locales/en", client: false, probe: "en", kind: "object" },
  { specifier: "next-auth-kit/locales/de", file: "locales/de", client: false, probe: "de", kind: "object" },
]

let work: string
let tarball: string
let consumer: string

beforeAll(async () => {
  // Inside the repository, so the consumer resolves the peer dependencies from its node_modules.
  await mkdir(join(root, ".tmp"), { recursive: true })
  work = await mkdtemp(join(root, ".tmp/package-"))
  await run("npm", ["run", "build"], { cwd: root })
  const { stdout } = await run(
    "npm",
    ["pack", "--json", "--ignore-scripts", "--pack-destination", work],
    { cwd: root },
  )
  const [packed] = JSON.parse(stdout) as Array<{ filename: string }>
  tarball = join(work, packed!.filename)
  consumer = join(work, "consumer")
  const installed = join(consumer, "node_modules/next-auth-kit")
  await mkdir(installed, { recursive: true })
  await run("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"])
})

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

describe("the packed tarball", () => {
  it("passes publint with no errors or warnings", async () => {
    const { messages, pkg } = await publint({
      pack: { tarball: (await readFile(tarball)).buffer as ArrayBuffer },
      level: "warning",
    })
    expect(messages.map((message) => formatMessage(message, pkg))).toEqual([])
  })

  it("has correct types for every resolution mode (arethetypeswrong, strict profile)", async () => {
    const result = await run(
      bin("attw"),
      [tarball, "--exclude-entrypoints", "./styles.css", "--format", "json", "--profile", "strict"],
      { cwd: root },
    ).then(
      ({ stdout }) => ({ stdout, code: 0 }),
      (error: { stdout: string; code: number }) => error,
    )
    const report = JSON.parse(result.stdout) as { problems?: Record<string, unknown[]> | unknown[] }
    expect(Object.values(report.problems ?? {}).flat()).toEqual([])
    expect(result.code).toBe(0)
  })

  it("ships only dist/, the README, the docs it links to and package.json", async () => {
    const { stdout } = await run("tar", ["-tzf", tarball])
    const files = stdout.trim().split("\n")
    expect(files.filter((file) => !/^package\/(dist\/|docs\/[\w-]+\.md$|README\.md$|CHANGELOG\.md$|package\.json$|LICENSE$)/.test(file))).toEqual([])
    expect(files).toContain("package/dist/styles.css")
    expect(files).toContain("package/docs/accounts.md")
  })

  it("publishes cleanly (npm publish --dry-run): no warning but the registry login", async () => {
    const { stdout, stderr } = await run("npm", ["publish", "--dry-run", "--ignore-scripts"], { cwd: root })
    const warnings = `${stdout}\n${stderr}`.split("\n").filter((line) => /\b(warn|ERR)\b/i.test(line) && !/requires you to be logged in/.test(line))
    expect(warnings).toEqual([])
    expect(stderr).toContain(`next-auth-kit@${JSON.parse(await readFile(join(root, "package.json"), "utf8")).version}`)
  })
})

describe("a consumer that installed the tarball", () => {
  it.each(entries)("imports $specifier from plain Node ESM", async ({ specifier, probe, kind = "function" }) => {
    const script = `const m = await import(${JSON.stringify(specifier)}); console.log(typeof m.${probe})`
    const { stdout } = await run("node", ["--input-type=module", "-e", script], { cwd: consumer })
    expect(stdout.trim()).toBe(kind)
  })

  it.each([
    ["plain Node ESM", ["--input-type=module", "-e"], 'const { createAuthKit } = await import("next-auth-kit/server")'],
    ["CJS", ["-e"], 'const { createAuthKit } = require("next-auth-kit/server")'],
  ])("builds one kit instance (next-auth's handler, the Credentials provider) from %s", async (_, flags, load) => {
    const script = `${load}
const kit = createAuthKit({ authOptions: { providers: [], secret: "a-secret-for-this-test-only" }, accounts: { store: (await import("next-auth-kit/server")).memoryAccountStore(), sendEmail: async () => {}, baseUrl: "http://localhost:3000" } })
console.log(typeof kit.handler, kit.authOptions.providers.map((p) => p.id).join())`
    const wrapped = flags.length === 1 ? `(async () => { ${script} })().catch((e) => { console.error(e); process.exit(1) })` : script
    const { stdout } = await run("node", [...flags, wrapped], { cwd: consumer })
    expect(stdout.trim()).toBe("function credentials")
  })

  it.each(entries)("requires $specifier from CJS", async ({ specifier, probe, kind = "function" }) => {
    const script = `const m = require(${JSON.stringify(specifier)}); console.log(typeof m.${probe})`
    const { stdout } = await run("node", ["-e", script], { cwd: consumer })
    expect(stdout.trim()).toBe(kind)
  })

  it("runs the same safeCallbackUrl from the client and server entries", async () => {
    const script = `const a = await import("next-auth-kit"); const b = await import("next-auth-kit/server"); console.log(a.safeCallbackUrl("//evil.example"), b.safeCallbackUrl("/ok"))`
    const { stdout } = await run("node", ["--input-type=module", "-e", script], { cwd: consumer })
    expect(stdout.trim()).toBe("/ /ok")
  })

  it.each(entries)("gets $specifier with \"use client\" exactly when it is the client entry", async ({ file, client }) => {
    for (const ext of ["js", "cjs"]) {
      const code = await readFile(join(consumer, "node_modules/next-auth-kit/dist", `${file}.${ext}`), "utf8")
      expect(/^["']use client["'];?\n/.test(code), `${file}.${ext}`).toBe(client)
    }
  })

  it("builds a middleware that imports only next/server, next-auth/jwt, path-to-regexp and its own chunks", async () => {
    const dist = join(consumer, "node_modules/next-auth-kit/dist")
    const external = new Set<string>()
    const seen = new Set<string>()
    const visit = async (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const code = await readFile(join(dist, file), "utf8")
      for (const [, specifier] of code.matchAll(/(?:from|import)\s*["']([^"']+)["']/g)) {
        if (specifier!.startsWith("./")) await visit(specifier!.slice(2))
        else external.add(specifier!)
      }
    }
    await visit("middleware.js")
    // path-to-regexp: the pure-JS matcher compiler that Next.js's own `matcher` uses; edge-safe.
    expect([...external].sort()).toEqual(["next-auth/jwt", "next/server.js", "path-to-regexp"])
  })

  it("loads LoginForm's passkey part as a chunk of its own that finds everything it imports in the public entry", async () => {
    const dist = join(consumer, "node_modules/next-auth-kit/dist")
    const part = (await readdir(dist)).find((file) => /^passkey-[\w-]+\.js$/.test(file))
    expect(part).toBeDefined()
    expect(await readFile(join(dist, "index.js"), "utf8")).toContain(`import('./${part}')`)
    const code = await readFile(join(dist, part!), "utf8")
    const names = [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']next-auth-kit["']/g)].flatMap(([, list]) => list!.split(",").map((name) => name.trim()))
    expect(names).toEqual(expect.arrayContaining(["useLoginForm", "passkeyAssertion"]))
    // Nothing else of the kit: no relative import, so no chunk shared with the client entry.
    expect(code).not.toMatch(/from\s*["']\.\//)
    const script = `const m = await import("next-auth-kit"); console.log(${JSON.stringify(names)}.filter((name) => m[name] === undefined).join() || "all found")`
    const { stdout } = await run("node", ["--input-type=module", "-e", script], { cwd: consumer })
    expect(stdout.trim()).toBe("all found")
  })

  it("keeps msw out of every entry but next-auth-kit/msw", async () => {
    for (const { file } of entries.filter((entry) => entry.file !== "msw")) {
      for (const ext of ["js", "cjs"]) {
        const code = await readFile(join(consumer, "node_modules/next-auth-kit/dist", `${file}.${ext}`), "utf8")
        expect(code, `${file}.${ext}`).not.toMatch(/["']msw(\/[^"']*)?["']/)
      }
    }
  })

  it("exports a stylesheet whose classes and variables all carry the nak prefix", async () => {
    const css = await readFile(join(consumer, "node_modules/next-auth-kit/dist/styles.css"), "utf8")
    const variables = [...css.matchAll(/(?<![\w-])--([\w-]+)\s*:/g)].map((match) => match[1]!)
    expect(variables.length).toBeGreaterThan(5)
    expect(variables.filter((name) => !name.startsWith("nak-") && !name.startsWith("tw-"))).toEqual([])
    expect(css).toContain("--nak-color-primary")
    // No global reset: nothing styles bare elements.
    expect(css).not.toMatch(/(^|[},])\s*(html|body|\*|button|input)\s*[,{]/)
  })

  it("type-checks an app that registers its roles, and rejects a misspelt one", async () => {
    const app = join(consumer, "app.ts")
    await writeFile(
      app,
      [
        'import { hasAccess, type AccessPolicy } from "next-auth-kit/server"',
        'import type { Session } from "next-auth"',
        'declare module "next-auth-kit" { interface Register { role: "admin" | "editor" } }',
        "declare const session: Session",
        'export const ok: AccessPolicy = { roles: ["admin"] }',
        "// @ts-expect-error misspelt role",
        'export const bad: AccessPolicy = { roles: ["admni"] }',
        'export const allowed = hasAccess(session, { roles: ["editor"] })',
      ].join("\n"),
    )
    await writeFile(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
          ignoreDeprecations: "6.0",
        },
        files: ["app.ts"],
      }),
    )
    await writeFile(join(consumer, "package.json"), JSON.stringify({ type: "module" }))
    const result = await run(bin("tsc"), ["-p", consumer]).catch((error: { stdout: string }) => error)
    expect(result.stdout).toBe("")
  })
})

describe("what an app's bundler keeps", () => {
  it("tree-shakes: importing only the gates pulls in no form, dialog, menu, Radix or strings", async () => {
    const { build } = await import("esbuild")
    const result = await build({
      stdin: {
        contents: 'import { AuthProvider, AuthGate, RoleGate, useAuth } from "next-auth-kit"; console.log(AuthProvider, AuthGate, RoleGate, useAuth)',
        resolveDir: consumer,
        loader: "js",
      },
      bundle: true,
      write: false,
      metafile: true,
      logLevel: "silent",
      external: ["react", "react-dom", "react/jsx-runtime", "next", "next/*", "next-auth", "next-auth/*"],
    })
    const code = result.outputFiles[0]!.text
    expect(code).not.toMatch(/radix|RemoveScroll|login-form|login-dialog|user-button|sign-out-button/i)
    expect(code).not.toContain("Those details did not match")
    expect(code).toContain("AuthGate")
  })

  it("ships provider marks and locales only to an app that imports them", async () => {
    const { build } = await import("esbuild")
    const bundle = async (imports: string, extra = "") => {
      const result = await build({
        stdin: { contents: `import { ${imports} } from "next-auth-kit"; ${extra}; console.log(${imports})`, resolveDir: consumer, loader: "js" },
        bundle: true,
        write: false,
        logLevel: "silent",
        external: ["react", "react-dom", "react/jsx-runtime", "next", "next/*", "next-auth", "next-auth/*", "@radix-ui/*"],
      })
      return result.outputFiles[0]!.text
    }
    // The start of GitHub's mark path.
    const githubMark = "M12 .297c-6.63 0-12 5.373-12 12"
    expect(await bundle("AuthProvider, LoginForm")).not.toContain(githubMark)
    expect(await bundle("AuthProvider, LoginForm", 'import { providerMarks } from "next-auth-kit/provider-marks"; console.log(providerMarks)')).toContain(githubMark)
    // German's sign-in title: the client entry carries English only.
    expect(await bundle("AuthProvider, LoginForm, SignUpForm, UserButton")).not.toContain("Anmelden")
    expect(await bundle("AuthProvider, LoginForm", 'import { de } from "next-auth-kit/locales/de"; console.log(de)')).toContain("Anmelden")
    // Each language's entry carries that language alone: French, without English or German.
    const french = await build({ stdin: { contents: 'import { fr } from "next-auth-kit/locales/fr"; console.log(fr)', resolveDir: consumer, loader: "js" }, bundle: true, write: false, charset: "utf8", logLevel: "silent" })
    expect(french.outputFiles[0]!.text).toSatisfy((code: string) => code.includes("Se connecter") && !code.includes("Sign in") && !code.includes("Anmelden"))
  })

  it("keeps the stylesheet within 6 KB gzip", async () => {
    const css = (await measureCss()) as { gzip: number; budget: number }
    expect(css.gzip).toBeLessThanOrEqual(css.budget)
  })

  // The budgets of scripts/size.mjs, measured on the packed package as an app installs it.
  const budgeted = (cases as SizeCase[]).filter((entry) => entry.budget !== undefined)

  it("has budgets for the gates only, the login form, the whole client entry, the account cards and AccountSettings", () => {
    expect(budgeted.map((entry) => entry.name)).toEqual([
      expect.stringMatching(/^gates only/),
      expect.stringMatching(/^LoginForm \(with AuthProvider\)/),
      expect.stringMatching(/^the whole client entry/),
      expect.stringMatching(/^SessionsCard and LinkedAccountsCard \(with AuthProvider\)/),
      expect.stringMatching(/^AccountSettings, every card/),
    ])
  })

  it.each(budgeted.map((entry) => [entry.name, entry] as const))("keeps %s within its budget", async (_, entry) => {
    const { gzip } = (await measure(entry, consumer)) as { gzip: number }
    expect(gzip, `${entry.name}: ${gzip} B gzip`).toBeLessThanOrEqual(entry.budget!)
  })

})
