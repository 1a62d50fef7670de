import type { Session } from "next-auth"
import { signIn, signOut } from "next-auth/react"
import { useMemo } from "react"
import type { Role } from "../core"
import { useAuthState, useSettings } from "./auth-provider/auth-provider"

type Shared = {
  /** next-auth's `signIn`. */
  signIn: typeof signIn
  /** next-auth's `signOut`. */
  signOut: typeof signOut
  /** Whether the session holds a role; `false` until it is known. */
  hasRole: (role: Role) => boolean
}

/** What {@link useAuth} returns: narrow on `status` to get a non-null session and user. */
export type UseAuthResult =
  | (Shared & { status: "loading"; session: null; user: null; roles: Role[] })
  | (Shared & { status: "unauthenticated"; session: null; user: null; roles: Role[] })
  | (Shared & {
      status: "authenticated"
      session: Session
      user: NonNullable<Session["user"]>
      roles: Role[]
    })

/**
 * The session, its user and roles, and next-auth's `signIn` / `signOut`.
 *
 * @example
 * ```tsx
 * const auth = useAuth()
 * if (auth.status === "authenticated") return <p>Hi {auth.user.name}</p>
 * ```
 */
export function useAuth(): UseAuthResult {
  const { status, session } = useAuthState(useAuth)
  const { rolesOf } = useSettings(useAuth)
  return useMemo(() => {
    const roles = (session ? rolesOf(session) : []) as Role[]
    const user = session ? (session.user ?? {}) : null
    return { status, session, user, roles, hasRole: (role: Role) => roles.includes(role), signIn, signOut } as UseAuthResult
  }, [status, session, rolesOf])
}
