// @vitest-environment node
/**
 * Every shipped language against English, the reference: the same keys, no empty text, the same
 * placeholders, a plural form for each category its language's whole numbers take, the right
 * writing direction, and an entry that carries that language alone.
 */
import { readdirSync } from "node:fs"
import { join, resolve } from "node:path"
import { build } from "esbuild"
import { beforeAll, describe, expect, it } from "vitest"
import { en, type Messages, plural, type PluralForms } from "../../src/client/messages"
import { summary } from "../../src/client/accounts/parts"

const folder = resolve(import.meta.dirname, "../../src/client/locales")
/** The BCP 47 tags, from the files' names: `pt-BR.ts` is `pt-BR`. */
const tags = readdirSync(folder)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.slice(0, -3))
  .sort()
/** The export's name: `pt-BR` is `ptBR`. */
const exportName = (tag: string) => tag.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())

const locales: Record<string, Required<Messages>> = {}
beforeAll(async () => {
  for (const tag of tags) {
    const module = (await import(join(folder, `${tag}.ts`))) as Record<string, Required<Messages>>
    expect(Object.keys(module), `${tag}.ts exports one object, named ${exportName(tag)}`).toEqual([exportName(tag)])
    locales[tag] = module[exportName(tag)]!
  }
})

const CATEGORIES = new Set(["zero", "one", "two", "few", "many", "other"])
const isPlural = (value: unknown): value is PluralForms =>
  typeof value === "object" && value !== null && "other" in value && Object.keys(value).every((key) => CATEGORIES.has(key))

/** Every text by its path; a plural message is one leaf. */
function leaves(messages: object, prefix = ""): Map<string, string | PluralForms> {
  const found = new Map<string, string | PluralForms>()
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === "string" || isPlural(value)) found.set(prefix + key, value)
    else for (const [path, leaf] of leaves(value as object, `${prefix}${key}.`)) found.set(path, leaf)
  }
  return found
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()
/** The categories a language's whole numbers fall in (0 to 2000 covers every count the kit shows). */
function integerCategories(tag: string): Set<string> {
  const rules = new Intl.PluralRules(tag)
  return new Set(Array.from({ length: 2001 }, (_, n) => rules.select(n)))
}

describe("the shipped languages", () => {
  it("are at least the issue's thirteen, each in a file named by its BCP 47 tag", () => {
    expect(tags).toEqual(expect.arrayContaining(["en", "de", "fr", "es", "it", "pt-BR", "nl", "pl", "ja", "zh-CN", "ko", "ar", "he"]))
    for (const tag of tags) expect(Intl.getCanonicalLocales(tag)).toEqual([tag])
  })

  it("each name its tag and its language's writing direction", () => {
    for (const tag of tags) {
      const { locale, dir } = locales[tag]!
      expect(locale, tag).toBe(tag)
      const locale_ = new Intl.Locale(tag) as Intl.Locale & { textInfo?: { direction: string }; getTextInfo?: () => { direction: string } }
      const direction = (locale_.getTextInfo?.() ?? locale_.textInfo)?.direction
      expect(dir, tag).toBe(direction ?? (["ar", "he"].includes(tag) ? "rtl" : "ltr"))
    }
    expect(locales.ar!.dir).toBe("rtl")
    expect(locales.he!.dir).toBe("rtl")
  })

  it("each have exactly English's keys, account forms, two-factor and auth pages included", () => {
    const reference = [...leaves(en).keys()]
    expect(reference).toEqual(expect.arrayContaining(["accounts.minutes", "mfa.title", "authPages.spam"]))
    for (const tag of tags) expect([...leaves(locales[tag]!).keys()], tag).toEqual(reference)
  })

  it("leave no text empty", () => {
    for (const tag of tags) {
      for (const [path, value] of leaves(locales[tag]!)) {
        for (const text of typeof value === "string" ? [value] : Object.values(value)) {
          expect(text!.trim(), `${tag} ${path}`).not.toBe("")
        }
      }
    }
  })

  it("keep English's {placeholders}: in each text, and in each plural message's `other` (other forms may spell the number out)", () => {
    const reference = leaves(en)
    for (const tag of tags) {
      for (const [path, value] of leaves(locales[tag]!)) {
        const english = reference.get(path)!
        if (typeof english === "string") {
          expect(typeof value, `${tag} ${path}`).toBe("string")
          expect(placeholders(value as string), `${tag} ${path}`).toEqual(placeholders(english))
        } else {
          expect(isPlural(value), `${tag} ${path}`).toBe(true)
          const forms = value as PluralForms
          expect(placeholders(forms.other), `${tag} ${path}.other`).toEqual(placeholders(english.other))
          for (const [category, text] of Object.entries(forms)) {
            for (const name of placeholders(text!)) expect(placeholders(english.other), `${tag} ${path}.${category}`).toContain(name)
          }
        }
      }
    }
  })

  it("give each plural message a form for every category of their whole numbers, and none their language lacks", () => {
    for (const tag of tags) {
      const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories as string[]
      const needed = [...integerCategories(tag)].sort()
      for (const [path, value] of leaves(locales[tag]!)) {
        if (typeof value === "string") continue
        expect(categories, `${tag} ${path}`).toEqual(expect.arrayContaining(Object.keys(value)))
        expect(Object.keys(value), `${tag} ${path}`).toEqual(expect.arrayContaining(needed))
      }
    }
  })
})

describe("counts", () => {
  const minutes = (tag: string, n: number) => summary(locales[tag]!, { code: "rate_limited", retryAfter: n * 60 })

  it("pick Polish's one, few and many", () => {
    expect([1, 2, 4, 5, 12, 22, 25].map((n) => minutes("pl", n))).toEqual([
      "Zbyt wiele prób. Spróbuj ponownie za 1 minutę.",
      "Zbyt wiele prób. Spróbuj ponownie za 2 minuty.",
      "Zbyt wiele prób. Spróbuj ponownie za 4 minuty.",
      "Zbyt wiele prób. Spróbuj ponownie za 5 minut.",
      "Zbyt wiele prób. Spróbuj ponownie za 12 minut.",
      "Zbyt wiele prób. Spróbuj ponownie za 22 minuty.",
      "Zbyt wiele prób. Spróbuj ponownie za 25 minut.",
    ])
    expect([1, 3, 8].map((n) => plural("pl", locales.pl!.accounts.too_short, n))).toEqual([
      "Wpisz co najmniej 1 znak.",
      "Wpisz co najmniej 3 znaki.",
      "Wpisz co najmniej 8 znaków.",
    ])
  })

  it("pick Arabic's six forms", () => {
    const d = (n: number) => n.toLocaleString("ar")
    expect([0, 1, 2, 3, 11, 100].map((n) => plural("ar", locales.ar!.accounts.minutes, n))).toEqual([
      `${d(0)} دقيقة`,
      "دقيقة واحدة",
      "دقيقتين",
      `${d(3)} دقائق`,
      `${d(11)} دقيقة`,
      `${d(100)} دقيقة`,
    ])
    expect(minutes("ar", 2)).toBe("محاولات كثيرة جدًا. حاول مرة أخرى بعد دقيقتين.")
  })

  it("write the number in the language's digits and grouping", () => {
    expect(minutes("en", 1234)).toBe("Too many attempts. Try again in 1,234 minutes.")
    expect(minutes("de", 1234)).toBe("Zu viele Versuche. Versuchen Sie es in 1.234 Minuten erneut.")
    expect(minutes("fr", 1234)).toBe(`Trop de tentatives. Réessayez dans ${new Intl.NumberFormat("fr").format(1234)} minutes.`)
    expect(minutes("en", 1)).toBe("Too many attempts. Try again in 1 minute.")
  })

  it("fall back to `other` for a category without a form, and fill a plain string", () => {
    expect(plural("pl", { other: "{n} x" }, 5)).toBe("5 x")
    expect(plural("en", "Check this field.", 3)).toBe("Check this field.")
  })
})

describe("each language's entry", () => {
  /** Each language's most distinctive sentences. */
  const marks = (messages: Required<Messages>) => [messages.errors.default, messages.errors.CredentialsSignin, messages.mfa.codesBody]

  it.each(tags)("next-auth-kit/locales/%s carries that language alone", async (tag) => {
    const result = await build({
      entryPoints: [join(folder, `${tag}.ts`)],
      bundle: true,
      write: false,
      format: "esm",
      minify: true,
      charset: "utf8",
      logLevel: "silent",
    })
    const code = result.outputFiles[0]!.text
    // Strings only: none of the kit's code (its plurals, its components) comes along.
    expect(code).not.toMatch(/PluralRules|react/)
    const own = marks(locales[tag]!)
    for (const text of own) expect(code).toContain(text)
    for (const other of tags.filter((name) => name !== tag)) {
      for (const text of marks(locales[other]!).filter((text) => !own.includes(text))) {
        expect(code.includes(text), `${tag} contains ${other}'s "${text}"`).toBe(false)
      }
    }
  })
})
