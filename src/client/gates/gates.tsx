import { type ReactNode, useEffect, useRef } from "react"
import { loginUrl } from "../../core/login-url"
import { passesPolicy } from "../../core/policy"
import type { AccessPolicy, Role } from "../../core/types"
import { useAuthState, useSettings } from "../auth-provider/auth-provider"

interface GateSlots {
  /** Shown once access is granted. */
  children?: ReactNode
  /** Shown while the session loads; loading is never treated as denied. @default nothing */
  loading?: ReactNode
  /** Shown when access is denied. @default nothing */
  fallback?: ReactNode
}

/** Props of {@link AuthGate}. */
export interface AuthGateProps extends GateSlots {
  /**
   * Send visitors who arrive signed out to the login path, with a safe `callbackUrl` of the
   * current page, instead of rendering `fallback`. A session that ends while the gate is shown
   * (signing out here or in another tab) renders `fallback`.
   * @default false
   */
  redirect?: boolean
}

/**
 * Renders its children for signed-in users only. **A gate hides UI; it does not protect
 * data**: anyone can call your API. Protect pages and routes with `requireSession`,
 * `withAuth`, `auth()` and `withRouteAuth` from `next-auth-kit/server`.
 *
 * @example
 * ```tsx
 * <AuthGate loading={<Spinner />} fallback={<p>Please sign in</p>}>
 *   <Dashboard />
 * </AuthGate>
 * <AuthGate redirect>…</AuthGate>
 * ```
 */
export function AuthGate({ children, loading, fallback, redirect }: AuthGateProps) {
  const { status } = useAuthState(AuthGate)
  const { config, navigate } = useSettings(AuthGate)
  // Only a visitor who arrives signed out is sent to the login page: when the session ends
  // here (a SignOutButton on this page, on its way to its own target, or another tab), the
  // gate shows `fallback` instead of racing that navigation.
  const seen = useRef(false)
  if (status === "authenticated") seen.current = true
  const redirecting = redirect && status === "unauthenticated" && !seen.current
  useEffect(() => {
    if (!redirecting) return
    // The core's "unauthenticated" answer: the login URL with this page as the callbackUrl
    // (the browser's path already holds the basePath, as the server's callbackUrls do).
    const { pathname, search, hash } = location
    navigate(config.basePath + loginUrl(config.loginPath, pathname + search + hash))
  }, [redirecting, config, navigate])
  if (status === "loading" || redirecting) return loading
  return status === "authenticated" ? children : fallback
}

/** Props of {@link RoleGate}. */
export interface RoleGateProps extends GateSlots {
  /** Roles that grant access; none means any signed-in user. */
  roles?: readonly Role[]
  /** Whether one role is enough or all are needed. @default "any" */
  match?: "any" | "all"
  /** An extra check that must also pass; synchronous here (a promise counts as "no"). */
  allow?: AccessPolicy["allow"]
}

/**
 * Renders its children for users who hold the roles. While the session loads it shows
 * `loading`, never `fallback`. **A gate hides UI; it does not protect data**: check roles on the
 * server with `requireSession({ roles })` or `withAuth({ roles })`.
 *
 * @example
 * ```tsx
 * <RoleGate roles={["admin"]} fallback={<p>Admins only</p>}>
 *   <AdminPanel />
 * </RoleGate>
 * ```
 */
export function RoleGate({ children, roles, match, allow, loading, fallback }: RoleGateProps) {
  const { status, session } = useAuthState(RoleGate)
  const { rolesOf } = useSettings(RoleGate)
  if (status === "loading") return loading
  // The core's policy check; an async `allow` cannot answer while rendering, so it denies.
  const allowed = !!session && passesPolicy(session, { roles, match, allow }, () => rolesOf(session)) === true
  return allowed ? children : fallback
}

/**
 * Renders its children only once the user is known to be signed in (nothing while loading).
 *
 * @example
 * ```tsx
 * <SignedIn><UserButton /></SignedIn>
 * ```
 */
export function SignedIn({ children }: { children?: ReactNode }) {
  return useAuthState(SignedIn).status === "authenticated" ? children : null
}

/**
 * Renders its children only once the user is known to be signed out (nothing while loading).
 *
 * @example
 * ```tsx
 * <SignedOut><LoginDialog /></SignedOut>
 * ```
 */
export function SignedOut({ children }: { children?: ReactNode }) {
  return useAuthState(SignedOut).status === "unauthenticated" ? children : null
}
