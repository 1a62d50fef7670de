/**
 * The kit's store as next-auth's adapter inside the kit instance: the adapter with the request's
 * details for the sessions list, and the `database` strategy made to work with the kit's
 * Credentials provider.
 */
import { randomBytes } from "node:crypto"
import type { NextAuthOptions, User } from "next-auth"
import type { Adapter } from "next-auth/adapters"
import { encode as defaultEncode, type JWT } from "next-auth/jwt"
import { accountAdapter, type AdapterSessionDetails } from "../../core/accounts/adapter"
import { hasLinkedAccountStore, missingAdapterMethods } from "../../core/accounts/features/linked-accounts"
import type { AccountStore } from "../../core/accounts/store"
import { AuthKitError } from "../../core/errors"
import { requestScope } from "../request-scope"
import type { Language, RequestView } from "../i18n/languages"
import type { AccountsContext } from "./context"

const THIRTY_DAYS = 30 * 24 * 60 * 60

/** The stores behind the adapters the kit made: the session check finds a database session's id through it. */
const kitAdapters = new WeakMap<object, AccountStore>()

/** The store of an adapter the kit made (`kit.authOptions.adapter`), or `undefined` for any other. */
export const storeOfKitAdapter = (adapter: unknown): AccountStore | undefined =>
  adapter && typeof adapter === "object" ? kitAdapters.get(adapter) : undefined

/** The language of the request being served (next-auth's sign-in callback), picked when needed. */
export function signInLanguage(context: AccountsContext): () => Promise<Language> {
  const headers = requestScope.getStore()?.headers ?? {}
  let picked: Promise<Language> | undefined
  return () => (picked ??= context.languages.pick({ headers: headers as RequestView["headers"] }))
}

/**
 * The sign-in method of a next-auth callback: the provider's id (`"github"`, `"email"`), as the
 * jwt strategy records it; `"password"` for the Credentials provider.
 */
function methodOf(authOptions: () => NextAuthOptions, url: string | undefined): string {
  if (!url) return "oauth"
  const path = new URL(url, "http://localhost").pathname
  const match = /\/callback\/([^/]+)\/?$/.exec(path)
  const provider = match && (authOptions().providers ?? []).find((p) => p.id === decodeURIComponent(match[1]!))
  return !provider ? "oauth" : provider.type === "credentials" ? "password" : provider.id
}

/**
 * The kit's adapter over the accounts' store: new users get the accounts' default roles, and a
 * database session records the method, IP and User-Agent of the request being served (the kit's
 * `handler` puts them in scope).
 */
export function kitAdapter(context: AccountsContext, authOptions: () => NextAuthOptions): Adapter {
  const adapter = accountAdapter(context.store, {
    defaultRoles: context.engine.deps.defaultRoles,
    sessionDetails(): AdapterSessionDetails {
      const scope = requestScope.getStore()
      const headers = (scope?.headers ?? {}) as Record<string, string | string[] | undefined>
      const userAgent = typeof (headers as { get?: unknown }).get === "function" ? (headers as unknown as Headers).get("user-agent") : headers["user-agent"]
      const ip = scope ? context.clientIp({ headers: scope.headers ?? {}, socketAddress: scope.socketAddress } as never) : undefined
      return {
        method: scope?.method ?? methodOf(authOptions, scope?.url),
        ...(ip ? { ip } : {}),
        ...(userAgent ? { userAgent: Array.isArray(userAgent) ? userAgent[0] : userAgent } : {}),
      }
    },
    // The new-sign-in email and the prune, as for a jwt sign-in.
    started: (session, userAgent) => context.engine.noticeSignIn(session, userAgent, signInLanguage(context)),
    onError: (error) => context.report(error, "session activity"),
  })
  kitAdapters.set(adapter, context.store)
  return adapter
}

/**
 * `kit.authOptions` with the kit's adapter, when the app gave none and did not opt out
 * (`accounts.adapter: false`) and the store can be one. next-auth's default strategy with an
 * adapter is `database`: the kit keeps `jwt` unless the app chose, so that adding the adapter
 * changes nothing for password sign-ins.
 *
 * @throws AuthKitError `invalid_config` for `accounts.adapter: true` on a store without the
 * linked-accounts and sessions slices.
 */
export function withKitAdapter(authOptions: NextAuthOptions, context: AccountsContext, option: boolean | undefined, current: () => NextAuthOptions): NextAuthOptions {
  if (option === false || authOptions.adapter) return authOptions
  if (!hasLinkedAccountStore(context.store)) {
    if (option === true) {
      throw new AuthKitError(
        "invalid_config",
        `accounts.adapter: the account store lacks ${missingAdapterMethods(context.store).join(", ")}, which next-auth's adapter needs; use sqlAccountStore(…) or memoryAccountStore(), add them to your store, or drop \`adapter: true\`.`,
      )
    }
    return authOptions
  }
  return {
    ...authOptions,
    adapter: kitAdapter(context, current),
    session: { ...authOptions.session, strategy: authOptions.session?.strategy ?? "jwt" },
  }
}

/** A credentials sign-in's database session token, carried from the jwt callback to `jwt.encode`. */
const SESSION_TOKEN_CLAIM = "__nakSessionToken"

/**
 * With the `database` strategy and the kit's adapter, a sign-in through the kit's Credentials
 * provider gets a database session too. next-auth v4 writes a jwt cookie for every credentials
 * sign-in, whatever the strategy, and then reads that cookie as a session token: the kit creates
 * the session row while signing in and hands next-auth its token as the "jwt" to write. Nothing
 * else changes: other providers create their sessions themselves.
 */
export function withCredentialsDatabaseSessions(authOptions: NextAuthOptions): NextAuthOptions {
  const adapter = authOptions.adapter
  if (!adapter?.createSession || authOptions.session?.strategy !== "database") return authOptions
  const own = authOptions.callbacks ?? {}
  const jwt = authOptions.jwt ?? {}
  const maxAge = authOptions.session?.maxAge ?? THIRTY_DAYS
  return {
    ...authOptions,
    callbacks: {
      ...own,
      async jwt(params) {
        const token = own.jwt ? await own.jwt(params) : params.token
        // Only a credentials sign-in runs the jwt callback with the database strategy.
        if (!params.user || params.account?.type !== "credentials") return token
        const user = params.user as User & { signedIn?: { method?: unknown } }
        const sessionToken = randomBytes(32).toString("hex")
        const method = typeof user.signedIn?.method === "string" ? user.signedIn.method : "password"
        const scope = requestScope.getStore() ?? {}
        await requestScope.run({ ...scope, method }, () =>
          adapter.createSession!({ sessionToken, userId: String(user.id), expires: new Date(Date.now() + maxAge * 1000) }),
        )
        return { ...token, [SESSION_TOKEN_CLAIM]: sessionToken }
      },
    },
    jwt: {
      ...jwt,
      async encode(params) {
        const sessionToken = (params.token as JWT | undefined)?.[SESSION_TOKEN_CLAIM]
        if (typeof sessionToken === "string") return sessionToken
        return (jwt.encode ?? defaultEncode)(params)
      },
    },
  }
}
