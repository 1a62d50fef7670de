#!/usr/bin/env node
// A PostgreSQL server for the tests (the SQL account store runs on PostgreSQL unchanged, and is
// tested there). `ensurePostgres()` answers a connection string:
//
// 1. NAK_TEST_DATABASE_URL, or DATABASE_URL when it is a postgres:// URL, or the libpq variables
//    (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE) when PGHOST is set: that server is used as
//    it is (the tests only create and drop their own `nak_run_…` schema in it);
// 2. otherwise Debian's PostgreSQL on this machine: installed with apt-get when pg_ctlcluster is
//    missing and we are root, its cluster started (pg_ctlcluster), and a role and database
//    `nak_test` created once (idempotent, and serialised by an advisory lock so two runs at once
//    do not trip over each other). The server is left running for the next run.
//
// A server that cannot be found or started is an error, never a skip.
//
// Command line: `node scripts/postgres.mjs` prints the connection string (progress on stderr),
// e.g. `export NAK_TEST_DATABASE_URL=$(node scripts/postgres.mjs)`.
// Plain Node: psql and the pg_* tools do the work (`pg`, when installed, only checks the login).
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { userInfo } from "node:os"
import { fileURLToPath } from "node:url"

export const TEST_ROLE = "nak_test"
export const TEST_DATABASE = "nak_test"
// A local, test-only role that owns nothing but its own database. Debian's pg_hba.conf
// authenticates unix-socket connections by peer (the OS user name must equal the role), so
// the tests connect over the loopback interface with a password instead (scram-sha-256).
const TEST_PASSWORD = "nak_test"
const SETUP_LOCK_KEY = 0x6e616b02

/**
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<{ url: string, source: "env" | "local", ms: number }>}
 */
export async function ensurePostgres({ log = (line) => console.error(`[postgres] ${line}`) } = {}) {
  const started = Date.now()
  const fromEnv = urlFromEnv()
  if (fromEnv) {
    log(`using the server from ${fromEnv.from}`)
    return { url: fromEnv.url, source: "env", ms: Date.now() - started }
  }
  const url = await ensureLocal(log)
  return { url, source: "local", ms: Date.now() - started }
}

/** @returns {{ url: string, from: string } | null} */
function urlFromEnv(env = process.env) {
  if (env.NAK_TEST_DATABASE_URL) return { url: env.NAK_TEST_DATABASE_URL, from: "NAK_TEST_DATABASE_URL" }
  if (env.DATABASE_URL && /^postgres(ql)?:\/\//i.test(env.DATABASE_URL)) {
    return { url: env.DATABASE_URL, from: "DATABASE_URL" }
  }
  if (env.PGHOST) {
    const user = env.PGUSER || userInfo().username
    const auth = encodeURIComponent(user) + (env.PGPASSWORD ? `:${encodeURIComponent(env.PGPASSWORD)}` : "")
    const database = encodeURIComponent(env.PGDATABASE || user)
    const port = env.PGPORT || "5432"
    const url = env.PGHOST.startsWith("/")
      ? `postgresql://${auth}@localhost:${port}/${database}?host=${encodeURIComponent(env.PGHOST)}`
      : `postgresql://${auth}@${env.PGHOST}:${port}/${database}`
    return { url, from: "PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE" }
  }
  return null
}

/** @param {(line: string) => void} log */
async function ensureLocal(log) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  if (!which("pg_ctlcluster") || !which("pg_lsclusters")) {
    if (!isRoot || !which("apt-get")) {
      throw new Error(
        "PostgreSQL is not installed (no pg_ctlcluster). Install Debian's `postgresql` package, " +
          "or point NAK_TEST_DATABASE_URL at a server (postgresql://user:password@host:port/db).",
      )
    }
    log("pg_ctlcluster is missing: installing Debian's postgresql (apt-get install -y postgresql)")
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" }
    run("apt-get", ["update", "-qq"], { env, log })
    run("apt-get", ["install", "-y", "-qq", "postgresql"], { env, log })
  }

  let cluster = pickCluster(listClusters())
  if (!cluster) {
    const version = installedVersions().at(-1)
    if (!version) throw new Error("PostgreSQL's server binaries are missing under /usr/lib/postgresql.")
    if (!isRoot) throw new Error(`No PostgreSQL cluster exists: create one with pg_createcluster ${version} main (as root).`)
    log(`no cluster: pg_createcluster ${version} main`)
    run("pg_createcluster", [version, "main"], { log })
    cluster = pickCluster(listClusters())
    if (!cluster) throw new Error("pg_createcluster ran, but pg_lsclusters lists no cluster.")
  }

  if (cluster.status !== "online") {
    log(`starting the cluster: pg_ctlcluster ${cluster.version} ${cluster.name} start`)
    const result = spawnSync("pg_ctlcluster", [cluster.version, cluster.name, "start"], { encoding: "utf8" })
    const now = listClusters().find((c) => c.version === cluster.version && c.name === cluster.name)
    // Another run may have started it in between: only a cluster still down is a failure.
    if (!now || now.status !== "online") {
      throw new Error(
        `pg_ctlcluster ${cluster.version} ${cluster.name} start failed (status ${result.status}):\n` +
          `${result.stdout ?? ""}${result.stderr ?? ""}${tail(cluster.logFile)}`,
      )
    }
  } else {
    log(`cluster ${cluster.version}/${cluster.name} is running on port ${cluster.port}`)
  }
  waitUntilReady(cluster.port)

  const url = `postgresql://${TEST_ROLE}:${TEST_PASSWORD}@127.0.0.1:${cluster.port}/${TEST_DATABASE}`
  if (await canConnect(url)) {
    log(`ready: ${url.replace(`:${TEST_PASSWORD}@`, ":***@")}`)
    return url
  }
  // The role and database, once; ALTER keeps the password right if someone changed it.
  asPostgres(
    cluster.port,
    `SELECT pg_advisory_lock(${SETUP_LOCK_KEY});
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${TEST_ROLE}') THEN
    CREATE ROLE ${TEST_ROLE} LOGIN PASSWORD '${TEST_PASSWORD}';
  END IF;
END $$;
ALTER ROLE ${TEST_ROLE} LOGIN PASSWORD '${TEST_PASSWORD}';
SELECT 'CREATE DATABASE ${TEST_DATABASE} OWNER ${TEST_ROLE}'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${TEST_DATABASE}') \\gexec
SELECT pg_advisory_unlock(${SETUP_LOCK_KEY});
`,
    isRoot,
  )
  log(`ready: ${url.replace(`:${TEST_PASSWORD}@`, ":***@")}`)
  return url
}

/**
 * Whether the test role can already sign in (then nothing needs root). Uses `pg` when it is
 * installed; without it, answers false and the idempotent setup runs.
 */
async function canConnect(url) {
  let pg
  try {
    pg = (await import("pg")).default
  } catch {
    return false
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    await client.query("SELECT 1")
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/** @returns {{ version: string, name: string, port: string, status: string, owner: string, logFile: string }[]} */
function listClusters() {
  const result = spawnSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" })
  if (result.status !== 0) throw new Error(`pg_lsclusters failed: ${result.stderr}`)
  return result.stdout
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length >= 6)
    .map(([version, name, port, status, owner, , logFile]) => ({
      version: /** @type {string} */ (version),
      name: /** @type {string} */ (name),
      port: /** @type {string} */ (port),
      status: /** @type {string} */ (status),
      owner: /** @type {string} */ (owner),
      logFile: logFile ?? "",
    }))
}

/** A running cluster if there is one, else the newest version's (preferring one named main). */
function pickCluster(clusters) {
  const byVersion = [...clusters].sort((a, b) => Number(b.version) - Number(a.version))
  return (
    byVersion.find((c) => c.status === "online") ??
    byVersion.find((c) => c.name === "main") ??
    byVersion[0] ??
    null
  )
}

function installedVersions() {
  const dir = "/usr/lib/postgresql"
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((v) => /^\d+$/.test(v) && existsSync(`${dir}/${v}/bin/postgres`))
    .sort((a, b) => Number(a) - Number(b))
}

function waitUntilReady(port) {
  const deadline = Date.now() + 30_000
  for (;;) {
    const { status } = spawnSync("pg_isready", ["-q", "-p", port], { encoding: "utf8" })
    if (status === 0) return
    if (Date.now() > deadline) throw new Error(`PostgreSQL on port ${port} did not accept connections within 30 s.`)
    spawnSync("sleep", ["0.2"])
  }
}

/** Runs a psql script as the `postgres` superuser over the local socket (peer authentication). */
function asPostgres(port, script, isRoot) {
  const psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-p", port, "-d", "postgres"]
  const me = userInfo().username
  let command, args
  if (me === "postgres") [command, args] = [psql[0], psql.slice(1)]
  else if (isRoot && which("runuser")) [command, args] = ["runuser", ["-u", "postgres", "--", ...psql]]
  else if (isRoot) [command, args] = ["su", ["postgres", "-c", psql.join(" ")]]
  else {
    throw new Error(
      "Creating the test role needs root (or the postgres user). Run once as root, or set " +
        "NAK_TEST_DATABASE_URL to a server and database you can use.",
    )
  }
  // cwd /: the postgres user may not be allowed into the repository's directory.
  const result = spawnSync(command, args, { input: script, encoding: "utf8", cwd: "/" })
  if (result.status !== 0) {
    throw new Error(`psql as postgres failed (status ${result.status}):\n${result.stdout}${result.stderr}`)
  }
}

function run(command, args, { env = process.env, log }) {
  log(`$ ${command} ${args.join(" ")}`)
  const result = spawnSync(command, args, { env, stdio: ["ignore", 2, 2] })
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (status ${result.status})`)
}

function which(command) {
  return (process.env.PATH || "/usr/local/bin:/usr/bin:/bin")
    .split(":")
    .concat(["/usr/sbin", "/sbin"])
    .some((dir) => dir && existsSync(`${dir}/${command}`))
}

function tail(file) {
  try {
    return `\nlast lines of ${file}:\n${readFileSync(file, "utf8").split("\n").slice(-20).join("\n")}`
  } catch {
    return ""
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensurePostgres()
    .then(({ url, ms }) => {
      console.error(`[postgres] done in ${(ms / 1000).toFixed(1)} s`)
      console.log(url)
    })
    .catch((error) => {
      console.error(`[postgres] ${error instanceof Error ? error.message : error}`)
      process.exit(1)
    })
}
