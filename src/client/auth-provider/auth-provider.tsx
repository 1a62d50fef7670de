import type { Session } from "next-auth"
import { SessionProvider, useSession } from "next-auth/react"
import { type ReactNode, useMemo, useRef } from "react"
import { getRoles as defaultGetRoles, type RolesOf } from "../../shared"
import { createKitContext } from "../lib/create-context"
import type { MessagesOverride } from "../messages"

/** The kit's settings, shared by every component under {@link AuthProvider}. */
export interface AuthKitConfig {
  loginPath: string
  basePath: string
  getRoles: RolesOf
  /** The app's replacements; components merge them over English when they render strings. */
  messages: MessagesOverride | undefined
  navigate: (url: string) => void
}

/** The session as components see it: a discriminated union on `status`. */
export type AuthState =
  | { status: "loading"; session: null }
  | { status: "unauthenticated"; session: null }
  | { status: "authenticated"; session: Session }

export const [ConfigContext, useConfig] = createKitContext<AuthKitConfig>("AuthProvider")
export const [StateContext, useAuthState] = createKitContext<AuthState>("AuthProvider")

/** Props of {@link AuthProvider}. */
export interface AuthProviderProps {
  children?: ReactNode
  /**
   * The session the server already read (`pageProps.session` from `requireSession`). A session
   * renders signed-in on the first paint, `null` renders signed-out, and neither fetches
   * `/api/auth/session` on mount. Leave it out to fetch on mount.
   */
  session?: Session | null
  /**
   * Where sign-in happens, for `AuthGate redirect` and links.
   * @default "/api/auth/signin"
   */
  loginPath?: string
  /**
   * next-auth's REST API path, including your Next.js basePath if any.
   * @default "/api/auth"
   */
  basePath?: string
  /** How to read roles from a session. @default getRoles */
  getRoles?: RolesOf
  /** Replaces some or all strings, e.g. `de` for German. */
  messages?: MessagesOverride
  /**
   * How the kit navigates after signing in or out: pass your router's push for a soft
   * navigation. @default window.location.assign
   */
  navigate?: (url: string) => void
  /** Refetch the session every n seconds; 0 never. @default 0 */
  refetchInterval?: number
  /** Refetch the session when the window regains focus. @default true */
  refetchOnWindowFocus?: boolean
}

const defaultNavigate = (url: string) => window.location.assign(url)

/**
 * Provides the session and the kit's settings to every component: wraps next-auth's
 * `SessionProvider`. Put it at the root: `pages/_app.tsx`, or a client component in
 * `app/layout.tsx`.
 *
 * Once the session is known, it stays on screen while next-auth refetches it (window focus,
 * `update()`): gates never flash back to loading.
 *
 * @example
 * ```tsx
 * export default function App({ Component, pageProps }: AppProps) {
 *   return (
 *     <AuthProvider session={pageProps.session} loginPath="/login">
 *       <Component {...pageProps} />
 *     </AuthProvider>
 *   )
 * }
 * ```
 */
export function AuthProvider({
  children,
  session,
  loginPath = "/api/auth/signin",
  basePath = "/api/auth",
  getRoles = defaultGetRoles,
  messages,
  navigate = defaultNavigate,
  refetchInterval,
  refetchOnWindowFocus,
}: AuthProviderProps) {
  const config = useMemo<AuthKitConfig>(
    () => ({ loginPath, basePath, getRoles, messages, navigate }),
    [loginPath, basePath, getRoles, messages, navigate],
  )
  return (
    <SessionProvider
      session={session}
      basePath={basePath}
      refetchInterval={refetchInterval}
      refetchOnWindowFocus={refetchOnWindowFocus}
    >
      <ConfigContext.Provider value={config}>
        <SessionState>{children}</SessionState>
      </ConfigContext.Provider>
    </SessionProvider>
  )
}

/** Reads next-auth's session once for all consumers, keeping the last known state while it revalidates. */
function SessionState({ children }: { children?: ReactNode }) {
  const { data, status } = useSession()
  const last = useRef<AuthState | null>(null)
  const state = useMemo<AuthState>(() => {
    if (status === "authenticated" && data) return { status, session: data }
    if (status === "unauthenticated") return { status, session: null }
    // next-auth reports "loading" again during update(): keep what we knew.
    return last.current ?? { status: "loading", session: null }
  }, [data, status])
  if (state.status !== "loading") last.current = state
  return <StateContext.Provider value={state}>{children}</StateContext.Provider>
}
