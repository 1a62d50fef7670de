import { randomBytes } from "node:crypto"
import type { NextAuthOptions } from "next-auth"
import { type AuthKitConfig, resolveAuthKitConfig } from "../../core/config"
import { AuthKitError } from "../../core/errors"
import { type ClientIpResolver, defaultClientIp } from "./client-ip"
import { type AccountEmail, renderEmail } from "./emails"
import { type Language, type Languages, resolveLanguages, type ServerLocaleOptions } from "../i18n/languages"
import { type AccountMessages, type AccountMessagesOverride, type AccountEmailKind, accountMessagesOf, mergeMessages } from "./messages"
import { type MfaOptions, mfaKey } from "./mfa"
import { type PasswordHasher, type PasswordRules, type ResolvedPasswordRules, scryptHasher } from "./password"
import { type AccountRateLimits, type RateLimitRule, rateLimitProblem, resolveRateLimits } from "./rate-limit"
import { CredentialVersions, type SessionCheckOptions } from "./sessions"
import type { AccountStore, AccountUser, TokenKind } from "../../core/accounts/store"
import { newToken } from "./tokens"

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
 * `accounts.pages.forgotPassword` (else the login path).
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
   * @default the origin of process.env.NEXTAUTH_URL, read when the first email is due; an
   * `invalid_config` error (a 500) when it is not set either
   */
  baseUrl?: string
  /** The name in subjects and signatures. @default the host of the base URL */
  appName?: string
  /** Rules for new passwords. @default 8 to 128 characters, the most common refused */
  password?: PasswordRules
  /** How passwords are hashed. @default scryptHasher() (OWASP: N=2^17, r=8, p=1) */
  hasher?: PasswordHasher
  /** How long links work, in ms. @default { verifyEmail: 24 h, resetPassword: 1 h } */
  tokenTtl?: { verifyEmail?: number; resetPassword?: number }
  /**
   * Rate limits, rule by rule over {@link DEFAULT_RATE_LIMITS}.
   * @example `{ signUp: { perIp: { limit: 20, windowMs: 3_600_000 } }, token: { perIp: false } }`
   */
  rateLimits?: Partial<Record<keyof AccountRateLimits, RateLimitRule>>
  /**
   * Take the client IP from the first `X-Forwarded-For` entry. Only behind a proxy that
   * overwrites that header: otherwise a client picks its own rate-limit bucket.
   * @default false (the socket's peer address in the Pages Router; unknown in route handlers and
   * `authorize`, where the per-IP limits are then skipped)
   */
  trustProxy?: boolean
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
   * optional.
   */
  revokeSessions?: (userId: string, options: { except?: string }) => Promise<void> | void
  /** The credential-version check of jwt sessions. */
  sessionCheck?: SessionCheckOptions
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
   * The secret from which the key that encrypts two-factor secrets at rest is derived
   * (HKDF-SHA-256, then AES-256-GCM). Keep it stable: secrets sealed under another one no
   * longer open, and their users can then sign in only with a recovery code.
   * @default the `secret` of the authOptions bound by `withAccounts`, else
   * `process.env.NEXTAUTH_SECRET`, else `process.env.AUTH_SECRET`, read at the first use;
   * none at all is an `invalid_config` error (a 500, or `AccountsUnavailable` at sign-in)
   */
  secret?: string
}

const HOUR = 60 * 60 * 1000

function invalid(message: string): never {
  throw new AuthKitError("invalid_config", message)
}

/** Everything the handlers share: the options checked once, with defaults filled in. */
export interface AccountsContext {
  store: AccountStore
  hasher: PasswordHasher
  rules: ResolvedPasswordRules
  ttl: { "verify-email": number; "reset-password": number }
  limits: AccountRateLimits
  clientIp: ClientIpResolver
  defaultRoles: string[]
  revokeSessions: AccountsOptions["revokeSessions"]
  accountPath: string
  maxBodyBytes: number
  versions: CredentialVersions
  /** The authOptions that `withAccounts` returned, once it has run. */
  authOptions: NextAuthOptions | undefined
  /** Two-factor's options, `undefined` when it is off. */
  mfa: MfaOptions | undefined
  /** The key that seals TOTP secrets; throws `invalid_config` when there is no secret. */
  mfaKey(): Buffer
  report(error: unknown, route: string): void
  /** Runs work after the answer; `whenIdle` waits for all of it. */
  background(route: string, task: () => Promise<unknown>): void
  whenIdle(): Promise<void>
  /** The base URL of the links; throws `invalid_config` when there is none. */
  baseUrl(): string
  /** A hash of a random password, to verify against when there is no user (same cost). */
  dummyHash(): Promise<string>
  /** The languages of answers and emails. */
  languages: Languages
  /** Creates a token of a kind for a user and emails the link, in a language. */
  sendTokenEmail(kind: EmailTokenKind, user: AccountUser, language: Language): Promise<void>
  /** Emails a notice with a link to one of the pages, in a language. */
  sendNotice(kind: Exclude<AccountEmailKind, TokenKind>, user: Pick<AccountUser, "email" | "name">, language: Language): Promise<void>
}

/** The tokens sent by email as links. */
type EmailTokenKind = Extract<TokenKind, "verify-email" | "reset-password">

const positive = (value: unknown) => typeof value === "number" && Number.isFinite(value) && value > 0

/** Checks the options and fills in their defaults; a bad one throws `invalid_config`. */
export function resolveAccounts(options: AccountsOptions): AccountsContext {
  if (!options || typeof options !== "object") invalid("createAccounts({ store, sendEmail }) needs its options.")
  const { store, sendEmail } = options
  const methods = ["findUserByEmail", "findUserById", "createUser", "updateUser", "createToken", "consumeToken", "deleteTokens", "hit"] as const
  if (!store || typeof store !== "object" || methods.some((m) => typeof store[m] !== "function")) {
    invalid(`createAccounts needs a \`store\` with ${methods.join(", ")}: memoryAccountStore() for tests, the SQL store for apps.`)
  }
  if (typeof sendEmail !== "function") {
    invalid("createAccounts needs `sendEmail({ to, subject, text, html })`: the app's mailer (log the email in development).")
  }

  // The shared configuration, checked as every runtime checks it (paths included).
  const config = resolveAuthKitConfig(options)
  const given = config.accounts?.accountPath ?? "/api/account"
  const accountPath = given.replace(/(.)\/+$/, "$1")
  if (/[?#]/.test(accountPath) || accountPath === "/") {
    invalid(`\`accounts.accountPath\` must be a path such as "/api/account", got ${JSON.stringify(given)}.`)
  }
  const pages = config.accounts?.pages ?? {}
  const verifyEmailPage = pages.verifyEmail ?? "/verify-email"
  const resetPasswordPage = pages.resetPassword ?? "/reset-password"

  const rules: ResolvedPasswordRules = { minLength: 8, maxLength: 128, refuseCommon: true, ...options.password }
  if (!Number.isInteger(rules.minLength) || rules.minLength < 1 || !Number.isInteger(rules.maxLength) || rules.maxLength < rules.minLength) {
    invalid(`\`password\` needs whole lengths with 1 ≤ minLength ≤ maxLength, got ${rules.minLength} and ${rules.maxLength}.`)
  }
  if (rules.maxLength > 1024) invalid("`password.maxLength` above 1024 lets one request ask for a lot of hashing; keep it at 128 or so.")

  const hasher = options.hasher ?? scryptHasher()
  if (typeof hasher?.hash !== "function" || typeof hasher.verify !== "function") {
    invalid("`hasher` must be { hash(password), verify(hash, password) }.")
  }
  const ttl = { "verify-email": options.tokenTtl?.verifyEmail ?? 24 * HOUR, "reset-password": options.tokenTtl?.resetPassword ?? HOUR }
  if (!positive(ttl["verify-email"]) || !positive(ttl["reset-password"])) invalid("`tokenTtl` values must be positive numbers of milliseconds.")

  const limits = resolveRateLimits(options.rateLimits)
  const problem = rateLimitProblem(limits)
  if (problem) invalid(problem)
  if (options.clientIp !== undefined && typeof options.clientIp !== "function") invalid("`clientIp` must be a function.")
  if (options.revokeSessions !== undefined && typeof options.revokeSessions !== "function") invalid("`revokeSessions` must be a function.")
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024
  if (!positive(maxBodyBytes)) invalid("`maxBodyBytes` must be a positive number.")
  const cacheMs = options.sessionCheck?.cacheMs ?? 5000
  const maxUsers = options.sessionCheck?.maxUsers ?? 10_000
  if (!(cacheMs >= 0) || !positive(maxUsers)) invalid("`sessionCheck` needs cacheMs ≥ 0 and maxUsers > 0.")

  const mfa = options.mfa
  if (mfa !== undefined) {
    if (!mfa || typeof mfa !== "object" || typeof mfa.issuer !== "string" || mfa.issuer.trim() === "" || mfa.issuer.includes(":")) {
      invalid('`mfa.issuer` must be the app\'s name as authenticator apps show it, a non-empty string without ":", such as { issuer: "Acme" }.')
    }
    if (typeof store.getMfa !== "function" || typeof store.setMfa !== "function") {
      invalid("`mfa` needs a `store` with getMfa and setMfa: memoryAccountStore() and sqlAccountStore() have them.")
    }
  }
  if (options.secret !== undefined && (typeof options.secret !== "string" || options.secret === "")) {
    invalid("`secret` must be a non-empty string: a long random one, such as `openssl rand -base64 32` makes.")
  }
  const keys = new Map<string, Buffer>()

  const explicitBase = options.baseUrl === undefined ? undefined : parseBase(options.baseUrl, "baseUrl", true)

  const onError = options.onError
  const report = (error: unknown, route: string) => {
    try {
      if (onError) onError(error, { route })
      else console.error(`[next-auth-kit] accounts: ${route} failed.`, error)
    } catch (failure) {
      console.error("[next-auth-kit] onError threw while handling an error.", failure, error)
    }
  }

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
  let dummy: Promise<string> | undefined
  const baseUrl = () => explicitBase ?? parseBase(process.env.NEXTAUTH_URL, "NEXTAUTH_URL", false)
  const link = (path: string, token?: string) =>
    `${baseUrl()}${config.basePath}${path}${token === undefined ? "" : `${path.includes("?") ? "&" : "?"}token=${token}`}`
  // createAuthKit's rule: the configured loginPath, else next-auth's pages.signIn, else its own page.
  const loginPath = () => options.loginPath ?? context.authOptions?.pages?.signIn ?? config.loginPath
  const appName = () => options.appName ?? new URL(baseUrl()).host

  const context: AccountsContext = {
    store,
    hasher,
    rules,
    ttl,
    limits,
    clientIp: options.clientIp ?? defaultClientIp(options.trustProxy === true),
    defaultRoles: [...(options.defaultRoles ?? [])],
    revokeSessions: options.revokeSessions,
    accountPath,
    maxBodyBytes,
    versions: new CredentialVersions(store, cacheMs, maxUsers, (error) => report(error, "session check")),
    authOptions: undefined,
    mfa: mfa && { issuer: mfa.issuer.trim() },
    mfaKey() {
      const bound = context.authOptions
      const secret = options.secret ?? bound?.secret ?? bound?.jwt?.secret ?? process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET
      if (!secret) {
        invalid(
          "Two-factor secrets are encrypted with a key derived from the app's secret, and there is none: set NEXTAUTH_SECRET, or pass `secret` to createAccounts (or to the authOptions given to `accounts.withAccounts`).",
        )
      }
      let key = keys.get(secret)
      if (!key) keys.set(secret, (key = mfaKey(secret)))
      return key
    },
    report,
    background(route, task) {
      // After the current turn of the event loop, so that the answer is written first.
      const promise: Promise<void> = new Promise((resolve) => setImmediate(resolve))
        .then(task)
        .then(
          () => undefined,
          (error: unknown) => report(error, route),
        )
        .finally(() => pending.delete(promise))
      pending.add(promise)
      options.waitUntil?.(promise)
    },
    async whenIdle() {
      while (pending.size > 0) await Promise.all(pending)
    },
    baseUrl,
    dummyHash() {
      dummy ??= hasher.hash(randomBytes(18).toString("base64url")).catch((error: unknown) => {
        dummy = undefined
        throw error
      })
      return dummy
    },
    languages,
    async sendTokenEmail(kind, user, language) {
      const { token, tokenHash } = newToken()
      // Older links stay valid until one is used (the reset then voids the rest): a stranger
      // asking for a link must not void the owner's.
      await store.createToken({ kind, tokenHash, userId: user.id, expiresAt: new Date(Date.now() + ttl[kind]) })
      const url = link(kind === "verify-email" ? verifyEmailPage : resetPasswordPage, token)
      await sendEmail(renderEmail(messagesOf(language), kind, { to: user.email, url, appName: appName(), name: user.name, expiresInMs: ttl[kind] }))
    },
    async sendNotice(kind, user, language) {
      const url = link(kind === "signup-attempt" ? loginPath() : (pages.forgotPassword ?? loginPath()))
      await sendEmail(renderEmail(messagesOf(language), kind, { to: user.email, url, appName: appName(), name: user.name }))
    },
  }
  return context
}

/**
 * A base URL for links. An explicit one keeps its path (an app under a Next.js basePath); from
 * NEXTAUTH_URL only the origin counts, since its path is next-auth's API path. Like next-auth,
 * a URL without a scheme is https.
 */
function parseBase(raw: string | undefined, name: string, keepPath: boolean): string {
  if (!raw) {
    invalid(
      "No base URL for the links in account emails: set NEXTAUTH_URL (https://app.example.com) or pass `baseUrl` to createAccounts.",
    )
  }
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`)
  } catch {
    invalid(`\`${name}\` must be the app's public URL, such as "https://app.example.com", got ${JSON.stringify(raw)}.`)
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") invalid(`\`${name}\` must be an http(s) URL, got ${JSON.stringify(raw)}.`)
  return keepPath ? `${url.origin}${url.pathname}`.replace(/\/+$/, "") : url.origin
}
