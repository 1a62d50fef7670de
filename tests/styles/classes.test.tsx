/**
 * The components' class names against the compiled stylesheet. Tailwind emits nothing for a
 * name it does not know, so a misspelt `nak:kit-*` would silently style nothing: every `nak:`
 * class in the client code must have a rule. And no two classes on one element may set the same
 * property under the same condition (hover, disabled, …) to different values: which one wins
 * would then be up to Tailwind's order of custom utilities, which is not part of its contract.
 *
 * The kit's CSS is compiled from src/styles.css; set NAK_STYLES to a compiled stylesheet (e.g.
 * dist/styles.css) to test that instead.
 */
import { execFile } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { build } from "esbuild"
import postcss, { type AtRule, type ChildNode, type Rule } from "postcss"
import type { ReactNode } from "react"
import { renderToStaticMarkup } from "react-dom/server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  AuthErrorPage,
  AuthProvider,
  ChangePasswordForm,
  LoginDialog,
  LoginForm,
  LoginFormRoot,
  LoginFormSkeleton,
  MfaSetup,
  ResetPasswordForm,
  SignOutButton,
  SignUpForm,
  UserButton,
  VerifyEmail,
  VerifyRequestPage,
} from "../../src/client"
import { buttonClasses } from "../../src/client/lib/styles"
import { providerMarks } from "../../src/client/provider-marks"

const root = resolve(import.meta.dirname, "../..")

/** Every button scheme, checked to be complete by the type. */
const schemes = Object.keys({
  primary: 0,
  destructive: 0,
  secondary: 0,
  ghost: 0,
  quiet: 0,
} satisfies Record<Parameters<typeof buttonClasses>[0], 0>) as Array<Parameters<typeof buttonClasses>[0]>

let tmp: string
let css: postcss.Root

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "nak-classes-"))
  let text: string
  if (process.env.NAK_STYLES) text = readFileSync(resolve(root, process.env.NAK_STYLES), "utf8")
  else {
    const output = join(tmp, "kit.css")
    await promisify(execFile)(join(root, "node_modules/.bin/tailwindcss"), ["-i", "src/styles.css", "-o", output], { cwd: root })
    text = readFileSync(output, "utf8")
  }
  css = postcss.parse(text)
}, 60_000)

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

const unescape = (name: string) => name.replace(/\\(.)/g, "$1")

/** The classes that have a rule: every class in a selector. */
function classesWithRules(): Set<string> {
  const names = new Set<string>()
  css.walkRules((rule) => {
    for (const [, name] of rule.selector.matchAll(/\.((?:\\.|[\w-])+)/g)) names.add(unescape(name!))
  })
  return names
}

/**
 * What each class sets: condition → property → value. A condition is where the declaration
 * sits, from the class's rule down (`&:hover`, `@media (hover: hover)`, the variant's own
 * selector suffix), sorted, so that a plain `hover:` utility and a nested one compare equal.
 */
function declarationsByClass(): Map<string, Map<string, Map<string, string>>> {
  const result = new Map<string, Map<string, Map<string, string>>>()
  const visit = (node: ChildNode, name: string | null, path: string[]) => {
    if (node.type === "decl") {
      if (!name) return
      const condition = [...path].sort().join(" ")
      const byCondition = result.get(name) ?? new Map<string, Map<string, string>>()
      const properties = byCondition.get(condition) ?? new Map<string, string>()
      properties.set(node.prop, node.value)
      byCondition.set(condition, properties)
      result.set(name, byCondition)
    } else if (node.type === "rule") {
      const rule = node as Rule
      const own = !name && rule.selector.match(/^\.((?:\\.|[\w-])+)(.*)$/)
      const next = own ? unescape(own[1]!) : name
      const step = own ? own[2]!.trim() : rule.selector
      for (const child of rule.nodes) visit(child, next, step ? [...path, step] : path)
    } else if (node.type === "atrule") {
      const at = node as AtRule
      // The layers are where every class lives: not a condition.
      const step = at.name === "layer" ? null : `@${at.name} ${at.params}`
      for (const child of at.nodes ?? []) visit(child, name, step ? [...path, step] : path)
    }
  }
  for (const node of css.nodes) visit(node, null, [])
  return result
}

/** The `nak:` classes in the client code as an app bundles it (comments dropped). */
async function classesInCode(): Promise<string[]> {
  const result = await build({
    entryPoints: [join(root, "src/client/index.ts")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    packages: "external",
    logLevel: "silent",
  })
  const code = result.outputFiles[0]!.text
  return [...new Set([...code.matchAll(/(?<![\w:-])nak:[^\s"'`$\\]+/g)].map((match) => match[0]))]
}

/** Each element's class list in the markup. */
const classLists = (markup: string) => [...markup.matchAll(/\sclass="([^"]*)"/g)].map((match) => match[1]!.split(/\s+/))

const providers = [
  { id: "credentials", name: "Credentials", type: "credentials" },
  { id: "email", name: "Email", type: "email" },
  { id: "github", name: "GitHub", type: "oauth" },
]
const session = { user: { name: "Ada Lovelace", email: "ada@example.com" }, expires: "2999-01-01T00:00:00.000Z" }

/** The components as the server renders them (portalled menus and dialogs render nothing). */
function markup(): string {
  const inProvider = (children: ReactNode) =>
    renderToStaticMarkup(
      <AuthProvider session={session} config={{ accounts: { pages: { signUp: "/signup", forgotPassword: "/forgot" } } }}>
        {children}
      </AuthProvider>,
    )
  return [
    inProvider(<LoginForm providers={providers} marks={providerMarks} />),
    inProvider(<LoginForm providers={providers} error="EmailNotVerified" />),
    inProvider(<LoginForm providers={[]} />),
    inProvider(
      <LoginFormRoot>
        <LoginFormSkeleton />
      </LoginFormRoot>,
    ),
    inProvider(<SignUpForm />),
    inProvider(<ResetPasswordForm token="" />),
    inProvider(<ChangePasswordForm />),
    inProvider(<VerifyEmail token="" />),
    inProvider(<SignOutButton />),
    inProvider(<LoginDialog />),
    inProvider(<UserButton />),
    inProvider(<MfaSetup />),
    inProvider(<MfaSetup enabled />),
    inProvider(<AuthErrorPage error="Verification" />),
    inProvider(<VerifyRequestPage />),
  ].join("\n")
}

describe("the kit's class names", () => {
  it("all have a rule in the stylesheet", async () => {
    const used = await classesInCode()
    // The scheme of `buttonClasses()` is built from its name (`nak:kit-${variant}`).
    const built = used.filter((name) => name.endsWith("-"))
    expect(built).toEqual(["nak:kit-"])
    const names = [...used.filter((name) => !built.includes(name)), ...schemes.map((scheme) => `nak:kit-${scheme}`)]
    expect(names.length).toBeGreaterThan(20)
    const defined = classesWithRules()
    expect(names.filter((name) => !defined.has(name))).toEqual([])
  })

  it("use logical sides (start, end), so that every part mirrors right to left", async () => {
    const declarations = declarationsByClass()
    const used = (await classesInCode()).filter((name) => !name.endsWith("-"))
    const names = [...used, ...schemes.map((scheme) => `nak:kit-${scheme}`)]
    const physical = /^(left|right|(padding|margin|border|scroll-padding|scroll-margin)-(left|right)(-.*)?|border-(top|bottom)-(left|right)-radius)$/
    const found: string[] = []
    for (const name of names) {
      for (const [condition, properties] of declarations.get(name) ?? []) {
        for (const [property, value] of properties) {
          // The dialog is centred with `left: 50%` and a -50% translate: both flip together.
          if (name === "nak:kit-dialog" && property === "left" && /^calc\(1 ?\/ ?2 \* 100%\)$/.test(value)) continue
          if (physical.test(property) || (property === "text-align" && /^(left|right)$/.test(value)) || (property === "float" && value !== "none")) {
            found.push(`${name} sets ${property}: ${value}${condition ? ` (${condition})` : ""}`)
          }
        }
      }
    }
    expect(names.length).toBeGreaterThan(20)
    expect(found).toEqual([])
  })

  it("never set one property twice on one element, under the same condition", () => {
    const declarations = declarationsByClass()
    const lists = [
      ...classLists(markup()),
      // Portalled: the user menu's entries.
      buttonClasses("ghost", "nak:kit-menu-item").split(" "),
      ...schemes.map((scheme) => buttonClasses(scheme).split(" ")),
    ]
    expect(lists.length).toBeGreaterThan(50)
    const clashes = new Set<string>()
    for (const list of lists) {
      const seen = new Map<string, { name: string; value: string }>()
      for (const name of list.filter((name) => name.startsWith("nak:"))) {
        for (const [condition, properties] of declarations.get(name) ?? []) {
          for (const [property, value] of properties) {
            const key = `${condition} ${property}`
            const other = seen.get(key)
            if (other && other.name !== name && other.value !== value) {
              clashes.add(`${other.name} and ${name} both set ${property}${condition ? ` (${condition})` : ""}`)
            }
            seen.set(key, { name, value })
          }
        }
      }
    }
    expect([...clashes]).toEqual([])
  })
})
