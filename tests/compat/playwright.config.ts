import { defineConfig } from "@playwright/test"
import { chromiumLaunchOptions } from "../../scripts/lib.mjs"

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
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
})
