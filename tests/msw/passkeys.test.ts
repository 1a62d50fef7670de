/**
 * Passkeys against the account mocks, the way a story or an app's test uses them: the mock
 * authenticator answers `@simplewebauthn/browser`'s ceremonies, the handlers verify with the
 * engine and the mocks' WebAuthn check, and a passkey signs in through next-auth's credentials
 * callback. What should not verify — another origin, a challenge used before, a counter that went
 * backwards, an altered signature — is refused; and the mocks' check agrees with the server's
 * (`@simplewebauthn/server`) on the software authenticator's right and wrong answers.
 */
import { startAuthentication, startRegistration } from "@simplewebauthn/browser"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { mockWebAuthn } from "../../src/core/accounts/mock-webauthn"
import type { PasskeyRelyingParty, WebAuthnVerifier } from "../../src/core/accounts/webauthn"
import { type AccountHandlers, accountHandlers, type MockPasskeyAuthenticator, mockPasskeyAuthenticator, mockSession, mockUsers } from "../../src/msw"
import { hostOf } from "../../src/msw/auth"
import { simpleWebAuthn } from "../../src/server/accounts/webauthn"
import { SoftwareAuthenticator, type Tamper } from "../server/accounts/software-authenticator"

const ORIGIN = "http://localhost:3000"
process.env.NEXTAUTH_URL = ORIGIN
const client = await import("next-auth/react")
const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** Grace, signed in with a password (an hour ago with `stale`), and her seeded passkey `pk-grace` (counter 4). */
function graceWithPasskeys({ stale = false } = {}): AccountHandlers {
  const authenticatedAt = new Date(Date.now() - (stale ? 3600_000 : 0)).toISOString()
  const handlers = accountHandlers({
    auth: { session: mockSession({ user: mockUsers.grace }) },
    passkeys: {},
    users: [
      {
        ...mockUsers.grace,
        roles: [...mockUsers.grace.roles],
        password: "password",
        passkeys: [{ id: "pk-grace", name: "MacBook", counter: 4 }],
        sessions: [{ current: true, authenticatedAt }],
      },
    ],
  })
  server.use(...handlers)
  return handlers
}

async function call(action: string, body?: unknown) {
  const response = await fetch(`${ORIGIN}/api/account/${action}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** The browser's part of adding a passkey: options, the authenticator, the response. */
async function register() {
  const options = await call("passkeys/register-options", {})
  expect(options.status).toBe(200)
  return startRegistration({ optionsJSON: options.body as never })
}

/** A passkey's assertion, as the login page gets it: options, then the authenticator. */
async function assertion() {
  const options = await call("passkeys/sign-in-options", {})
  expect(options.status).toBe(200)
  return JSON.stringify(await startAuthentication({ optionsJSON: options.body as never }))
}

/** Signs the mock session out (next-auth's signOut() needs `window`). */
const signOut = (handlers: AccountHandlers) => hostOf(handlers.auth!)!.signOut()
const signInWith = (passkey: string) => client.signIn("credentials", { redirect: false, passkey, callbackUrl: "/" })

let installed: MockPasskeyAuthenticator[] = []
/** An authenticator for `origin`, installed over the stubbed `navigator.credentials`. */
function authenticator(options: Parameters<typeof mockPasskeyAuthenticator>[0] = {}) {
  for (const other of installed.splice(0)) other.uninstall()
  const made = mockPasskeyAuthenticator({ origin: ORIGIN, ...options }).install()
  installed.push(made)
  return made
}
beforeEach(() => void vi.stubGlobal("navigator", {}))
afterEach(() => {
  for (const made of installed.splice(0)) made.uninstall()
  vi.unstubAllGlobals()
})

describe("given the mock authenticator and the account mocks with passkeys on", () => {
  it("adds a passkey, lists it, and signs in with it through the credentials callback", async () => {
    const handlers = graceWithPasskeys()
    const device = authenticator()
    const response = await register()
    expect(response).toMatchObject({ type: "public-key", authenticatorAttachment: "platform", response: { publicKeyAlgorithm: -7, transports: ["hybrid", "internal"] } })
    const added = await call("passkeys/register", { response: JSON.stringify(response), name: "Test device" })
    expect(added).toMatchObject({ status: 200, body: { passkey: { id: response.id, name: "Test device", backedUp: true, lastUsedAt: null } } })
    expect((await call("passkeys")).body.passkeys).toEqual([expect.objectContaining({ id: "pk-grace" }), expect.objectContaining({ id: response.id })])

    signOut(handlers)
    expect(handlers.auth!.current).toBeNull()
    expect(await signInWith(await assertion())).toMatchObject({ ok: true, error: null })
    expect(handlers.auth!.current).toMatchObject({ user: { email: "grace@example.com" } })
    expect(device.passkeys.at(-1)).toMatchObject({ id: response.id, counter: 1, userName: "grace@example.com" })
    expect((await call("passkeys")).body.passkeys).toEqual([expect.anything(), expect.objectContaining({ id: response.id, lastUsedAt: expect.any(String) })])
  })

  it("signs in with a seeded passkey the authenticator holds", async () => {
    const handlers = graceWithPasskeys()
    signOut(handlers)
    authenticator({ passkeys: [{ id: "pk-grace", counter: 4 }] })
    expect(await signInWith(await assertion())).toMatchObject({ ok: true })
    expect(handlers.auth!.current).toMatchObject({ user: { email: "grace@example.com" } })
  })

  it("re-authenticates a stale session with a passkey, then adds one", async () => {
    graceWithPasskeys({ stale: true })
    expect(await call("passkeys/register-options", {})).toMatchObject({ status: 403, body: { error: "reauthentication_required" } })
    authenticator({ passkeys: [{ id: "pk-grace", counter: 4 }] })
    expect(await call("reauthenticate", { passkey: await assertion() })).toMatchObject({ status: 200 })
    // This device holds pk-grace, which the options exclude; another device makes the new one.
    await expect(register()).rejects.toMatchObject({ name: "InvalidStateError" })
    authenticator()
    expect(await call("passkeys/register", { response: JSON.stringify(await register()) })).toMatchObject({ status: 200 })
  })

  it("refuses a registration signed for another origin", async () => {
    graceWithPasskeys()
    authenticator({ origin: "http://localhost:4000" })
    expect(await call("passkeys/register", { response: JSON.stringify(await register()) })).toMatchObject({ status: 400, body: { error: "passkey_invalid" } })
    expect((await call("passkeys")).body.passkeys).toHaveLength(1)
  })

  it("refuses an assertion signed for another origin", async () => {
    const handlers = graceWithPasskeys()
    signOut(handlers)
    authenticator({ origin: "http://localhost:4000", passkeys: [{ id: "pk-grace", counter: 4 }] })
    expect(await signInWith(await assertion())).toMatchObject({ ok: false, error: "PasskeyInvalid" })
    expect(handlers.auth!.current).toBeNull()
  })

  it("refuses an assertion used before: its challenge is gone", async () => {
    const handlers = graceWithPasskeys()
    signOut(handlers)
    authenticator({ passkeys: [{ id: "pk-grace", counter: 4 }] })
    const once = await assertion()
    expect(await signInWith(once)).toMatchObject({ ok: true })
    signOut(handlers)
    expect(await signInWith(once)).toMatchObject({ ok: false, error: "PasskeyInvalid" })
    expect(handlers.auth!.current).toBeNull()
  })

  it("refuses a signature counter that went backwards (a cloned authenticator)", async () => {
    const handlers = graceWithPasskeys()
    signOut(handlers)
    authenticator({ passkeys: [{ id: "pk-grace", counter: 9 }] })
    expect(await signInWith(await assertion())).toMatchObject({ ok: true })
    signOut(handlers)
    // A copy of the key whose counter is behind: 5, not above the 10 last seen.
    authenticator({ passkeys: [{ id: "pk-grace", counter: 4 }] })
    const reported = vi.spyOn(console, "error").mockImplementation(() => {})
    expect(await signInWith(await assertion())).toMatchObject({ ok: false, error: "PasskeyInvalid" })
    expect(reported).toHaveBeenCalledWith(expect.stringContaining("passkeys/sign-in"), expect.objectContaining({ message: expect.stringContaining("counter 5, not above the 10") }))
    reported.mockRestore()
    expect(handlers.auth!.current).toBeNull()
  })

  it("refuses an altered signature", async () => {
    const handlers = graceWithPasskeys()
    signOut(handlers)
    authenticator({ passkeys: [{ id: "pk-grace", counter: 4 }] })
    const parsed = JSON.parse(await assertion()) as { response: { signature: string } }
    const signature = parsed.response.signature
    parsed.response.signature = `${signature.slice(0, 20)}${signature[20] === "A" ? "B" : "A"}${signature.slice(21)}`
    expect(await signInWith(JSON.stringify(parsed))).toMatchObject({ ok: false, error: "PasskeyInvalid" })
  })

  it("fails the way browsers do: closed, excluded, none on this device; the autofill waits for a pick", async () => {
    graceWithPasskeys()
    const device = authenticator({ fail: "cancelled" })
    await expect(register()).rejects.toMatchObject({ name: "NotAllowedError" })
    device.failWith("error")
    await expect(register()).rejects.toMatchObject({ name: "UnknownError" })
    device.failWith(null)
    await call("passkeys/register", { response: JSON.stringify(await register()) })
    // The options exclude the passkey this authenticator made: a second is refused.
    await expect(register()).rejects.toMatchObject({ name: "InvalidStateError" })
    authenticator()
    await expect(assertion()).rejects.toMatchObject({ name: "NotAllowedError" })

    const autofill = authenticator({ passkeys: [{ id: "pk-grace", counter: 4 }] })
    expect(await PublicKeyCredential.isConditionalMediationAvailable()).toBe(true)
    const options = await call("passkeys/sign-in-options", {})
    vi.stubGlobal("document", { querySelectorAll: () => [{}] })
    const picked = startAuthentication({ optionsJSON: options.body as never, useBrowserAutofill: true })
    await vi.waitFor(() => expect(autofill.waiting).toBe(true))
    expect(await autofill.choose()).toBe(true)
    expect(await signInWith(JSON.stringify(await picked))).toMatchObject({ ok: true })
  })

  it("keeps the newest autofill request waiting when an older one ends after it started (React's StrictMode runs effects twice)", async () => {
    const autofill = authenticator({ passkeys: [{ id: "pk-grace", counter: 4 }] })
    const first = new AbortController()
    const older = navigator.credentials.get({ mediation: "conditional", signal: first.signal, publicKey: { challenge: new Uint8Array(32) } })
    const newer = navigator.credentials.get({ mediation: "conditional", publicKey: { challenge: new Uint8Array(32) } })
    first.abort()
    await expect(older).rejects.toMatchObject({ name: "AbortError" })
    expect(autofill.waiting).toBe(true)
    expect(await autofill.choose()).toBe(true)
    await expect(newer).resolves.toMatchObject({ id: "pk-grace" })
  })
})

describe("the mocks' WebAuthn check, beside the server's", () => {
  const rp: PasskeyRelyingParty = { id: "localhost", name: "Acme", origin: ORIGIN }
  const challenge = new Uint8Array(32).fill(7)
  const verifiers: [string, WebAuthnVerifier][] = [
    ["mock", mockWebAuthn],
    ["server", simpleWebAuthn],
  ]
  const input = { rp, userHandle: new Uint8Array([1, 2, 3]), userName: "ada@example.com", userDisplayName: "Ada", challenge, exclude: [{ id: "pk-1", transports: ["internal"] }] }

  it("offers the options the server offers (but the algorithms, the ones it checks)", async () => {
    const [mock, real] = await Promise.all(verifiers.map(([, v]) => v.registrationOptions(input)))
    expect({ ...mock, pubKeyCredParams: undefined }).toEqual({ ...real, pubKeyCredParams: undefined })
    expect(real!.pubKeyCredParams).toEqual(expect.arrayContaining(mock!.pubKeyCredParams as unknown[]))
    const [mockGet, realGet] = await Promise.all(verifiers.map(([, v]) => v.authenticationOptions({ rp, challenge })))
    expect(mockGet).toEqual(realGet)
  })

  const cases: [string, Tamper, boolean][] = [
    ["a right answer", {}, true],
    ["another origin", { origin: "http://localhost:4000" }, false],
    ["another relying party", { rpId: "example.com" }, false],
    ["another challenge", { challenge: "AAAA" }, false],
    ["the user not verified", { userVerified: false }, false],
    ["another ceremony's type", { type: "webauthn.other" }, false],
  ]
  it.each(cases)("agrees on a registration with %s", async (_, tamper, verifies) => {
    const key = await SoftwareAuthenticator.create(ORIGIN)
    const options = (await simpleWebAuthn.registrationOptions(input)) as { challenge: string; rp: { id: string } }
    const response = await key.register(options, tamper)
    for (const [name, verifier] of verifiers) {
      const made = await verifier.verifyRegistration({ rp, response, challenge: options.challenge })
      expect([name, made === null ? null : { ...made, publicKey: [...made.publicKey] }]).toEqual([name, verifies ? expect.objectContaining({ id: key.id, counter: 0, backedUp: true, deviceType: "multiDevice", publicKey: [...key.publicKeyCose] }) : null])
    }
  })

  it.each(cases)("agrees on an assertion with %s", async (_, tamper, verifies) => {
    const key = await SoftwareAuthenticator.create(ORIGIN)
    const options = (await simpleWebAuthn.authenticationOptions({ rp, challenge })) as { challenge: string; rpId: string }
    const response = await key.assert(options, tamper)
    const credential = { id: key.id, publicKey: key.publicKeyCose, counter: 0, transports: ["internal"] }
    for (const [name, verifier] of verifiers) {
      const result = await verifier.verifyAuthentication({ rp, response, challenge: options.challenge, credential })
      expect([name, result]).toEqual([name, verifies ? { counter: 1, backedUp: true } : null])
    }
  })

  it("refuses an assertion signed by another key, as the server does", async () => {
    const [key, other] = await Promise.all([SoftwareAuthenticator.create(ORIGIN), SoftwareAuthenticator.create(ORIGIN)])
    const options = (await simpleWebAuthn.authenticationOptions({ rp, challenge })) as { challenge: string; rpId: string }
    const response = await other.assert(options)
    const credential = { id: other.id, publicKey: key.publicKeyCose, counter: 0, transports: [] }
    for (const [name, verifier] of verifiers) expect([name, await verifier.verifyAuthentication({ rp, response, challenge: options.challenge, credential })]).toEqual([name, null])
  })
})
