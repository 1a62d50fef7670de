/**
 * `next-auth-kit/locales/en`: English, the default of every component (also exported from
 * `next-auth-kit`). Import it to build a locale of your own on top of it.
 *
 * @example
 * ```ts
 * import { en } from "next-auth-kit/locales/en"
 * const messages = { ...en, loginForm: { ...en.loginForm, title: "Log in" } }
 * ```
 * @packageDocumentation
 */
export { en } from "../messages"
