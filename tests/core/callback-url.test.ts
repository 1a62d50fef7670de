import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { MAX_CALLBACK_URL_LENGTH, safeCallbackUrl } from "../../src/core"
import {
  hostileCallbackUrls,
  legitimateCallbackUrls,
  nonStringCallbackUrls,
  sameOriginAbsolute,
} from "../fixtures/callback-urls"

const origin = "https://app.example.com"
const fallback = "/fallback"

/** What "stays on the origin" means: the browser resolves the result to our origin. */
function staysOnOrigin(result: string): boolean {
  const url = new URL(result, origin)
  return (
    result.startsWith("/") &&
    !result.startsWith("//") &&
    !result.startsWith("/\\") &&
    url.origin === origin &&
    !url.pathname.startsWith("//")
  )
}

describe("safeCallbackUrl", () => {
  it("is tested against at least 150 hostile inputs", () => {
    expect(hostileCallbackUrls.length).toBeGreaterThanOrEqual(150)
  })

  describe("given a hostile input", () => {
    it.each(hostileCallbackUrls.map((input) => [JSON.stringify(input).slice(0, 80), input]))(
      "returns the fallback for %s",
      (_, input) => {
        expect(safeCallbackUrl(input, { fallback })).toBe(fallback)
        expect(safeCallbackUrl(input, { origin, fallback })).toBe(fallback)
        expect(safeCallbackUrl(input)).toBe("/")
      },
    )

    it.each(nonStringCallbackUrls.map((input) => [String(typeof input), input]))(
      "returns the fallback for a %s",
      (_, input) => {
        expect(safeCallbackUrl(input, { origin, fallback })).toBe(fallback)
      },
    )
  })

  describe("given a legitimate relative path", () => {
    it.each(legitimateCallbackUrls)("returns %s unchanged", (input) => {
      expect(safeCallbackUrl(input, { fallback })).toBe(input)
      expect(safeCallbackUrl(input, { origin, fallback })).toBe(input)
    })
  })

  describe("given an absolute URL on the app's own origin", () => {
    it.each(sameOriginAbsolute)("turns %s into %s", (input, expected) => {
      expect(safeCallbackUrl(input, { origin, fallback })).toBe(expected)
    })

    it("refuses it when no origin is given, since it cannot know the origin", () => {
      expect(safeCallbackUrl("https://app.example.com/dashboard", { fallback })).toBe(fallback)
    })

    it("refuses the same host on another scheme or port", () => {
      expect(safeCallbackUrl("http://app.example.com/a", { origin, fallback })).toBe(fallback)
      expect(safeCallbackUrl("https://app.example.com:8443/a", { origin, fallback })).toBe(fallback)
    })

    it("refuses a same-origin URL whose path is protocol-relative", () => {
      expect(safeCallbackUrl("https://app.example.com//evil.example", { origin, fallback })).toBe(
        fallback,
      )
    })
  })

  describe("input length", () => {
    it("accepts a path of exactly the maximum length", () => {
      const input = `/${"a".repeat(MAX_CALLBACK_URL_LENGTH - 1)}`
      expect(safeCallbackUrl(input)).toBe(input)
    })

    it("refuses a path one character longer", () => {
      expect(safeCallbackUrl(`/${"a".repeat(MAX_CALLBACK_URL_LENGTH)}`, { fallback })).toBe(fallback)
    })
  })

  describe("the fallback", () => {
    it("defaults to /", () => {
      expect(safeCallbackUrl("//evil.example")).toBe("/")
    })

    it("is itself checked, so a hostile fallback becomes /", () => {
      expect(safeCallbackUrl("//evil.example", { fallback: "https://evil.example" })).toBe("/")
      expect(safeCallbackUrl("//evil.example", { fallback: "//evil.example" })).toBe("/")
    })

    it("may be a same-origin absolute URL when the origin is given", () => {
      expect(
        safeCallbackUrl("//evil.example", { origin, fallback: "https://app.example.com/home" }),
      ).toBe("/home")
    })
  })

  it("ignores an origin option that is not an http(s) origin", () => {
    expect(safeCallbackUrl("javascript:alert(1)", { origin: "javascript:" })).toBe("/")
    expect(safeCallbackUrl("/ok", { origin: "not a url" })).toBe("/ok")
  })

  describe("properties", () => {
    const anyString = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 80 }),
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.string({ unit: fc.constantFrom(..."/\\%2F5Cc:@.?#\t\n evilhtps"), maxLength: 40 }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.webPath().map((path) => `/${path}`),
    )

    it("returns the fallback or a path that stays on the origin, for any string", () => {
      fc.assert(
        fc.property(anyString, fc.boolean(), (input, withOrigin) => {
          const result = safeCallbackUrl(input, withOrigin ? { origin, fallback } : { fallback })
          expect(result === fallback || staysOnOrigin(result)).toBe(true)
        }),
        { numRuns: 5000 },
      )
    })

    it("keeps its results stable: a result passed back in comes back unchanged", () => {
      fc.assert(
        fc.property(anyString, (input) => {
          const once = safeCallbackUrl(input, { origin })
          expect(safeCallbackUrl(once, { origin })).toBe(once)
        }),
        { numRuns: 2000 },
      )
    })

    it("never throws, whatever it is given", () => {
      fc.assert(
        fc.property(fc.anything(), fc.anything(), (input, option) => {
          expect(() =>
            safeCallbackUrl(input, { origin: option as string, fallback: option as string }),
          ).not.toThrow()
        }),
        { numRuns: 1000 },
      )
    })
  })
})
