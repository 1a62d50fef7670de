/**
 * Play functions find elements and check text by their English (or German) words. In a test run
 * in another language (`testLocale`, the `storybook-rtl` project), those words are translated
 * into it through the messages themselves, key by key, so every story still plays in full: the
 * story's `canvas`, {@link within}, and the text matchers `toHaveTextContent` and
 * `toHaveAccessibleDescription` accept either the words as written or their translation (an
 * app's own text in a story, "Settings", stays as it is).
 */
import type { Messages, PluralForms } from "next-auth-kit"
import { within as withinElement } from "storybook/test"
import { plural } from "../src/client/messages"
import { locales } from "./locales"

/** A text of the source language and the same text in the target one. */
type Pair = { from: string; to: string }

const CATEGORIES = new Set(["zero", "one", "two", "few", "many", "other"])
const isPlural = (value: unknown): value is PluralForms =>
  typeof value === "object" && value !== null && "other" in value && Object.keys(value).every((key) => CATEGORIES.has(key))

/** Every counted text for counts up to this, in both languages ("2 minutes" → "دقيقتين"). */
const COUNTS = 200

function pairsOf(source: object, target: object, sourceLocale: string, targetLocale: string, found: Pair[] = []): Pair[] {
  for (const [key, from] of Object.entries(source)) {
    const to = (target as Record<string, unknown>)[key]
    if (typeof from === "string" && typeof to === "string") found.push({ from, to })
    else if (isPlural(from) && isPlural(to)) {
      for (let n = 0; n <= COUNTS; n++) found.push({ from: plural(sourceLocale, from, n), to: plural(targetLocale, to, n) })
    } else if (typeof from === "object" && typeof to === "object") pairsOf(from, to as object, sourceLocale, targetLocale, found)
  }
  return found
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
/** A template's literal parts and its placeholders' names, alternately. */
const parts = (template: string) => template.split(/\{(\w+)\}/)
const hasPlaceholders = (template: string) => /\{\w+\}/.test(template)

/** Translates from English and German (the languages the stories are written in) into `target`. */
export function translator(target: Required<Messages>) {
  const pairs = [locales.en, locales.de].flatMap((source) => pairsOf(source, target, source.locale, target.locale))
  const templates = pairs
    .filter((pair) => hasPlaceholders(pair.from))
    .map((pair) => {
      const pieces = parts(pair.from)
      const source = pieces.map((piece, i) => (i % 2 ? "(.+?)" : escape(piece))).join("")
      return { ...pair, pattern: new RegExp(`^${source}$`), names: pieces.filter((_, i) => i % 2), literals: pieces.filter((_, i) => !(i % 2)) }
    })

  /** A placeholder's value, itself translated when it is a text of the messages ("2 minutes"). */
  const value = (text: string) => pairs.find((pair) => pair.from === text)?.to ?? text
  const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match)

  /**
   * Regular-expression sources for the translations of `text`: a whole text, a filled-in
   * template, texts joined by spaces (with `joined`), or (with `partial`) a text or template
   * that contains it.
   */
  function translations(text: string, partial: boolean, joined = true): string[] {
    const found = new Set<string>()
    for (const pair of pairs) if (pair.from === text) found.add(escape(pair.to))
    for (const template of templates) {
      const match = text.match(template.pattern)
      if (match) found.add(escape(fill(template.to, Object.fromEntries(template.names.map((name, i) => [name, value(match[i + 1]!)])))))
      else if (partial && template.literals.some((literal) => literal.includes(text))) {
        found.add(parts(template.to).map((piece, i) => (i % 2 ? ".+?" : escape(piece))).join(""))
      }
    }
    if (found.size === 0 && joined) {
      const each = sentences(text)
      if (each) found.add(each)
    }
    if (partial && found.size === 0 && text.length > 5) {
      for (const pair of pairs) if (!hasPlaceholders(pair.from) && pair.from.includes(text)) found.add(escape(pair.to))
    }
    return [...found]
  }

  /** Texts joined by spaces (an input's hint and error, one description): each one translated. */
  function sentences(text: string): string | null {
    for (let end = text.indexOf(" "); end > 0; end = text.indexOf(" ", end + 1)) {
      const head = translations(text.slice(0, end), false, false)
      if (head.length === 0) continue
      const tail = translations(text.slice(end + 1), false)
      if (tail.length > 0) return `(?:${head.join("|")}) (?:${tail.join("|")})`
    }
    return null
  }

  /**
   * `query` as written or translated: for a whole text (`partial` false) a pattern of the whole
   * text, else one that may be part of it. A pattern that is more than plain words stays as it is.
   */
  function translate<T>(query: T, partial = false): T | RegExp {
    if (typeof query === "string") {
      const found = translations(query, partial)
      if (found.length === 0) return query
      const either = [escape(query), ...found].join("|")
      return new RegExp(partial ? `(?:${either})` : `^(?:${either})$`)
    }
    if (query instanceof RegExp) {
      // Plain words, or plain alternatives (/Set up two-factor authentication|Zwei-Faktor…/):
      // anything else (a class, a group, an anchor) stays as it is.
      const alternatives = query.source.split("|")
      if (alternatives.some((source) => !source || /[\\^$.*+?()[\]{}]/.test(source.replace(/\\./g, "")))) return query
      const found = alternatives.flatMap((source) => translations(source.replace(/\\(.)/g, "$1"), true))
      return found.length === 0 ? query : new RegExp(`(?:${query.source})|${found.join("|")}`, query.flags)
    }
    return query
  }

  return translate
}

type Translate = ReturnType<typeof translator>

/** The translator of the running story, when its run is in another language. */
let active: Translate | null = null

const translators = new Map<string, Translate>()

/** Starts translating (a story of a run in another language), or stops with `null`. */
export function translateInto(target: Required<Messages> | null) {
  if (!target || target.locale === "en") {
    active = null
    return
  }
  let translate = translators.get(target.locale)
  if (!translate) translators.set(target.locale, (translate = translator(target)))
  active = translate
}

/** Translates a matcher's expected text (`partial`: contained in the element's text). */
export const expected = <T>(text: T, partial: boolean) => (active ? active(text, partial) : text)

/** Testing Library's queries, whose text arguments are translated while a translator runs. */
export function translating<Queries extends object>(queries: Queries): Queries {
  return new Proxy(queries, {
    get(target, key, receiver) {
      const query: unknown = Reflect.get(target, key, receiver)
      if (typeof query !== "function" || typeof key !== "string") return query
      return (first: unknown, options?: { name?: unknown; exact?: boolean }, ...rest: unknown[]) => {
        if (!active) return query(first, options, ...rest)
        const partial = options?.exact === false
        if (/ByRole$/.test(key)) {
          return query(first, options?.name === undefined ? options : { ...options, name: active(options.name, partial) }, ...rest)
        }
        return query(/ByTestId$/.test(key) ? first : active(first, partial), options, ...rest)
      }
    },
  })
}

/** `within` of storybook/test, translating while a story of another language plays. */
export const within = ((element: HTMLElement) => translating(withinElement(element))) as typeof withinElement
