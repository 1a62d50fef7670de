import { AuthKitError } from "./errors"
import { safeCallbackUrl } from "./callback-url"
import { checkPath, samePage } from "./login-url"
import type { ForbiddenBehaviour } from "./types"

/**
 * The app's auth settings, stated once and handed unchanged to every runtime:
 * `createAuthKit(authOptions, config)`, `authMiddleware({ ...config, rules })` and
 * `<AuthProvider config={config}>`. A plain, serialisable object, so a Server Component layout
 * can pass it to the provider; the three then agree on the login URL, the `callbackUrl` and
 * the forbidden response.
 *
 * @example
 * ```ts
 * // lib/auth-config.ts
 * export const authConfig = {
 *   loginPath: "/login",
 *   forbidden: { redirect: "/403" },
 * } satisfies AuthKitConfig
 * ```
 */
export interface AuthKitConfig {
  /**
   * Where signed-out visitors are sent, with `?callbackUrl=` to come back. Without the
   * app's Next.js `basePath` (Next.js adds it).
   * @default authOptions.pages.signIn on the server, else `${authPath}/signin`
   */
  loginPath?: string
  /**
   * The app's Next.js `basePath` (`"/docs"`), so `callbackUrl`s bring users back under it.
   * @default ""
   */
  basePath?: string
  /**
   * Where next-auth's REST API is mounted, without `basePath`. The middleware never checks
   * it; the provider talks to it.
   * @default "/api/auth"
   */
  authPath?: string
  /**
   * What a signed-in user who fails a policy gets: a 404 (`"not-found"`, which does not even
   * tell them the page exists) or a redirect. Never the login page: that is a redirect loop.
   * API routes answer 403 JSON either way.
   * @default "not-found"
   */
  forbidden?: ForbiddenBehaviour
  /**
   * The claim that holds the roles, in the session's `user` and in the JWT alike (a list or
   * one string). Without it, `roles` (a list) or else `role` (a string).
   */
  roleClaim?: string
  /**
   * Where the account lifecycle lives (`createAccounts` on the server, the account forms on
   * the client). `LoginForm` links to the sign-up and forgot-password pages when they are set.
   */
  accounts?: AccountPaths
}

/** The paths of the account lifecycle, in {@link AuthKitConfig}. */
export interface AccountPaths {
  /** Where `createAccounts`' endpoints are mounted. @default "/api/account" */
  accountPath?: string
  /** The app's pages: email links point at them, forms link to them. */
  pages?: {
    /** Sign-up page; `LoginForm` shows "Create account" when it is set. */
    signUp?: string
    /** Forgot-password page; `LoginForm` shows "Forgot password?" when it is set. */
    forgotPassword?: string
    /** Where the verification link lands (it adds `?token=`). @default "/verify-email" */
    verifyEmail?: string
    /** Where the reset link lands (it adds `?token=`). @default "/reset-password" */
    resetPassword?: string
    /**
     * The account page, with the sessions list: the "new sign-in" email links to it.
     * @default the login page
     */
    account?: string
  }
  /**
   * Passkeys are on: the server's `passkeys` option (`{}` or its options), or `true` in a
   * config shared with the client. `LoginForm` then offers "Sign in with a passkey" and the
   * browser's passkey autofill on its identifier field.
   * @default undefined (off)
   */
  passkeys?: boolean | object
}

/** An {@link AuthKitConfig} checked once, with every default filled in. */
export interface ResolvedAuthKitConfig {
  readonly loginPath: string
  readonly basePath: string
  readonly authPath: string
  readonly forbidden: ForbiddenBehaviour
  readonly roleClaim: string | undefined
  /** As given; each user of it fills in its own defaults. */
  readonly accounts: AccountPaths | undefined
}

const checked = new WeakSet<object>()

function invalid(message: string): never {
  throw new AuthKitError("invalid_config", message)
}

/**
 * Checks a configuration and fills in its defaults. A bad value is an `invalid_config`
 * {@link AuthKitError} that says how to fix it, thrown when the kit is set up — never a silent
 * redirect elsewhere on every request. The same object is checked once.
 *
 * @param defaults what the runtime knows better than the kit's defaults: the server passes
 * `authOptions.pages.signIn` as the login path
 */
export function resolveAuthKitConfig(
  config: AuthKitConfig = {},
  defaults: { loginPath?: string } = {},
): ResolvedAuthKitConfig {
  if (!config || typeof config !== "object") invalid("The configuration must be an object.")
  const result = withDefaults(config, defaults)
  if (!checked.has(config) || defaults.loginPath !== undefined) check(config, result)
  checked.add(config)
  return result
}

/**
 * The defaults alone, for the browser: the server and the middleware check the same object
 * at start-up, so a production client bundle leaves the checks (and their messages) out.
 */
export function configDefaults(config: AuthKitConfig = {}): ResolvedAuthKitConfig {
  if (process.env.NODE_ENV !== "production") return resolveAuthKitConfig(config)
  return withDefaults(config, {})
}

function withDefaults(config: AuthKitConfig, defaults: { loginPath?: string }): ResolvedAuthKitConfig {
  // Only the config's own fields (the middleware's options carry rules and a secret too), and
  // `undefined` means "the default" (`basePath: process.env.NEXT_PUBLIC_BASE_PATH`, unset).
  const authPath = trim(config.authPath ?? "/api/auth")
  return {
    loginPath: config.loginPath ?? defaults.loginPath ?? `${authPath}/signin`,
    basePath: trim(config.basePath ?? ""),
    authPath,
    forbidden: config.forbidden ?? "not-found",
    roleClaim: config.roleClaim,
    accounts: config.accounts,
  }
}

const trim = (path: string) => (typeof path === "string" ? path.replace(/\/+$/, "") : path)

function check(config: AuthKitConfig, { loginPath, basePath, authPath, forbidden, roleClaim }: ResolvedAuthKitConfig) {
  for (const name of ["loginPath", "basePath", "authPath", "roleClaim"] as const) {
    if (config[name] !== undefined && typeof config[name] !== "string") {
      invalid(`\`${name}\` must be a string, got ${typeof config[name]}.`)
    }
  }
  if (basePath !== "") {
    checkPath("basePath", basePath)
    if (/[?#]/.test(basePath)) {
      invalid(`\`basePath\` must be a path without a query or hash, got ${JSON.stringify(basePath)}.`)
    }
  }
  if (authPath === "" || /[?#]/.test(authPath) || safeCallbackUrl(authPath, { fallback: "" }) !== authPath) {
    invalid(`\`authPath\` must be next-auth's API path, such as "/api/auth", got ${JSON.stringify(config.authPath)}.`)
  }
  checkPath("loginPath", loginPath)
  if (forbidden !== "not-found") {
    if (!forbidden || typeof forbidden !== "object" || typeof forbidden.redirect !== "string") {
      invalid('`forbidden` must be "not-found" or { redirect: "/403" }.')
    }
    checkPath("forbidden.redirect", forbidden.redirect)
    if (samePage(forbidden.redirect, loginPath)) {
      invalid(
        "`forbidden.redirect` must not be the login page: signed-in users who lack a role would loop between it and the page. Use a /403 page.",
      )
    }
  }
  if (roleClaim === "") invalid('`roleClaim` must be the name of a claim, such as "roles".')
  const accounts = config.accounts
  if (accounts !== undefined) {
    if (!accounts || typeof accounts !== "object") invalid("`accounts` must be an object: { accountPath?, pages? }.")
    if (accounts.accountPath !== undefined) checkPath("accounts.accountPath", accounts.accountPath)
    for (const [name, path] of Object.entries(accounts.pages ?? {})) {
      if (path !== undefined) checkPath(`accounts.pages.${name}`, path)
    }
  }
}
