#!/usr/bin/env node
// `npm run bench`: builds the kit, measures bundle sizes and the server helpers' in-process cost
// on one real session cookie, prints the tables and writes BENCHMARKS.md. Every comparison is
// a ratio to a baseline measured in the same run; each timing is bounded (rounds × ~0.4 s).
import { writeFileSync } from "node:fs"
import { cpus, totalmem } from "node:os"
import { join } from "node:path"
import { ensureInstalled, root, sh } from "./lib.mjs"

ensureInstalled()
if (sh("npm", ["run", "build"]) !== 0) process.exit(1)

const { cases, measure, measureCss } = await import("./size.mjs")
const { createAuthKit, withRoleClaims } = await import("next-auth-kit/server")
const { sessionCookie } = await import("next-auth-kit/testing")
const { getServerSession } = await import("next-auth/next")
const { decode } = await import("next-auth/jwt")
const { jwtDecrypt } = await import("jose")
const credentialsModule = await import("next-auth/providers/credentials")
const CredentialsProvider = credentialsModule.default.default ?? credentialsModule.default

// ---- sizes ----------------------------------------------------------------------------------
const sizeRows = []
for (const entry of cases) {
  const { minified, gzip } = await measure(entry)
  sizeRows.push([entry.name, minified, gzip, entry.budget ?? null])
}
const css = await measureCss()
sizeRows.push(["styles.css", css.minified, css.gzip, css.budget])
const baseline = sizeRows.find(([name]) => name.startsWith("baseline"))[2]

// ---- in-process server cost -----------------------------------------------------------------
const secret = "bench-secret-0123456789abcdef0123456789"
const authOptions = withRoleClaims({
  secret,
  session: { strategy: "jwt" },
  providers: [CredentialsProvider({ credentials: {}, authorize: async () => null })],
  logger: { error() {}, warn() {}, debug() {} },
})
const kit = createAuthKit(authOptions)
const cookie = await sessionCookie({ user: { id: "1", name: "Ada Lovelace", email: "ada@example.com" }, roles: ["admin"], secret })
const cookieHeader = `${cookie.name}=${cookie.value}`
const req = () => ({ headers: { host: "127.0.0.1:3000", cookie: cookieHeader }, cookies: { [cookie.name]: cookie.value } })
const res = () => {
  const headers = {}
  return {
    headersSent: false,
    getHeader: (n) => headers[n.toLowerCase()],
    setHeader: (n, v) => void (headers[n.toLowerCase()] = v),
    status() { return this },
    json() {},
    end() {},
  }
}
// The floor: decrypting the JWE with a key derived beforehand.
const text = new TextEncoder()
const material = await crypto.subtle.importKey("raw", text.encode(secret), "HKDF", false, ["deriveBits"])
const key = new Uint8Array(
  await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: text.encode("NextAuth.js Generated Encryption Key") }, material, 256),
)
const gssp = kit.requireSession()
const api = kit.withAuth(async (_req, res) => res.json({ ok: true }))

const subjects = [
  ["jose jwtDecrypt, key derived beforehand (floor)", () => jwtDecrypt(cookie.value, key, { clockTolerance: 15 })],
  ["next-auth/jwt decode", () => decode({ token: cookie.value, secret })],
  ["next-auth getServerSession", () => getServerSession(req(), res(), authOptions)],
  ["kit getSession(req, res)", () => kit.getSession(req(), res())],
  ["kit requireSession() getServerSideProps", () => gssp({ req: req(), res: res(), resolvedUrl: "/dashboard", query: {} })],
  ["kit withAuth API handler", () => api({ ...req(), method: "GET", url: "/api/me" }, res())],
]

async function time(fn, ms) {
  let calls = 0
  const started = performance.now()
  while (performance.now() - started < ms) {
    for (let i = 0; i < 50; i++) await fn()
    calls += 50
  }
  return ((performance.now() - started) * 1000) / calls
}
for (const [, fn] of subjects) await time(fn, 150) // warm up
const rounds = 5
const samples = subjects.map(() => [])
for (let round = 0; round < rounds; round++) {
  for (const [index, [, fn]] of subjects.entries()) samples[index].push(await time(fn, 400))
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]
const micros = samples.map(median)
const floor = micros[0]
const bare = micros[2]

// ---- report ---------------------------------------------------------------------------------
const fmt = (n, digits = 1) => n.toFixed(digits)
const sizeTable = [
  "| import | min (B) | gzip (B) | gzip vs next-auth/react | budget (gzip) |",
  "|---|---:|---:|---:|---|",
  ...sizeRows.map(([name, min, gz, budget]) =>
    `| ${name} | ${min} | ${gz} | ${fmt(gz / baseline, 2)}× | ${budget ? `${budget} ${gz <= budget ? "met" : "**over**"}` : ""} |`,
  ),
].join("\n")
const timeTable = [
  "| per call, same cookie | µs (median of 5 rounds) | × floor | speed-up vs getServerSession |",
  "|---|---:|---:|---:|",
  ...subjects.map(([name], i) => `| ${name} | ${fmt(micros[i])} | ${fmt(micros[i] / floor, 2)} | ${fmt(bare / micros[i], 2)}× |`),
].join("\n")
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
const date = new Date().toISOString().slice(0, 10)
const report = `# Benchmarks

Measured on ${date}: ${machine}. Reproduce with \`npm run bench\` (it rebuilds the kit first).
Every figure is compared with a baseline measured in the same run.

## Bundle size

What an app's bundler keeps for each import: esbuild, minified, tree-shaken, with \`react\`,
\`react-dom\`, \`next\` and \`next-auth\` external; gzip level 9. The baseline is next-auth's own
client (\`SessionProvider\`, \`useSession\`, \`signIn\`, \`signOut\`) measured the same way.

${sizeTable}

## Server helpers, in process

One real session cookie (jwt strategy, \`withRoleClaims\`), Node request and response objects,
no network. The kit's helpers read it through the jwt fast path: the key derived once, the
callbacks run as next-auth runs them, the cookie re-issued only past \`updateAge\`.

${timeTable}
`
writeFileSync(join(root, "BENCHMARKS.md"), report)
console.log(`\n${report}\nWritten to BENCHMARKS.md`)
