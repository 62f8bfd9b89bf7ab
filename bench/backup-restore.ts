/**
 * backup-restore: backing up and restoring a generated database (~170 MB at 100k customers,
 * ~1 GB at 500k) with OUR backups plugin versus bare `pg_dump -Fc` + `pg_restore`, in the same run
 * on the same database:
 *
 *   ours backup   runBackup() in this process, through a Payload instance on the bench database
 *                 (what the backup task runs in a worker): pg_dump into a pipe, each piece to
 *                 pg_restore --list and framed through AES-256-GCM and SHA-256 in one pass, the row
 *                 counts of its snapshot beside it, the `backups` row. Local BACKUP_DIR only, no S3.
 *   ours restore  restoreBackupFile() in this process (what `npm run restore -- <file>` runs after
 *                 start-up): decrypt + SHA-256 check in one pass, unframe, pg_restore with each
 *                 table checksummed as soon as it is loaded, row counts compared with the backup's.
 *   bare          pg_dump -Fc -f <file> <url>;  pg_restore -d <fresh db> <file>, as typed: on
 *                 Debian `pg_dump` on PATH is the pg_wrapper script (~40 ms of Perl per call),
 *                 which ours skips by running the server's version from /usr/lib/postgresql/<major>/bin.
 *
 * ~1 GB is the issue's size (`--customers 500000`); the default 100k keeps a run near 5 minutes.
 *
 * Every restore goes into a fresh empty database. Each side runs `--runs` times, alternating.
 * Target: ours ≤ 1.2 × bare for backup and for restore (best of the runs).
 */
import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import pg from 'pg'
import type { Payload, PayloadRequest } from 'payload'

import { CHILD_NODE_OPTIONS } from '../tests/helpers/postgres'
import {
  BenchError,
  benchOptions,
  type Cleanups,
  type BenchDatabase,
  type BenchPostgres,
  benchPostgres,
  createBenchDatabase,
  machine,
  runWithCleanups,
  migrateAndGenerate,
  ROOT,
  TSX,
  serverVersion,
  table,
  timestamp,
  writeResults,
} from './lib/harness'

export const description =
  'backup + restore of a generated database: our backups plugin vs bare pg_dump -Fc / pg_restore'

const TARGET_RATIO = 1.2
const execFileAsync = promisify(execFile)

const USAGE = `npm run bench -- backup-restore [options]

  --customers <n>     generated customers (default 100000 ≈ 170 MB; 500000 ≈ 1 GB, the issue's size)
  --runs <n>          runs of each side, alternating (default 2)
  --no-phases         skip the extra pass that times our backup and restore phase by phase
  --keep              keep the databases and backup files (prints where they are)
  -h, --help          this help

PostgreSQL: BENCH_DATABASE_ADMIN_URL, else 127.0.0.1:5432 (user postgres), else an embedded one.
pg_dump and pg_restore on PATH must match the server's major version.`

type Options = { customers: number; runs: number; phases: boolean; keep: boolean }

export async function run(args: string[]): Promise<number> {
  const parsed = benchOptions(
    args,
    USAGE,
    { customers: { default: 100_000, min: 10, max: 2_000_000 }, runs: { default: 2, min: 1, max: 20 } },
    ['no-phases'],
  )
  if ('exit' in parsed) return parsed.exit
  const { customers, runs, keep, 'no-phases': noPhases } = parsed.options
  const options: Options = { customers, runs, phases: !noPhases, keep }

  const stamp = timestamp()
  return runWithCleanups('backup-restore', (cleanups) => benchmark(options, stamp, cleanups))
}

// ---------------------------------------------------------------------------------------------

const seconds = (ms: number) => (ms / 1000).toFixed(2)
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now()
  const value = await fn()
  return { ms: performance.now() - t, value }
}

/** A bare PostgreSQL client program, output discarded; the error carries stderr. */
async function bare(program: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  try {
    await execFileAsync(program, args, { maxBuffer: 64 * 1024 * 1024 })
  } catch (error) {
    const e = error as Error & { stderr?: string }
    throw new BenchError(`${program} ${args.join(' ')} failed: ${(e.stderr || e.message).trim().slice(0, 2000)}`)
  }
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(sql)).rows
  } finally {
    await client.end()
  }
}

async function databaseSize(url: string): Promise<number> {
  return Number((await query<{ n: string }>(url, 'SELECT pg_database_size(current_database())::text AS n'))[0]!.n)
}

async function rowCount(url: string): Promise<number> {
  const rows = await query<{ n: string }>(
    url,
    'SELECT coalesce(sum(n_live_tup), 0)::text AS n FROM pg_stat_user_tables',
  )
  return Number(rows[0]!.n)
}

// ---------------------------------------------------------------------------------------------

async function benchmark(options: Options, stamp: string, cleanups: Cleanups): Promise<number> {
  const started = Date.now()
  console.log(`backup-restore: ${options.customers} customers, ${options.runs} runs per side (alternating)\n`)

  // 1. The source database, migrated as production migrates, filled by the generator.
  const postgres: BenchPostgres = await benchPostgres()
  cleanups.push(postgres.stop)
  const prefix = `ispops_bench_br_${stamp.toLowerCase()}_${process.pid}`
  const kept: string[] = []
  const newDatabase = async (suffix: string): Promise<BenchDatabase> => {
    const db = await createBenchDatabase(postgres.adminUrl, `${prefix}_${suffix}`)
    cleanups.push(async () => {
      if (options.keep) kept.push(db.name)
      else await db.drop()
    })
    return db
  }
  const source = await newDatabase('src')
  const pgVersion = await serverVersion(source.url)
  console.log(`PostgreSQL ${pgVersion} (${postgres.source}), source database ${source.name}`)

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ispops-bench-backup-'))
  const mediaDir = path.join(workDir, 'media') // empty: the bare side has no uploads either
  const backupDir = path.join(workDir, 'ours')
  const bareDir = path.join(workDir, 'bare')
  for (const dir of [mediaDir, backupDir, bareDir]) fs.mkdirSync(dir, { recursive: true })
  cleanups.push(async () => {
    if (options.keep) console.log(`kept backup files in ${workDir}`)
    else fs.rmSync(workDir, { recursive: true, force: true })
  })

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: source.url,
    PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
    MEDIA_DIR: mediaDir,
    LOG_LEVEL: 'warn',
    NODE_OPTIONS: CHILD_NODE_OPTIONS,
  }
  delete env.DATABASE_EMBEDDED
  const dataset = await migrateAndGenerate({
    url: source.url,
    env,
    customers: options.customers,
    analyze: 'VACUUM ANALYZE',
  })
  const sourceBytes = await databaseSize(source.url)
  console.log(`source database size (pg_database_size): ${mib(sourceBytes)} (${sourceBytes} bytes)`)

  // 2. Payload on the source database, in this process (the config reads DATABASE_URL on import).
  Object.assign(process.env, {
    DATABASE_URL: source.url,
    PAYLOAD_SECRET: env.PAYLOAD_SECRET,
    MEDIA_DIR: mediaDir,
    LOG_LEVEL: 'warn',
  })
  const t = Date.now()
  const { getPayload, createLocalReq } = await import('payload')
  const { default: config } = await import('../payload.config')
  const payload: Payload = await getPayload({ config })
  cleanups.push(async () => {
    const pool = (payload.db as unknown as { pool?: pg.Pool }).pool
    pool?.on('error', () => {})
    await payload.destroy().catch(() => {})
  })
  const req: PayloadRequest = await createLocalReq({}, payload)
  console.log(`Payload up in this process in ${((Date.now() - t) / 1000).toFixed(1)} s`)

  const { runBackup } = await import('../src/plugins/backups/operations/runBackup')
  const { restoreBackupFile } = await import('../src/plugins/backups/operations/restore')
  const { parseEncryptionKey } = await import('../src/plugins/backups/operations/settings')
  type Settings = import('../src/plugins/backups/operations/settings').BackupSettings
  const keyHex = crypto.randomBytes(32).toString('hex')
  const key = parseEncryptionKey(keyHex)
  // Local directory only: no S3 upload is measured.
  const settings: Settings = {
    databaseUrl: source.url,
    backupDir,
    mediaDir,
    encryptionKey: keyHex,
    s3: undefined,
    retentionDays: 3650,
    retentionMonths: 120,
  }
  const sourceRows = await rowCount(source.url)

  // 3. The measured runs, alternating which side goes first.
  type Run = { ms: number; bytes: number }
  const results = {
    ours: { backup: [] as Run[], restore: [] as Run[] },
    bare: { backup: [] as Run[], restore: [] as Run[] },
  }
  let lastOurs: { file: string; sha256: string | null | undefined } | undefined
  const loadAverageBefore = machine().loadAverage

  const oursBackup = async (i: number) => {
    const { ms, value } = await timed(() => runBackup({ req, kind: 'manual', queuedAt: new Date(), settings }))
    if (value.skipped || value.status !== 'verified' || !value.backupId)
      throw new BenchError(`our backup did not finish verified: ${JSON.stringify(value)}`)
    const row = await payload.findByID({ collection: 'backups', id: value.backupId, overrideAccess: true })
    const file = row.storage?.localPath
    if (!file || !fs.existsSync(file)) throw new BenchError(`our backup ${value.backupId} has no local file`)
    lastOurs = { file, sha256: row.sha256 }
    results.ours.backup.push({ ms, bytes: fs.statSync(file).size })
    console.log(`  run ${i + 1}  ours backup   ${seconds(ms)} s  ${mib(fs.statSync(file).size)}`)
  }
  const bareBackup = async (i: number) => {
    const file = path.join(bareDir, `run${i + 1}.dump`)
    const { ms } = await timed(() => bare('pg_dump', ['-Fc', '-f', file, source.url]))
    results.bare.backup.push({ ms, bytes: fs.statSync(file).size })
    console.log(`  run ${i + 1}  bare backup   ${seconds(ms)} s  ${mib(fs.statSync(file).size)}`)
  }
  const oursRestore = async (i: number) => {
    const target = await newDatabase(`ours${i + 1}`)
    const { file, sha256 } = lastOurs!
    const { ms, value } = await timed(() =>
      restoreBackupFile({ file, key, targetUrl: target.url, expectedSha256: sha256 }),
    )
    if (value.problems.length)
      throw new BenchError(`our restore differs from the backup:\n  ${value.problems.join('\n  ')}`)
    const bytes = await databaseSize(target.url)
    results.ours.restore.push({ ms, bytes })
    console.log(`  run ${i + 1}  ours restore  ${seconds(ms)} s  → ${mib(bytes)}, row counts match`)
    if (!options.keep) await target.drop()
  }
  const bareRestore = async (i: number) => {
    const target = await newDatabase(`bare${i + 1}`)
    const file = path.join(bareDir, `run${i + 1}.dump`)
    const { ms } = await timed(() => bare('pg_restore', ['-d', target.url, file]))
    const bytes = await databaseSize(target.url)
    const rows = await query<{ n: string }>(target.url, 'SELECT count(*)::text AS n FROM customers')
    if (Number(rows[0]!.n) !== dataset.customers)
      throw new BenchError(`bare restore has ${rows[0]!.n} customers, expected ${dataset.customers}`)
    results.bare.restore.push({ ms, bytes })
    console.log(`  run ${i + 1}  bare restore  ${seconds(ms)} s  → ${mib(bytes)}`)
    if (!options.keep) await target.drop()
  }

  console.log('')
  for (let i = 0; i < options.runs; i++) {
    const oursFirst = i % 2 === 0
    for (const step of oursFirst ? [oursBackup, bareBackup] : [bareBackup, oursBackup]) await step(i)
    for (const step of oursFirst ? [oursRestore, bareRestore] : [bareRestore, oursRestore]) await step(i)
    // Our backup files stay in BACKUP_DIR; only the newest is restored. The bare ones are kept per run.
  }

  // 4. Optional: our backup and restore phase by phase, calling the plugin's own exported steps in
  //    the order runBackup / restoreBackupFile call them (one pass, not part of the comparison).
  let phases: Awaited<ReturnType<typeof measurePhases>> | undefined
  if (options.phases) {
    console.log("\nphase breakdown of ours (one extra pass, the plugin's exported steps called one by one)…")
    phases = await measurePhases({ sourceUrl: source.url, key, workDir, newDatabase, keep: options.keep })
    // What runBackup adds around the file: the `backups` row (find, create, 3 updates) and pruning.
    const { pruneBackups } = await import('../src/plugins/backups/operations/prune')
    // A verified row of the measured runs, for realistic `tables` JSON in the update.
    const made = (
      await payload.find({
        collection: 'backups',
        limit: 1,
        sort: '-id',
        where: { status: { equals: 'verified' } },
        overrideAccess: true,
        req,
      })
    ).docs[0]!
    const rowWork = await timed(async () => {
      await payload.find({
        collection: 'backups',
        where: { kind: { equals: 'manual' } },
        limit: 1,
        overrideAccess: true,
        req,
      })
      const doc = await payload.create({
        collection: 'backups',
        data: {
          kind: 'manual',
          slot: new Date().toISOString(),
          status: 'running',
          startedAt: new Date().toISOString(),
        },
        overrideAccess: true,
        req,
      })
      await payload.update({
        collection: 'backups',
        id: doc.id,
        data: { status: 'running', error: null, startedAt: new Date().toISOString() },
        overrideAccess: true,
        req,
      })
      await payload.update({
        collection: 'backups',
        id: doc.id,
        data: {
          fileName: 'phase-pass',
          sizeBytes: made.sizeBytes,
          sha256: made.sha256,
          tables: made.tables,
          mediaFiles: 0,
          storage: { localPath: path.join(workDir, 'none') },
        } as never,
        overrideAccess: true,
        req,
      })
      await payload.update({
        collection: 'backups',
        id: doc.id,
        data: { status: 'failed', finishedAt: new Date().toISOString() },
        overrideAccess: true,
        req,
      })
      await pruneBackups({ req, settings })
      await payload.delete({ collection: 'backups', id: doc.id, overrideAccess: true, req })
    })
    phases.reference['backups row: find + create + 3 updates + prune (+1 delete)'] = rowWork.ms
    console.log(
      `  backup   ${'backups row: find, create, 3 updates, prune'.padEnd(56)} ${seconds(rowWork.ms)} s  (reference)`,
    )
    // The real user path for a restore: `npm run restore -- <file> --database <new>` as a child.
    const cliTarget = await newDatabase('cli')
    const cli = await timed(() =>
      execFileAsync(TSX, ['src/plugins/backups/cli/restore.ts', lastOurs!.file, '--database', cliTarget.name], {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
        env: {
          ...process.env,
          NODE_OPTIONS: CHILD_NODE_OPTIONS,
          DATABASE_URL: source.url,
          BACKUP_ENCRYPTION_KEY: keyHex,
          BACKUP_S3_BUCKET: '',
          LOG_LEVEL: 'warn',
        },
      }).catch((error: Error & { stdout?: string; stderr?: string }) => {
        throw new BenchError(`npm run restore failed: ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`)
      }),
    )
    if (!cli.value.stdout.includes('row counts match the backup'))
      throw new BenchError(`npm run restore did not verify:\n${cli.value.stdout}${cli.value.stderr}`)
    phases.reference[
      'restore CLI child: tsx src/plugins/backups/cli/restore.ts <file> --database <new> (start-up included, npm wrapper not)'
    ] = cli.ms
    console.log(
      `  restore  ${'restore CLI child (tsx cli/restore.ts <file> --database)'.padEnd(56)} ${seconds(cli.ms)} s  (reference)`,
    )
    if (!options.keep) await cliTarget.drop()
  }

  // 5. Report.
  const stat = (runs: Run[]) => ({
    bestMs: Math.min(...runs.map((r) => r.ms)),
    medianMs: median(runs.map((r) => r.ms)),
    runsMs: runs.map((r) => Math.round(r.ms)),
    bytes: runs.at(-1)!.bytes,
  })
  const summary = {
    backup: { ours: stat(results.ours.backup), bare: stat(results.bare.backup) },
    restore: { ours: stat(results.ours.restore), bare: stat(results.bare.restore) },
  }
  const ratio = (what: 'backup' | 'restore', k: 'bestMs' | 'medianMs') => summary[what].ours[k] / summary[what].bare[k]
  const verdict = {
    backup: { ratioBest: ratio('backup', 'bestMs'), ratioMedian: ratio('backup', 'medianMs') },
    restore: { ratioBest: ratio('restore', 'bestMs'), ratioMedian: ratio('restore', 'medianMs') },
  }
  const passBackup = verdict.backup.ratioBest <= TARGET_RATIO
  const passRestore = verdict.restore.ratioBest <= TARGET_RATIO

  console.log(
    `\nbackup-restore, ${options.customers} customers, source ${mib(sourceBytes)}, ${sourceRows} rows, ${options.runs} runs per side\n`,
  )
  const row = (name: string, s: ReturnType<typeof stat>, sizeLabel: string) => [
    name,
    seconds(s.bestMs),
    seconds(s.medianMs),
    s.runsMs.map((ms) => seconds(ms)).join(' / '),
    sizeLabel,
  ]
  console.log(
    table(
      ['', 'best s', 'median s', 'runs s', 'size'],
      [
        row('backup  ours (.bak.enc)', summary.backup.ours, mib(summary.backup.ours.bytes)),
        row('backup  bare (pg_dump -Fc)', summary.backup.bare, mib(summary.backup.bare.bytes)),
        row('restore ours', summary.restore.ours, `db ${mib(summary.restore.ours.bytes)}`),
        row('restore bare (pg_restore)', summary.restore.bare, `db ${mib(summary.restore.bare.bytes)}`),
      ],
    ),
  )
  console.log(
    `\nbackup  ours/bare: best ${verdict.backup.ratioBest.toFixed(3)}, median ${verdict.backup.ratioMedian.toFixed(3)}  (target ≤ ${TARGET_RATIO}, on best)  →  ${passBackup ? 'PASS' : 'FAIL'}`,
  )
  console.log(
    `restore ours/bare: best ${verdict.restore.ratioBest.toFixed(3)}, median ${verdict.restore.ratioMedian.toFixed(3)}  (target ≤ ${TARGET_RATIO}, on best)  →  ${passRestore ? 'PASS' : 'FAIL'}`,
  )
  console.log(
    '\nhow ours was measured: backup = runBackup() in this process via Payload (backups row and progress; pg_dump into a pipe, each piece to pg_restore --list and framed through AES-256-GCM and SHA-256 in one pass, row counts of its snapshot beside it), BACKUP_DIR a local directory, NO S3 upload, no uploads (empty MEDIA_DIR);',
  )
  console.log(
    "  restore = restoreBackupFile() in this process (as `npm run restore -- <file> --database <new>` runs it, without the CLI's tsx start-up), into a fresh empty database, checksums verified.",
  )
  if (phases) {
    const total = (p: Record<string, number>) => Object.values(p).reduce((a, b) => a + b, 0)
    console.log(`\nour backup by phase (one pass, ${seconds(total(phases.backup))} s in all):`)
    console.log(
      table(
        ['phase', 's', 'share'],
        Object.entries(phases.backup).map(([k, ms]) => [
          k,
          seconds(ms),
          `${((100 * ms) / total(phases.backup)).toFixed(0)} %`,
        ]),
      ),
    )
    console.log(`\nour restore by phase (one pass, ${seconds(total(phases.restore))} s in all):`)
    console.log(
      table(
        ['phase', 's', 'share'],
        Object.entries(phases.restore).map(([k, ms]) => [
          k,
          seconds(ms),
          `${((100 * ms) / total(phases.restore)).toFixed(0)} %`,
        ]),
      ),
    )
    console.log(
      `\nfor reference: ${Object.entries(phases.reference)
        .map(([k, ms]) => `${k} ${seconds(ms)} s`)
        .join('; ')}`,
    )
    console.log(
      `measured minus phase sums (Payload \`backups\` row writes, pruning, start-up checks, noise): backup ${seconds(summary.backup.ours.medianMs - total(phases.backup))} s, restore ${seconds(summary.restore.ours.medianMs - total(phases.restore))} s (vs medians)`,
    )
  }
  const loadAverage = machine().loadAverage
  if (loadAverage[0]! > os.cpus().length)
    console.log(
      `\n  note: load average ${loadAverage.join(' ')} on ${os.cpus().length} CPUs — other work competed for the machine`,
    )

  const file = writeResults('backup-restore', stamp, {
    benchmark: 'backup-restore',
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    options,
    method: {
      ours: {
        backup: 'runBackup() in-process via Payload Local API; local BACKUP_DIR only, no S3; empty MEDIA_DIR',
        restore:
          'restoreBackupFile() in-process (the body of npm run restore -- <file>), fresh empty database, every table checksummed as loaded, row counts compared with the backup',
      },
      bare: { backup: 'pg_dump -Fc -f <file> <url>', restore: 'pg_restore -d <fresh db> <file>' },
      order: 'alternating: odd runs ours first, even runs bare first',
    },
    machine: { ...machine(), loadAverageBefore },
    postgres: { version: pgVersion, source: postgres.source, database: source.name, kept: options.keep },
    dataset: { ...dataset, sampleCustomer: undefined, technicians: 2, databaseBytes: sourceBytes, rows: sourceRows },
    backup: summary.backup,
    restore: summary.restore,
    ratios: verdict,
    phases,
    target: { ratio: TARGET_RATIO, on: 'best' },
    pass: { backup: passBackup, restore: passRestore },
  })
  console.log(`\nresults: ${path.relative(ROOT, file)}`)
  if (options.keep) cleanups.push(async () => console.log(`kept databases: ${kept.join(', ')}`))
  return 0
}

/**
 * Our backup and restore, step by step. The backup is one pass (pg_dump → pg_restore --list and
 * frame → encrypt → SHA-256, the counts and the uploads beside it): it is timed whole
 * (makeBackupFile), with pg_dump to a pipe alone and the row counts alone for reference. The
 * restore's steps are the plugin's exported functions in the order restoreBackupFile calls them.
 * Leaves out only the `backups` row writes and pruning (timed as the remainder of the measured runs).
 */
async function measurePhases({
  sourceUrl,
  key,
  workDir,
  newDatabase,
  keep,
}: {
  sourceUrl: string
  key: Buffer
  workDir: string
  newDatabase: (suffix: string) => Promise<BenchDatabase>
  keep: boolean
}): Promise<{ backup: Record<string, number>; restore: Record<string, number>; reference: Record<string, number> }> {
  const { tableCounts, compareChecksums } = await import('../src/plugins/backups/operations/checksums')
  const { checkPgTools, startPgTool } = await import('../src/plugins/backups/operations/pgTools')
  const { makeBackupFile } = await import('../src/plugins/backups/operations/runBackup')
  const { unpackArchive, DUMP_FILE } = await import('../src/plugins/backups/operations/archive')
  const { decryptFile } = await import('../src/plugins/backups/operations/encryption')

  const dir = path.join(workDir, 'phases')
  fs.mkdirSync(dir, { recursive: true })
  const backup: Record<string, number> = {}
  const restore: Record<string, number> = {}
  const reference: Record<string, number> = {}
  const step = async <T>(into: Record<string, number>, name: string, fn: () => Promise<T>): Promise<T> => {
    const { ms, value } = await timed(fn)
    into[name] = ms
    console.log(`  ${into === backup ? 'backup ' : 'restore'}  ${name.padEnd(64)} ${seconds(ms)} s`)
    return value
  }

  const tools = await step(backup, 'checkPgTools (versions; cached per process)', () => checkPgTools(sourceUrl))
  const made = await step(backup, 'pg_dump → pg_restore --list ‖ frame → AES-256-GCM → SHA-256, counts ‖', () =>
    makeBackupFile({
      settings: {
        databaseUrl: sourceUrl,
        backupDir: dir,
        mediaDir: path.join(workDir, 'media'),
        encryptionKey: key.toString('hex'),
        s3: undefined,
        retentionDays: 3650,
        retentionMonths: 120,
      },
      key,
      kind: 'manual',
      slot: new Date(),
      tools,
      progress: { report: () => {}, flush: async () => {} },
    }),
  )
  // For reference: pg_dump alone into a pipe read and dropped, and the row counts alone.
  reference['pg_dump -Fc alone into a pipe'] = (
    await timed(async () => {
      const dump = startPgTool(tools.pgDump, ['--format=custom'], { databaseUrl: sourceUrl })
      dump.child.stdout.resume()
      await dump.done
    })
  ).ms
  const countClient = new pg.Client({ connectionString: sourceUrl })
  await countClient.connect()
  try {
    reference['row counts alone (tableCounts)'] = (await timed(() => tableCounts(countClient))).ms
  } finally {
    await countClient.end().catch(() => {})
  }

  const target = await newDatabase('phases')
  const out = path.join(dir, 'restore')
  fs.mkdirSync(out, { recursive: true })
  const plainOut = path.join(out, 'archive')
  await step(restore, 'decrypt + SHA-256 check, one pass (decryptFile)', () =>
    decryptFile(made.file, plainOut, key, made.sha256),
  )
  await step(restore, 'unframe (unpackArchive) + remove the plain file', async () => {
    await unpackArchive(plainOut, path.join(out, 'content'))
    fs.rmSync(plainOut)
  })
  const { restoreDump } = await import('../src/plugins/backups/operations/restore')
  const restored = await step(restore, 'pg_restore ‖ checksums of each table once loaded (restoreDump)', () =>
    restoreDump(path.join(out, 'content', DUMP_FILE), target.url, made.tables),
  )
  const problems = compareChecksums(made.tables, restored)
  if (problems.length) throw new BenchError(`phase pass: restored data differs:\n  ${problems.join('\n  ')}`)
  fs.rmSync(dir, { recursive: true, force: true })
  if (!keep) await target.drop().catch(() => {})
  return { backup, restore, reference }
}
