/**
 * The shipped server locales: one per language of the client, each complete (every key of
 * English, the same placeholders, nothing empty), typed so that a missing key does not compile,
 * and importable under the package's own names.
 */
import { readdirSync } from "node:fs"
import { describe, expect, expectTypeOf, it } from "vitest"
import { accountMessagesOf, defaultServerMessages, type ServerEmailMessages, type ServerMessages } from "../../../src/server"
import { renderEmail } from "../../../src/server/accounts/emails"
import { formatDuration, formatDuration as formatDurationIn, formatMessage, formatWait } from "../../../src/server/i18n/messages"
import { en } from "../../../src/server/locales/en"
import { fr } from "../../../src/server/locales/fr"
// The package's names, through tsconfig `paths` (type-only: checked by tsc, erased at run time).
import type { de as deClient } from "next-auth-kit/locales/de"
import type { fr as frByPackageName } from "next-auth-kit/locales/fr/server"
import type { zhCN as zhCNByPackageName } from "next-auth-kit/locales/zh-CN/server"

const LANGUAGES = ["en", "de", "fr", "es", "it", "pt-BR", "nl", "pl", "ja", "zh-CN", "ko", "ar", "he"]
const folder = new URL("../../../src/server/locales/", import.meta.url)
const files = readdirSync(folder).filter((file) => file.endsWith(".ts"))

/** Every locale file's one export, by its file's tag. */
const locales = Object.fromEntries(
  await Promise.all(
    files.map(async (file) => {
      const module = (await import(new URL(file, folder).href)) as Record<string, ServerMessages>
      const values = Object.values(module)
      expect(values, `${file} exports one locale`).toHaveLength(1)
      return [file.slice(0, -3), values[0]!] as const
    }),
  ),
)

/** Every string of a locale, by its path: `errors.forbidden`, `emails.verify-email.intro.0`. */
function leaves(value: unknown, path = ""): Map<string, unknown> {
  const out = new Map<string, unknown>()
  if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      for (const [p, v] of leaves(inner, path ? `${path}.${key}` : key)) out.set(p, v)
    }
  } else out.set(path, value)
  return out
}
/** The structure without the array items: `emails.verify-email.intro` for the paragraphs. */
function keysOf(value: unknown, path = ""): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [path]
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, path ? `${path}.${key}` : key))
}
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
const get = (object: unknown, path: string) => path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], object)

describe("the server locales", () => {
  it("are the 13 languages of the components, one file each, named by tag", () => {
    expect(Object.keys(locales).sort()).toEqual([...LANGUAGES].sort())
    for (const [tag, locale] of Object.entries(locales)) {
      expect(locale.locale).toBe(tag)
      expect(Intl.getCanonicalLocales(tag)).toEqual([tag])
    }
    expect(defaultServerMessages).toBe(en)
  })

  describe.each(LANGUAGES.filter((tag) => tag !== "en"))("%s", (tag) => {
    const locale = () => locales[tag]!

    it("has every key of English and no other", () => {
      expect(keysOf(locale()).sort()).toEqual(keysOf(en).sort())
    })

    it("uses, in each string, the placeholders of English's", () => {
      for (const path of keysOf(en)) {
        if (path === "locale") continue
        const theirs = get(locale(), path)
        const ours = get(en, path)
        const joined = (value: unknown) => [value].flat().join("\n")
        expect(placeholders(joined(theirs)), `${tag} ${path}`).toEqual(placeholders(joined(ours)))
      }
    })

    it("has no empty string or empty list of paragraphs", () => {
      for (const [path, value] of leaves(locale())) {
        expect(typeof value, `${tag} ${path}`).toBe("string")
        expect((value as string).trim(), `${tag} ${path}`).not.toBe("")
      }
      for (const path of keysOf(en).filter((p) => Array.isArray(get(en, p)))) {
        expect((get(locale(), path) as string[]).length, `${tag} ${path}`).toBeGreaterThan(0)
      }
    })

    it("is translated: no string is the English one, the signature aside", () => {
      const english = leaves(en)
      const same = [...leaves(locale())].filter(([path, value]) => path !== "locale" && english.get(path) === value).map(([path]) => path)
      expect(same).toEqual(["emails.signature"])
    })

    it("writes no HTML and no unbalanced braces (the kit escapes every line)", () => {
      for (const [path, value] of leaves(locale())) {
        expect(value, `${tag} ${path}`).not.toMatch(/<[a-z/!]/i)
        expect(String(value).replace(/\{\w+\}/g, ""), `${tag} ${path}`).not.toMatch(/[{}]/)
      }
    })
  })

  it("format durations with the language's plural forms (Intl.NumberFormat)", () => {
    // ICU puts a no-break space between number and unit in some languages: kept in emails.
    const formatDuration = (ms: number, tag: string) => formatDurationIn(ms, tag).replace(/\s/g, " ")
    const day = 86_400_000
    expect([1, 24].map((h) => formatDuration(h * 3_600_000, "en"))).toEqual(["1 hour", "24 hours"])
    expect(formatDuration(2 * day, "de")).toBe("2 Tage")
    expect(formatDuration(3_600_000, "fr")).toBe("1 heure")
    expect([2, 5, 22].map((h) => formatDuration(h * 3_600_000, "pl"))).toEqual(["2 godziny", "5 godzin", "22 godziny"])
    expect(formatDuration(2 * 3_600_000, "ar")).toBe("ساعتان")
    expect(formatDuration(2 * day, "he")).toBe("יומיים")
    expect(formatDuration(30 * 60_000, "zh-CN")).toBe("30分钟")
    // Waits round up: never promise a try that would still be refused.
    expect([1, 59, 60, 61, 3600, 7199, 7200, 7201].map((s) => formatWait(s, "en"))).toEqual([
      "1 second",
      "59 seconds",
      "1 minute",
      "2 minutes",
      "60 minutes",
      "2 hours",
      "2 hours",
      "3 hours",
    ])
    expect(formatWait(1, "ko")).toBe("1초")
  })

  it("fill placeholders in one pass: a value that holds a placeholder stays as it is", () => {
    expect(formatMessage("Hello {name}, welcome to {appName}", { name: "{appName}", appName: "Acme" })).toBe(
      "Hello {appName}, welcome to Acme",
    )
    expect(formatMessage("{unknown} stays", {})).toBe("{unknown} stays")
    expect(formatMessage("{constructor}", {})).toBe("{constructor}")
  })

  it("render every email of every language, escaping names and app names in the HTML", () => {
    const name = `<script>alert("x")</script> O'Brien & Co`
    const appName = `Acme <b>&</b>`
    for (const [tag, locale] of Object.entries(locales)) {
      const messages = accountMessagesOf(locale)
      for (const kind of Object.keys(en.emails).filter((k) => k.includes("-")) as Array<keyof ServerEmailMessages & `${string}-${string}`>) {
        for (const recipient of [name, null]) {
          const email = renderEmail(messages, kind, { to: "ada@example.com", url: 'https://app.test/x?token=a&b="c"', appName, name: recipient, expiresInMs: 3_600_000 })
          const where = `${tag} ${kind}`
          expect(email.locale, where).toBe(tag)
          expect(email.html, where).not.toMatch(/<script|<b>|alert\("x"\)/)
          if (recipient) {
            expect(email.html, where).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co")
            expect(email.text, where).toContain(name)
          }
          expect(email.html, where).toContain('href="https://app.test/x?token=a&amp;b=&quot;c&quot;"')
          expect(email.html, where).toContain(`<html lang="${tag}" dir="${["ar", "he"].includes(tag) ? "rtl" : "ltr"}">`)
          expect(`${email.subject}\n${email.text}`, where).not.toMatch(/\{\w+\}/)
          expect(email.subject + email.text, where).toContain(appName)
          if (kind === "verify-email" || kind === "reset-password") expect(email.text, where).toContain(formatDuration(3_600_000, tag))
        }
      }
    }
  })

  it("are typed: a missing key does not compile", () => {
    expectTypeOf(fr).toEqualTypeOf<ServerMessages>()
    expectTypeOf<typeof frByPackageName>().toEqualTypeOf<ServerMessages>()
    expectTypeOf<typeof zhCNByPackageName>().toEqualTypeOf<ServerMessages>()
    // next-auth-kit/locales/* still resolves to the components' locales.
    expectTypeOf<typeof deClient>().toHaveProperty("loginForm")
    expectTypeOf<typeof deClient>().not.toHaveProperty("emails")

    const { rate_limited: _rate, ...someErrors } = fr.errors
    const { "mfa-disabled": _kind, ...someKinds } = fr.emails
    const { greeting: _greeting, ...noGreeting } = fr.emails
    const { outro: _outro, ...noOutro } = fr.emails["reset-password"]
    // @ts-expect-error: errors.rate_limited is missing
    const a: ServerMessages = { ...fr, errors: someErrors }
    // @ts-expect-error: the mfa-disabled email is missing
    const b: ServerMessages = { ...fr, emails: someKinds }
    // @ts-expect-error: emails.greeting is missing
    const c: ServerMessages = { ...fr, emails: noGreeting }
    // @ts-expect-error: the reset email's outro is missing
    const d: ServerMessages = { ...fr, emails: { ...fr.emails, "reset-password": noOutro } }
    // @ts-expect-error: `locale` is required
    const e: ServerMessages = { errors: fr.errors, emails: fr.emails }
    expect([a, b, c, d, e]).toHaveLength(5)
  })
})
