import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { negotiateLocale } from "../../../src/server"
import { parseAcceptLanguage } from "../../../src/server/i18n/negotiate"

const KIT = ["en", "de", "fr", "es", "it", "pt-BR", "nl", "pl", "ja", "zh-CN", "ko", "ar", "he"]

describe("parseAcceptLanguage", () => {
  it("reads ranges with their weights, best first, equal weights in header order", () => {
    expect(parseAcceptLanguage("de;q=0.5, fr-CA, fr;q=0.9, en;q=0.5, *;q=0.1")).toEqual([
      { range: "fr-ca", q: 1 },
      { range: "fr", q: 0.9 },
      { range: "de", q: 0.5 },
      { range: "en", q: 0.5 },
      { range: "*", q: 0.1 },
    ])
  })

  it.each([
    ["no header", undefined, []],
    ["null", null, []],
    ["an empty header", "", []],
    ["only separators", " , ;, ,", []],
    ["a weight above 1", "fr;q=1.5, de", [{ range: "de", q: 1 }]],
    ["a weight with four decimals", "fr;q=0.1234, de", [{ range: "de", q: 1 }]],
    ["a weight that is not a number", "fr;q=abc, de;q=, it;q", [{ range: "it", q: 1 }]],
    ["a negative weight", "fr;q=-1, de", [{ range: "de", q: 1 }]],
    ["a subtag longer than 8 characters", "portugues, fr-canadiens, de", [{ range: "de", q: 1 }]],
    ["characters outside a tag", "fr<script>, d e, 'en', de", [{ range: "de", q: 1 }]],
    ["a range without a language", ";q=0.5, -fr, fr-, de", [{ range: "de", q: 1 }]],
  ])("skips what is malformed, keeps the rest: %s", (_, header, expected) => {
    expect(parseAcceptLanguage(header)).toEqual(expected)
  })

  it("reads case, _ for -, whitespace and other parameters the lenient way", () => {
    expect(parseAcceptLanguage("  PT_br ; Q = 0.8 ; level=1 ,ZH-cn")).toEqual([
      { range: "zh-cn", q: 1 },
      { range: "pt-br", q: 0.8 },
    ])
  })

  it("counts the first of duplicate ranges", () => {
    expect(parseAcceptLanguage("fr;q=0.2, de, fr")).toEqual([
      { range: "de", q: 1 },
      { range: "fr", q: 0.2 },
    ])
  })

  it("joins repeated headers (Node's string[])", () => {
    expect(parseAcceptLanguage(["fr;q=0.5", "de"]).map((r) => r.range)).toEqual(["de", "fr"])
  })

  it("reads at most 32 ranges and the first 4 KB of a huge header", () => {
    const letters = (n: number) => [26 * 26, 26, 1].map((unit) => String.fromCharCode(97 + (Math.floor(n / unit) % 26))).join("")
    const many = Array.from({ length: 5000 }, (_, i) => letters(i)).join(",")
    const ranges = parseAcceptLanguage(`${many},fr`)
    expect(ranges).toHaveLength(32)
    expect(ranges.some((r) => r.range === "fr")).toBe(false)
    // One range of 1 MB: cut, never matched, never slow.
    expect(parseAcceptLanguage("a".repeat(1_000_000))).toEqual([])
    expect(parseAcceptLanguage(`${"de-".repeat(2000)}de, fr`)).toEqual([])
  })

  it("never throws, whatever the header", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (header) => {
        const ranges = parseAcceptLanguage(header)
        for (const { range, q } of ranges) {
          expect(range).toMatch(/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/)
          expect(q >= 0 && q <= 1).toBe(true)
        }
      }),
    )
  })
})

describe("negotiateLocale", () => {
  it.each([
    // [header, available, expected]
    ["fr-CA,fr;q=0.9,en;q=0.8", KIT, "fr"],
    ["de-DE", KIT, "de"],
    ["en-US,en;q=0.9", KIT, "en"],
    ["es-419", KIT, "es"],
    // the range falls back to its language: pt-BR → pt → none
    ["pt-BR", ["en", "pt"], "pt"],
    ["pt-BR", ["en", "de"], undefined],
    // and a language takes a more specific tag: pt → pt-BR, zh → zh-CN
    ["pt", KIT, "pt-BR"],
    ["pt-PT", KIT, "pt-BR"],
    ["zh", KIT, "zh-CN"],
    ["zh-SG", KIT, "zh-CN"],
    ["zh-Hans", KIT, "zh-CN"],
    // …but never across scripts: Traditional Chinese is not Simplified
    ["zh-TW", KIT, undefined],
    ["zh-HK,zh-TW;q=0.9", KIT, undefined],
    ["zh-Hant-TW, en;q=0.5", KIT, "en"],
    ["zh-TW,zh;q=0.9,en;q=0.8", KIT, "zh-CN"],
    ["sr-Latn", ["en", "sr"], undefined],
    // q-values decide, not the order
    ["de;q=0.5, fr", KIT, "fr"],
    ["ja;q=0.3, ko;q=0.7, ar;q=0.5", KIT, "ko"],
    // the first range that matches at all wins, through its fallback, before a later range
    ["de-AT, fr;q=0.9", KIT, "de"],
    ["sv, nl;q=0.5", KIT, "nl"],
    // an exact tag before a more specific one at the same level
    ["pt", ["en", "pt-BR", "pt"], "pt"],
    // case and _ do not matter; the answer is spelled as the app spells it
    ["ZH-cn", KIT, "zh-CN"],
    ["pt_BR", KIT, "pt-BR"],
    ["he-IL", KIT, "he"],
    // a deprecated tag under its current name
    ["iw", KIT, "he"],
    ["in, en;q=0.1", ["en", "id"], "id"],
    // a private-use singleton goes with the subtag after it
    ["fr-x-acme", KIT, "fr"],
    ["de-CH-1996", KIT, "de"],
    // *: the first language available that is not refused
    ["*", KIT, "en"],
    ["sv, *;q=0.1", KIT, "en"],
    ["en;q=0, *", KIT, "de"],
    ["*;q=0", KIT, undefined],
    // q=0 refuses a language, even through another range's fallback
    ["fr;q=0, fr-CA", KIT, undefined],
    ["fr-CA;q=0, fr", KIT, "fr"],
    ["de-AT, de;q=0, en;q=0.5", KIT, "en"],
    ["fr-CA, fr;q=0", ["en", "fr-CA", "fr"], "fr-CA"],
    ["pt;q=0, pt-BR", KIT, "pt-BR"],
    // nothing to go on
    ["", KIT, undefined],
    ["xx, yy-ZZ", KIT, undefined],
    ["fr;q=2", KIT, undefined],
  ] as const)("%j among %j → %j", (header, available, expected) => {
    expect(negotiateLocale(header, available)).toBe(expected)
  })

  it("answers one of the available tags or undefined, for any header", () => {
    const ranges = fc.constantFrom("en", "en-US", "fr", "fr-CA", "pt", "pt-BR", "pt-PT", "zh", "zh-TW", "zh-CN", "de", "*", "x-y", "iw")
    const weight = fc.option(fc.integer({ min: 0, max: 1000 }).map((n) => `;q=${(n / 1000).toString()}`), { nil: "" })
    const header = fc.array(fc.tuple(ranges, weight).map(([r, q]) => r + q), { maxLength: 8 }).map((parts) => parts.join(", "))
    fc.assert(
      fc.property(header, (value) => {
        const found = negotiateLocale(value, KIT)
        expect(found === undefined || KIT.includes(found)).toBe(true)
        // The top range, when it is a language the kit has, always wins.
        const [top] = parseAcceptLanguage(value)
        if (top && top.q > 0 && ["en", "fr", "de"].includes(top.range)) {
          expect(found).toBe(top.range)
        }
      }),
    )
  })
})
