import type { Session } from "next-auth"
import { SessionProvider, useSession } from "next-auth/react"
import { createContext, type ReactNode, useContext, useMemo, useRef } from "react"
import { getRoles as defaultGetRoles, type RolesOf } from "../../shared"
import type { MessagesOverride } from "../messages"

/** The kit's settings, shared by every component under {@link AuthProvider}. */
export interface AuthKitConfig {
  loginPath: string
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

/** What every component reads from {@link AuthProvider}: the kit's settings and the session. */
export type AuthKitContext = AuthKitConfig & AuthState

const KitContext = createContext<AuthKitContext | null>(null)

/**
 * The kit's settings and the session, for the kit's components and hooks. Throws a helpful error
 * outside {@link AuthProvider} instead of handing out a fake default.
 */
export function useKit(consumer: string): AuthKitContext {
  const value = useContext(KitContext)
  if (value === null) {
    throw new Error(`[next-auth-kit] \`${consumer}\` must be used within \`AuthProvider\`.`)
  }
  return value
}

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
  /** `false` stops `refetchInterval` polling while the browser is offline. */
  refetchWhenOffline?: false
}

const defaultNavigate = (url: string) => location.assign(url)

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
export function AuthProvider(props: AuthProviderProps) {
  // SessionProvider reads its own props (session, basePath, refetch*) and ignores the kit's.
  return (
    <SessionProvider {...props} basePath={props.basePath ?? "/api/auth"}>
      <KitState {...props} />
    </SessionProvider>
  )
}

/**
 * Reads next-auth's session once for all consumers, keeping the last known state while it
 * revalidates, and hands it out with the settings.
 */
function KitState({
  children,
  loginPath = "/api/auth/signin",
  getRoles = defaultGetRoles,
  messages,
  navigate = defaultNavigate,
}: AuthProviderProps) {
  const { data, status } = useSession()
  const last = useRef<AuthState | null>(null)
  const value = useMemo<AuthKitContext>(() => {
    const state: AuthState =
      status === "authenticated" && data
        ? { status, session: data }
        : status === "unauthenticated"
          ? { status, session: null }
          : // next-auth reports "loading" again during update(): keep what we knew.
            (last.current ?? { status: "loading", session: null })
    last.current = state.status === "loading" ? null : state
    return { ...state, loginPath, getRoles, messages, navigate }
  }, [data, status, loginPath, getRoles, messages, navigate])
  return <KitContext.Provider value={value}>{children}</KitContext.Provider>
}
