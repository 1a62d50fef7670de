import type { IncomingHttpHeaders } from "node:http"
import type { ApiErrorCode } from "../../core/api-errors"
import { AuthKitError } from "../../core/errors"
import { en } from "../locales/en"
import { parseCookies } from "../session"
import { directionOf, formatMessage, formatWait, type ServerEmailMessages, type ServerMessages } from "./messages"
import { createLocaleMatcher, parseAcceptLanguage } from "./negotiate"

/**
 * What the app's `locale` function sees of a request, the same in both routers and the
 * account endpoints: its headers and its cookies. next-auth's `getToken({ req: request })`
 * reads the session from it.
 *
 * @example
 * ```ts
 * const locale = (request: LocaleRequest) => request.cookies.NEXT_LOCALE ?? request.headers.get("x-language") ?? undefined
 * ```
 */
export interface LocaleRequest {
  headers: Headers
  cookies: Partial<Record<string, string>>
}

/**
 * The app's choice of language for a request, winning over `Accept-Language`: a tag
 * (`"fr"`, `"fr-CA"`, matched to the `locales` as a header's range would be), or `undefined`
 * to let `Accept-Language` decide. May be async (a user setting in a database); one that throws
 * or rejects is reported to `onError` and the header decides.
 *
 * @example
 * ```ts
 * createAuthKit(authOptions, { locales: [de, fr], locale: (request) => request.cookies.NEXT_LOCALE })
 * ```
 */
export type LocaleResolver = (request: LocaleRequest) => string | null | undefined | Promise<string | null | undefined>

/**
 * The language options that `createAuthKit` and `createAccounts` share (pass the same ones to
 * both): the languages the server speaks besides English, and the app's override.
 *
 * @example
 * ```ts
 * import { de } from "next-auth-kit/locales/de/server"
 * import { fr } from "next-auth-kit/locales/fr/server"
 *
 * export const languages: ServerLocaleOptions = {
 *   locales: [de, fr],
 *   locale: (request) => request.cookies.NEXT_LOCALE, // else Accept-Language
 * }
 * createAuthKit(authOptions, { ...authConfig, ...languages })
 * createAccounts({ ...authConfig, ...languages, store, sendEmail })
 * ```
 */
export interface ServerLocaleOptions {
  /**
   * The languages of error messages and emails besides the built-in English, one
   * `next-auth-kit/locales/<tag>/server` each (or a {@link ServerMessages} of your own; one
   * whose `locale` is `en` replaces the English strings). Each answer takes the request's best
   * match, by `Accept-Language`, else English.
   * @default [] (English only)
   */
  locales?: readonly ServerMessages[]
  /**
   * The app's own choice for a request (a cookie, a user setting), tried before
   * `Accept-Language`; `undefined`, or a language not in `locales`, leaves it to the header.
   * @default none: `Accept-Language` decides
   */
  locale?: LocaleResolver
}

/** One language the server speaks, ready to use. */
export interface Language {
  /** The tag as configured, canonical: `"pt-BR"`. */
  tag: string
  dir: "ltr" | "rtl"
  messages: ServerMessages
  /** The `message` of an error, with the wait of a `rate_limited` in words. */
  error(code: ApiErrorCode, values?: { retryAfter?: number }): string
}

/** A request as the kit's handlers hold it: a Fetch `Headers` or Node's headers. */
export interface RequestView {
  headers: Headers | IncomingHttpHeaders | Record<string, string | string[] | undefined>
  cookies?: Partial<Record<string, string>>
}

/** The languages of one `createAuthKit` or `createAccounts`. */
export interface Languages {
  /** English, or the app's replacement of it: the default. */
  english: Language
  /** Every language, English first. */
  all: readonly Language[]
  /** The language of a request's answer; never throws. */
  pick(request: RequestView): Promise<Language>
}

function invalid(message: string): never {
  throw new AuthKitError("invalid_config", message)
}

function headerOf(headers: RequestView["headers"], name: string): string | string[] | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined
  return (headers as Record<string, string | string[] | undefined>)[name]
}

function toHeaders(headers: RequestView["headers"]): Headers {
  if (headers instanceof Headers) return headers
  const result = new Headers()
  for (const [name, value] of Object.entries(headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      try {
        result.append(name, String(one))
      } catch {
        // A header a Fetch Headers refuses (a character it does not allow): left out.
      }
    }
  }
  return result
}

const present = (value: unknown): value is string => typeof value === "string" && value !== ""

/**
 * A locale over the English one: what it lacks (a JavaScript app, or a locale older than the
 * kit) is English, and each gap is named once at start-up.
 */
function complete(messages: ServerMessages, base: ServerMessages, tag: string): ServerMessages {
  const missing: string[] = []
  const pick = (value: unknown, fallback: string, key: string) => {
    if (present(value)) return value
    missing.push(key)
    return fallback
  }
  const lines = (value: unknown, fallback: readonly string[], key: string) => {
    if (Array.isArray(value) && value.length > 0 && value.every(present)) return value as readonly string[]
    missing.push(key)
    return fallback
  }
  const given = (typeof messages.errors === "object" && messages.errors) || ({} as Partial<ServerMessages["errors"]>)
  const errors = { ...base.errors }
  for (const code of Object.keys(base.errors) as ApiErrorCode[]) errors[code] = pick(given[code], base.errors[code], `errors.${code}`)
  const mail = ((typeof messages.emails === "object" && messages.emails) || {}) as Partial<ServerEmailMessages>
  const emails = { ...base.emails }
  for (const key of Object.keys(base.emails) as (keyof ServerEmailMessages)[]) {
    const fallback = base.emails[key]
    if (typeof fallback === "string") {
      ;(emails as Record<string, unknown>)[key] = pick(mail[key], fallback, `emails.${key}`)
    } else {
      const template = (mail[key] ?? {}) as Partial<typeof fallback>
      ;(emails as Record<string, unknown>)[key] = {
        subject: pick(template.subject, fallback.subject, `emails.${key}.subject`),
        intro: lines(template.intro, fallback.intro, `emails.${key}.intro`),
        action: pick(template.action, fallback.action, `emails.${key}.action`),
        outro: lines(template.outro, fallback.outro, `emails.${key}.outro`),
      }
    }
  }
  if (missing.length > 0 && messages !== base) {
    console.warn(
      `[next-auth-kit] The locale "${tag}" has no ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ""}: the English strings are used instead. Add them to the locale.`,
    )
  }
  return { locale: tag, errors, emails }
}

function languageOf(messages: ServerMessages): Language {
  const { locale: tag } = messages
  return {
    tag,
    dir: directionOf(tag),
    messages,
    error(code, { retryAfter } = {}) {
      const template = messages.errors[code]
      // Every rate_limited answer of the kit carries Retry-After; a minute is the floor otherwise.
      return template.includes("{time}") ? formatMessage(template, { time: formatWait(retryAfter ?? 60, tag) }) : template
    },
  }
}

/**
 * Checks the language options once and builds the per-request chooser. `report` receives what
 * the app's `locale` throws.
 * @throws AuthKitError `invalid_config` for `locales` that are not a list of locales with a
 * valid, unique `locale` tag, or a `locale` that is not a function.
 */
export function resolveLanguages(options: ServerLocaleOptions, report: (error: unknown) => void): Languages {
  const { locales = [], locale: override } = options
  if (!Array.isArray(locales)) {
    invalid("`locales` must be a list of server locales, such as `[de, fr]` from next-auth-kit/locales/de/server and next-auth-kit/locales/fr/server.")
  }
  if (override !== undefined && typeof override !== "function") {
    invalid("`locale` must be a function of the request that answers a language tag (or undefined), such as `(request) => request.cookies.NEXT_LOCALE`.")
  }

  let english = languageOf(en)
  const others: Language[] = []
  const seen = new Set<string>()
  for (const [index, given] of locales.entries()) {
    if (!given || typeof given !== "object" || typeof given.locale !== "string") {
      invalid(`\`locales[${index}]\` is not a server locale: import one from next-auth-kit/locales/<tag>/server, or write a ServerMessages object.`)
    }
    let tag: string
    try {
      ;[tag = ""] = Intl.getCanonicalLocales(given.locale)
    } catch {
      invalid(`\`locales[${index}].locale\` must be a BCP 47 language tag such as "fr" or "pt-BR", got ${JSON.stringify(given.locale)}.`)
    }
    if (seen.has(tag.toLowerCase())) invalid(`\`locales\` has "${tag}" twice; keep one.`)
    seen.add(tag.toLowerCase())
    const language = languageOf(complete(given, en, tag))
    if (tag === "en") english = language
    else others.push(language)
  }
  const all = [english, ...others]
  const byTag = new Map(all.map((language) => [language.tag, language]))
  const matcher = createLocaleMatcher(all.map((language) => language.tag))

  async function chosen(request: RequestView): Promise<Language | undefined> {
    if (override) {
      try {
        const cookies = request.cookies ?? parseCookies(headerOf(request.headers, "cookie"))
        const wanted = await override({ headers: toHeaders(request.headers), cookies })
        if (typeof wanted === "string" && wanted !== "") {
          const tag = matcher.match(parseAcceptLanguage(wanted), { ignoreExclusions: true })
          if (tag) return byTag.get(tag)
        }
      } catch (error) {
        report(error)
      }
    }
    if (all.length === 1) return undefined
    const tag = matcher.match(parseAcceptLanguage(headerOf(request.headers, "accept-language")))
    return tag === undefined ? undefined : byTag.get(tag)
  }

  return {
    english,
    all,
    async pick(request) {
      try {
        return (await chosen(request)) ?? english
      } catch (error) {
        report(error)
        return english
      }
    },
  }
}
