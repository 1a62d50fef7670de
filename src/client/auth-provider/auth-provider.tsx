import type { Session } from "next-auth"
import { SessionProvider, useSession } from "next-auth/react"
import { type ReactNode, useEffect, useMemo, useRef } from "react"
import type { RolesOf } from "../../core"
import { rolesFromClaims } from "../../core/policy"
import { type AuthKitConfig, configDefaults, type ResolvedAuthKitConfig } from "../../core/config"
import type { MessagesOverride } from "../messages"
import { createKitContext } from "../primitives/context"

/** The kit's settings, shared by every component under {@link AuthProvider}. */
export interface KitSettings {
  /** The app's shared configuration, checked once. */
  config: ResolvedAuthKitConfig
  /** Reads roles: the app's own reader, else the configured claim of `session.user`. */
  rolesOf: RolesOf
  /** The app's replacements; components merge them over English when they render strings. */
  messages: MessagesOverride | undefined
  navigate: (url: string) => void
}

/** The session as components see it: a discriminated union on `status`. */
export type AuthState =
  | { status: "loading"; session: null }
  | { status: "unauthenticated"; session: null }
  | { status: "authenticated"; session: Session }

// Two contexts: a session change re-renders what reads the session (gates, useAuth), not the
// forms, which read only the settings.
const [SettingsProvider, useSettingsOf] = createKitContext<KitSettings>()
const [StateProvider, useStateOf] = createKitContext<AuthState>()

/** The kit's settings (config, role reader, strings, navigation), for the kit's components. */
export const useSettings = useSettingsOf
/** The session state, a union on `status`, for the kit's gates and hooks. */
export const useAuthState = useStateOf

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
   * The app's auth settings: the same object that `createAuthKit` and `authMiddleware` take,
   * so the three agree on the login URL and the forbidden behaviour. Serialisable: a Server
   * Component layout can pass it.
   */
  config?: AuthKitConfig
  /**
   * Where sign-in happens, for `AuthGate redirect` and links. Overrides `config.loginPath`;
   * prefer stating it once in `config`.
   * @default config.loginPath ?? "/api/auth/signin"
   */
  loginPath?: string
  /**
   * next-auth's REST API path as the browser sees it, including your Next.js basePath.
   * @default `config.basePath + config.authPath` when a config is given, else next-auth's own
   * default (from `NEXTAUTH_URL`)
   */
  basePath?: string
  /** How to read roles from a session. @default config.roleClaim, or getRoles */
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
 *     <AuthProvider session={pageProps.session} config={authConfig}>
 *       <Component {...pageProps} />
 *     </AuthProvider>
 *   )
 * }
 * ```
 */
export function AuthProvider(props: AuthProviderProps) {
  const { config, loginPath } = props
  const resolved = useMemo(
    () => configDefaults(loginPath === undefined ? config : { ...config, loginPath }),
    [config, loginPath],
  )
  // SessionProvider reads its own props (session, basePath, refetch*) and ignores the kit's.
  // Without a basePath of the app's, next-auth derives its own from NEXTAUTH_URL.
  const basePath = props.basePath ?? (config ? resolved.basePath + resolved.authPath : undefined)
  return (
    <SessionProvider {...props} basePath={basePath}>
      <KitState {...props} config={resolved} />
    </SessionProvider>
  )
}

const LOADING: AuthState = { status: "loading", session: null }

/**
 * Reads next-auth's session once for all consumers, keeping the last known state while it
 * revalidates, and hands it out beside the settings.
 */
function KitState({
  children,
  config,
  getRoles,
  messages,
  navigate = defaultNavigate,
}: Omit<AuthProviderProps, "config"> & { config: ResolvedAuthKitConfig }) {
  const settings = useMemo<KitSettings>(
    () => ({
      config,
      messages,
      navigate,
      rolesOf: getRoles ?? ((session) => rolesFromClaims(session.user, config.roleClaim)),
    }),
    [config, getRoles, messages, navigate],
  )
  const { data, status } = useSession()
  const known = useRef<AuthState | null>(null)
  const state = useMemo<AuthState>(
    () =>
      status === "authenticated" && data
        ? { status, session: data }
        : status === "unauthenticated"
          ? { status, session: null }
          : // next-auth reports "loading" again during update(): keep what was on screen.
            (known.current ?? LOADING),
    [data, status],
  )
  // Remembered once rendered, never during a render.
  useEffect(() => {
    if (state.status !== "loading") known.current = state
  }, [state])
  return (
    <SettingsProvider value={settings}>
      <StateProvider value={state}>{children}</StateProvider>
    </SettingsProvider>
  )
}
