/**
 * The README's pictures, taken from the playground in Chromium: the login form and the sign-up
 * form as the playground shows them, light, at a phone-like width. Each run writes them to .tmp/screenshots/;
 * `npm run docs:screenshots` (SCREENSHOTS_DIR=docs) writes them over the ones in docs/.
 */
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { expect, test } from "./fixtures"

const dir = process.env.SCREENSHOTS_DIR ?? ".tmp/screenshots"
test.use({ viewport: { width: 520, height: 760 }, deviceScaleFactor: 2, colorScheme: "light" })

for (const { page: path, file, slot } of [
  { page: "/login", file: "login-page.png", slot: "login-form" },
  { page: "/signup", file: "sign-up-page.png", slot: "sign-up-form" },
]) {
  test(`screenshot of ${path}`, async ({ page }) => {
    mkdirSync(dir, { recursive: true })
    await page.goto(path)
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible()
    await expect(page.getByLabel("Password", { exact: true })).toBeVisible()
    await page.evaluate(() => document.fonts.ready)
    const box = (await page.locator(`[data-slot="${slot}"]`).boundingBox())!
    const clip = { x: box.x - 24, y: box.y - 24, width: box.width + 48, height: box.height + 48 }
    const png = await page.screenshot({ path: join(dir, file), clip, animations: "disabled" })
    expect(png.byteLength).toBeGreaterThan(10_000)
  })
}
