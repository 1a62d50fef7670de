import type { AccessPolicy, AuthKitConfig, RolesOf } from "../core"
import type { ServerLocaleOptions } from "./i18n/languages"

/**
 * The access policy of the server helpers: the kit's one {@link AccessPolicy}, whose `allow`
 * may be async here.
 * @deprecated Use `AccessPolicy`; this name stays for code written against 0.1.
 */
export type ServerAccessPolicy = AccessPolicy

/**
 * Options of {@link createAuthKit}: the app's shared {@link AuthKitConfig} (the same object the
 * middleware and the provider take) plus what only the server can hold.
 *
 * @example
 * ```ts
 * createAuthKit(authOptions, { ...authConfig, onError: report })
 * // error messages in German and French too, by Accept-Language or the app's choice
 * createAuthKit(authOptions, { ...authConfig, locales: [de, fr], locale: (request) => request.cookies.NEXT_LOCALE })
 * ```
 */
export interface AuthKitOptions extends AuthKitConfig, ServerLocaleOptions {
  /** How to read roles from a session. @default the configured `roleClaim`, or getRoles */
  getRoles?: RolesOf
  /**
   * Called with what an API handler (or a role reader) threw, before the kit answers 500.
   * If it throws too, the kit still answers 500.
   * @default logs with console.error
   */
  onError?: (error: unknown, where: { route: string }) => void
  /**
   * Read jwt sessions through the kit's fast path: the key derived once, the payloads of the
   * last 1000 cookies remembered (expiry still checked on every read), the cookie re-issued
   * only when due instead of on every read. Same session, same cookies, same callbacks as
   * next-auth's `getServerSession`, which it hands over to for anything it does not model;
   * `false` uses `getServerSession` for every read.
   * @default true
   */
  fastSession?: boolean
}
