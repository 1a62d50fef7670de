/**
 * Re-authentication: sensitive actions (the engine's `fresh` ones) need the session to have
 * proved who its user is recently; `reauthenticate` proves it again with the password, a
 * two-factor code or one of the user's passkeys (an assertion to a challenge of
 * `passkeys/sign-in-options`), and marks the session's record fresh for every instance.
 */
import { presentString } from "../../account-rules"
import { type EngineFeature, fail, invalidInput, limit, ok, rateLimited } from "../engine"
import { passwordOf, verifyPassword } from "../passwords"
import { verifyPasskeyAssertion } from "./passkeys"
import { consumeSecondFactor, MAX_CODE } from "./two-factor"

/** The endpoint that marks the caller's session fresh. */
export const reauthentication: EngineFeature = {
  reauthenticate: {
    signedIn: true,
    store: ["findSession", "markSessionAuthenticated"],
    async run({ deps, body, request, user, now }) {
      const password = presentString(body.password)
      const code = presentString(body.code)
      const passkey = body.passkey === undefined || body.passkey === null || body.passkey === "" ? undefined : body.passkey
      if (password === undefined && code === undefined && passkey === undefined) return invalidInput({ password: "required", code: "required" })
      // Freshness lives with the session's record: a session without one cannot be marked.
      const sessionId = request.session?.sessionId
      if (sessionId === undefined) return fail("unauthenticated")
      // Counted before the password or code is checked (a right answer gives its count back):
      // a stolen session gets at most the limit of guesses, however many requests it sends.
      const attempt = await limit(deps, "reauthenticate", deps.limits.reauthenticate, { address: user.id, ip: request.ip }, now, {
        refundAddress: true,
      })
      if (attempt.wait) return rateLimited(attempt.wait)
      if (password !== undefined) {
        const typed = passwordOf(password)
        if (typed === null || !(await verifyPassword(deps.hasher, user.passwordHash, typed))) return invalidInput({ password: "mismatch" })
      } else if (passkey !== undefined) {
        // One of this user's passkeys, to a challenge of passkeys/sign-in-options.
        if (!(await verifyPasskeyAssertion(deps, passkey, now, user.id, "reauthenticate"))) return fail("passkey_invalid")
      } else {
        const state = deps.mfa && deps.store.getMfa ? await deps.store.getMfa(user.id) : null
        if (!state?.enabledAt || code!.length > MAX_CODE || !(await consumeSecondFactor(deps, user.id, state, code!, now))) {
          return invalidInput({ code: "invalid_code" })
        }
      }
      await attempt.succeeded()
      if (!(await deps.store.markSessionAuthenticated!(user.id, sessionId, now))) return fail("unauthenticated")
      return ok(200)
    },
  },
}
