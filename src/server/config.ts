import type { NextAuthOptions, Session } from "next-auth"
import { AuthKitError } from "../core"
import { resolveAuthKitConfig, type ResolvedAuthKitConfig } from "../core/config"
import { type AccessDecision, decideAccess, sessionSubject } from "../core/decision"
import type { AccessPolicy } from "../core/types"
import { createFastSessionReader, type FastSessionReader } from "./fast-session"
import { type Languages, resolveLanguages } from "./i18n/languages"
import type { AuthKitOptions } from "./types"

/** createAuthKit's options, checked once and with every default filled in. */
export interface KitConfig extends ResolvedAuthKitConfig {
  authOptions: NextAuthOptions
  getRoles: AuthKitOptions["getRoles"]
  onError: (error: unknown, where: { route: string }) => void
  /** The jwt fast path, or null when these options need next-auth's own reader. */
  fastSession: FastSessionReader | null
  /** The languages of the error answers. */
  languages: Languages
}

export function resolveConfig(authOptions: NextAuthOptions, options: AuthKitOptions): KitConfig {
  if (!authOptions || typeof authOptions !== "object") {
    throw new AuthKitError("invalid_config", "createAuthKit(authOptions) needs next-auth's authOptions.")
  }
  const onError = options.onError
  // An onError that throws must not turn the kit's 500 into Next's HTML error page.
  const report: KitConfig["onError"] = (error, where) => {
    try {
      if (onError) onError(error, where)
      else console.error(`[next-auth-kit] ${where.route} threw; answered 500.`, error)
    } catch (failure) {
      console.error("[next-auth-kit] onError threw while handling an error.", failure, error)
    }
  }
  const config = resolveAuthKitConfig(options, { loginPath: authOptions.pages?.signIn })
  return {
    ...config,
    authOptions,
    getRoles: options.getRoles,
    fastSession: options.fastSession === false ? null : createFastSessionReader(authOptions),
    onError: report,
    languages: resolveLanguages(options, (error) => report(error, { route: "the `locale` option" })),
  }
}

/**
 * The decision for a session read on the server.
 * @param currentPath the path without basePath, for the `callbackUrl`
 */
export function decide(
  config: KitConfig,
  session: Session | null,
  policy: AccessPolicy | undefined,
  currentPath?: string,
): AccessDecision | Promise<AccessDecision> {
  const { getRoles } = config
  const allow = policy?.allow
  return decideAccess(sessionSubject(session), allow ? { ...policy, allow: (s) => safely(allow, s) } : policy, {
    config,
    currentPath,
    rolesOf: getRoles && ((subject) => getRoles(subject.session!)),
  })
}

/** Runs a policy's `allow`; one that throws or rejects denies, and is logged. */
async function safely(allow: NonNullable<AccessPolicy["allow"]>, session: Session): Promise<boolean> {
  try {
    return (await allow(session)) === true
  } catch (error) {
    console.error("[next-auth-kit] A policy's `allow` threw; access denied.", error)
    return false
  }
}
