import { type ChildProcessByStdio, execFile, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { promisify } from 'node:util'

import pg from 'pg'
import { guardClient } from '../../../db/health'

const execFileAsync = promisify(execFile)

export type PgProgram = 'pg_dump' | 'pg_restore'

const notInstalled = (program: string) =>
  new Error(
    `${program} is not installed: install Debian's postgresql-client (apt-get install postgresql-client) matching the server's major version`,
  )

/** Environment and arguments for a client program: the password goes in PGPASSWORD, not on the command line (where `ps` shows it). */
function connectionArgs(args: string[], databaseUrl?: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const env = { ...process.env }
  if (!databaseUrl) return { args, env }
  const url = new URL(databaseUrl)
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password)
  url.password = ''
  return { args: [...args, `--dbname=${url.toString()}`], env }
}

/**
 * Runs a PostgreSQL client program (`program`: a name on PATH or a path, as `checkPgTools`
 * resolved it); the error carries its stderr. With `databaseUrl` it gets `--dbname`.
 */
export async function runPgTool(program: string, args: string[], databaseUrl?: string): Promise<string> {
  const name = path.basename(program)
  const call = connectionArgs(args, databaseUrl)
  try {
    const { stdout } = await execFileAsync(program, call.args, { maxBuffer: 64 * 1024 * 1024, env: call.env })
    return stdout
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string }
    if (e.code === 'ENOENT') throw notInstalled(name)
    throw new Error(`${name} failed: ${(e.stderr || e.message).trim().slice(0, 2000)}`, { cause: error })
  }
}

/**
 * Runs a PostgreSQL client program like `runPgTool`, handing each line it writes to stderr (its
 * `--verbose` progress) to `onLine` as it comes.
 */
export async function streamPgTool(
  program: string,
  args: string[],
  databaseUrl: string,
  onLine: (line: string) => void,
): Promise<void> {
  const name = path.basename(program)
  const call = connectionArgs(args, databaseUrl)
  const child = spawn(program, call.args, { env: call.env, stdio: ['ignore', 'ignore', 'pipe'] })
  let buffered = ''
  let errors = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    buffered += chunk
    for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
      const line = buffered.slice(0, at)
      buffered = buffered.slice(at + 1)
      if (/error|fatal|warning/i.test(line)) errors += `${line}\n`
      onLine(line)
    }
  })
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? notInstalled(name) : error))
    child.once('close', resolve)
  })
  if (buffered) onLine(buffered)
  if (code !== 0)
    throw new Error(`${name} failed: ${(errors || buffered || `exit code ${code}`).trim().slice(0, 2000)}`)
}

/**
 * Starts a PostgreSQL client program with its stdout (and, with `stdin`, its stdin) as streams;
 * `done` settles when it exits, rejecting with its stderr when it fails. `kill` ends it early.
 */
export function startPgTool(
  program: string,
  args: string[],
  { databaseUrl, stdin = false }: { databaseUrl?: string; stdin?: boolean } = {},
): { child: ChildProcessByStdio<Writable | null, Readable, Readable>; done: Promise<void>; kill: () => void } {
  const name = path.basename(program)
  const call = connectionArgs(args, databaseUrl)
  const child = spawn(program, call.args, {
    env: call.env,
    stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  }) as ChildProcessByStdio<Writable | null, Readable, Readable>
  let errors = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    if (errors.length < 4000) errors += chunk
  })
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? notInstalled(name) : error))
    child.once('close', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${name} failed: ${(errors || `exit ${signal ?? `code ${code}`}`).trim().slice(0, 2000)}`)),
    )
  })
  done.catch(() => {}) // awaited by the caller; not an unhandled rejection meanwhile
  return { child, done, kill: () => void (child.exitCode === null && child.signalCode === null && child.kill()) }
}

async function majorOf(program: string): Promise<number> {
  const out = await runPgTool(program, ['--version'])
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(out)
  if (!match) throw new Error(`could not read the version of ${path.basename(program)}: ${out.trim()}`)
  return Number(match[1])
}

/**
 * Where a client program for a server major version is: in PG_BIN_DIR when that is set; else in
 * Debian's versioned directory (`/usr/lib/postgresql/<major>/bin`, present when
 * postgresql-client-<major> is installed), which picks the matching version among several
 * installed and skips the `pg_wrapper` script (~40 ms of Perl per call); else on PATH.
 */
export function pgProgramPath(program: PgProgram, major: number): string {
  if (process.env.PG_BIN_DIR) return path.join(process.env.PG_BIN_DIR, program)
  const versioned = `/usr/lib/postgresql/${major}/bin/${program}`
  return fs.existsSync(versioned) ? versioned : program
}

/**
 * A program's major version, asked once per process and place (a program start costs ~10–50 ms
 * on every backup otherwise). Keyed by the path and PATH, so another program asks again; a failure
 * is not kept.
 */
const toolMajors = new Map<string, Promise<number>>()
function installedMajor(program: string): Promise<number> {
  const key = `${program}\0${process.env.PATH ?? ''}`
  let found = toolMajors.get(key)
  if (!found) {
    found = majorOf(program)
    toolMajors.set(key, found)
    found.catch(() => toolMajors.delete(key))
  }
  return found
}

export type PgTools = { serverMajor: number; toolMajor: number; pgDump: string; pgRestore: string }

/**
 * Finds pg_dump and pg_restore for the major version of `server` (a database URL or a connected
 * client) and checks that they are that version: a pg_dump older than the server refuses to dump;
 * a newer one writes archives an older pg_restore cannot read. Returns where they are.
 */
export async function checkPgTools(server: string | pg.Client): Promise<PgTools> {
  // A connected client (the backup's own) saves opening one just for the version.
  const client =
    typeof server === 'string' ? guardClient(new pg.Client({ connectionString: server }), 'backup') : server
  if (typeof server === 'string') await client.connect()
  let serverMajor: number
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")
    serverMajor = Math.floor(Number(rows[0]!.v) / 10000)
  } finally {
    if (typeof server === 'string') await client.end()
  }
  const pgDump = pgProgramPath('pg_dump', serverMajor)
  const pgRestore = pgProgramPath('pg_restore', serverMajor)
  const [dumpMajor, restoreMajor] = await Promise.all([installedMajor(pgDump), installedMajor(pgRestore)])
  for (const [program, major] of [
    ['pg_dump', dumpMajor],
    ['pg_restore', restoreMajor],
  ] as const) {
    if (major !== serverMajor)
      throw new Error(
        `${program} is PostgreSQL ${major} but the server is PostgreSQL ${serverMajor}: install postgresql-client-${serverMajor} (backups need matching major versions)`,
      )
  }
  return { serverMajor, toolMajor: dumpMajor, pgDump, pgRestore }
}
