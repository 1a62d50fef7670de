import type { NextAuthOptions, User } from "next-auth"
import type { AdapterUser } from "next-auth/adapters"
import type { JWT } from "next-auth/jwt"
import { roleList, rolesFromClaims } from "../core/policy"

/**
 * Options of {@link withRoleClaims}. The app's shared `AuthKitConfig` fits: its `roleClaim`
 * names the claim the roles are written to, where the middleware and the gates read them.
 */
export interface RoleClaimsOptions {
  /**
   * Reads the roles of the user that `authorize`, an OAuth profile or the adapter returned.
   * @default user[roleClaim], else user.roles (an array) or [user.role] (a string)
   */
  rolesOf?: (user: User | AdapterUser) => readonly string[] | null | undefined
  /** The claim of the token and of `session.user` that holds the roles. @default "roles" */
  roleClaim?: string
}

/**
 * Carries roles from your users into `session.user.roles` without hand-written callbacks, for
 * both session strategies: with `jwt`, the roles of the signed-in user are stored in the token
 * (`token.roles`) and copied into the session; with `database`, they are read from the
 * adapter's user on every session read. Your own `jwt` and `session` callbacks still run,
 * after the kit's, and see the roles.
 *
 * @example
 * ```ts
 * export const authOptions = withRoleClaims({
 *   providers: [CredentialsProvider({ authorize: async (c) => db.findUser(c) })], // { id, roles }
 * })
 * // session.user.roles === ["admin", "user"]
 * ```
 */
export function withRoleClaims(
  authOptions: NextAuthOptions,
  options: RoleClaimsOptions = {},
): NextAuthOptions {
  const claim = options.roleClaim || "roles"
  const rolesOf =
    options.rolesOf ??
    ((user: User | AdapterUser) => {
      const claims = user as unknown as Record<string, unknown>
      return claims[claim] === undefined ? rolesFromClaims(claims) : rolesFromClaims(claims, claim)
    })
  const own = authOptions.callbacks ?? {}
  return {
    ...authOptions,
    callbacks: {
      ...own,
      // Not async: next-auth awaits whatever they return, and a read costs no extra promises.
      jwt(params) {
        let token: JWT = params.token
        if (params.user) token = { ...token, [claim]: roleList(rolesOf(params.user)) }
        return own.jwt ? own.jwt({ ...params, token }) : token
      },
      session(params) {
        // jwt strategy: roles come from the token; database strategy: from the adapter's user.
        const source = (params as { token?: JWT }).token
        const user = (params as { user?: AdapterUser }).user
        const roles = source
          ? roleList(source[claim])
          : user
            ? roleList(rolesOf(user))
            : []
        // `{ ...user, [claim]: roles }`, built with Object.assign: V8 adds a property after a
        // spread on its slow path (about 2 µs a read). The two differ only for a `__proto__`
        // key, which Object.assign would set as the prototype: that keeps the spread.
        const base = params.session.user
        const withRoles: Record<string, unknown> =
          claim === "__proto__" || (base && Object.hasOwn(base, "__proto__"))
            ? { ...base, [claim]: roles }
            : Object.assign({}, base, { [claim]: roles })
        const session = { ...params.session, user: withRoles }
        return own.session ? own.session({ ...params, session } as typeof params) : session
      },
    },
  }
}
