/**
 * Changing the email address: `change-email` (signed in, sensitive) sends a single-use link to
 * the new address and a notice to the old one; the link's page posts it to `verify-email`, which
 * confirms the change (see {@link confirmEmailChange}). No answer tells whether an address is
 * taken: a taken address's owner gets "someone tried to use your address" instead of the link,
 * after the same answer.
 */
import { checkEmail, normaliseEmail } from "../../account-rules"
import { type ActionContext, type EngineDeps, type EngineEmailKind, type EngineFeature, type EngineResponse, fail, invalidInput, limit, ok, rateLimited } from "../engine"
import type { AccountUser } from "../store"
import { newToken } from "../tokens"

/** Emails a notice of an email change, with the address asked for in `newEmail`. */
async function sendChangeNotice<L>(
  deps: EngineDeps<L>,
  kind: Extract<EngineEmailKind, "email-change-requested" | "email-change-attempt" | "email-changed">,
  to: Pick<AccountUser, "email" | "name">,
  newEmail: string,
  language: L,
) {
  // The old address can still reset the password while the change waits for its confirmation.
  const url = deps.link(kind === "email-change-requested" ? "forgotPassword" : "signIn")
  await deps.deliver({ kind, to: to.email, name: to.name, url, token: null, newEmail }, language)
}

/** The endpoint that asks for a new address. */
export const emailChange: EngineFeature = {
  "change-email": {
    signedIn: true,
    fresh: true,
    store: ["changeEmail"],
    async run({ deps, body, request, user, now }) {
      const problem = checkEmail(body.email)
      if (problem) return invalidInput({ email: problem })
      const email = normaliseEmail(body.email as string)
      if (email === user.email) return invalidInput({ email: "unchanged" })
      // A missing base URL fails here, before anything is counted or sent.
      deps.link("verifyEmail")
      deps.link("forgotPassword")
      // The limit of the other endpoints that email an address: per address asked for (its
      // mailbox gets at most that many links) and per IP.
      const { wait } = await limit(deps, "change-email", deps.limits.email, { address: email, ip: request.ip }, now)
      if (wait) return rateLimited(wait)
      // The lookups and the emails after the answer: a taken address answers after the same work.
      deps.background("change-email", async () => {
        // The newest request is the one that counts: older links stop working.
        await deps.store.deleteTokens(user.id, "change-email")
        const owner = await deps.store.findUserByEmail(email)
        if (owner && owner.id !== user.id) {
          await sendChangeNotice(deps, "email-change-attempt", owner, email, request.language)
        } else {
          const { token, tokenHash } = await newToken()
          const ttl = deps.ttl["change-email"]
          await deps.store.createToken({ kind: "change-email", tokenHash, userId: user.id, expiresAt: new Date(Date.now() + ttl), data: email })
          const url = deps.link("verifyEmail", token)
          await deps.deliver({ kind: "change-email", to: email, name: user.name, url, token, expiresInMs: ttl, newEmail: email }, request.language)
        }
        // Both cases: the old address hears of it, so the requester sees two emails either way.
        await sendChangeNotice(deps, "email-change-requested", user, email, request.language)
      })
      return ok(202)
    },
  },
}

/**
 * Confirms an email change with the hash of its link's token (`verify-email`'s POST): `null`
 * when the hash is no change-email link (the caller tries its other kinds), else the answer.
 * The user's email becomes the new address, verified; every other session of the user ends
 * (the confirming one stays when it is the user's); the old address gets "your email was
 * changed". An address that another user took since the request answers `invalid_token` with
 * `reason: "used"`, as a sign-up link does whose address got an account in between.
 */
export async function confirmEmailChange(
  { deps, request, now }: Pick<ActionContext, "deps" | "request" | "now">,
  tokenHash: string,
): Promise<EngineResponse | null> {
  const used = await deps.store.consumeToken("change-email", tokenHash, now)
  if (!used.ok) return used.reason === "unknown" ? null : fail("invalid_token", { reason: used.reason })
  const user = await deps.store.findUserById(used.userId)
  if (!user || !used.data || typeof deps.store.changeEmail !== "function") return fail("invalid_token", { reason: "unknown" })
  const email = used.data
  const changed = await deps.store.changeEmail(user.id, email, now)
  if (changed === "taken") return fail("invalid_token", { reason: "used" })
  if (changed === "unknown") return fail("invalid_token", { reason: "unknown" })
  // A credential change: the sessions signed in with the old address end.
  const version = user.credentialVersion + 1
  await deps.store.updateUser(user.id, { credentialVersion: version })
  await deps.store.deleteTokens(user.id, "change-email")
  deps.background("email-changed", () => sendChangeNotice(deps, "email-changed", user, email, request.language))
  const session = request.session
  const keepCaller =
    session !== null && (session.userId === user.id || (session.userId === undefined && typeof session.email === "string" && normaliseEmail(session.email) === user.email))
  return ok(200, { email }, { credentialsChanged: { userId: user.id, version, keepCaller } })
}
