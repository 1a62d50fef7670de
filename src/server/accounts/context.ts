import type { NextAuthOptions } from "next-auth"
import { type Accounts as Engine, accountEngine } from "../../core/accounts"
import type { EngineDeps } from "../../core/accounts/engine"
import { DEFAULT_FRESH_FOR_MS } from "../../core/accounts/engine"
import { type AccountRateLimits, type RateLimitRule, rateLimitProblem, resolveRateLimits } from "../../core/accounts/limits"
import type { PasswordHasher, PasswordRules, ResolvedPasswordRules } from "../../core/accounts/passwords"
import { SESSION_STORE_METHODS } from "../../core/accounts/features/sessions"
import { PASSKEY_STORE_METHODS } from "../../core/accounts/features/passkeys"
import type { PasskeyRelyingParty } from "../../core/accounts/webauthn"
import type { AccountStore } from "../../core/accounts/store"
import { type AuthKitConfig, resolveAuthKitConfig } from "../../core/config"
import { AuthKitError } from "../../core/errors"
import { type HeaderSource, nextAuthOrigin } from "../../core/next-auth-cookies"
import { requestScope } from "../request-scope"
import { type Language, type Languages, resolveLanguages, type ServerLocaleOptions } from "../i18n/languages"
import { type ClientIpResolver, defaultClientIp, type TrustProxy } from "./client-ip"
import { type AccountEmail, renderEmail } from "./emails"
import { type AccountMessages, type AccountMessagesOverride, accountMessagesOf, mergeMessages } from "./messages"
import { commonPasswords, scryptHasher } from "./password"
import { CredentialVersions, type SessionCheckOptions } from "./sessions"
import { type PasskeysOptions, relyingParty, simpleWebAuthn } from "./webauthn"

/**
 * The `mfa` option: turns on two-factor authentication (TOTP with an authenticator app, plus
 * recovery codes) and its `mfa/*` endpoints.
 *
 * @example
 * ```ts
 * createAuthKit({ authOptions, accounts: { store, sendEmail, mfa: { issuer: "Acme" } } })
 * ```
 */
export interface MfaOptions {
  /**
   * The name authenticator apps show above the code (`otpauth://totp/Acme:ada@example.com`).
   * A non-empty string without `:` (the URI uses it to separate issuer and account).
   */
  issuer: string
}

/**
 * Options of {@link createAccounts}: the app's shared {@link AuthKitConfig} (the same object
 * `createAuthKit`, `authMiddleware` and `AuthProvider` take: its `accounts.accountPath`,
 * `accounts.pages`, `loginPath` and `basePath` place the endpoints and the emails' links) plus
 * what only the server holds. Only `store` and `sendEmail` are required.
 *
 * Email links: `${baseUrl}${basePath}${page}`, with `accounts.pages.verifyEmail`
 * (default `/verify-email`) and `accounts.pages.resetPassword` (default `/reset-password`)
 * given `?token=…`; the "someone tried to sign up" email links to the login path
 * (`loginPath`, else the bound authOptions' `pages.signIn`, else next-auth's
 * `/api/auth/signin`), the "password changed" and two-factor on/off emails to
 * `accounts.pages.forgotPassword` (else the login path). An email change's link goes to the
 * `verifyEmail` page too; "someone asked to change your email" links to `forgotPassword`, the
 * attempt on a taken address and "your email was changed" to the login path.
 *
 * @example
 * ```ts
 * createAccounts({
 *   ...authConfig,               // { loginPath: "/login", accounts: { pages: { signUp: "/signup", … } } }
 *   store: sqlAccountStore(db),
 *   sendEmail: async ({ to, subject, text, html }) => mailer.send({ to, subject, text, html }),
 *   baseUrl: "https://app.example.com",
 *   trustProxy: true,            // behind a proxy that sets X-Forwarded-For
 *   defaultRoles: ["user"],
 *   mfa: { issuer: "Acme" },     // two-factor sign-in with an authenticator app
 *   locales: [de, fr],           // from next-auth-kit/locales/<tag>/server; English is built in
 * })
 * ```
 */
export interface AccountsOptions extends AuthKitConfig, ServerLocaleOptions {
  /** Where users, password hashes, tokens and rate-limit counters live. */
  store: AccountStore
  /**
   * The app's mailer. Called after the answer was sent (never awaited by a request, so that
   * how long mail takes cannot tell whether an address has an account); what it throws goes to
   * `onError`. On serverless hosts pass `waitUntil` so the function lives until it is done.
   */
  sendEmail: (email: AccountEmail) => Promise<void> | void
  /**
   * The app's public URL, for the links in emails (`https://app.example.com`; the Next.js
   * basePath comes from `basePath`, do not repeat it here). Checked at creation when given.
   * @default next-auth's own origin: the origin of process.env.NEXTAUTH_URL, else, with
   * `AUTH_TRUST_HOST` or `VERCEL` set, the request's forwarded host. Without either, in
   * production the kit refuses to start (`invalid_config`, see `createAuthKit`); in development
   * links use the request's origin (`http://localhost:3000` outside a request), with a warning.
   */
  baseUrl?: string
  /** The name in subjects and signatures. @default the host of the base URL */
  appName?: string
  /** Rules for new passwords. @default 8 to 128 characters, the most common refused */
  password?: PasswordRules
  /** How passwords are hashed. @default scryptHasher() (OWASP: N=2^17, r=8, p=1) */
  hasher?: PasswordHasher
  /** How long links work, in ms. @default { verifyEmail: 24 h, resetPassword: 1 h, changeEmail: 24 h } */
  tokenTtl?: { verifyEmail?: number; resetPassword?: number; changeEmail?: number }
  /**
   * Rate limits, rule by rule over {@link DEFAULT_RATE_LIMITS}.
   * @example `{ signUp: { perIp: { limit: 20, windowMs: 3_600_000 } }, token: { perIp: false } }`
   */
  rateLimits?: Partial<Record<keyof AccountRateLimits, RateLimitRule>>
  /**
   * Behind proxies: `{ hops: n }` takes the client IP `n` entries from the right of
   * `X-Forwarded-For` (each proxy appends the address it was reached from, so only the entries it
   * and the proxies after it wrote can be trusted; `{ hops: 1 }` behind one proxy). `true` (0.2)
   * takes the first entry, which a client forges behind an appending proxy: deprecated.
   * @default no proxy: the socket's peer address where the host hands it over (the Pages Router;
   * sign-in through `kit.handlers`), else the address Next.js itself wrote into
   * `X-Forwarded-For` (its last entry)
   */
  trustProxy?: TrustProxy
  /** Replaces the client-IP resolver (and `trustProxy`) altogether. */
  clientIp?: ClientIpResolver
  /** The roles of a new account. @default [] */
  defaultRoles?: string[]
  /**
   * Ends a user's database sessions, called after `reset-password` (all of them) and
   * `change-password` (all but the caller's, `except` being its session token). next-auth's
   * adapters cannot list a user's sessions, so the app deletes them itself, e.g.
   * `prisma.session.deleteMany({ where: { userId, NOT: { sessionToken: except } } })`.
   * With the jwt strategy sessions end through the credential version instead, and this is
   * optional; with the kit's own adapter (`createAuthKit`'s `accounts.adapter`, on by default)
   * the kit ends database sessions itself, and this is needed only to end more than its rows.
   */
  revokeSessions?: (userId: string, options: { except?: string }) => Promise<void> | void
  /** The credential-version check of jwt sessions. */
  sessionCheck?: SessionCheckOptions
  /**
   * How long after a sign-in (or `reauthenticate`) the session may do sensitive actions —
   * `change-password`, `change-email`, `mfa/*`, `unlink`, `sessions/revoke-others`,
   * `delete-account`, `passkeys/register-options`, `passkeys/register`, `passkeys/remove` — before they answer 403
   * `reauthentication_required`. Needs a store with sessions. @default 600_000 (10 minutes)
   */
  reauthenticateAfterMs?: number
  /**
   * English email strings, as functions, over the built-in ones. The other languages come from
   * `locales` (change one by passing a changed copy: `{ ...fr, emails: { ...fr.emails, … } }`).
   */
  messages?: AccountMessagesOverride
  /**
   * Keeps a serverless function alive for the work done after the answer (emails): pass
   * `after` from `next/server` (Next 15+) or `waitUntil` from `@vercel/functions`.
   */
  waitUntil?: (task: Promise<unknown>) => void
  /**
   * Called with whatever failed: a store, the mailer, a misconfiguration. The request answers
   * 500 (`internal_error`, nothing leaked) or, for work done after the answer, nothing.
   * @default console.error
   */
  onError?: (error: unknown, where: { route: string }) => void
  /** Bodies larger than this are `invalid_input`. @default 16384 */
  maxBodyBytes?: number
  /**
   * Two-factor authentication: TOTP codes from an authenticator app (RFC 6238: SHA-1, 30 s,
   * 6 digits, one step of drift either way, each code once) and ten single-use recovery codes.
   * Adds the endpoints `mfa/setup`, `mfa/enable` and `mfa/disable` (signed in) and the
   * credential `code` to `authorize`. Without it those endpoints answer 404 and `authorize`
   * ignores two-factor state altogether (removing the option turns two-factor off for everyone).
   * The store needs `getMfa` and `setMfa`.
   *
   * @example
   * ```ts
   * createAccounts({ store, sendEmail, mfa: { issuer: "Acme" } })
   * CredentialsProvider({ credentials: { email: {}, password: {}, code: {} }, authorize: accounts.authorize })
   * ```
   * @default undefined (two-factor off)
   */
  mfa?: MfaOptions
  /**
   * Passkeys (WebAuthn, through `@simplewebauthn/server`): adds the endpoints `passkeys` (GET),
   * `passkeys/register-options`, `passkeys/register`, `passkeys/rename`, `passkeys/remove`
   * (signed in; adding and removing need a recent authentication) and `passkeys/sign-in-options`
   * (signed out), the credential `passkey` to `authorize` (a passkey that verifies signs in
   * without a two-factor code), and `{ passkey }` to `reauthenticate`. The relying party comes
   * from the app's URL (see {@link PasskeysOptions}), checked at start-up. The store needs the
   * passkeys slice (`createPasskey`, …): `memoryAccountStore()` and `sqlAccountStore()` have it.
   * Without it (or with `false`) those endpoints answer 404 and `authorize` refuses `passkey`.
   *
   * @example
   * ```ts
   * createAuthKit({ authOptions, accounts: { store, sendEmail, passkeys: {} } }) // the relying party from NEXTAUTH_URL
   * ```
   * @default undefined (passkeys off)
   */
  passkeys?: PasskeysOptions | boolean
  /**
   * The secret from which the key that encrypts two-factor secrets at rest is derived
   * (HKDF-SHA-256, then AES-256-GCM). Keep it stable: secrets sealed under another one no
   * longer open, and their users can then sign in only with a recovery code.
   * The same key hashes recovery codes and names rate-limit counters.
   * @default the `secret` of the kit's authOptions, else `process.env.NEXTAUTH_SECRET`, else
   * `process.env.AUTH_SECRET`
   */
  secret?: string
}

const HOUR = 60 * 60 * 1000

const NO_SECRET =
  "Set NEXTAUTH_SECRET in the environment (a long random string: `openssl rand -base64 32`), or `secret` in authOptions: accounts derive their keys (two-factor secrets, recovery codes, rate-limit counters) from the app's secret, and there is none."
const NO_BASE_URL =
  "Set NEXTAUTH_URL in the environment to the app's public URL (https://app.example.com), or pass `accounts.baseUrl`: account emails link to it, and in production there is no fallback. Behind a proxy that forwards the host, AUTH_TRUST_HOST=1 takes it from the request, as next-auth does."

/**
 * Whether the code runs inside `next build`, which evaluates route modules to collect page data
 * while the deployment's environment (secrets, URLs) may not be there yet.
 */
export const duringBuild = (): boolean => process.env.NEXT_PHASE === "phase-production-build"

const inProduction = () => process.env.NODE_ENV === "production"

function invalid(message: string): never {
  throw new AuthKitError("invalid_config", message)
}

/** Everything the adapters share: the engine, and what only the server has. */
export interface AccountsContext {
  engine: Engine<() => Promise<Language>>
  store: AccountStore
  clientIp: ClientIpResolver
  revokeSessions: AccountsOptions["revokeSessions"]
  accountPath: string
  maxBodyBytes: number
  versions: CredentialVersions
  /** The authOptions next-auth runs with, once known. */
  authOptions(): NextAuthOptions | undefined
  languages: Languages
  report(error: unknown, route: string): void
  whenIdle(): Promise<void>
  /**
   * Throws the `invalid_config` error of a deployment the accounts cannot run in (no secret;
   * in production, no base URL for the links in emails; with passkeys, no usable origin or
   * relying party id), with its fix. Once it has passed it
   * does nothing: the kit calls it when it is constructed and again before a request's work.
   */
  assertReady(): void
}

const positive = (value: unknown) => typeof value === "number" && Number.isFinite(value) && value > 0

/** The store methods the engine needs; the pending sign-ups are new in 0.3. */
const STORE_METHODS = [
  "findUserByEmail",
  "findUserById",
  "createUser",
  "updateUser",
  "createToken",
  "consumeToken",
  "deleteTokens",
  "hit",
  "savePendingSignup",
  "findPendingSignup",
  "consumePendingSignup",
] as const

/** The options, checked: each bad one throws `invalid_config` with its fix. */
function checkOptions(options: AccountsOptions) {
  if (!options || typeof options !== "object") invalid("accounts need their options: { store, sendEmail }.")
  const { store, sendEmail } = options
  if (!store || typeof store !== "object" || STORE_METHODS.some((m) => typeof store[m] !== "function")) {
    invalid(`accounts need a \`store\` with ${STORE_METHODS.join(", ")}: memoryAccountStore() for tests, sqlAccountStore() for apps.`)
  }
  const sessionMethods = SESSION_STORE_METHODS.filter((m) => typeof store[m] === "function")
  if (sessionMethods.length > 0 && sessionMethods.length < SESSION_STORE_METHODS.length) {
    invalid(`the \`store\` has some of the session methods but not all: give it ${SESSION_STORE_METHODS.join(", ")}, or none (no sessions list).`)
  }
  if (typeof sendEmail !== "function") {
    invalid("accounts need `sendEmail({ to, subject, text, html })`: the app's mailer (log the email in development).")
  }

  // The shared configuration, checked as every runtime checks it (paths included).
  const config = resolveAuthKitConfig(options)
  const given = config.accounts?.accountPath ?? "/api/account"
  const accountPath = given.replace(/(.)\/+$/, "$1")
  if (/[?#]/.test(accountPath) || accountPath === "/") {
    invalid(`\`accounts.accountPath\` must be a path such as "/api/account", got ${JSON.stringify(given)}.`)
  }
  const pages = config.accounts?.pages ?? {}

  const rules: ResolvedPasswordRules = { minLength: 8, maxLength: 128, refuseCommon: true, ...options.password }
  if (!Number.isInteger(rules.minLength) || rules.minLength < 1 || !Number.isInteger(rules.maxLength) || rules.maxLength < rules.minLength) {
    invalid(`\`password\` needs whole lengths with 1 ≤ minLength ≤ maxLength, got ${rules.minLength} and ${rules.maxLength}.`)
  }
  if (rules.maxLength > 1024) invalid("`password.maxLength` above 1024 lets one request ask for a lot of hashing; keep it at 128 or so.")

  const hasher = options.hasher ?? scryptHasher()
  if (typeof hasher?.hash !== "function" || typeof hasher.verify !== "function") {
    invalid("`hasher` must be { hash(password), verify(hash, password) }.")
  }
  const ttl = {
    "verify-email": options.tokenTtl?.verifyEmail ?? 24 * HOUR,
    "reset-password": options.tokenTtl?.resetPassword ?? HOUR,
    "change-email": options.tokenTtl?.changeEmail ?? 24 * HOUR,
    "signin-grant": 5 * 60 * 1000,
  }
  if (!positive(ttl["verify-email"]) || !positive(ttl["reset-password"]) || !positive(ttl["change-email"])) invalid("`tokenTtl` values must be positive numbers of milliseconds.")

  const limits = resolveRateLimits(options.rateLimits)
  const problem = rateLimitProblem(limits)
  if (problem) invalid(problem)
  if (options.clientIp !== undefined && typeof options.clientIp !== "function") invalid("`clientIp` must be a function.")
  const trustProxy = options.trustProxy
  if (
    trustProxy !== undefined &&
    typeof trustProxy !== "boolean" &&
    !(trustProxy && typeof trustProxy === "object" && Number.isInteger(trustProxy.hops) && trustProxy.hops >= 0 && trustProxy.hops <= 16)
  ) {
    invalid(`\`trustProxy\` must be { hops: n } with the number of proxies in front of the app (0 to 16), got ${JSON.stringify(trustProxy)}.`)
  }
  if (trustProxy === true) {
    console.warn(
      "[next-auth-kit] `trustProxy: true` takes the first X-Forwarded-For entry, which a client can forge behind a proxy that appends to the header: pass `trustProxy: { hops: 1 }` (one proxy) instead.",
    )
  }
  if (options.revokeSessions !== undefined && typeof options.revokeSessions !== "function") invalid("`revokeSessions` must be a function.")
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024
  if (!positive(maxBodyBytes)) invalid("`maxBodyBytes` must be a positive number.")
  const cacheMs = options.sessionCheck?.cacheMs ?? 5000
  const maxUsers = options.sessionCheck?.maxUsers ?? 10_000
  if (!(cacheMs >= 0) || !positive(maxUsers)) invalid("`sessionCheck` needs cacheMs ≥ 0 and maxUsers > 0.")
  const freshForMs = options.reauthenticateAfterMs ?? DEFAULT_FRESH_FOR_MS
  if (!positive(freshForMs)) invalid("`reauthenticateAfterMs` must be a positive number of milliseconds.")

  const mfa = options.mfa
  if (mfa !== undefined) {
    if (!mfa || typeof mfa !== "object" || typeof mfa.issuer !== "string" || mfa.issuer.trim() === "" || mfa.issuer.includes(":")) {
      invalid('`mfa.issuer` must be the app\'s name as authenticator apps show it, a non-empty string without ":", such as { issuer: "Acme" }.')
    }
    if (typeof store.getMfa !== "function" || typeof store.setMfa !== "function") {
      invalid("`mfa` needs a `store` with getMfa and setMfa: memoryAccountStore() and sqlAccountStore() have them.")
    }
  }
  const passkeysGiven = options.passkeys === true ? {} : options.passkeys || undefined
  if (passkeysGiven !== undefined) {
    if (typeof passkeysGiven !== "object") invalid("`passkeys` must be an object: { origin?, rpId?, rpName? } ({} takes them from NEXTAUTH_URL).")
    for (const key of ["origin", "rpId", "rpName"] as const) {
      if (passkeysGiven[key] !== undefined && typeof passkeysGiven[key] !== "string") invalid(`\`passkeys.${key}\` must be a string.`)
    }
    const missing = PASSKEY_STORE_METHODS.filter((m) => typeof store[m] !== "function")
    if (missing.length > 0) {
      invalid(`\`passkeys\` needs a \`store\` with ${PASSKEY_STORE_METHODS.join(", ")} (missing: ${missing.join(", ")}): memoryAccountStore() and sqlAccountStore() have them.`)
    }
  }
  if (options.secret !== undefined && (typeof options.secret !== "string" || options.secret === "")) {
    invalid("`secret` must be a non-empty string: a long random one, such as `openssl rand -base64 32` makes.")
  }

  const explicitBase = options.baseUrl === undefined ? undefined : parseBase(options.baseUrl, "baseUrl", true)
  return { store, sendEmail, config, accountPath, pages, rules, hasher, ttl, limits, trustProxy, maxBodyBytes, cacheMs, maxUsers, mfa, explicitBase, freshForMs, passkeys: passkeysGiven }
}

/** Reports an error to `onError`, else to the console; never throws. */
function reporterOf(onError: AccountsOptions["onError"]) {
  return (error: unknown, route: string) => {
    try {
      if (onError) onError(error, { route })
      else console.error(`[next-auth-kit] accounts: ${route} failed.`, error)
    } catch (failure) {
      console.error("[next-auth-kit] onError threw while handling an error.", failure, error)
    }
  }
}

/**
 * Checks the options and builds the engine; a bad option throws `invalid_config`.
 *
 * @param boundAuthOptions the authOptions next-auth runs with, when known (their secret and
 * `pages.signIn` are used)
 */
export function resolveAccounts(options: AccountsOptions, boundAuthOptions: () => NextAuthOptions | undefined = () => undefined): AccountsContext {
  const { store, sendEmail, config, accountPath, pages, rules, hasher, ttl, limits, trustProxy, maxBodyBytes, cacheMs, maxUsers, mfa, explicitBase, freshForMs, passkeys } =
    checkOptions(options)
  const report = reporterOf(options.onError)

  const languages = resolveLanguages(options, (error) => report(error, "the `locale` option"))
  // Each language's emails as functions; `messages` changes the English ones.
  const emailsOf = new Map<Language, AccountMessages>(
    languages.all.map((language) => {
      const strings = accountMessagesOf(language.messages)
      return [language, language === languages.english ? mergeMessages(options.messages, strings) : strings]
    }),
  )
  const messagesOf = (language: Language) => emailsOf.get(language) ?? emailsOf.get(languages.english)!

  const pending = new Set<Promise<void>>()
  let ready = false
  let warnedOrigin = false
  // next-auth's own origin (NEXTAUTH_URL, else a trusted proxy's forwarded host), else in
  // development the request's origin, as next-auth itself falls back there (to localhost:3000).
  const baseUrl = (): string => {
    if (explicitBase) return explicitBase
    if (process.env.NEXTAUTH_URL) return parseBase(process.env.NEXTAUTH_URL, "NEXTAUTH_URL", false)
    const headers = requestScope.getStore()?.headers
    const host = headerOf(headers, "x-forwarded-host") ?? headerOf(headers, "host")
    if (trustsHost() && host) return parseBase(nextAuthOrigin(headers), "the forwarded host", false)
    if (inProduction()) invalid(NO_BASE_URL)
    const origin = host ? parseBase(`${headerOf(headers, "x-forwarded-proto") === "https" ? "https" : "http"}://${host}`, "the request's host", false) : "http://localhost:3000"
    if (!warnedOrigin) {
      warnedOrigin = true
      console.warn(
        `[next-auth-kit] NEXTAUTH_URL is not set: account emails link to ${origin}, the origin of the request. Set NEXTAUTH_URL (or pass \`accounts.baseUrl\`); in production it is required.`,
      )
    }
    return origin
  }
  // createAuthKit's rule: the configured loginPath, else next-auth's pages.signIn, else its own page.
  const loginPath = () => options.loginPath ?? boundAuthOptions()?.pages?.signIn ?? config.loginPath
  const pagePath = {
    verifyEmail: () => pages.verifyEmail ?? "/verify-email",
    resetPassword: () => pages.resetPassword ?? "/reset-password",
    signIn: loginPath,
    forgotPassword: () => pages.forgotPassword ?? loginPath(),
    account: () => pages.account ?? loginPath(),
  }
  const appName = () => options.appName ?? new URL(baseUrl()).host
  // Resolved once, when first needed (at start-up, or at the first request after `next build`).
  let rp: PasskeyRelyingParty | undefined
  const relyingPartyOf = (given: NonNullable<typeof passkeys>) =>
    (rp ??= relyingParty(given, { baseUrl: explicitBase, nextAuthUrl: process.env.NEXTAUTH_URL, appName: options.appName }))

  const deps: EngineDeps<() => Promise<Language>> = {
    store,
    hasher,
    rules,
    isCommonPassword: async (form) => (await commonPasswords()).has(form),
    ttl,
    limits,
    freshForMs,
    defaultRoles: [...(options.defaultRoles ?? [])],
    mfa: mfa && { issuer: mfa.issuer.trim() },
    passkeys: passkeys && {
      get rp() {
        return relyingPartyOf(passkeys)
      },
      webauthn: simpleWebAuthn,
    },
    secret() {
      const bound = boundAuthOptions()
      // Not next-auth's own order (resolveSecret): the app's `secret` comes before `jwt.secret`
      // on purpose, as in 0.2, so that two-factor secrets sealed then keep opening.
      const secret = options.secret ?? bound?.secret ?? bound?.jwt?.secret ?? process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET
      if (!secret) invalid(NO_SECRET)
      return secret
    },
    link(page, token) {
      const path = pagePath[page]()
      return `${baseUrl()}${config.basePath}${path}${token === undefined ? "" : `${path.includes("?") ? "&" : "?"}token=${token}`}`
    },
    async deliver(email, language) {
      const rendered = renderEmail(messagesOf(await language()), email.kind, {
        to: email.to,
        url: email.url,
        appName: appName(),
        name: email.name,
        expiresInMs: email.expiresInMs,
        signIn: email.signIn,
        newEmail: email.newEmail,
      })
      await sendEmail(rendered)
    },
    background(route, task) {
      // After the current turn of the event loop, so that the answer is written first.
      const promise: Promise<void> = new Promise((resolve) => setTimeout(resolve, 0))
        .then(task)
        .then(
          () => undefined,
          (error: unknown) => report(error, route),
        )
        .finally(() => pending.delete(promise))
      pending.add(promise)
      options.waitUntil?.(promise)
    },
    report,
  }

  return {
    engine: accountEngine(deps),
    store,
    clientIp: options.clientIp ?? defaultClientIp(trustProxy ?? false),
    revokeSessions: options.revokeSessions,
    accountPath,
    maxBodyBytes,
    versions: new CredentialVersions(store, cacheMs, maxUsers, (error) => report(error, "session check")),
    authOptions: boundAuthOptions,
    languages,
    report,
    async whenIdle() {
      while (pending.size > 0) await Promise.all(pending)
    },
    assertReady() {
      if (ready) return
      deps.secret()
      if (!explicitBase && !process.env.NEXTAUTH_URL && !trustsHost() && inProduction()) invalid(NO_BASE_URL)
      if (!explicitBase && process.env.NEXTAUTH_URL) parseBase(process.env.NEXTAUTH_URL, "NEXTAUTH_URL", false)
      if (passkeys) relyingPartyOf(passkeys)
      ready = true
    },
  }
}

/** next-auth's rule (`detectOrigin`): the request's host is trusted with `VERCEL ?? AUTH_TRUST_HOST`. */
const trustsHost = () => Boolean(process.env.VERCEL ?? process.env.AUTH_TRUST_HOST)

/** A request header's first value, from a `Headers` or a Node headers object; `undefined` when absent or empty. */
export function headerOf(headers: HeaderSource | undefined, name: string): string | undefined {
  if (!headers) return undefined
  const value =
    typeof (headers as { get?: unknown }).get === "function"
      ? (headers as { get(name: string): string | null }).get(name)
      : (headers as Record<string, string | string[] | undefined>)[name]
  return (Array.isArray(value) ? value[0] : value) || undefined
}

/**
 * A base URL for links. An explicit one keeps its path (an app under a Next.js basePath); from
 * NEXTAUTH_URL only the origin counts, since its path is next-auth's API path. Like next-auth,
 * a URL without a scheme is https.
 */
function parseBase(raw: string | undefined, name: string, keepPath: boolean): string {
  if (!raw) invalid(NO_BASE_URL)
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`)
  } catch {
    invalid(`\`${name}\` must be the app's public URL, such as "https://app.example.com", got ${JSON.stringify(raw)}.`)
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") invalid(`\`${name}\` must be an http(s) URL, got ${JSON.stringify(raw)}.`)
  return keepPath ? `${url.origin}${url.pathname}`.replace(/\/+$/, "") : url.origin
}
