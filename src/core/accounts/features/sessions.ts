/**
 * Sessions and devices: every sign-in records a session (when, from which address and browser,
 * how); `sessions` lists the user's, `sessions/revoke` ends one, `sessions/revoke-others` every
 * one but the caller's. The host checks a session's id whenever it reads the session.
 */
import Bowser from "bowser"
import { presentString } from "../../account-rules"
import { base64url, hmacHex, randomBytes } from "../crypto"
import { answer, type EngineDeps, type EngineFeature, fail, invalidInput, keyFor, ok } from "../engine"
import type { AccountStore, SignInMethod, StoredSession } from "../store"

/** The store methods of the sessions slice; a store has all of them or sessions are off. */
export const SESSION_STORE_METHODS = [
  "createSession",
  "findSession",
  "listSessions",
  "touchSession",
  "revokeSession",
  "revokeOtherSessions",
  "pruneSessions",
  "markSessionAuthenticated",
] as const satisfies readonly (keyof AccountStore)[]

/** A store with the sessions slice. */
export type SessionStore = AccountStore & Required<Pick<AccountStore, (typeof SESSION_STORE_METHODS)[number]>>

/** Whether a store keeps sessions (has every method of the slice). */
export const hasSessionStore = (store: AccountStore): store is SessionStore =>
  SESSION_STORE_METHODS.every((name) => typeof store[name] === "function")

/** A session's last activity is written at most this often (five minutes). */
export const ACTIVITY_INTERVAL_MS = 5 * 60_000

// Expired rows are deleted a batch at a time, at most this often per store and process, after
// a sign-in: the kit keeps the table small without a job of the app's.
const PRUNE_EVERY_MS = 60 * 60_000
const PRUNE_BATCH = 500
const lastPruned = new WeakMap<object, number>()

// Longer User-Agents are cut before parsing (no request pays for a huge header twice).
const MAX_USER_AGENT = 512
const MAX_IP = 64

/** What the sessions list shows of a browser, from its User-Agent. */
export interface Device {
  /** Name and major version, `"Firefox 128"`; `null` when the User-Agent names none. */
  browser: string | null
  /** `"Windows 10"`, `"macOS"`, `"Android 14"`, `"iOS 17"`, …; `null` when unknown. */
  os: string | null
  /** `"desktop"`, `"mobile"`, `"tablet"`, `"tv"` or `"bot"`; `null` when unknown. */
  deviceType: string | null
}

const major = (version: string | undefined) => version?.split(".")[0] || undefined
const joined = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(" ") || null

const NO_DEVICE: Device = { browser: null, os: null, deviceType: null }

/** The device a User-Agent names, and its family (names without versions): one browser on one machine. */
function parseDevice(userAgent: string | null | undefined): { device: Device; family: string | null } {
  const ua = typeof userAgent === "string" ? userAgent.slice(0, MAX_USER_AGENT).trim() : ""
  if (!ua) return { device: NO_DEVICE, family: null }
  let parsed: Bowser.Parser.ParsedResult
  try {
    parsed = Bowser.parse(ua)
  } catch {
    return { device: NO_DEVICE, family: null }
  }
  const { browser, os, platform } = parsed
  // macOS browsers all say 10.15 whatever the release; Windows says its NT version, whose name
  // ("10") is what people know.
  const osVersion = os.name === "macOS" ? undefined : os.name === "Windows" ? os.versionName : major(os.version)
  const device = {
    browser: browser.name ? joined(browser.name, major(browser.version)) : null,
    os: os.name ? joined(os.name, osVersion) : null,
    deviceType: platform.type || null,
  }
  // Versions change with every update; the names do not.
  return { device, family: [browser.name ?? "", os.name ?? "", platform.type ?? ""].join("\u0000") }
}

/**
 * The browser, OS and device type a User-Agent names (parsed with bowser).
 *
 * @example
 * ```ts
 * describeDevice("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0")
 * // { browser: "Firefox 128", os: "Windows 10", deviceType: "desktop" }
 * ```
 */
export function describeDevice(userAgent: string | null | undefined): Device {
  return parseDevice(userAgent).device
}

/** How a sign-in happened and where from, as `authorize` saw it. */
export interface SignInDetails {
  /** A {@link SignInMethod}, or the id of the next-auth provider (`"github"`, `"email"`, …). */
  method: SignInMethod | (string & {})
  /** The client IP, when known. */
  ip?: string
  userAgent?: string
}

const storeOf = (deps: Pick<EngineDeps, "store">): SessionStore => {
  if (!hasSessionStore(deps.store)) throw new Error("[next-auth-kit] The account store keeps no sessions (createSession, listSessions, …).")
  return deps.store
}

/**
 * How long the kit remembers a browser a user signed in with, so that signing in with it again
 * sends no "new sign-in" email (a year and a month; the window starts at the first sign-in).
 */
export const KNOWN_DEVICE_MS = 400 * 24 * 60 * 60_000

// An account this young has just been made (a confirmed sign-up, a first OAuth sign-in): its
// first browsers are not news to its owner.
const NEW_ACCOUNT_MS = 10 * 60_000

/**
 * Records a new session for a sign-in and answers its id (random, 128 bits). It lives
 * `lifetimeMs` after its last activity (the session cookie's `maxAge`), with a margin for the
 * activity that is written only every {@link ACTIVITY_INTERVAL_MS}. Now and then, expired
 * sessions are pruned after it.
 *
 * After the answer, the browser is remembered for the user (a keyed hash of its browser, OS and
 * device type names, counted with the store's `hit` for {@link KNOWN_DEVICE_MS}): the first
 * sign-in with a browser sends the user a "new sign-in" email in `language` (when, browser, OS,
 * IP and a link to the account page), unless the account is minutes old or the sign-in is the
 * grant of a just-confirmed address, which is that browser's first anyway.
 */
export async function startSession<L>(
  deps: Pick<EngineDeps<L>, "store" | "background" | "deliver" | "link" | "secret">,
  userId: string,
  details: SignInDetails,
  lifetimeMs: number,
  now = new Date(),
  language?: L,
): Promise<string> {
  const store = storeOf(deps)
  const id = base64url(randomBytes(16))
  const { device, family } = parseDevice(details.userAgent)
  const ip = typeof details.ip === "string" && details.ip !== "" ? details.ip.slice(0, MAX_IP) : null
  const session: StoredSession = {
    id,
    userId,
    method: details.method,
    ip,
    ...device,
    createdAt: now,
    lastActiveAt: now,
    expiresAt: new Date(now.getTime() + lifetimeMs + ACTIVITY_INTERVAL_MS),
  }
  await store.createSession(session)
  afterSignIn(deps, session, family, language)
  return id
}

/**
 * What follows the recording of any sign-in's session (the kit's Credentials provider, or a
 * database session of the kit's adapter), after the answer: the "new sign-in" email when the
 * browser is new to the user (see {@link startSession}), and now and then a prune of expired
 * sessions. `userAgent` is the sign-in's, parsed again for the browser's family.
 */
export function noticeSignIn<L>(
  deps: Pick<EngineDeps<L>, "store" | "background" | "deliver" | "link" | "secret">,
  session: StoredSession,
  userAgent: string | null | undefined,
  language?: L,
): void {
  afterSignIn(deps, session, parseDevice(userAgent).family, language)
}

function afterSignIn<L>(
  deps: Pick<EngineDeps<L>, "store" | "background" | "deliver" | "link" | "secret">,
  session: StoredSession,
  family: string | null,
  language: L | undefined,
): void {
  const store = storeOf(deps)
  const { userId, createdAt: now } = session
  if (family !== null && language !== undefined) {
    deps.background("new sign-in", async () => {
      const key = `accounts:device:${(await hmacHex(await keyFor(deps, "limitKey"), `${userId}\u0000${family}`)).slice(0, 32)}`
      const { count } = await store.hit(key, KNOWN_DEVICE_MS, now)
      if (count !== 1 || session.method === "grant") return
      const user = await store.findUserById(userId)
      if (!user || now.getTime() - user.createdAt.getTime() < NEW_ACCOUNT_MS) return
      const notice = { at: now, browser: session.browser, os: session.os, ip: session.ip }
      await deps.deliver({ kind: "new-sign-in", to: user.email, name: user.name, url: deps.link("account"), token: null, signIn: notice }, language)
    })
  }
  const last = lastPruned.get(store)
  if (last === undefined || now.getTime() - last >= PRUNE_EVERY_MS) {
    lastPruned.set(store, now.getTime())
    deps.background("sessions prune", () => store.pruneSessions(now, PRUNE_BATCH))
  }
}

/**
 * Writes a session's activity at `now` (its expiry moves to `lifetimeMs` later), unless it was
 * written less than {@link ACTIVITY_INTERVAL_MS} ago; answers whether it wrote.
 */
export function touchSession(deps: Pick<EngineDeps, "store">, id: string, lifetimeMs: number, now = new Date()): Promise<boolean> {
  return storeOf(deps).touchSession(id, now, {
    minIntervalMs: ACTIVITY_INTERVAL_MS,
    expiresAt: new Date(now.getTime() + lifetimeMs + ACTIVITY_INTERVAL_MS),
  })
}

/** Ends one session of the user (signing out); answers whether it was there. */
export function endSession(deps: Pick<EngineDeps, "store">, userId: string, id: string): Promise<boolean> {
  return storeOf(deps).revokeSession(userId, id)
}

/**
 * One session in the `sessions` answer.
 *
 * @example
 * ```ts
 * const row: SessionListItem = {
 *   id: "k3J…", current: true, createdAt: "2030-01-01T10:00:00.000Z", lastActiveAt: "2030-01-02T08:15:00.000Z",
 *   ip: "203.0.113.9", browser: "Firefox 128", os: "Windows 10", deviceType: "desktop", method: "password",
 * }
 * ```
 */
export interface SessionListItem {
  id: string
  /** The session that asked. */
  current: boolean
  /** ISO 8601. */
  createdAt: string
  /** ISO 8601; written at most once per five minutes. */
  lastActiveAt: string
  ip: string | null
  browser: string | null
  os: string | null
  deviceType: string | null
  method: string
}

const MAX_ID = 200

/** The endpoints of the sessions list. */
export const sessions: EngineFeature = {
  sessions: {
    method: "GET",
    signedIn: true,
    store: SESSION_STORE_METHODS,
    async run({ deps, request, user, now }) {
      const rows = await storeOf(deps).listSessions(user.id, now)
      const current = request.session?.sessionId
      const list: SessionListItem[] = rows.map((row) => ({
        id: row.id,
        current: row.id === current,
        createdAt: row.createdAt.toISOString(),
        lastActiveAt: row.lastActiveAt.toISOString(),
        ip: row.ip,
        browser: row.browser,
        os: row.os,
        deviceType: row.deviceType,
        method: row.method,
      }))
      return answer({ sessions: list })
    },
  },

  "sessions/revoke": {
    signedIn: true,
    store: SESSION_STORE_METHODS,
    async run({ deps, body, user }) {
      const id = presentString(body.id)
      if (id === undefined) return invalidInput({ id: "required" })
      if (id.length > MAX_ID) return invalidInput({ id: "too_long" })
      // Another user's id answers as an unknown one: nothing tells them apart.
      if (!(await storeOf(deps).revokeSession(user.id, id))) return fail("not_found")
      return ok(200, {}, { sessionsRevoked: { userId: user.id, ids: [id] } })
    },
  },

  "sessions/revoke-others": {
    signedIn: true,
    fresh: true,
    store: SESSION_STORE_METHODS,
    async run({ deps, request, user }) {
      const ids = await storeOf(deps).revokeOtherSessions(user.id, request.session?.sessionId ?? null)
      // The credential version moves too, so that sessions the list does not hold (issued
      // before sessions were recorded, or whose recording failed) end as well; the caller's
      // cookie is re-issued and stays signed in.
      const version = user.credentialVersion + 1
      await deps.store.updateUser(user.id, { credentialVersion: version })
      return ok(200, {}, {
        sessionsRevoked: { userId: user.id, ids },
        credentialsChanged: { userId: user.id, version, keepCaller: true },
      })
    },
  },
}
