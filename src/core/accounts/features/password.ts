/**
 * Passwords: `forgot-password` emails a reset link, `reset-password` sets a new password with
 * it (every session of the user ends), `change-password` changes it when signed in (every other
 * session ends).
 */
import { checkEmail, normaliseEmail, presentString } from "../../account-rules"
import { type EngineFeature, type Fields, fail, invalidInput, limit, ok, rateLimited } from "../engine"
import { passwordOf, verifyPassword } from "../passwords"
import { hashToken, isTokenShaped } from "../tokens"
import { dropUnprovenLinks } from "./linked-accounts"
import { checkPasswordField, sendNotice, sendTokenLink } from "./sign-up"

export const passwords: EngineFeature = {
  "forgot-password": {
    async run({ deps, body, request, now }) {
      const problem = checkEmail(body.email)
      if (problem) return invalidInput({ email: problem })
      deps.link("resetPassword")
      const email = normaliseEmail(body.email as string)
      const { wait } = await limit(deps, "forgot", deps.limits.email, { address: email, ip: request.ip }, now)
      if (wait) return rateLimited(wait)
      deps.background("forgot-password", async () => {
        const user = await deps.store.findUserByEmail(email)
        if (user) await sendTokenLink(deps, "reset-password", user, request.language)
      })
      return ok(202)
    },
  },

  "reset-password": {
    async run({ deps, body, request, now }) {
      const fields: Fields = {}
      const token = presentString(body.token)
      if (token === undefined) fields.token = "required"
      await checkPasswordField(deps, fields, "password", body.password)
      if (Object.keys(fields).length > 0) return invalidInput(fields)
      deps.link("forgotPassword")
      const { wait } = await limit(deps, "token", deps.limits.token, { ip: request.ip }, now)
      if (wait) return rateLimited(wait)
      if (!isTokenShaped(token!)) return fail("invalid_token", { reason: "unknown" })
      const used = await deps.store.consumeToken("reset-password", await hashToken(token!), now)
      if (!used.ok) return fail("invalid_token", { reason: used.reason })
      const user = await deps.store.findUserById(used.userId)
      if (!user) return fail("invalid_token", { reason: "unknown" })

      const passwordHash = await deps.hasher.hash(passwordOf(body.password as string)!)
      const version = user.credentialVersion + 1
      // The link proved the address, so an unconfirmed account (0.2, or made by a provider that
      // vouched for the address) is confirmed now, with the password of whoever holds the
      // mailbox: and whatever its unconfirmed holder set up (two-factor, linked providers) goes,
      // or they would still hold the account.
      await deps.store.updateUser(user.id, { passwordHash, credentialVersion: version, emailVerified: user.emailVerified ?? now })
      // After the new password: with it the user has a way in, so the store lets the unproven
      // holder's last passkey go too (`user` is as it was read: unproven).
      await dropUnprovenLinks(deps.store, user)
      if (!user.emailVerified && deps.store.setMfa) {
        await deps.store.setMfa(user.id, null)
        await deps.store.deleteTokens(user.id, "mfa-recovery")
      }
      await deps.store.deleteTokens(user.id, "reset-password")
      // An email change asked for before the reset (perhaps by whoever the reset locks out) is void.
      await deps.store.deleteTokens(user.id, "change-email")
      deps.background("reset-password", () => sendNotice(deps, "password-changed", user, request.language))
      return ok(200, {}, { credentialsChanged: { userId: user.id, version, keepCaller: false } })
    },
  },

  "change-password": {
    signedIn: true,
    fresh: true,
    async run({ deps, body, request, user, now }) {
      const fields: Fields = {}
      const current = presentString(body.currentPassword)
      if (current === undefined) fields.currentPassword = "required"
      await checkPasswordField(deps, fields, "newPassword", body.newPassword)
      if (Object.keys(fields).length > 0) return invalidInput(fields)
      deps.link("forgotPassword")
      // Counted before the current password is checked: guesses are bounded under any burst.
      const { wait } = await limit(deps, "change-password", deps.limits.changePassword, { address: user.id, ip: request.ip }, now)
      if (wait) return rateLimited(wait)
      const typed = passwordOf(current!)
      if (typed === null || !(await verifyPassword(deps.hasher, user.passwordHash, typed))) return invalidInput({ currentPassword: "mismatch" })

      const passwordHash = await deps.hasher.hash(passwordOf(body.newPassword as string)!)
      const version = user.credentialVersion + 1
      await deps.store.updateUser(user.id, { passwordHash, credentialVersion: version })
      // A reset link sent before the change must not undo it, nor an email change asked for before it.
      await deps.store.deleteTokens(user.id, "reset-password")
      await deps.store.deleteTokens(user.id, "change-email")
      deps.background("change-password", () => sendNotice(deps, "password-changed", user, request.language))
      return ok(200, {}, { credentialsChanged: { userId: user.id, version, keepCaller: true } })
    },
  },
}
