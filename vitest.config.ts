import { storybookTest } from "@storybook/addon-vitest/vitest-plugin"
import { playwright } from "@vitest/browser-playwright"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"
import { ensureCompatInstalled } from "./scripts/lib.mjs"

const typeProject = (name: string, dir: string, tsconfig: string) => ({
  test: {
    name,
    include: [],
    typecheck: { enabled: true, only: true, include: [`${dir}/**/*.test-d.ts`], tsconfig },
  },
})

// Other versions of the peers, from folders with a package.json and lockfile of their own
// (installed here when missing: `npm test` installs them first). A test file's imports are
// aliased there; what those packages import resolves inside the folder, so each project loads
// one React and one next-auth.
ensureCompatInstalled()
const compat = (path: string) => fileURLToPath(new URL(`compat/${path}`, import.meta.url))
/** `name` and its subpaths (`react`, `react/jsx-runtime`), from `dir`. */
const from = (name: string, dir: string) => ({
  find: new RegExp(`^${name.replace(/[/.]/g, "\\$&")}(/.*)?$`),
  replacement: `${dir}$1`,
})
// Every package the client tests load that imports react: React 18.3 and its own copies of them.
const react18 = (["react", "react-dom", "@testing-library/react", "@testing-library/dom", "@testing-library/user-event", "@radix-ui/react-dialog", "@radix-ui/react-dropdown-menu", "next-auth"] as const).map(
  (name) => from(name, compat(`react18/node_modules/${name}`)),
)
/**
 * The next-auth releases the fast reader's differential suite also runs against (4.24.15, the
 * newest, is the root's and runs in `unit`), with the middleware's tests (getToken changed too):
 * the oldest 4.24 that loads (4.24.0 to 4.24.2 shipped a css/index.js that is not valid
 * JavaScript, so their getServerSession throws a SyntaxError), and each release whose session
 * route, jwt, cookie or getServerSession code changed (compat/next-auth/package.json). The App
 * Router suite needs 4.24.9 or later, the first to await `cookies()` and `headers()` as
 * Next.js 15 and 16 require (older ones support Next.js 14 at most).
 */
const nextAuthReleases = ["4.24.3", "4.24.5", "4.24.8", "4.24.9", "4.24.10", "4.24.12"]
const appRouterFrom = [4, 24, 9]
const atLeast = (version: string, min: number[]) => {
  const parts = version.split(".").map(Number)
  const d = parts.map((n, i) => n - min[i]!).find((n) => n !== 0) ?? 0
  return d >= 0
}
const playgroundServer = { find: /^next-auth-kit\/server$/, replacement: fileURLToPath(new URL("src/server/index.ts", import.meta.url)) }

/** Debian's Chromium, headless, for the stories. */
const storyBrowser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking"],
    },
  }),
  instances: [{ browser: "chromium" as const }],
})

export default defineConfig({
  test: {
    projects: [
      {
        // The playground's own modules import the kit by its public name: here, from src.
        resolve: {
          alias: [{ find: /^next-auth-kit\/server$/, replacement: fileURLToPath(new URL("src/server/index.ts", import.meta.url)) }],
        },
        test: {
          name: "unit",
          environment: "node",
          include: ["tests/**/*.test.ts", "src/**/*.test.ts"],
          exclude: ["tests/package/**", "tests/client/**"],
        },
      },
      {
        test: {
          name: "client",
          environment: "jsdom",
          include: ["tests/client/**/*.test.tsx"],
          setupFiles: ["tests/client/setup.ts"],
        },
      },
      // The same client tests on React 18.3 (compat/react18).
      {
        resolve: { alias: react18 },
        test: {
          name: "client-react18",
          environment: "jsdom",
          include: ["tests/client/**/*.test.tsx"],
          setupFiles: ["tests/client/setup.ts"],
        },
      },
      // The fast reader against getServerSession, on each next-auth release of nextAuthReleases.
      ...nextAuthReleases.map((version) => ({
        resolve: { alias: [playgroundServer, from("next-auth", compat(`next-auth/node_modules/next-auth-${version}`))] },
        test: {
          name: `next-auth-${version}`,
          environment: "node",
          include: ["tests/server/fast-session.test.ts", "tests/middleware/*.test.ts", ...(atLeast(version, appRouterFrom) ? ["tests/server/app-router.test.ts"] : [])],
          env: { NEXT_AUTH_UNDER_TEST: version },
        },
      })),
      {
        test: {
          name: "package",
          environment: "node",
          include: ["tests/package/**/*.test.ts"],
          // Limits, not expectations: packing builds the kit, which took 113 s on a machine whose
          // both cores were busy elsewhere (and 180 s was not enough beside a full test run).
          testTimeout: 300_000,
          hookTimeout: 900_000,
        },
      },
      // The stylesheet against a host app's CSS, by computed styles in Chromium (one launch).
      {
        test: {
          name: "styles",
          environment: "node",
          include: ["tests/styles/**/*.test.tsx"],
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
      // Every story, rendered and played in Debian's Chromium, with axe violations as failures.
      // One retry: next-auth/react keeps the session in module state, and a story's
      // /api/auth/session answer that lands after the next story's provider mounted leaves that
      // provider "unauthenticated" without a request (its SessionProvider's getSession race).
      // A story that fails twice is red.
      {
        plugins: [storybookTest({ configDir: ".storybook" })],
        define: { "process.env": "{}" },
        test: { name: "storybook", browser: storyBrowser(), retry: 1 },
      },
      // Every story again in Arabic, right to left: rendered, played (its English words
      // translated, .storybook/translate.ts) and checked by axe in that language.
      {
        plugins: [storybookTest({ configDir: ".storybook", initialGlobals: { testLocale: "ar" } })],
        define: { "process.env": "{}" },
        test: { name: "storybook-rtl", browser: storyBrowser(), retry: 1 },
      },
      // Each type project is its own TypeScript program: an augmented `Register` is global.
      typeProject("types", "tests/types/plain", "tsconfig.json"),
      typeProject("types-augmented", "tests/types/augmented", "tests/types/augmented/tsconfig.json"),
    ],
  },
})
