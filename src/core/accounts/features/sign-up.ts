/**
 * Sign-up and confirmation: `signup` records a *pending* registration (the user exists only once
 * the address is confirmed), `verify-email` confirms it (a deliberate POST from the page's
 * button) and hands the browser a single-use sign-in grant (or, for the link of an email
 * change, confirms the new address), `resend-verification` sends the link
 * again. No answer tells whether an address has an account.
 */
import { checkEmail, cleanName, MAX_NAME_LENGTH, normaliseEmail, presentString } from "../../account-rules"
import { type EngineDeps, type EngineFeature, type Fields, fail, invalidInput, limit, ok, rateLimited } from "../engine"
import { checkNewPassword, passwordOf } from "../passwords"
import type { AccountUser } from "../store"
import { hashToken, isTokenShaped, newToken } from "../tokens"
import { confirmEmailChange } from "./email-change"
import { dropUnprovenLinks } from "./linked-accounts"

/** A new password's problem, in `fields` under `name`. */
export async function checkPasswordField(deps: EngineDeps, fields: Fields, name: string, value: unknown) {
  const password = presentString(value)
  if (password === undefined) fields[name] = "required"
  else {
    const problem = await checkNewPassword(password, deps.rules, deps.isCommonPassword)
    if (problem) fields[name] = problem
  }
}

/** Emails a link with a fresh token of a kind stored for a user (0.2's unconfirmed accounts, resets). */
export async function sendTokenLink<L>(
  deps: EngineDeps<L>,
  kind: "verify-email" | "reset-password",
  user: Pick<AccountUser, "id" | "email" | "name">,
  language: L,
) {
  const { token, tokenHash } = await newToken()
  // Older links stay valid until one is used (a reset then voids the rest): a stranger asking
  // for a link must not void the owner's.
  const ttl = deps.ttl[kind]
  await deps.store.createToken({ kind, tokenHash, userId: user.id, expiresAt: new Date(Date.now() + ttl) })
  const url = deps.link(kind === "verify-email" ? "verifyEmail" : "resetPassword", token)
  await deps.deliver({ kind, to: user.email, name: user.name, url, token, expiresInMs: ttl }, language)
}

/** Emails a notice that links to one of the pages. */
export async function sendNotice<L>(
  deps: EngineDeps<L>,
  kind: "signup-attempt" | "password-changed" | "mfa-enabled" | "mfa-disabled" | "account-deleted" | "passkey-added" | "passkey-removed",
  user: Pick<AccountUser, "email" | "name">,
  language: L,
) {
  const page = kind === "signup-attempt" || kind === "account-deleted" ? "signIn" : kind === "passkey-added" || kind === "passkey-removed" ? "account" : "forgotPassword"
  const url = deps.link(page)
  await deps.deliver({ kind, to: user.email, name: user.name, url, token: null }, language)
}

/** Records (or replaces) the pending sign-up of an address and emails its link. */
async function sendPendingLink<L>(deps: EngineDeps<L>, pending: { email: string; name: string | null; passwordHash: string; createdAt: Date }, language: L) {
  const { token, tokenHash } = await newToken()
  const ttl = deps.ttl["verify-email"]
  await deps.store.savePendingSignup!({ ...pending, tokenHash, expiresAt: new Date(Date.now() + ttl) })
  const url = deps.link("verifyEmail", token)
  await deps.deliver({ kind: "verify-email", to: pending.email, name: pending.name, url, token, expiresInMs: ttl }, language)
}

export const signUp: EngineFeature = {
  signup: {
    async run({ deps, body, request, now }) {
      const fields: Fields = {}
      const emailProblem = checkEmail(body.email)
      if (emailProblem) fields.email = emailProblem
      await checkPasswordField(deps, fields, "password", body.password)
      const name = cleanName(body.name)
      if (name !== null && name.length > MAX_NAME_LENGTH) fields.name = "too_long"
      if (Object.keys(fields).length > 0) return invalidInput(fields)
      deps.link("verifyEmail")

      const email = normaliseEmail(body.email as string)
      const { wait } = await limit(deps, "signup", deps.limits.signUp, { address: email, ip: request.ip }, now)
      if (wait) return rateLimited(wait)
      // Hashed whether or not the address is taken, and everything else after the answer: the
      // answer takes as long either way.
      const passwordHash = await deps.hasher.hash(passwordOf(body.password as string)!)
      deps.background("signup", async () => {
        const owner = await deps.store.findUserByEmail(email)
        if (owner) return sendNotice(deps, "signup-attempt", owner, request.language)
        // A second sign-up of a pending address replaces it: a new link, the older one void.
        await sendPendingLink(deps, { email, name, passwordHash, createdAt: new Date() }, request.language)
      })
      return ok(202)
    },
  },

  "verify-email": {
    // A confirmed email change keeps the confirming session signed in when it is the user's.
    readsSession: true,
    async run({ deps, body, request, now }) {
      const token = presentString(body.token)
      if (token === undefined) return invalidInput({ token: "required" })
      const { wait } = await limit(deps, "token", deps.limits.token, { ip: request.ip }, now)
      if (wait) return rateLimited(wait)
      if (!isTokenShaped(token)) return fail("invalid_token", { reason: "unknown" })
      const tokenHash = await hashToken(token)

      const pending = await deps.store.consumePendingSignup!(tokenHash, now)
      if (pending.ok) {
        const { email, name, passwordHash } = pending.signup
        const user = await deps.store.createUser({ email, name, passwordHash, emailVerified: now, roles: [...deps.defaultRoles] })
        // The address got an account some other way in between (an OAuth sign-in, an import).
        if (!user) return fail("invalid_token", { reason: "used" })
        // The browser that confirmed signs in without typing the password again: a grant that
        // works once, for minutes, through the Credentials provider.
        const grant = await newToken()
        await deps.store.createToken({
          kind: "signin-grant",
          tokenHash: grant.tokenHash,
          userId: user.id,
          expiresAt: new Date(now.getTime() + deps.ttl["signin-grant"]),
        })
        return ok(200, { grant: grant.token })
      }
      if (pending.reason === "expired") return fail("invalid_token", { reason: "expired" })

      // A link to a new address of an account: the change, confirmed (no grant: the user has an account).
      const change = await confirmEmailChange({ deps, request, now }, tokenHash)
      if (change) return change

      // A link of 0.2, which created the account unconfirmed: it confirms the account (no grant).
      const used = await deps.store.consumeToken("verify-email", tokenHash, now)
      if (!used.ok) return fail("invalid_token", { reason: used.reason })
      const user = await deps.store.findUserById(used.userId)
      if (!user) return fail("invalid_token", { reason: "unknown" })
      if (user.emailVerified) return ok(200)
      // The first proof of the address: providers linked before it go, and so do the sessions
      // they opened (a credential change).
      await dropUnprovenLinks(deps.store, user)
      const version = user.credentialVersion + 1
      await deps.store.updateUser(user.id, { emailVerified: now, credentialVersion: version })
      return ok(200, {}, { credentialsChanged: { userId: user.id, version, keepCaller: false } })
    },
  },

  "resend-verification": {
    async run({ deps, body, request, now }) {
      const problem = checkEmail(body.email)
      if (problem) return invalidInput({ email: problem })
      deps.link("verifyEmail")
      const email = normaliseEmail(body.email as string)
      const { wait } = await limit(deps, "resend", deps.limits.email, { address: email, ip: request.ip }, now)
      if (wait) return rateLimited(wait)
      // Even the lookups happen after the answer: every address answers after the same work.
      deps.background("resend-verification", async () => {
        const pending = await deps.store.findPendingSignup!(email)
        if (pending) return sendPendingLink(deps, pending, request.language)
        const user = await deps.store.findUserByEmail(email)
        if (user && !user.emailVerified) await sendTokenLink(deps, "verify-email", user, request.language)
      })
      return ok(202)
    },
  },
}
