import { defineConfig, type Options } from "tsup"

const shared: Options = {
  entry: {
    index: "src/client/index.ts",
    server: "src/server/index.ts",
    middleware: "src/middleware/index.ts",
    msw: "src/msw/index.ts",
    testing: "src/testing/index.ts",
    "provider-marks": "src/client/provider-marks.ts",
    "locales/en": "src/client/locales/en.ts",
    "locales/de": "src/client/locales/de.ts",
  },
  dts: true,
  sourcemap: false,
  target: "es2022",
  // next-auth-kit itself: the server entry's declarations re-export the client entry's types.
  external: ["react", "react-dom", "next", "next-auth", "msw", "next-auth-kit"],
}

export default defineConfig([
  // ESM shares chunks between entries, so `Register` and the shared core exist once.
  { ...shared, format: "esm", splitting: true, clean: true },
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
