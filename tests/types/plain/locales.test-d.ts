import { describe, expectTypeOf, it } from "vitest"
import { en, type Messages, type MessagesOverride, type PluralForms } from "../../../src/client"
import { ar } from "../../../src/client/locales/ar"
import { de } from "../../../src/client/locales/de"
import { en as enEntry } from "../../../src/client/locales/en"
import { es } from "../../../src/client/locales/es"
import { fr } from "../../../src/client/locales/fr"
import { he } from "../../../src/client/locales/he"
import { it as italian } from "../../../src/client/locales/it"
import { ja } from "../../../src/client/locales/ja"
import { ko } from "../../../src/client/locales/ko"
import { nl } from "../../../src/client/locales/nl"
import { pl } from "../../../src/client/locales/pl"
import { ptBR } from "../../../src/client/locales/pt-BR"
import { zhCN } from "../../../src/client/locales/zh-CN"

/**
 * A language with every string: the optional namespaces (`accounts`, `mfa`, `authPages`, which
 * components fill with English when an app leaves them out) required too. Each shipped locale is
 * declared with it, so a missing key fails to compile in the locale's own file, and here.
 */
type CompleteMessages = Required<Messages>

describe("the shipped locales", () => {
  it("are each complete: every key of Messages, the optional namespaces too", () => {
    for (const locale of [en, enEntry, de, fr, es, italian, ptBR, nl, pl, ja, zhCN, ko, ar, he]) {
      expectTypeOf(locale).toEqualTypeOf<CompleteMessages>()
    }
    expectTypeOf<CompleteMessages["accounts"]>().not.toBeNullable()
    expectTypeOf<CompleteMessages["mfa"]>().not.toBeNullable()
    expectTypeOf<CompleteMessages["authPages"]>().not.toBeNullable()
  })

  it("refuse a locale that leaves a string out, in any namespace", () => {
    const { minutes: _, ...accounts } = de.accounts
    // @ts-expect-error accounts.minutes is missing
    const missingPlural: CompleteMessages = { ...de, accounts }
    const { spam: __, ...authPages } = de.authPages
    // @ts-expect-error authPages.spam is missing
    const missingPage: CompleteMessages = { ...de, authPages }
    const { mfa: ___, ...withoutMfa } = de
    // @ts-expect-error the whole mfa namespace is missing
    const missingNamespace: CompleteMessages = withoutMfa
    const { dir: ____, ...withoutDir } = de
    // @ts-expect-error the writing direction is missing
    const missingDir: CompleteMessages = withoutDir
    void [missingPlural, missingPage, missingNamespace, missingDir]
  })

  it("name their language and its direction", () => {
    expectTypeOf(ar.locale).toEqualTypeOf<string>()
    expectTypeOf(ar.dir).toEqualTypeOf<"ltr" | "rtl">()
    // @ts-expect-error a direction is "ltr" or "rtl"
    const sideways: Messages["dir"] = "ttb"
    void sideways
  })
})

describe("plural forms", () => {
  it("take CLDR's categories, `other` required", () => {
    expectTypeOf({ one: "{n} minute", other: "{n} minutes" }).toExtend<PluralForms>()
    expectTypeOf({ zero: "", one: "", two: "", few: "", many: "", other: "" }).toExtend<PluralForms>()
    // @ts-expect-error `other` is required: a category without its own form falls back to it
    const withoutOther: PluralForms = { one: "{n} minute" }
    // @ts-expect-error not a CLDR category
    const unknown: PluralForms = { other: "{n}", several: "{n}" }
    void [withoutOther, unknown]
  })

  it("are what the counting strings take, not plain strings", () => {
    expectTypeOf<NonNullable<Messages["accounts"]>["minutes"]>().toEqualTypeOf<PluralForms>()
    expectTypeOf<NonNullable<Messages["accounts"]>["too_short"]>().toEqualTypeOf<PluralForms>()
    // @ts-expect-error `minute` made way for the plural forms of `minutes`
    const old: NonNullable<Messages["accounts"]>["minute"] = "1 minute"
    void old
  })
})

describe("overrides", () => {
  it("replace any subset, the language and direction included", () => {
    expectTypeOf({ locale: "fa", dir: "rtl" as const, loginForm: { submit: "ورود" } }).toExtend<MessagesOverride>()
    expectTypeOf(pl).toExtend<MessagesOverride>()
    // @ts-expect-error a direction is "ltr" or "rtl", in an override too
    const bad: MessagesOverride = { dir: "auto" }
    void bad
  })
})
