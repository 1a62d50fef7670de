/**
 * `next-auth-kit/provider-marks`: the OAuth providers' marks for `LoginForm`, an entry of its
 * own so that only apps that show them ship them.
 * @packageDocumentation
 */
export { providerMarks } from "./login-form/marks"
export type { ProviderMark, ProviderMarks } from "./login-form/marks"
