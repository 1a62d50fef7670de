import { defineConfig } from "@playwright/test"
import { chromiumLaunchOptions } from "../../scripts/lib.mjs"

// The compatibility suite's checks, against one row's consumer app (app.spec.ts) or one of the
// examples (example.spec.ts) that scripts/compat.mjs built and started: it sets COMPAT_BASE_URL and the rest.
export default defineConfig({
  testDir: ".",
  // app.spec.ts checks compat/app; example.spec.ts the quick starts, example-accounts.spec.ts
  // examples/accounts (COMPAT_EXAMPLE names the example).
  testMatch: { undefined: "app.spec.ts", accounts: "example-accounts.spec.ts" }[String(process.env.COMPAT_EXAMPLE)] ?? "example.spec.ts",
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
