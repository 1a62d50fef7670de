// The local OpenID Connect provider as both sides see it: the provider (server.mjs) registers
// this client, and next-auth (lib/auth.ts) signs in with it. Plain Node, no dependencies.

/** next-auth's provider id: the callback is `/api/auth/callback/oidc`. */
export const OIDC_PROVIDER_ID = "oidc"
/** The name on the login page's button: "Continue with Playground ID". */
export const OIDC_PROVIDER_NAME = "Playground ID"
/** The playground's one client, fixed: the provider only ever runs beside the playground, on localhost. */
export const OIDC_CLIENT = { id: "next-auth-kit-playground", secret: "playground-oidc-client-secret-not-for-production" }
/** How far above the app's port the provider listens unless OIDC_PORT says otherwise. */
export const OIDC_PORT_OFFSET = 300

/**
 * A person who exists only at the provider, not in the kit's store: their first sign-in with
 * the provider creates the user (through the kit's adapter).
 */
export const OIDC_ONLY_USERS = [{ email: "katherine@example.org", password: "katherine-password", name: "Katherine Johnson" }]

/**
 * The provider's port for an app on `appPort`: OIDC_PORT, else the app's port + 300.
 * @param {string | number} appPort
 * @param {Record<string, string | undefined>} [env]
 * @returns {number}
 */
export function oidcPort(appPort, env = process.env) {
  const port = env.OIDC_PORT ? Number(env.OIDC_PORT) : Number(appPort) + OIDC_PORT_OFFSET
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(
      `[next-auth-kit] No port for the playground's OpenID Connect provider (${env.OIDC_PORT ? `OIDC_PORT=${env.OIDC_PORT}` : `app port ${appPort} + ${OIDC_PORT_OFFSET}`}): set OIDC_PORT to a free port from 1 to 65535.`,
    )
  }
  return port
}

/**
 * The provider's issuer as the app reaches it: OIDC_ISSUER (scripts/playground.mjs sets it),
 * else localhost on {@link oidcPort} of PORT (or 3000), as `next dev` alone would serve the app.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string}
 */
export function oidcIssuer(env = process.env) {
  return env.OIDC_ISSUER || `http://localhost:${oidcPort(env.PORT || 3000, env)}`
}
