/**
 * The server speaking the request's language: the `message` of the kit's JSON errors (account
 * endpoints, withAuth, withRouteAuth) and the account emails, by Accept-Language or the app's
 * `locale`, with `Content-Language`; the `error` codes stay the same.
 */
import type { NextApiHandler } from "next"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { type AccountEmail, createAccounts, createAuthKit, isAuthKitError, type LocaleRequest, memoryAccountStore } from "../../../src/server"
import { formatWait } from "../../../src/server/i18n/messages"
import { ar } from "../../../src/server/locales/ar"
import { de } from "../../../src/server/locales/de"
import { en } from "../../../src/server/locales/en"
import { fr } from "../../../src/server/locales/fr"
import { ja } from "../../../src/server/locales/ja"
import { ptBR } from "../../../src/server/locales/pt-BR"
import { BASE_URL, cheapHasher, GOOD_PASSWORD, post, serveApi, setup, tokenFrom, verifiedUser } from "../accounts/helpers"
import { cookieFor, makeAuthOptions } from "../harness"

const FRENCH_CANADA = { "accept-language": "fr-CA,fr;q=0.9" }

describe("given locales, an account endpoint", () => {
  it("answers in French for Accept-Language: fr-CA,fr;q=0.9, the error code unchanged", async () => {
    const { accounts } = setup({ locales: [de, fr] })
    const answer = await post(accounts, "signup", { email: "not an address", password: GOOD_PASSWORD }, { headers: FRENCH_CANADA })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({ error: "invalid_input", message: fr.errors.invalid_input, fields: { email: "invalid_email" } })
    expect(answer.headers.get("content-language")).toBe("fr")
    expect(answer.headers.get("cache-control")).toBe("no-store")
  })

  it("answers every error of the core in the language: 404, 405, invalid_token", async () => {
    const { accounts } = setup({ locales: [de, fr] })
    const german = { "accept-language": "de-AT" }
    expect((await post(accounts, "nope", {}, { headers: german })).body).toEqual({ error: "not_found", message: de.errors.not_found })
    const wrongMethod = await post(accounts, "signup", {}, { headers: german, method: "PUT" })
    expect(wrongMethod.body).toEqual({ error: "method_not_allowed", message: de.errors.method_not_allowed })
    expect(wrongMethod.headers.get("allow")).toBe("POST")
    const badToken = await post(accounts, "verify-email", { token: "x".repeat(43) }, { headers: german })
    expect(badToken.body).toEqual({ error: "invalid_token", message: de.errors.invalid_token, reason: "unknown" })
    expect(badToken.headers.get("content-language")).toBe("de")
  })

  it("says how long to wait in a 429, in words of the language", async () => {
    const { accounts } = setup({ locales: [fr], rateLimits: { email: { perAddress: { limit: 1, windowMs: 15 * 60_000 }, perIp: false } } })
    const body = { email: "ada@example.com" }
    expect((await post(accounts, "forgot-password", body, { headers: FRENCH_CANADA })).status).toBe(202)
    const limited = await post(accounts, "forgot-password", body, { headers: FRENCH_CANADA })
    expect(limited.status).toBe(429)
    const wait = Number(limited.headers.get("retry-after"))
    expect(wait).toBeGreaterThan(14 * 60)
    expect(limited.body).toEqual({ error: "rate_limited", message: `Trop de tentatives. Réessayez dans ${formatWait(wait, "fr")}.` })
    expect(limited.body.message).toMatch(/^Trop de tentatives\. Réessayez dans 1[45]\sminutes\.$/)
    const english = await post(accounts, "forgot-password", body)
    expect(english.body.message).toMatch(/^Too many attempts\. Try again in 1[45] minutes\.$/)
  })

  it("answers in English without Accept-Language, for a language it does not have, and without locales", async () => {
    const { accounts } = setup({ locales: [de, fr] })
    const bad = { email: "x" }
    const headersList: Record<string, string>[] = [{}, { "accept-language": "sv-SE, nb;q=0.8" }, { "accept-language": "*" }, { "accept-language": ";;;q=x" }]
    for (const headers of headersList) {
      const answer = await post(accounts, "forgot-password", bad, { headers })
      expect(answer.body.message).toBe(en.errors.invalid_input)
      expect(answer.headers.get("content-language")).toBe("en")
    }
    const plain = setup()
    const answer = await post(plain.accounts, "forgot-password", bad, { headers: FRENCH_CANADA })
    expect(answer.body.message).toBe(en.errors.invalid_input)
    expect(answer.headers.get("content-language")).toBe("en")
  })

  it("adds no Content-Language to answers without text", async () => {
    const { accounts } = setup({ locales: [fr] })
    const answer = await post(accounts, "forgot-password", { email: "ada@example.com" }, { headers: FRENCH_CANADA })
    expect(answer.status).toBe(202)
    expect(answer.body).toEqual({ ok: true })
    expect(answer.headers.get("content-language")).toBeNull()
  })

  describe("with the app's `locale`", () => {
    const locale = vi.fn((request: LocaleRequest) => request.cookies.lang ?? request.headers.get("x-lang") ?? undefined)

    it("lets it win over Accept-Language (a cookie, a header)", async () => {
      const { accounts } = setup({ locales: [de, fr], locale })
      const byCookie = await post(accounts, "forgot-password", { email: "x" }, { headers: { ...FRENCH_CANADA, cookie: "lang=de-CH" } })
      expect(byCookie.body.message).toBe(de.errors.invalid_input)
      expect(byCookie.headers.get("content-language")).toBe("de")
      const byHeader = await post(accounts, "forgot-password", { email: "x" }, { headers: { ...FRENCH_CANADA, "x-lang": "en" } })
      expect(byHeader.body.message).toBe(en.errors.invalid_input)
      expect(locale).toHaveBeenCalledWith(expect.objectContaining({ headers: expect.any(Headers), cookies: expect.any(Object) }))
    })

    it("wins over a q=0 in the header: it is the user's own choice", async () => {
      const { accounts } = setup({ locales: [de, fr], locale })
      const answer = await post(accounts, "forgot-password", { email: "x" }, { headers: { "accept-language": "de;q=0, fr", cookie: "lang=de" } })
      expect(answer.body.message).toBe(de.errors.invalid_input)
    })

    it("leaves it to Accept-Language when it answers nothing or a language not configured", async () => {
      const { accounts } = setup({ locales: [de, fr], locale })
      expect((await post(accounts, "forgot-password", { email: "x" }, { headers: FRENCH_CANADA })).body.message).toBe(fr.errors.invalid_input)
      const swedish = await post(accounts, "forgot-password", { email: "x" }, { headers: { ...FRENCH_CANADA, cookie: "lang=sv" } })
      expect(swedish.body.message).toBe(fr.errors.invalid_input)
    })

    it("reports one that throws or rejects to onError, and the header decides", async () => {
      for (const failing of [
        () => {
          throw new Error("settings table is gone")
        },
        async () => Promise.reject(new Error("settings table is gone")),
      ]) {
        const s = setup({ locales: [de, fr], locale: failing })
        const answer = await post(s.accounts, "forgot-password", { email: "x" }, { headers: FRENCH_CANADA })
        expect(answer.status).toBe(400)
        expect(answer.body.message).toBe(fr.errors.invalid_input)
        expect(s.errors).toEqual([expect.objectContaining({ message: "settings table is gone" })])
      }
    })

    it("may be async: a user setting from a database", async () => {
      const { accounts } = setup({ locales: [de, ptBR], locale: async () => "pt" })
      expect((await post(accounts, "forgot-password", { email: "x" })).body.message).toBe(ptBR.errors.invalid_input)
    })
  })

  it("answers in the language through the Pages Router adapter too (Node headers, a 401)", async () => {
    const { accounts } = setup({ locales: [de, ja] })
    const server = await serveApi(accounts.apiHandler as NextApiHandler)
    try {
      accounts.withAccounts(makeAuthOptions())
      const response = await fetch(`${server.url}/api/account/change-password`, {
        method: "POST",
        headers: { "content-type": "application/json", "accept-language": "ja-JP,ja;q=0.9,en;q=0.5" },
        body: JSON.stringify({ currentPassword: "a", newPassword: "b" }),
      })
      expect(response.status).toBe(401)
      expect(response.headers.get("content-language")).toBe("ja")
      expect(await response.json()).toEqual({ error: "unauthenticated", message: ja.errors.unauthenticated })
    } finally {
      await server.close()
    }
  })
})

describe("given locales, the account emails", () => {
  const lastOf = (outbox: AccountEmail[], kind: AccountEmail["kind"]) => outbox.filter((e) => e.kind === kind).at(-1)!

  it("send the reset link in the language of the request that asked for it", async () => {
    const s = setup({ locales: [de, fr], appName: "Acme" })
    await verifiedUser(s)
    expect((await post(s.accounts, "forgot-password", { email: "ada@example.com" }, { headers: { "accept-language": "de-DE,de;q=0.9,en;q=0.8" } })).status).toBe(202)
    await s.accounts.whenIdle()
    const reset = lastOf(s.outbox, "reset-password")
    expect(reset).toMatchObject({ locale: "de", subject: "Setzen Sie Ihr Passwort für Acme zurück" })
    expect(reset.text).toMatch(/^Hallo Ada Lovelace,\n\nJemand \(hoffentlich Sie\)/)
    expect(reset.text).toMatch(/ist 1\sStunde lang gültig\./)
    expect(reset.text).toContain(`Neues Passwort wählen: ${reset.url}`)
    expect(reset.html).toContain('<html lang="de" dir="ltr">')

    // The same account, asked for in French: the next email is French.
    await post(s.accounts, "forgot-password", { email: "ada@example.com" }, { headers: FRENCH_CANADA })
    await s.accounts.whenIdle()
    expect(lastOf(s.outbox, "reset-password")).toMatchObject({ locale: "fr", subject: "Réinitialisez votre mot de passe Acme" })

    // The reset, from a French browser: the "password changed" notice is French too.
    const token = tokenFrom(s.outbox, "reset-password")
    expect((await post(s.accounts, "reset-password", { token, password: "a brand new passphrase" }, { headers: FRENCH_CANADA })).status).toBe(200)
    await s.accounts.whenIdle()
    expect(lastOf(s.outbox, "password-changed")).toMatchObject({ locale: "fr", subject: "Le mot de passe de votre compte Acme a été modifié" })
  })

  it("send the verification link and the signup-attempt notice in the language of the sign-up", async () => {
    const s = setup({ locales: [ar], appName: "Acme" })
    await post(s.accounts, "signup", { email: "ada@example.com", password: GOOD_PASSWORD, name: "Ada" }, { headers: { "accept-language": "ar-EG" } })
    await s.accounts.whenIdle()
    const verify = lastOf(s.outbox, "verify-email")
    expect(verify).toMatchObject({ locale: "ar", subject: "أكّد عنوان بريدك الإلكتروني في Acme" })
    expect(verify.html).toContain('<html lang="ar" dir="rtl">')
    expect(verify.html).toContain('<div lang="ar" dir="rtl"')
    expect(verify.html).toMatch(/<p dir="ltr"[^>]*><a href="https:\/\/app\.example\.test\/verify-email\?token=/)
    expect(verify.text).toMatch(/مدة صلاحيته: 24\sساعة\./)

    // Once confirmed, someone signs up again with the address, from an English browser: the
    // owner's notice speaks the language of the request that caused it.
    expect((await post(s.accounts, "verify-email", { token: new URL(verify.url).searchParams.get("token") })).status).toBe(200)
    await post(s.accounts, "signup", { email: "ada@example.com", password: GOOD_PASSWORD }, { headers: { "accept-language": "en-GB" } })
    await s.accounts.whenIdle()
    expect(lastOf(s.outbox, "signup-attempt")).toMatchObject({ locale: "en", subject: "Someone tried to sign up for Acme with your address" })
  })

  it("escape the recipient's name in the HTML of every language", async () => {
    const name = `<script>alert(1)</script>`
    for (const locale of [de, fr, ja, ar, ptBR]) {
      const s = setup({ locales: [locale] })
      await post(s.accounts, "signup", { email: "eve@example.com", password: GOOD_PASSWORD, name }, { headers: { "accept-language": locale.locale } })
      await s.accounts.whenIdle()
      const email = s.outbox[0]!
      expect(email.locale).toBe(locale.locale)
      expect(email.html).not.toContain("<script>")
      expect(email.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;")
      expect(email.text).toContain(name)
    }
  })

  it("keep the app's English `messages` for English, and leave the other languages alone", async () => {
    const s = setup({ locales: [fr], messages: { signature: (appName) => `The ${appName} team` } })
    await post(s.accounts, "signup", { email: "a@example.com", password: GOOD_PASSWORD })
    await post(s.accounts, "signup", { email: "b@example.com", password: GOOD_PASSWORD }, { headers: FRENCH_CANADA })
    await s.accounts.whenIdle()
    expect(s.outbox.find((e) => e.to === "a@example.com")!.text).toMatch(/The app\.example\.test team\n$/)
    expect(s.outbox.find((e) => e.to === "b@example.com")!.text).toMatch(/— app\.example\.test\n$/)
  })
})

describe("the language options", () => {
  const base = { store: memoryAccountStore(), sendEmail: () => {}, baseUrl: BASE_URL, hasher: cheapHasher }
  const refused = (options: Record<string, unknown>) => {
    try {
      createAccounts({ ...base, ...options })
    } catch (error) {
      expect(isAuthKitError(error, "invalid_config")).toBe(true)
      return (error as Error).message
    }
    throw new Error("accepted")
  }

  it.each([
    [{ locales: fr }, /`locales` must be a list/],
    [{ locales: [null] }, /`locales\[0\]` is not a server locale/],
    [{ locales: [{ ...fr, locale: "fr FR" }] }, /`locales\[0\]\.locale` must be a BCP 47 language tag/],
    [{ locales: [fr, { ...fr, locale: "FR" }] }, /"fr" twice/],
    [{ locale: "fr" }, /`locale` must be a function/],
  ])("refuse %j at start-up, in createAccounts and createAuthKit alike", (options, message) => {
    expect(refused(options)).toMatch(message)
    expect(() => createAuthKit(makeAuthOptions(), options as never)).toThrow(message)
  })

  it("let a locale `en` replace the built-in English", async () => {
    const { accounts } = setup({ locales: [{ ...en, errors: { ...en.errors, invalid_input: "Check the fields." } }, fr] })
    expect((await post(accounts, "forgot-password", { email: "x" })).body.message).toBe("Check the fields.")
  })

  it("fill what a hand-written locale lacks with English, and say so once at start-up", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
    try {
      const partial = { locale: "sv", errors: { invalid_input: "Kontrollera fälten." }, emails: { greeting: "Hej {name}," } }
      const s = setup({ locales: [partial as never] })
      expect(warn).toHaveBeenCalledTimes(1)
      expect(String(warn.mock.calls[0]![0])).toMatch(/^\[next-auth-kit\] The locale "sv" has no errors\.method_not_allowed, .*\(and \d+ more\): the English strings are used instead/)
      const sv = { "accept-language": "sv" }
      expect((await post(s.accounts, "forgot-password", { email: "x" }, { headers: sv })).body.message).toBe("Kontrollera fälten.")
      expect((await post(s.accounts, "nope", {}, { headers: sv })).body.message).toBe(en.errors.not_found)
      await post(s.accounts, "signup", { email: "ada@example.com", password: GOOD_PASSWORD, name: "Ada" }, { headers: sv })
      await s.accounts.whenIdle()
      expect(s.outbox[0]).toMatchObject({ locale: "sv", subject: "Confirm your email address for app.example.test" })
      expect(s.outbox[0]!.text).toMatch(/^Hej Ada,/)
    } finally {
      warn.mockRestore()
    }
  })
})

describe("given locales, withAuth", () => {
  const onError = vi.fn()
  const kit = createAuthKit(makeAuthOptions(), { locales: [de, fr], onError })
  const routes: Record<string, NextApiHandler> = {
    "/me": kit.withAuth(async (_req, res, session) => res.json({ user: session.user })),
    "/admin": kit.withAuth({ roles: ["admin"], methods: ["GET"] }, async (_req, res) => res.json({ ok: true })),
    "/throws": kit.withAuth(async () => {
      throw new Error("boom")
    }),
    "/by-cookie": createAuthKit(makeAuthOptions(), { locales: [de, fr], locale: (request) => request.cookies.NEXT_LOCALE }).withAuth(
      async (_req, res) => res.json({ ok: true }),
    ),
  }
  let server: Awaited<ReturnType<typeof serveApi>>
  beforeAll(async () => {
    server = await serveApi((req, res) => routes[new URL(req.url!, "http://x").pathname]!(req, res))
  })
  afterAll(() => server.close())

  const call = async (path: string, headers: Record<string, string> = {}, method = "GET") => {
    const response = await fetch(server.url + path, { method, headers })
    return { status: response.status, language: response.headers.get("content-language"), body: (await response.json()) as Record<string, unknown> }
  }

  it("answers a 401 in German", async () => {
    expect(await call("/me", { "accept-language": "de-DE,de;q=0.9,en;q=0.8" })).toEqual({
      status: 401,
      language: "de",
      body: { error: "unauthenticated", message: "Melden Sie sich an, um fortzufahren." },
    })
  })

  it("answers 403, 405 and 500 in the language too", async () => {
    const grace = await cookieFor("grace")
    expect(await call("/admin", { "accept-language": "fr", cookie: grace })).toMatchObject({ status: 403, language: "fr", body: { error: "forbidden", message: fr.errors.forbidden } })
    expect(await call("/admin", { "accept-language": "fr" }, "DELETE")).toMatchObject({ status: 405, body: { message: fr.errors.method_not_allowed } })
    expect(await call("/throws", { "accept-language": "de", cookie: grace })).toMatchObject({ status: 500, language: "de", body: { error: "internal_error", message: de.errors.internal_error } })
  })

  it("answers in English by default, and by the app's `locale` when it has one", async () => {
    expect(await call("/me")).toMatchObject({ language: "en", body: { message: en.errors.unauthenticated } })
    expect(await call("/by-cookie", { "accept-language": "de", cookie: "NEXT_LOCALE=fr" })).toMatchObject({ language: "fr", body: { message: fr.errors.unauthenticated } })
  })
})

describe("given locales, withRouteAuth", () => {
  const { withRouteAuth } = createAuthKit(makeAuthOptions(), { locales: [de, fr], locale: (request) => request.cookies.NEXT_LOCALE })
  const me = withRouteAuth(async (_request, _context, session) => Response.json({ user: session.user }))
  const admin = withRouteAuth({ roles: ["admin"], methods: ["GET"] }, async () => Response.json({ ok: true }))
  const request = (headers: Record<string, string>, method = "GET") => new Request("http://localhost:3000/api/me", { method, headers })

  it("answers 401, 403 and 405 in the request's language, with Content-Language", async () => {
    const unauthenticated = await me(request({ "accept-language": "de" }), {})
    expect(unauthenticated.headers.get("content-language")).toBe("de")
    expect(await unauthenticated.json()).toEqual({ error: "unauthenticated", message: de.errors.unauthenticated })
    const forbidden = await admin(request({ "accept-language": "fr-CA,fr;q=0.9", cookie: await cookieFor("grace") }), {})
    expect(forbidden.status).toBe(403)
    expect(await forbidden.json()).toEqual({ error: "forbidden", message: fr.errors.forbidden })
    const wrongMethod = await admin(request({ "accept-language": "fr" }, "POST"), {})
    expect(wrongMethod.headers.get("allow")).toBe("GET, HEAD")
    expect(await wrongMethod.json()).toEqual({ error: "method_not_allowed", message: fr.errors.method_not_allowed })
  })

  it("lets the app's cookie win", async () => {
    const answer = await me(request({ "accept-language": "fr", cookie: "NEXT_LOCALE=de" }), {})
    expect(await answer.json()).toEqual({ error: "unauthenticated", message: de.errors.unauthenticated })
  })
})
