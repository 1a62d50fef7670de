import { rmSync } from "node:fs"
import { defineConfig } from "@playwright/test"
import { chromiumLaunchOptions } from "./scripts/lib.mjs"

// The playground, built for production and served on loopback, with its own database and
// secret so the tests never touch a developer's data; beside it, the same build and database
// under next-auth's database session strategy on the next port. Each has its own OpenID Connect
// provider (playground/oidc/server.mjs) 300 ports above it.
// E2E_PORT moves them when 3100 is taken (another checkout's server, say): E2E_PORT and
// E2E_PORT + 1, their providers on E2E_PORT + 300 and E2E_PORT + 301.
// The servers listen on 127.0.0.1 but are opened as localhost: the playground has passkeys on,
// and WebAuthn takes no IP address as the relying party (docs/passkeys.md).
const port = Number(process.env.E2E_PORT || 3100)
const baseURL = `http://localhost:${port}`
const databaseSessionsPort = port + 1
/** The database-sessions server, for specs that run against it (tests/e2e/fixtures.ts). */
process.env.E2E_DATABASE_SESSIONS_URL = `http://localhost:${databaseSessionsPort}`
process.env.NEXTAUTH_SECRET ??= "e2e-secret-for-the-playground-tests-only-0123456789"
// A fresh database for every run: accounts and rate-limit windows of an earlier run must not
// leak into this one. Set once by the runner (its workers inherit it), so only the runner clears.
if (!process.env.E2E_RUN) {
  process.env.E2E_RUN = String(Date.now())
  rmSync(".tmp/e2e", { recursive: true, force: true })
}

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: ".tmp/playwright",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: ".tmp/test-results/playwright.json" }]],
  use: {
    baseURL,
    trace: "off",
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  // Started in this order, each once the one before answers: the second serves the first's build.
  webServer: [
    {
      command: `node scripts/playground.mjs start --port ${port} --hostname 127.0.0.1`,
      url: `${baseURL}/login`,
      reuseExistingServer: false,
      // The playground is built first: minutes on a busy two-core machine.
      timeout: 480_000,
      stdout: "ignore",
      env: {
        DATABASE_URL: `file:../.tmp/e2e/playground-${process.env.E2E_RUN}.db`,
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
        OIDC_PORT: String(port + 300),
        PLAYGROUND_SESSIONS: "jwt",
      },
    },
    {
      command: `node scripts/playground.mjs start --port ${databaseSessionsPort} --hostname 127.0.0.1 --skip-build`,
      url: `${process.env.E2E_DATABASE_SESSIONS_URL}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      env: {
        DATABASE_URL: `file:../.tmp/e2e/playground-${process.env.E2E_RUN}.db`,
        NEXTAUTH_URL: process.env.E2E_DATABASE_SESSIONS_URL,
        NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
        OIDC_PORT: String(databaseSessionsPort + 300),
        PLAYGROUND_SESSIONS: "database",
      },
    },
  ],
})
