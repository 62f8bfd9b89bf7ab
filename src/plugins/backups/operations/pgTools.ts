import { execFile, spawn } from 'node:child_process'
import { promisify } from 'node:util'

import pg from 'pg'

const execFileAsync = promisify(execFile)

/**
 * Runs a PostgreSQL client program; the error carries its stderr. With `databaseUrl` it gets
 * `--dbname`, its password passed in PGPASSWORD rather than on the command line (where `ps` shows it).
 */
export async function runPgTool(program: 'pg_dump' | 'pg_restore', args: string[], databaseUrl?: string): Promise<string> {
  const env = { ...process.env }
  if (databaseUrl) {
    const url = new URL(databaseUrl)
    if (url.password) env.PGPASSWORD = decodeURIComponent(url.password)
    url.password = ''
    args = [...args, `--dbname=${url.toString()}`]
  }
  try {
    const { stdout } = await execFileAsync(program, args, { maxBuffer: 64 * 1024 * 1024, env })
    return stdout
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string }
    if (e.code === 'ENOENT') throw new Error(`${program} is not installed: install Debian's postgresql-client (apt-get install postgresql-client) matching the server's major version`)
    throw new Error(`${program} failed: ${(e.stderr || e.message).trim().slice(0, 2000)}`)
  }
}

/**
 * Runs a PostgreSQL client program like `runPgTool`, handing each line it writes to stderr (its
 * `--verbose` progress) to `onLine` as it comes.
 */
export async function streamPgTool(program: 'pg_dump' | 'pg_restore', args: string[], databaseUrl: string, onLine: (line: string) => void): Promise<void> {
  const env = { ...process.env }
  const url = new URL(databaseUrl)
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password)
  url.password = ''
  const child = spawn(program, [...args, `--dbname=${url.toString()}`], { env, stdio: ['ignore', 'ignore', 'pipe'] })
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
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`${program} is not installed: install Debian's postgresql-client (apt-get install postgresql-client) matching the server's major version`) : error),
    )
    child.once('close', resolve)
  })
  if (buffered) onLine(buffered)
  if (code !== 0) throw new Error(`${program} failed: ${(errors || buffered || `exit code ${code}`).trim().slice(0, 2000)}`)
}

async function majorOf(program: 'pg_dump' | 'pg_restore'): Promise<number> {
  const out = await runPgTool(program, ['--version'])
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(out)
  if (!match) throw new Error(`could not read the version of ${program}: ${out.trim()}`)
  return Number(match[1])
}

/**
 * The installed tools' major versions, asked once per process (two program starts cost ~0.3 s on
 * every backup otherwise). Keyed by PATH, so a changed PATH asks again; a failure is not kept.
 */
const toolMajors = new Map<string, Promise<[number, number]>>()
function installedMajors(): Promise<[number, number]> {
  const key = process.env.PATH ?? ''
  let found = toolMajors.get(key)
  if (!found) {
    found = Promise.all([majorOf('pg_dump'), majorOf('pg_restore')])
    toolMajors.set(key, found)
    found.catch(() => toolMajors.delete(key))
  }
  return found
}

/**
 * Checks that pg_dump and pg_restore exist and match the major version of `server` (a database
 * URL or a connected client): a pg_dump older than the server refuses to dump; a newer one writes
 * archives an older pg_restore cannot read.
 */
export async function checkPgTools(server: string | pg.Client): Promise<{ serverMajor: number; toolMajor: number }> {
  // A connected client (the backup's own) saves opening one just for the version.
  const client = typeof server === 'string' ? new pg.Client({ connectionString: server }) : server
  if (typeof server === 'string') await client.connect()
  let serverMajor: number
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")
    serverMajor = Math.floor(Number(rows[0]!.v) / 10000)
  } finally {
    if (typeof server === 'string') await client.end()
  }
  const [dumpMajor, restoreMajor] = await installedMajors()
  for (const [program, major] of [['pg_dump', dumpMajor], ['pg_restore', restoreMajor]] as const) {
    if (major !== serverMajor)
      throw new Error(`${program} is PostgreSQL ${major} but the server is PostgreSQL ${serverMajor}: install postgresql-client-${serverMajor} (backups need matching major versions)`)
  }
  return { serverMajor, toolMajor: dumpMajor }
}
