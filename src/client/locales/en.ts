// Terms (the reference for every other language): sign in, sign out, password, email (the
// address; "an email" is a message), account, code (the app's: authentication code), recovery
// code, two-factor authentication, authenticator app, link, provider, session, setup key,
// turn on / turn off. Sentence case; "you".
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
