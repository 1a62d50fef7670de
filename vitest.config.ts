import { storybookTest } from "@storybook/addon-vitest/vitest-plugin"
import { playwright } from "@vitest/browser-playwright"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const typeProject = (name: string, dir: string, tsconfig: string) => ({
  test: {
    name,
    include: [],
    typecheck: { enabled: true, only: true, include: [`${dir}/**/*.test-d.ts`], tsconfig },
  },
})

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
      {
        test: {
          name: "package",
          environment: "node",
          include: ["tests/package/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
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
      {
        plugins: [storybookTest({ configDir: ".storybook" })],
        define: { "process.env": "{}" },
        test: { name: "storybook", browser: storyBrowser() },
      },
      // Every story again in Arabic, right to left: rendered, played (its English words
      // translated, .storybook/translate.ts) and checked by axe in that language.
      {
        plugins: [storybookTest({ configDir: ".storybook", initialGlobals: { testLocale: "ar" } })],
        define: { "process.env": "{}" },
        test: { name: "storybook-rtl", browser: storyBrowser() },
      },
      // Each type project is its own TypeScript program: an augmented `Register` is global.
      typeProject("types", "tests/types/plain", "tsconfig.json"),
      typeProject("types-augmented", "tests/types/augmented", "tests/types/augmented/tsconfig.json"),
    ],
  },
})
