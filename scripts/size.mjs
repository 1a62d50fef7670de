// Bundle sizes of typical imports of the built package, as an app's bundler would produce
// them: esbuild, minified, tree-shaken, with react, react-dom, next and next-auth external.
// Used by the size-budget test and by `npm run bench`.
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { build } from "esbuild"
import { root } from "./lib.mjs"

const external = ["react", "react-dom", "react/jsx-runtime", "next", "next/*", "next-auth", "next-auth/*"]

/** What an app imports, and the budget (gzip bytes) where there is one. */
export const cases = [
  { name: "gates only (AuthProvider, AuthGate, RoleGate, useAuth)", from: "next-auth-kit", imports: ["AuthProvider", "AuthGate", "RoleGate", "useAuth"], budget: 1536 },
  { name: "LoginForm (with AuthProvider)", from: "next-auth-kit", imports: ["AuthProvider", "LoginForm"] },
  { name: "LoginDialog (with AuthProvider)", from: "next-auth-kit", imports: ["AuthProvider", "LoginDialog"] },
  { name: "the whole client entry", from: "next-auth-kit", imports: "*", budget: 15 * 1024 },
  { name: "next-auth-kit/middleware", from: "next-auth-kit/middleware", imports: "*" },
  { name: "next-auth-kit/msw", from: "next-auth-kit/msw", imports: "*", external: ["msw"] },
  {
    name: "baseline: next-auth/react (SessionProvider, useSession, signIn, signOut)",
    from: "next-auth/react",
    imports: ["SessionProvider", "useSession", "signIn", "signOut"],
    bundleFrom: true,
  },
]

/** Minified and gzip bytes of a bundle that imports `imports` from `from`. */
export async function measure({ from, imports, external: extra = [], bundleFrom = false }) {
  const contents =
    imports === "*"
      ? `import * as all from ${JSON.stringify(from)}; console.log(all)`
      : `import { ${imports.join(", ")} } from ${JSON.stringify(from)}; console.log(${imports.join(", ")})`
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"' },
    external: bundleFrom ? ["react", "react-dom", "react/jsx-runtime", "next", "next/*"] : [...external, ...extra],
  })
  const code = result.outputFiles[0].contents
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length }
}

/** The stylesheet, minified as built, and gzipped. */
export async function measureCss() {
  const css = await readFile(join(root, "dist/styles.css"))
  return { minified: css.length, gzip: gzipSync(css, { level: 9 }).length, budget: 6 * 1024 }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const entry of cases) {
    const { minified, gzip } = await measure(entry)
    console.log(`${entry.name.padEnd(72)} ${String(minified).padStart(7)} B min ${String(gzip).padStart(7)} B gzip${entry.budget ? ` (budget ${entry.budget})` : ""}`)
  }
  const css = await measureCss()
  console.log(`${"styles.css".padEnd(72)} ${String(css.minified).padStart(7)} B min ${String(css.gzip).padStart(7)} B gzip (budget ${css.budget})`)
}
