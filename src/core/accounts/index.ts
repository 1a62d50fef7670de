/**
 * The account engine, assembled: its features in one dispatch table, and sign-in. Hosts (the
 * server's route adapters, the mocks) build it from their dependencies and translate requests.
 */
import { type AccountEngine, createAccountEngine, type EngineDeps } from "./engine"
import { passwords } from "./features/password"
import { type AuthorizedUser, signIn, type SignInRequest } from "./features/sign-in"
import { signUp } from "./features/sign-up"
import { twoFactor } from "./features/two-factor"

/** The engine with every feature, and its `authorize`. */
export interface Accounts<L> extends AccountEngine<L> {
  /** Signs in with next-auth's credentials (see `signIn`). */
  authorize(credentials: Partial<Record<string, unknown>> | undefined, request: SignInRequest): Promise<AuthorizedUser | null>
}

/** Builds the engine over its dependencies. */
export function accountEngine<L>(deps: EngineDeps<L>): Accounts<L> {
  const engine = createAccountEngine(deps, [signUp, passwords, twoFactor])
  return { ...engine, authorize: (credentials, request) => signIn(deps as EngineDeps, credentials, request) }
}
