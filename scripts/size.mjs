// Bundle sizes of typical imports of the built package, as an app's bundler would produce
// them: esbuild, minified, tree-shaken, with react, react-dom, next and next-auth external.
// Used by the size-budget test (tests/package) and by `npm run bench`.
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { build, transform } from "esbuild"
import { root } from "./lib.mjs"

const PEERS = /^(react|react-dom|next|next-auth)(\/.*)?$/
// Every bare import the kit does not resolve to itself: its dependencies (Radix Dialog) and
// theirs (react-remove-scroll, aria-hidden, …), without a hand-kept list of them.
const DEPENDENCIES = /^(?!next-auth-kit(\/|$))[^./]/

/**
 * What an app imports. `budget` (gzip bytes) is enforced by `npm test`; `target` is the
 * issue's goal, reported by `npm run bench` but not enforced (see BENCHMARKS.md).
 */
export const cases = [
  // Budgets hold what is measured now; targets are the goals not yet met. The gates carry the
  // shared configuration, two contexts (settings apart from the session) and safeCallbackUrl
  // (about 0.45 KB with loginUrl: every redirect of the gate goes through it) since 0.2; the
  // login form is built from parts that share a context (about 0.75 KB of the difference),
  // links to the account pages, offers "send the link again" for an unverified address, and
  // holds two-factor's second step (about 0.7 KB with its strings). Its classes are the kit's
  // own utilities of src/styles.css (`nak:kit-button`), a short name or two per element instead
  // of lists of Tailwind utilities (about 0.5 KB less), and the errors outside a provider spell
  // out their sentence in development only.
  { name: "gates only (AuthProvider, AuthGate, RoleGate, useAuth)", from: "next-auth-kit", imports: ["AuthProvider", "AuthGate", "RoleGate", "useAuth"], budget: 1830, target: 1536 },
  { name: "LoginForm (with AuthProvider)", from: "next-auth-kit", imports: ["AuthProvider", "LoginForm"], budget: 6.75 * 1024, target: 5 * 1024 },
  { name: "LoginForm with provider marks", from: "next-auth-kit", imports: ["AuthProvider", "LoginForm"], also: { "next-auth-kit/provider-marks": ["providerMarks"] } },
  { name: "LoginDialog (with AuthProvider)", from: "next-auth-kit", imports: ["AuthProvider", "LoginDialog"] },
  { name: "the whole client entry", from: "next-auth-kit", imports: "*", target: 15 * 1024 },
  // The target of the client issue, with the account forms and two-factor (MfaSetup, the code
  // step) in: enforced. Provider marks and languages other than English are entries of their
  // own (measured below), and an app pays only for the forms it imports. 0.3 raised it from 14 KiB
  // to 14.75: the account forms became compound parts (each part exported) and LoginForm offers to
  // resend a confirmation link; an app importing one form still pays only for that form. The
  // account cards (SessionsCard, LinkedAccountsCard, their parts and English strings, which `en`
  // carries) raised it to 17.5 (17,779 B measured, from 14,608); AccountSettings (its cards, the
  // re-authentication prompt and their English strings) to 20 (19,858 B measured). The passkeys
  // card (AccountSettingsPasskeys, its 24 English strings, the register and assertion helpers;
  // @simplewebauthn/browser itself is a dependency, loaded with import()) to 21.5 (21,339 B
  // measured, from 19,943; 21,569 B once the re-authentication prompt offers a passkey).
  { name: "the whole client entry, the kit's own code (every dependency external)", from: "next-auth-kit", imports: "*", external: DEPENDENCIES, budget: 21.5 * 1024 },
  { name: "SignUpForm (with AuthProvider)", from: "next-auth-kit", imports: ["AuthProvider", "SignUpForm"] },
  // Both cards over the account forms' parts, with their English strings: 7,700 B measured.
  { name: "SessionsCard and LinkedAccountsCard (with AuthProvider)", from: "next-auth-kit", imports: ["AuthProvider", "SessionsCard", "LinkedAccountsCard"], budget: 7.75 * 1024 },
  // Every card (profile, email, password, two-factor, sessions, linked accounts, delete) and the
  // re-authentication prompt, without Radix Dialog (the measure): at most 16 KB.
  { name: "AccountSettings, every card (with AuthProvider; Radix external)", from: "next-auth-kit", imports: ["AuthProvider", "AccountSettings"], external: DEPENDENCIES, budget: 16 * 1024 },
  { name: "reference: the provider marks alone (next-auth-kit/provider-marks)", from: "next-auth-kit/provider-marks", imports: ["providerMarks"] },
  { name: "reference: one locale (next-auth-kit/locales/de)", from: "next-auth-kit/locales/de", imports: ["de"] },
  { name: "reference: @radix-ui/react-dialog alone", from: "@radix-ui/react-dialog", imports: "*", bundleFrom: true },
  { name: "reference: @radix-ui/react-dropdown-menu alone", from: "@radix-ui/react-dropdown-menu", imports: "*", bundleFrom: true },
  // The common-password list is a dependency loaded on the first password check (a chunk of its
  // own in an app's server build): measured apart.
  // @simplewebauthn/server is loaded with import() on the first passkey request: measured apart too.
  { name: "next-auth-kit/server (Node)", from: "next-auth-kit/server", imports: "*", platform: "node", external: /^(@zxcvbn-ts|@simplewebauthn)\// },
  { name: "reference: @simplewebauthn/server (passkeys, loaded on first use)", from: "@simplewebauthn/server", imports: ["generateRegistrationOptions", "verifyRegistrationResponse", "generateAuthenticationOptions", "verifyAuthenticationResponse"], bundleFrom: true, platform: "node" },
  { name: "reference: the common-password list (@zxcvbn-ts/language-common, loaded on first use)", from: "@zxcvbn-ts/language-common", imports: ["dictionary"], bundleFrom: true, platform: "node" },
  { name: "next-auth-kit/middleware", from: "next-auth-kit/middleware", imports: "*" },
  { name: "next-auth-kit/msw", from: "next-auth-kit/msw", imports: "*", external: /^msw(\/.*)?$/ },
  { name: "next-auth-kit/testing (Node)", from: "next-auth-kit/testing", imports: "*", platform: "node" },
  {
    name: "baseline: next-auth/react (SessionProvider, useSession, signIn, signOut)",
    from: "next-auth/react",
    imports: ["SessionProvider", "useSession", "signIn", "signOut"],
    bundleFrom: true,
  },
]

/**
 * Minified and gzip bytes of a bundle that imports `imports` from `from`, resolved from
 * `resolveDir` (the repository by default: the built `dist/`, never `src/`).
 *
 * Peers are external and marked free of side effects: an app bundles them anyway, so an import
 * of a peer that the kit's tree-shaken code no longer uses costs the app nothing and is not
 * counted. `bundleFrom` bundles `from` itself (for references measured the same way). Server
 * entries are bundled for Node, where `node:` built-ins stay external.
 */
export async function measure({ from, imports, also = {}, external, bundleFrom = false, platform = "browser" }, resolveDir = root) {
  const importLine = (names, specifier) =>
    names === "*"
      ? `import * as all from ${JSON.stringify(specifier)}; console.log(all);`
      : `import { ${names.join(", ")} } from ${JSON.stringify(specifier)}; console.log(${names.join(", ")});`
  const contents = [importLine(imports, from), ...Object.entries(also).map(([specifier, names]) => importLine(names, specifier))].join("\n")
  const outside = (path) => (PEERS.test(path) && !(bundleFrom && path === from)) || external?.test(path)
  const result = await build({
    stdin: { contents, resolveDir, loader: "js" },
    bundle: true,
    format: "esm",
    platform,
    write: false,
    logLevel: "silent",
    // No tsconfig: its `paths` point `next-auth-kit` at src/, and apps get dist/.
    tsconfigRaw: "{}",
    define: { "process.env.NODE_ENV": '"production"' },
    plugins: [
      {
        name: "external",
        setup(build) {
          // What the kit loads with import() (the passkey part, `@simplewebauthn/browser`) an
          // app's bundler puts in chunks of their own, fetched when used: not the first bundle.
          build.onResolve({ filter: /.*/ }, ({ path, kind }) => (kind === "dynamic-import" ? { path, external: true } : undefined))
          build.onResolve({ filter: /^[^./]/ }, ({ path }) =>
            outside(path) ? { path, external: true, sideEffects: false } : undefined,
          )
        },
      },
    ],
  })
  // Minified after the unused names of external imports are dropped: esbuild keeps a whole
  // `import { a, b } from "react"` when the kit's code still uses `a`, and `b` costs an app
  // nothing (it bundles react anyway).
  const { code: minifiedCode } = await transform(withoutUnusedImports(result.outputFiles[0].text), {
    minify: true,
    format: "esm",
    loader: "js",
  })
  const code = Buffer.from(minifiedCode)
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length }
}

/**
 * `code` (an unminified bundle) without the names of its external imports that nothing uses,
 * and without such imports left empty: every external here is free of side effects.
 */
export function withoutUnusedImports(code) {
  return code.replace(/^import\s*\{([^}]*)\}\s*from\s*("[^"]+");?\n/gm, (statement, list, from) => {
    const rest = code.replace(statement, "")
    const kept = list
      .split(",")
      .map((spec) => spec.trim())
      .filter((spec) => spec && new RegExp(`(?<![\\w$.])${spec.split(/\s+as\s+/).pop().replace(/\$/g, "\\$")}(?![\\w$])`).test(rest))
    return kept.length > 0 ? `import { ${kept.join(", ")} } from ${from};\n` : ""
  })
}

/** The stylesheet, minified as built, and gzipped. */
export async function measureCss() {
  const css = await readFile(join(root, "dist/styles.css"))
  return { minified: css.length, gzip: gzipSync(css, { level: 9 }).length, budget: 6 * 1024 }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const entry of cases) {
    const { minified, gzip } = await measure(entry)
    const limit = entry.budget ? ` (budget ${entry.budget})` : entry.target ? ` (target ${entry.target}, not enforced)` : ""
    console.log(`${entry.name.padEnd(72)} ${String(minified).padStart(7)} B min ${String(gzip).padStart(7)} B gzip${limit}`)
  }
  const css = await measureCss()
  console.log(`${"styles.css".padEnd(72)} ${String(css.minified).padStart(7)} B min ${String(css.gzip).padStart(7)} B gzip (budget ${css.budget})`)
}
