/**
 * The kit's stylesheet against a host app's CSS, in Chromium, by computed styles: the host's
 * utilities and rules win, its preflight or global reset does not break the kit, themes
 * apply on any wrapper, and the parts mirror under `dir="rtl"`. The markup is the real `LoginForm`, rendered with react-dom/server.
 *
 * The kit's CSS is compiled from src/styles.css; set NAK_STYLES to a compiled stylesheet (e.g.
 * dist/styles.css) to test that instead.
 */
import { execFile } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { type Browser, chromium, type Page } from "@playwright/test"
import { renderToStaticMarkup } from "react-dom/server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AuthProvider, LoginForm, type LoginFormProps } from "../../src/client"
import { buttonClasses } from "../../src/client/lib/styles"

const root = resolve(import.meta.dirname, "../..")
const fixtures = join(import.meta.dirname, "fixtures")
const tailwind = join(root, "node_modules/.bin/tailwindcss")

// The kit's palette, as Chromium serialises the computed colours.
const light = { primary: "oklch(0.45 0.2 264)", foreground: "oklch(0.21 0.006 285.9)" }
const dark = { primary: "oklch(0.72 0.14 264)", foreground: "oklch(0.985 0 0)" }
const kitInputBorder = "oklch(0.6 0.01 286)"
const red600 = "oklch(0.577 0.245 27.325)" // Tailwind's --color-red-600
const brand = "rgb(10, 120, 90)" // --color-brand in fixtures/host.css

const SUBMIT = '[data-slot="login-form-submit"]'
const INPUT = '[data-slot="login-form-input"]'

/** A credentials LoginForm as the kit renders it. */
function form(props: Partial<LoginFormProps> = {}): string {
  return renderToStaticMarkup(
    <AuthProvider session={null}>
      <LoginForm providers={[{ id: "credentials", name: "Credentials", type: "credentials" }]} {...props} />
    </AuthProvider>,
  )
}

let browser: Browser
let page: Page
let tmp: string
const css = { kit: "", host: "", reset: readFileSync(join(fixtures, "reset.css"), "utf8") }

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "nak-styles-"))
  const compile = async (input: string, output: string) => {
    await promisify(execFile)(tailwind, ["-i", input, "-o", output, "--minify"], { cwd: root })
    return readFileSync(output, "utf8")
  }
  const kit = process.env.NAK_STYLES
    ? Promise.resolve(readFileSync(resolve(root, process.env.NAK_STYLES), "utf8"))
    : compile(join(root, "src/styles.css"), join(tmp, "kit.css"))
  const host = compile(join(fixtures, "host.css"), join(tmp, "host.css"))
  const launched = chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking"],
  })
  ;[css.kit, css.host, browser] = await Promise.all([kit, host, launched])
  page = await browser.newPage()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

/** Loads `body` with the stylesheets in the order given, under the OS colour scheme given. */
async function show(styles: string[], body: string, colorScheme: "light" | "dark" = "light") {
  await page.emulateMedia({ colorScheme })
  const sheets = styles.map((text) => `<style>${text}</style>`).join("\n")
  await page.setContent(`<!doctype html><html><head>${sheets}</head><body>${body}</body></html>`)
}

/** Computed styles of the first element matching `selector`. */
function computed(selector: string, properties: string[]): Promise<Record<string, string>> {
  return page.$eval(
    selector,
    (element, names) => {
      const style = getComputedStyle(element)
      return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]))
    },
    properties,
  )
}

/** The kit's own look of a primary button and a text input. */
async function expectKitLook() {
  expect(
    await computed(SUBMIT, ["background-color", "color", "padding", "border-radius", "font-size", "font-weight"]),
  ).toEqual({
    "background-color": light.primary,
    color: "oklch(0.985 0 0)",
    padding: "8px 16px",
    "border-radius": "8px",
    "font-size": "14px",
    "font-weight": "500",
  })
  expect(await computed(INPUT, ["border-top-width", "border-top-style", "border-top-color", "padding"])).toEqual({
    "border-top-width": "1px",
    "border-top-style": "solid",
    "border-top-color": kitInputBorder,
    padding: "8px 12px",
  })
}

// Apps import the kit's stylesheet before or after their own; neither order may matter.
describe.each([
  { order: "the kit's stylesheet first", sheets: (host: string) => [css.kit, host] },
  { order: "the host's stylesheet first", sheets: (host: string) => [host, css.kit] },
])("with $order", ({ sheets }) => {
  describe("given a host app on Tailwind v4 (preflight in @layer base)", () => {
    it("keeps the kit's look under preflight", async () => {
      await show(sheets(css.host), form())
      await expectKitLook()
    })

    it("lets the host's utilities passed through classNames win", async () => {
      await show(sheets(css.host), form({ classNames: { submit: "bg-red-600 rounded-none px-8", input: "border-brand" } }))
      expect(await computed(SUBMIT, ["background-color", "border-radius", "padding-left", "padding-top"])).toEqual({
        "background-color": red600,
        "border-radius": "0px",
        "padding-left": "32px",
        // What the host did not override stays the kit's.
        "padding-top": "8px",
      })
      expect(await computed(INPUT, ["border-top-color", "border-top-width"])).toEqual({
        "border-top-color": brand,
        "border-top-width": "1px",
      })
    })

    it("lets a host theme colour passed through classNames win (bg-brand)", async () => {
      await show(sheets(css.host), form({ classNames: { submit: "bg-brand" } }))
      expect(await computed(SUBMIT, ["background-color"])).toEqual({ "background-color": brand })
    })

    it("lets the host's own @layer components classes win", async () => {
      await show(sheets(css.host), form({ classNames: { submit: "host-button" } }))
      expect(await computed(SUBMIT, ["background-color", "border-radius", "padding"])).toEqual({
        "background-color": "rgb(7, 8, 9)",
        "border-radius": "3px",
        padding: "8px 16px",
      })
    })

    it("lets the host's utilities passed through className win on the root", async () => {
      await show(sheets(css.host), form({ className: "max-w-none gap-10" }))
      expect(await computed('[data-slot="login-form"]', ["max-width", "row-gap"])).toEqual({
        "max-width": "none",
        "row-gap": "40px",
      })
    })
  })

  describe("given a host stylesheet with plain unlayered rules", () => {
    const rules = `
      [data-slot="login-form-submit"] { background: rgb(1, 2, 3); border-radius: 2px; }
      .host-input { border: 3px dashed rgb(4, 5, 6); }
    `

    it("lets a rule on a data-slot win", async () => {
      await show(sheets(rules), form())
      expect(await computed(SUBMIT, ["background-color", "border-radius"])).toEqual({
        "background-color": "rgb(1, 2, 3)",
        "border-radius": "2px",
      })
    })

    it("lets a class passed through classNames win", async () => {
      await show(sheets(rules), form({ classNames: { input: "host-input" } }))
      expect(await computed(INPUT, ["border-top-width", "border-top-style", "border-top-color"])).toEqual({
        "border-top-width": "3px",
        "border-top-style": "dashed",
        "border-top-color": "rgb(4, 5, 6)",
      })
    })
  })

  describe("given a host with an unlayered global reset (button, input, *)", () => {
    it("keeps the kit's look", async () => {
      await show(sheets(css.reset), form())
      await expectKitLook()
    })

    it("keeps the kit's look with Tailwind's preflight too", async () => {
      await show(sheets(`${css.host}\n${css.reset}`), form())
      await expectKitLook()
    })

    it("ignores rules of up to three element selectors, not one with a class", async () => {
      const rules = `
        html body button { background: none; padding: 0 }
        body form input { border: 0 }
        .host-form button { border-radius: 0 }
      `
      await show(sheets(rules), `<div class="host-form">${form()}</div>`)
      expect(await computed(SUBMIT, ["background-color", "padding", "border-radius"])).toEqual({
        "background-color": light.primary,
        padding: "8px 16px",
        "border-radius": "0px",
      })
      expect(await computed(INPUT, ["border-top-width"])).toEqual({ "border-top-width": "1px" })
    })

    it("still lets the host's utilities and data-slot rules win", async () => {
      const slotRule = '[data-slot="login-form-input"] { border-color: rgb(1, 2, 3) }'
      await show(sheets(`${css.host}\n${css.reset}\n${slotRule}`), form({ classNames: { submit: "bg-red-600 rounded-none" } }))
      expect(await computed(SUBMIT, ["background-color", "border-radius", "padding"])).toEqual({
        "background-color": red600,
        "border-radius": "0px",
        padding: "8px 16px",
      })
      expect(await computed(INPUT, ["border-top-color", "border-top-width"])).toEqual({
        "border-top-color": "rgb(1, 2, 3)",
        "border-top-width": "1px",
      })
    })
  })
})

describe("themes on any wrapper", () => {
  /** The palette of the LoginForm inside the element with `id`. */
  async function palette(id: string) {
    const [submit, root] = await Promise.all([
      computed(`#${id} ${SUBMIT}`, ["background-color", "color-scheme"]),
      computed(`#${id} [data-slot="login-form"]`, ["color"]),
    ])
    return { primary: submit["background-color"], foreground: root.color, scheme: submit["color-scheme"] }
  }
  const lightPalette = { ...light, scheme: "light" }
  const darkPalette = { ...dark, scheme: "dark" }

  describe.each([
    { mark: "a class", as: (theme: string) => `class="${theme}"` },
    { mark: "data-theme", as: (theme: string) => `data-theme="${theme}"` },
  ])("marked with $mark", ({ as }) => {
    it("follows the OS without a mark", async () => {
      await show([css.kit], `<div id="plain">${form()}</div>`, "dark")
      expect(await palette("plain")).toEqual(darkPalette)
      await show([css.kit], `<div id="plain">${form()}</div>`, "light")
      expect(await palette("plain")).toEqual(lightPalette)
    })

    it("renders the light palette in a light wrapper under a dark OS", async () => {
      await show([css.kit], `<div ${as("light")} id="w">${form()}</div>`, "dark")
      expect(await palette("w")).toEqual(lightPalette)
    })

    it("renders the dark palette in a dark wrapper under a light OS", async () => {
      await show([css.kit], `<div ${as("dark")} id="w">${form()}</div>`, "light")
      expect(await palette("w")).toEqual(darkPalette)
    })

    it.each(["light", "dark"] as const)("picks the nearest mark when nested, under a %s OS", async (os) => {
      await show(
        [css.kit],
        `<div ${as("dark")}>
          <div ${as("light")} id="middle">
            ${form()}
            <div ${as("dark")} id="inner">${form()}</div>
          </div>
        </div>`,
        os,
      )
      expect(await palette("middle")).toEqual(lightPalette)
      expect(await palette("inner")).toEqual(darkPalette)
    })

    it("opts the whole page out of a dark OS from the root element", async () => {
      await page.emulateMedia({ colorScheme: "dark" })
      await page.setContent(`<!doctype html><html ${as("light")}><head><style>${css.kit}</style></head><body><div id="w">${form()}</div></body></html>`)
      expect(await palette("w")).toEqual(lightPalette)
    })
  })
})

describe("both writing directions", () => {
  const TOGGLE = '[data-slot="login-form-password-toggle"]'
  const PASSWORD = `[data-slot="login-form-password"] ${INPUT}`

  /** The element's box on the page. */
  const box = (selector: string) =>
    page.$eval(selector, (element) => {
      const { left, right, width } = element.getBoundingClientRect()
      return { left, right, center: left + width / 2 }
    })

  it.each(["ltr", "rtl"] as const)("puts the password toggle at the end of the line, with the input's room for it there (%s)", async (dir) => {
    await show([css.kit], `<div dir="${dir}" style="width: 320px">${form()}</div>`)
    const [input, toggle] = await Promise.all([box(PASSWORD), box(TOGGLE)])
    const padding = await computed(PASSWORD, ["padding-left", "padding-right"])
    if (dir === "rtl") {
      expect(toggle.left).toBeCloseTo(input.left, 0)
      expect(toggle.right).toBeLessThan(input.center)
      expect(padding).toEqual({ "padding-left": "80px", "padding-right": "12px" })
    } else {
      expect(toggle.right).toBeCloseTo(input.right, 0)
      expect(toggle.left).toBeGreaterThan(input.center)
      expect(padding).toEqual({ "padding-left": "12px", "padding-right": "80px" })
    }
    // A plain field: the same padding at both ends.
    expect(await computed(`[data-slot="login-form-field"]:first-child ${INPUT}`, ["padding-inline-start", "padding-inline-end"])).toEqual({
      "padding-inline-start": "12px",
      "padding-inline-end": "12px",
    })
  })

  it("starts a menu entry's text at the right under rtl", async () => {
    await show(
      [css.kit],
      `<div dir="rtl" style="width: 300px"><div role="menu"><div role="menuitem" class="${buttonClasses("ghost", "nak:kit-menu-item")}">تسجيل الخروج</div></div></div>`,
    )
    expect(await computed('[role="menuitem"]', ["text-align", "justify-content"])).toEqual({ "text-align": "start", "justify-content": "flex-start" })
    const [item, text] = await page.$eval('[role="menuitem"]', (element) => {
      const range = document.createRange()
      range.selectNodeContents(element)
      return [element.getBoundingClientRect().toJSON(), range.getBoundingClientRect().toJSON()] as Array<{ left: number; right: number }>
    })
    expect(item!.right - text!.right).toBeLessThan(16)
    expect(text!.left - item!.left).toBeGreaterThan(100)
  })

  it("keeps the dialog centred under rtl", async () => {
    await page.setViewportSize({ width: 1000, height: 800 })
    await show([css.kit], `<div dir="rtl"><div role="dialog" class="nak:kit-dialog">حوار</div></div>`)
    const dialog = await box('[role="dialog"]')
    expect(dialog.center).toBeCloseTo(500, 0)
  })
})
