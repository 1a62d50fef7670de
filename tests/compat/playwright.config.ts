import { defineConfig } from "@playwright/test"

// The compatibility suite's checks (app.spec.ts), against one row's consumer app that
// scripts/compat.mjs built and started: it sets COMPAT_BASE_URL and the rest.
export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  outputDir: "../../.tmp/playwright-compat",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: process.env.COMPAT_REPORT ?? "../../.tmp/test-results/compat-checks.json" }]],
  use: {
    baseURL: process.env.COMPAT_BASE_URL,
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
})
