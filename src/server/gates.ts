import type { Session } from "next-auth"
import { createElement, Fragment, type ReactElement, type ReactNode } from "react"
import type { AccessPolicy } from "../core/types"
import { decide, type KitConfig } from "./config"

/**
 * Props of the server `AuthGate` (from `createAuthKit`): the client `AuthGate`'s slots without
 * `loading` (the server knows the session before it renders) and `redirect` (use `auth()`).
 *
 * @example
 * ```tsx
 * <AuthGate fallback={<a href="/login">Sign in</a>}><Dashboard /></AuthGate>
 * ```
 */
export interface ServerAuthGateProps {
  /** Rendered for a signed-in user. */
  children?: ReactNode
  /** Rendered for a signed-out visitor. @default nothing */
  fallback?: ReactNode
}

/**
 * Props of the server `RoleGate` (from `createAuthKit`): the kit's one {@link AccessPolicy},
 * whose `allow` may be async here, plus what to render either way.
 *
 * @example
 * ```tsx
 * <RoleGate roles={["admin", "editor"]} match="any" fallback={<p>Editors only</p>}>
 *   <Editor />
 * </RoleGate>
 * ```
 */
export interface ServerRoleGateProps extends AccessPolicy {
  /** Rendered for a signed-in user who passes the policy. */
  children?: ReactNode
  /** Rendered for a signed-out visitor, or a user who fails the policy. @default nothing */
  fallback?: ReactNode
}

/**
 * Props of the server `SignedIn` (from `createAuthKit`).
 *
 * @example
 * ```tsx
 * <SignedIn><UserButton /></SignedIn>
 * ```
 */
export interface ServerSignedInProps {
  /** Rendered when the visitor is signed in (`SignedIn`) or signed out (`SignedOut`). */
  children?: ReactNode
}

/**
 * Props of the server `SignedOut` (from `createAuthKit`).
 *
 * @example
 * ```tsx
 * <SignedOut><a href="/login">Sign in</a></SignedOut>
 * ```
 */
export type ServerSignedOutProps = ServerSignedInProps

/**
 * An async Server Component: a function of its props that resolves to what it renders. React
 * renders it on the server only; it ships no JavaScript to the browser. Outside JSX (a test),
 * call it and await the result.
 *
 * @example
 * ```ts
 * expect(await RoleGate({ roles: ["admin"], children: "panel", fallback: "no" })).toBe("panel")
 * ```
 */
export type ServerComponent<P> = (props: P) => Promise<ReactElement | null>

/**
 * The server gates that `createAuthKit` returns, bound to its `authOptions` and configuration.
 *
 * @example
 * ```ts
 * // lib/auth.ts
 * export const { AuthGate, RoleGate, SignedIn, SignedOut } = createAuthKit(authOptions, authConfig)
 * ```
 */
export interface ServerGates {
  AuthGate: ServerComponent<ServerAuthGateProps>
  RoleGate: ServerComponent<ServerRoleGateProps>
  SignedIn: ServerComponent<ServerSignedInProps>
  SignedOut: ServerComponent<ServerSignedOutProps>
}

/** Gates bound to the kit's options, reading the session with `read` (the no-argument getSession). */
export function createServerGates(config: KitConfig, read: () => Promise<Session | null>): ServerGates {
  // An element (or nothing), not a bare node: the React 18 types of Next.js 14 accept only that
  // from a JSX component.
  const render = (node: ReactNode): ReactElement | null => (node == null ? null : createElement(Fragment, null, node))

  async function AuthGate({ children, fallback }: ServerAuthGateProps) {
    return render((await read()) ? children : fallback)
  }

  async function RoleGate({ children, fallback, roles, match, allow }: ServerRoleGateProps) {
    const session = await read()
    if (!session) return render(fallback)
    // The kit's one decision, as auth() takes it: an `allow` that throws or rejects denies.
    const decision = await decide(config, session, { roles, match, allow })
    return render(decision.outcome === "allow" ? children : fallback)
  }

  async function SignedIn({ children }: ServerSignedInProps) {
    return render((await read()) ? children : null)
  }

  async function SignedOut({ children }: ServerSignedOutProps) {
    return render((await read()) ? null : children)
  }

  return { AuthGate, RoleGate, SignedIn, SignedOut }
}
