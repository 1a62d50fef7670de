/**
 * Accept-Language (RFC 9110 §12.5.4) against the languages the app has: RFC 4647 lookup, in the
 * order of the q-values, with `Intl.Locale` keeping scripts apart.
 */

/** One range of an Accept-Language header: lower-cased, `_` read as `-`, with its weight. */
export interface LanguageRange {
  range: string
  q: number
}

// Browsers send a few hundred bytes at most; past this the header is cut at a comma, so a huge
// one costs no more than a normal one.
const MAX_HEADER_LENGTH = 4096
const MAX_RANGES = 32
const RANGE = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/
const WEIGHT = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/

/**
 * The ranges of an Accept-Language header, best first (equal weights keep their order). A
 * malformed entry (bad range, bad `q`) is skipped, not the whole header; the first of duplicate
 * ranges counts; parameters other than `q` are ignored.
 */
export function parseAcceptLanguage(header: string | readonly string[] | null | undefined): LanguageRange[] {
  let text = typeof header === "string" ? header : Array.isArray(header) ? header.join(",") : ""
  if (text.length > MAX_HEADER_LENGTH) text = text.slice(0, Math.max(text.lastIndexOf(",", MAX_HEADER_LENGTH), 0))
  const seen = new Set<string>()
  const ranges: LanguageRange[] = []
  for (const entry of text.split(",")) {
    if (ranges.length === MAX_RANGES) break
    const [head = "", ...params] = entry.split(";")
    const range = head.trim().replace(/_/g, "-").toLowerCase()
    if (!RANGE.test(range) || seen.has(range)) continue
    let q: number | undefined = 1
    for (const param of params) {
      const text = param.replace(/\s+/g, "").toLowerCase()
      if (!text.startsWith("q=")) continue
      const weight = WEIGHT.exec(text)
      q = weight ? Number(weight[1]) : undefined
      break
    }
    if (q === undefined) continue
    seen.add(range)
    ranges.push({ range, q })
  }
  // Array.prototype.sort is stable: equal weights keep the header's order.
  return ranges.sort((a, b) => b.q - a.q)
}

// Intl.Locale#maximize costs microseconds, and a server meets the same few tags all day.
const scripts = new Map<string, string | undefined>()

/** The script a language is written in (`zh-TW` → Hant, `zh` → Hans), when Intl knows. */
function scriptOf(tag: string): string | undefined {
  if (scripts.has(tag)) return scripts.get(tag)
  let script: string | undefined
  try {
    script = new Intl.Locale(tag).maximize().script
  } catch {
    script = undefined
  }
  if (tag.length <= 64) {
    if (scripts.size >= 1000) scripts.clear()
    scripts.set(tag, script)
  }
  return script
}

/** RFC 4647 §3.4: one subtag off the end, and a singleton (`x`, `u`) left last goes too. */
function shorten(range: string): string {
  const end = range.lastIndexOf("-")
  if (end === -1) return ""
  const shorter = range.slice(0, end)
  const last = shorter.lastIndexOf("-")
  return last !== -1 && shorter.length - last === 2 ? shorter.slice(0, last) : shorter
}

/** Matches ranges against a fixed list of language tags. */
export interface LocaleMatcher {
  /** The best tag for ranges (as {@link parseAcceptLanguage} gives them), or `undefined`. */
  match(ranges: readonly LanguageRange[], options?: { ignoreExclusions?: boolean }): string | undefined
}

/**
 * A matcher over `available` (tags as the app spells them; the answer is one of them).
 *
 * For each range, best weight first: the tag equal to it, else a tag under it (`pt` →
 * `pt-BR`), then the same for shorter and shorter prefixes of the range (`fr-CA` → `fr`) as
 * RFC 4647's lookup does. A match found through a prefix must be written in the range's script,
 * so `zh-TW` (Traditional) does not fall back to `zh-CN` (Simplified). `*` is the first tag not
 * refused. A tag takes the weight of the most specific range that covers it, and `q=0`
 * refuses it: with `fr-CA, fr;q=0`, `fr` is refused and `fr-CA` is not.
 */
export function createLocaleMatcher(available: readonly string[]): LocaleMatcher {
  // Scripts are looked up only when a fallback needs them: a matcher costs nothing to make.
  const tags = available.map((tag) => {
    let script: string | undefined | null = null
    return { tag, lower: tag.toLowerCase(), script: () => (script === null ? (script = scriptOf(tag)) : script) }
  })
  type Tag = (typeof tags)[number]

  function lookup(range: string, allowed: (tag: Tag) => boolean): string | undefined {
    let script: string | undefined | null = null
    const sameScript = (tag: Tag) => {
      if (tag.lower === range) return true
      if (script === null) script = scriptOf(range)
      const theirs = tag.script()
      return script === undefined || theirs === undefined || theirs === script
    }
    for (let prefix = range; prefix !== ""; prefix = shorten(prefix)) {
      const exact = tags.find((tag) => tag.lower === prefix && allowed(tag) && sameScript(tag))
      if (exact) return exact.tag
      const under = tags.find((tag) => tag.lower.startsWith(`${prefix}-`) && allowed(tag) && sameScript(tag))
      if (under) return under.tag
    }
    return undefined
  }

  // A deprecated or aliased tag under its current name (iw → he, in → id, zh-cmn → zh), on a miss.
  function lookupCanonical(range: string, allowed: (tag: Tag) => boolean): string | undefined {
    let canonical: string | undefined
    try {
      canonical = Intl.getCanonicalLocales(range)[0]?.toLowerCase()
    } catch {
      return undefined
    }
    return canonical && canonical !== range ? lookup(canonical, allowed) : undefined
  }

  return {
    match(ranges, { ignoreExclusions = false } = {}) {
      // A tag takes the weight of the most specific range that covers it (RFC 9110): with
      // "fr-CA, fr;q=0" fr-CA is fine and fr is not.
      const weightOf = (tag: Tag) => {
        let best: LanguageRange | undefined
        for (const r of ranges) {
          if (r.range === "*" || (best && r.range.length <= best.range.length)) continue
          if (tag.lower === r.range || tag.lower.startsWith(`${r.range}-`)) best = r
        }
        return best?.q
      }
      const allowed = (tag: Tag) => ignoreExclusions || weightOf(tag) !== 0
      for (const { range, q } of ranges) {
        if (q === 0 && !ignoreExclusions) continue
        const found = range === "*" ? tags.find(allowed)?.tag : (lookup(range, allowed) ?? lookupCanonical(range, allowed))
        if (found) return found
      }
      return undefined
    },
  }
}

/**
 * The best of `available` for an `Accept-Language` header, or `undefined` when none is
 * acceptable; what the kit uses to pick the language of its answers and emails, for choosing
 * the language of your own pages the same way.
 *
 * Ranges are tried best `q` first. Each is looked up as RFC 4647 says, from the whole range to
 * its language (`fr-CA` → `fr`; `pt-BR` → `pt` → none), and a range also takes a more specific
 * tag (`pt` → `pt-BR`), as long as the script agrees (`zh-TW`, Traditional, never gets
 * `zh-CN`). `*` takes the first tag of `available`; `q=0` refuses a language. Case, `_` for
 * `-` and whitespace do not matter, deprecated tags are read under their current name (`iw` →
 * `he`); malformed entries are skipped; only the first 4 KB and 32 ranges of a header are read.
 *
 * @example
 * ```ts
 * negotiateLocale("fr-CA,fr;q=0.9,en;q=0.8", ["en", "de", "fr"]) // "fr"
 * negotiateLocale("pt-PT", ["en", "pt-BR"])                       // "pt-BR"
 * negotiateLocale("zh-TW", ["en", "zh-CN"])                       // undefined
 * negotiateLocale("*", ["en", "de"])                              // "en"
 *
 * // app/layout.tsx: the same language for the components as for the server's answers
 * const lang = negotiateLocale((await headers()).get("accept-language"), ["en", "de", "fr"]) ?? "en"
 * ```
 */
export function negotiateLocale(
  acceptLanguage: string | readonly string[] | null | undefined,
  available: readonly string[],
): string | undefined {
  return createLocaleMatcher(available).match(parseAcceptLanguage(acceptLanguage))
}
