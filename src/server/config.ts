import type { NextAuthOptions } from "next-auth"
import { AuthKitError, getRoles, type RolesOf } from "../shared"
import { checkPath, loginUrl, pathOf } from "../shared/login-url"
import { createFastSessionReader, type FastSessionReader } from "./fast-session"
import type { AuthKitOptions, ForbiddenBehaviour } from "./types"

/** createAuthKit's options, checked once and with every default filled in. */
export interface KitConfig {
  authOptions: NextAuthOptions
  loginPath: string
  forbidden: ForbiddenBehaviour
  rolesOf: RolesOf
  basePath: string
  onError: (error: unknown, where: { route: string }) => void
  /** The jwt fast path, or null when these options need next-auth's own reader. */
  fastSession: FastSessionReader | null
}

export function resolveConfig(authOptions: NextAuthOptions, options: AuthKitOptions): KitConfig {
  if (!authOptions || typeof authOptions !== "object") {
    throw new AuthKitError("invalid_config", "createAuthKit(authOptions) needs next-auth's authOptions.")
  }
  const loginPath = checkPath("loginPath", options.loginPath ?? authOptions.pages?.signIn ?? "/api/auth/signin")
  const forbidden = options.forbidden ?? "not-found"
  if (forbidden !== "not-found") {
    checkPath("forbidden.redirect", forbidden.redirect)
    if (pathOf(forbidden.redirect) === pathOf(loginPath)) {
      throw new AuthKitError(
        "invalid_config",
        "`forbidden.redirect` must not be the login page: signed-in users who lack a role would loop between it and the page. Use a /403 page.",
      )
    }
  }
  const basePath = (options.basePath ?? "").replace(/\/+$/, "")
  if (basePath !== "") checkPath("basePath", basePath)
  return {
    authOptions,
    loginPath,
    forbidden,
    rolesOf: options.getRoles ?? getRoles,
    basePath,
    fastSession: options.fastSession === false ? null : createFastSessionReader(authOptions),
    onError:
      options.onError ??
      ((error, { route }) => console.error(`[next-auth-kit] ${route} threw; answered 500.`, error)),
  }
}

/** Where a signed-out visitor of `currentPath` (without basePath) is sent. */
export function loginRedirect(config: KitConfig, currentPath: string | undefined): string {
  return loginUrl(config.loginPath, currentPath === undefined ? undefined : config.basePath + currentPath)
}

/** Whether `currentPath` (without basePath) is the login page itself. */
export function isLoginPage(config: KitConfig, currentPath: string): boolean {
  return pathOf(currentPath) === pathOf(config.loginPath)
}
