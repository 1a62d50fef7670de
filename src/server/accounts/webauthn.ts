/**
 * The server's WebAuthn: the engine's {@link WebAuthnVerifier} on `@simplewebauthn/server`,
 * loaded on the first passkey request (an app without passkeys, or a process that serves none,
 * never loads it), and the relying party from the configuration, checked at start-up.
 */
import type { PasskeyRelyingParty, WebAuthnVerifier } from "../../core/accounts/webauthn"
import { PASSKEY_CHALLENGE_TTL_MS } from "../../core/accounts/features/passkeys"
import { AuthKitError } from "../../core/errors"

/**
 * The `passkeys` option of the accounts: where passkeys belong. Every field is optional:
 * `passkeys: {}` takes the relying party from the app's URL.
 *
 * @example
 * ```ts
 * createAuthKit({ authOptions, accounts: { store, sendEmail, passkeys: { rpName: "Acme" } } })
 * // passkeys shared by app.example.com and www.example.com:
 * createAuthKit({ authOptions, accounts: { store, sendEmail, passkeys: { rpId: "example.com", origin: "https://app.example.com" } } })
 * ```
 */
export interface PasskeysOptions {
  /**
   * The origin the browser signs for: the app's public `https://` origin (`http://localhost`
   * in development; an IP address is not allowed by WebAuthn).
   * @default the origin of `accounts.baseUrl`, else of `process.env.NEXTAUTH_URL`
   */
  origin?: string
  /**
   * The relying party id: the origin's host name or a parent domain of it. Passkeys are bound
   * to it: changing it later makes every passkey stop working.
   * @default the host name of `origin`
   */
  rpId?: string
  /**
   * The name the browser shows when a passkey is made.
   * @default `accounts.appName`, else the relying party id
   */
  rpName?: string
}

const invalid = (message: string): never => {
  throw new AuthKitError("invalid_config", message)
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/

/**
 * The relying party of the options, or `invalid_config` naming the fix: an origin is needed
 * (`passkeys.origin`, `baseUrl` or `NEXTAUTH_URL`), `https:` unless on localhost, and the
 * relying party id must be a domain that is the origin's host or a parent of it.
 *
 * @example
 * ```ts
 * relyingParty({ rpName: "Acme" }, { baseUrl: undefined, nextAuthUrl: "https://app.example.com/api/auth" })
 * // { id: "app.example.com", name: "Acme", origin: "https://app.example.com" }
 * ```
 */
export function relyingParty(
  options: PasskeysOptions,
  { baseUrl, nextAuthUrl, appName }: { baseUrl?: string; nextAuthUrl?: string; appName?: string },
): PasskeyRelyingParty {
  const [name, raw] =
    options.origin !== undefined
      ? ["accounts.passkeys.origin", options.origin]
      : baseUrl !== undefined
        ? ["accounts.baseUrl", baseUrl]
        : ["NEXTAUTH_URL", nextAuthUrl]
  if (typeof raw !== "string" || raw.trim() === "") {
    return invalid(
      "passkeys need the app's origin, which the browser signs for: set NEXTAUTH_URL to the app's public URL (https://app.example.com), or pass `accounts.baseUrl` or `accounts.passkeys.origin`.",
    )
  }
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`)
  } catch {
    return invalid(`\`${name}\` must be the app's public URL for passkeys, such as "https://app.example.com", got ${JSON.stringify(raw)}.`)
  }
  const host = url.hostname.toLowerCase()
  const local = host === "localhost" || host.endsWith(".localhost")
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    invalid(`passkeys need an https origin (http only on localhost): \`${name}\` is ${JSON.stringify(raw)}.`)
  }
  if (IPV4.test(host) || host.startsWith("[")) {
    invalid(`passkeys need a domain name, not an IP address: \`${name}\` is ${JSON.stringify(raw)} (use http://localhost in development).`)
  }
  const id = (options.rpId ?? host).toLowerCase()
  if (typeof options.rpId === "string" && (options.rpId.trim() === "" || !DOMAIN.test(id))) {
    invalid(`\`accounts.passkeys.rpId\` must be a domain such as "example.com", got ${JSON.stringify(options.rpId)}.`)
  }
  if (host !== id && !host.endsWith(`.${id}`)) {
    invalid(`\`accounts.passkeys.rpId\` (${JSON.stringify(id)}) must be the host of the origin (${url.origin}) or a parent domain of it.`)
  }
  const rpName = options.rpName ?? appName ?? id
  if (typeof rpName !== "string" || rpName.trim() === "") invalid("`accounts.passkeys.rpName` must be a non-empty string.")
  return { id, name: rpName.trim(), origin: url.origin }
}

type Library = typeof import("@simplewebauthn/server")
let library: Promise<Library> | undefined
// About 85 KB (gzip) of ASN.1 and X.509 code: loaded once, when a passkey is first used.
const load = () => (library ??= import("@simplewebauthn/server"))

/**
 * The engine's WebAuthn checks on `@simplewebauthn/server`: attestation `none`, discoverable
 * credentials preferred, user verification required when verifying (a passkey stands for both
 * factors); any failure of a check answers `null`.
 */
export const simpleWebAuthn: WebAuthnVerifier = {
  async registrationOptions({ rp, userHandle, userName, userDisplayName, challenge, exclude }) {
    const { generateRegistrationOptions } = await load()
    const options = await generateRegistrationOptions({
      rpName: rp.name,
      rpID: rp.id,
      userID: userHandle as Uint8Array<ArrayBuffer>,
      userName,
      userDisplayName,
      challenge: challenge as Uint8Array<ArrayBuffer>,
      timeout: PASSKEY_CHALLENGE_TTL_MS,
      attestationType: "none",
      excludeCredentials: exclude.map(({ id, transports }) => ({ id, transports: transports as never })),
      authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
    })
    return options as unknown as Record<string, unknown>
  },

  async verifyRegistration({ rp, response, challenge }) {
    const { verifyRegistrationResponse } = await load()
    try {
      const result = await verifyRegistrationResponse({
        response: response as never,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        requireUserVerification: true,
      })
      if (!result.verified) return null
      const { credential, credentialBackedUp, credentialDeviceType } = result.registrationInfo
      return {
        id: credential.id,
        publicKey: credential.publicKey,
        counter: credential.counter,
        transports: [...(credential.transports ?? [])],
        backedUp: credentialBackedUp,
        deviceType: credentialDeviceType,
      }
    } catch {
      // The library throws for every response that does not verify.
      return null
    }
  },

  async authenticationOptions({ rp, challenge }) {
    const { generateAuthenticationOptions } = await load()
    const options = await generateAuthenticationOptions({
      rpID: rp.id,
      challenge: challenge as Uint8Array<ArrayBuffer>,
      timeout: PASSKEY_CHALLENGE_TTL_MS,
      allowCredentials: [],
      userVerification: "preferred",
    })
    return options as unknown as Record<string, unknown>
  },

  async verifyAuthentication({ rp, response, challenge, credential }) {
    const { verifyAuthenticationResponse } = await load()
    try {
      const result = await verifyAuthenticationResponse({
        response: response as never,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        credential: {
          id: credential.id,
          publicKey: credential.publicKey as Uint8Array<ArrayBuffer>,
          // The counter is compared by the engine, atomically in the store, where a counter
          // that did not move forward is refused and reported (a cloned authenticator).
          counter: 0,
          transports: credential.transports as never,
        },
        requireUserVerification: true,
      })
      if (!result.verified) return null
      return { counter: result.authenticationInfo.newCounter, backedUp: result.authenticationInfo.credentialBackedUp }
    } catch {
      return null
    }
  },
}
