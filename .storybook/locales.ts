/**
 * Every shipped language, for the toolbar's Locale and for the stories' own providers, and the
 * language a story shows: the one of a whole test run (`testLocale`, set by the `storybook-rtl`
 * project in vitest.config.ts) over the story's or the toolbar's `locale`.
 */
import { en, type Messages } from "next-auth-kit"
import { ar } from "next-auth-kit/locales/ar"
import { de } from "next-auth-kit/locales/de"
import { es } from "next-auth-kit/locales/es"
import { fr } from "next-auth-kit/locales/fr"
import { he } from "next-auth-kit/locales/he"
import { it } from "next-auth-kit/locales/it"
import { ja } from "next-auth-kit/locales/ja"
import { ko } from "next-auth-kit/locales/ko"
import { nl } from "next-auth-kit/locales/nl"
import { pl } from "next-auth-kit/locales/pl"
import { ptBR } from "next-auth-kit/locales/pt-BR"
import { zhCN } from "next-auth-kit/locales/zh-CN"

export const locales = { en, de, fr, es, it, "pt-BR": ptBR, nl, pl, ja, "zh-CN": zhCN, ko, ar, he } satisfies Record<
  string,
  Required<Messages>
>

export type LocaleTag = keyof typeof locales

type Globals = Record<string, unknown>

const isTag = (value: unknown): value is LocaleTag => typeof value === "string" && Object.hasOwn(locales, value)

/** The story's language: the test run's, else the story's or the toolbar's, else English. */
export function localeOf(globals: Globals): LocaleTag {
  return isTag(globals.testLocale) ? globals.testLocale : isTag(globals.locale) ? globals.locale : "en"
}

/** The messages for `AuthProvider`: none for English, the components' default. */
export function messagesOf(globals: Globals): Messages | undefined {
  const tag = localeOf(globals)
  return tag === "en" ? undefined : locales[tag]
}

/** The writing direction: the toolbar's Direction, or the language's own ("auto"). */
export function dirOf(globals: Globals): "ltr" | "rtl" {
  return globals.direction === "ltr" || globals.direction === "rtl" ? globals.direction : locales[localeOf(globals)].dir
}
