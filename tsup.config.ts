import { existsSync, readdirSync } from "node:fs"
import { readFile, writeFile } from "node:fs/promises"
import { defineConfig, type Options } from "tsup"

/** One entry per `<lang>.ts` in `folder`, named by `name(lang)`. */
function entriesOf(folder: string, name: (lang: string) => string): Record<string, string> {
  if (!existsSync(folder)) return {}
  const files = readdirSync(folder).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
  return Object.fromEntries(files.map((file) => [name(file.slice(0, -3)), `${folder}/${file}`]))
}

const shared: Options = {
  entry: {
    index: "src/client/index.ts",
    server: "src/server/index.ts",
    middleware: "src/middleware/index.ts",
    msw: "src/msw/index.ts",
    testing: "src/testing/index.ts",
    "provider-marks": "src/client/provider-marks.ts",
    // Each language an entry of its own: next-auth-kit/locales/<lang> for the components, and
    // next-auth-kit/locales/<lang>/server for the server's messages and emails.
    ...entriesOf("src/client/locales", (lang) => `locales/${lang}`),
    ...entriesOf("src/server/locales", (lang) => `locales/${lang}/server`),
  },
  dts: true,
  sourcemap: false,
  target: "es2022",
  // next-auth-kit itself: the server entry's declarations re-export the client entry's types.
  // `@libsql/client`: the app's, imported by `libsqlDriver({ url })` when it opens the database.
  external: ["react", "react-dom", "next", "next-auth", "msw", "next-auth-kit", "@libsql/client"],
  // Errors still print. Without it, each of the two builds prints its banner and every file's
  // size (scripts/size.mjs measures them in `npm test`), and Rollup's tree-shaking pass warns
  // about what is expected: the "use client" it drops (put back below) and an empty shared chunk.
  silent: true,
}

// LoginForm's passkey part (src/client/login-form/passkey.tsx) is loaded with import(). Its
// imports of the kit's own modules become imports of the public entry: were they shared
// modules, the ESM build would move them into a chunk that the client entry re-exports, which
// costs every app (the gates' bundle grows), while the part itself needs only public exports.
const passkeyPartThroughTheEntry: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "passkey-part-through-the-entry",
  setup(build) {
    build.onResolve({ filter: /^\./ }, ({ importer }) =>
      importer.replaceAll("\\", "/").endsWith("src/client/login-form/passkey.tsx") ? { path: "next-auth-kit", external: true } : undefined,
    )
  },
}

export default defineConfig([
  // ESM shares chunks between entries, so `Register` and the shared core exist once. Rollup's
  // tree-shaking (`treeshake`) after esbuild: one import statement per package instead of one
  // per source module, and finer dead-code removal (about 0.4 KB gzip off the client entry).
  // Rollup drops module directives, so "use client" is put back on the client entry after.
  {
    ...shared,
    format: "esm",
    splitting: true,
    clean: true,
    treeshake: true,
    esbuildPlugins: [passkeyPartThroughTheEntry],
    async onSuccess() {
      const file = "dist/index.js"
      const code = await readFile(file, "utf8")
      if (!/^["']use client["']/.test(code)) await writeFile(file, `"use client";\n${code}`)
    },
  },
  // CJS without splitting, and without the "use strict" that `strict` in tsconfig would put
  // above "use client": Next.js reads the directive from the first line.
  {
    ...shared,
    format: "cjs",
    splitting: false,
    esbuildOptions(options) {
      options.tsconfig = undefined
      options.tsconfigRaw = { compilerOptions: { alwaysStrict: false, jsx: "react-jsx" } }
    },
  },
])
