/**
 * The account engine, assembled: its features in one dispatch table, and sign-in. Hosts (the
 * server's route adapters, the mocks) build it from their dependencies and translate requests.
 */
import type { StoredSession } from "./store"
import { type AccountEngine, createAccountEngine, type EngineDeps } from "./engine"
import { emailChange } from "./features/email-change"
import { hasLinkedAccountStore, linkedAccounts } from "./features/linked-accounts"
import { passkeys } from "./features/passkeys"
import { reauthentication } from "./features/reauthentication"
import { settings } from "./features/settings"
import { passwords } from "./features/password"
import { endSession, hasSessionStore, noticeSignIn, sessions, type SignInDetails, startSession, touchSession } from "./features/sessions"
import { type AuthorizedUser, signIn, type SignInRequest } from "./features/sign-in"
import { signUp } from "./features/sign-up"
import { twoFactor } from "./features/two-factor"

/** The engine with every feature, and its `authorize`. */
export interface Accounts<L> extends AccountEngine<L> {
  /** Signs in with next-auth's credentials (see `signIn`). */
  authorize(credentials: Partial<Record<string, unknown>> | undefined, request: SignInRequest): Promise<AuthorizedUser | null>
  /** Whether the store keeps sessions (the sessions list and the session-id check are on). */
  readonly recordsSessions: boolean
  /** Whether the store keeps linked accounts, verification tokens and database sessions (it can be next-auth's adapter). */
  readonly linksAccounts: boolean
  /**
   * Records the session of a sign-in; answers its id. With a `language`, a sign-in from a
   * browser new to the user emails them in it (see `startSession`).
   */
  startSession(userId: string, details: SignInDetails, lifetimeMs: number, language?: L): Promise<string>
  /**
   * After a session recorded elsewhere (a database session of the kit's adapter): the
   * "new sign-in" email for a browser new to the user, in `language`, and the prune (see `noticeSignIn`).
   */
  noticeSignIn(session: StoredSession, userAgent: string | null | undefined, language?: L): void
  /** Writes a session's activity, at most once per five minutes (see `touchSession`). */
  touchSession(id: string, lifetimeMs: number): Promise<boolean>
  /** Ends one session of the user (signing out). */
  endSession(userId: string, id: string): Promise<boolean>
}

/** Builds the engine over its dependencies. */
export function accountEngine<L>(deps: EngineDeps<L>): Accounts<L> {
  const engine = createAccountEngine(deps, [signUp, passwords, twoFactor, sessions, linkedAccounts, reauthentication, settings, emailChange, passkeys])
  const now = () => deps.now?.() ?? new Date()
  return {
    ...engine,
    authorize: (credentials, request) => signIn(deps as EngineDeps, credentials, request),
    recordsSessions: hasSessionStore(deps.store),
    linksAccounts: hasLinkedAccountStore(deps.store),
    startSession: (userId, details, lifetimeMs, language) => startSession(deps, userId, details, lifetimeMs, now(), language),
    noticeSignIn: (session, userAgent, language) => noticeSignIn(deps, session, userAgent, language),
    touchSession: (id, lifetimeMs) => touchSession(deps, id, lifetimeMs, now()),
    endSession: (userId, id) => endSession(deps, userId, id),
  }
}
