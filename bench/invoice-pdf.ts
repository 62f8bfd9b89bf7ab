/**
 * invoice-pdf: a customer downloads their invoice PDF,
 *
 *   GET /api/invoices/:id/pdf   Authorization: JWT <token>
 *
 * from the production server (server.ts: Express → Payload REST, the file cache under
 * PDF_CACHE_DIR), against a bare `renderToBuffer(InvoiceDocument({ data, isp }))` (react-pdf as it
 * comes: the letterhead's logo given as the uploaded bytes, decoded in every document) of the same
 * document in this process, in one run on one fresh database:
 *
 *   first     M distinct invoices, cache cold: each downloaded once and rendered bare once, one at
 *             a time, alternating which side goes first. Every download must equal the bare render
 *             byte for byte and leave exactly one new file in the cache. Target: ours ≤ 1.1 × bare
 *             (median per document).
 *   repeat    the same M invoices, now cached: one at a time (what everything but the render
 *             costs), then N requests over C connections with autocannon (200 with the bytes), and
 *             N more with If-None-Match (304), against bare renders of the same documents. The cache
 *             directory must be unchanged afterwards (no render happened).
 *
 *   after run M more invoices as the invoice run leaves them: it queued one pre-render job per
 *             invoice (prerenderInvoicePdf), which a worker runs (here: this process, timed apart);
 *             then each is downloaded for the first time, one at a time, against a bare render.
 *             Every download must equal the bare render and add no file to the cache (a hit).
 *             Target: ours ≤ 1.1 × bare (median per document).
 *
 * Setup (not timed): the generator's customers, all active; monthly invoices for past months
 * (generateInvoices, as the job runs it) until there are 2M + W (W, `--warmup`, warm up both
 * sides: rendering is still speeding up over the first 25-30 documents, on both); the
 * letterhead with bank accounts and a PNG logo in the billing settings; each owner's token from
 * the ordinary customer login.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import autocannon, { type Result } from 'autocannon'

import {
  BenchError,
  benchOptions,
  hasProductionBuild,
  type Cleanups,
  freePort,
  machine,
  processTreeCpuMs,
  productNodeOptions,
  ROOT,
  type Service,
  runWithCleanups,
  startService,
  table,
  timestamp,
  writeResults,
} from './lib/harness'
import { billingBench, median, seconds, timed } from './lib/billing'

export const description =
  'invoice PDF download (GET /api/invoices/:id/pdf): first render vs bare renderToBuffer, repeats from the cache'

const TARGET_FIRST_RATIO = 1.1
/** Idle time before each timed download or render of the one-at-a-time comparisons. */
const SETTLE_MS = 25
const CUSTOMER_PASSWORD = 'pelanggan123' // the generator's default

const USAGE = `npm run bench -- invoice-pdf [options]

  --invoices <n>      distinct invoices downloaded for the first time, per phase (default 50)
  --customers <n>     generated customers owning them (default 10)
  --warmup <n>        first downloads (and bare renders) before the measured ones, not counted
                      (default 30: both sides' renders settle only after some 25-30 documents)
  --requests <n>      repeat downloads per autocannon run (default 2000)
  --connections <n>   concurrent connections for the repeats (default 10)
  --keep              keep the benchmark database (prints its name)
  -h, --help          this help

PostgreSQL: BENCH_DATABASE_ADMIN_URL, else 127.0.0.1:5432 (user postgres), else an embedded one.
Needs a production build (npm run build).`

type Options = {
  invoices: number
  customers: number
  warmup: number
  requests: number
  connections: number
  keep: boolean
}

export async function run(args: string[]): Promise<number> {
  const parsed = benchOptions(args, USAGE, {
    invoices: { default: 50, min: 1, max: 5000 },
    customers: { default: 10, min: 1, max: 1000 },
    warmup: { default: 30, min: 1, max: 1000 },
    requests: { default: 2000, min: 1, max: 10_000_000 },
    connections: { default: 10, min: 1, max: 1000 },
  })
  if ('exit' in parsed) return parsed.exit
  if (!hasProductionBuild('invoice-pdf')) return 1
  const { options } = parsed
  // The server renders with React's production build; so must the bare side (React reads this once,
  // when first imported, which happens below).
  Object.assign(process.env, { NODE_ENV: 'production' })

  const stamp = timestamp()
  const services: Service[] = []
  return runWithCleanups(
    'invoice-pdf',
    (cleanups) => benchmark(options, stamp, cleanups, services),
    () => {
      for (const service of services)
        console.error(`--- last output of ${service.name} ---\n${service.output() || '(none)'}`)
    },
  )
}

type Target = { id: number; number: string; token: string; path: string; etag: string; bytes: Buffer }
type Side = { ms: number[]; cpuMs: number | null }

async function benchmark(options: Options, stamp: string, cleanups: Cleanups, services: Service[]): Promise<number> {
  const started = Date.now()
  // Cold misses (with their warm-up), then as many pre-rendered by the run's jobs.
  const total = 2 * options.invoices + options.warmup
  console.log(
    `invoice-pdf: ${options.invoices} invoices of ${options.customers} customers; repeats ${options.requests} requests × ${options.connections} connections\n`,
  )

  // 1. Database, Payload in this process (setup and the bare side's data), a pg client.
  const bench = await billingBench(
    'pdf',
    stamp,
    { customers: options.customers, runs: 1, keep: options.keep },
    cleanups,
  )
  const { payload, client } = bench
  const { createLocalReq } = await import('payload')
  const { default: sharp } = await import('sharp')
  const { periodOf, addDays, wibDay } = await import('../src/plugins/billing/operations/calendar')
  const { generateInvoices } = await import('../src/plugins/billing/operations/invoices/generateInvoices')
  const { loadInvoiceDocument } = await import('../src/plugins/billing/operations/documents/documents')
  const { createPdfCache, documentVersion, renderInvoicePdf } = await import('../src/plugins/billing/documents')
  const { renderToBuffer } = await import('@react-pdf/renderer')
  const { InvoiceDocument } = await import('../src/plugins/billing/documents/InvoiceDocument')
  const { preparedLogoEmbeds } = await import('../src/plugins/billing/documents/letterheadLogo')
  const { sharedFontOpens } = await import('../src/plugins/billing/documents/standardFonts')
  // The bare render: react-pdf's renderToBuffer of the very document the endpoint draws, as react-pdf
  // comes: the logo as bytes our renderer never prepared (a copy), so pdfkit decodes it as it does
  // by itself, and the built-in fonts' metrics built for the document (checked below).
  const bareLetterheads = new WeakMap<object, Parameters<typeof InvoiceDocument>[0]['isp']>()
  const bareRender = async (doc: {
    data: Parameters<typeof InvoiceDocument>[0]['data']
    isp: Parameters<typeof InvoiceDocument>[0]['isp']
  }) => {
    let isp = bareLetterheads.get(doc.isp)
    if (!isp)
      bareLetterheads.set(
        doc.isp,
        (isp = { ...doc.isp, logo: doc.isp.logo ? Buffer.from(doc.isp.logo) : doc.isp.logo }),
      )
    const [embeds, fonts] = [preparedLogoEmbeds(), sharedFontOpens()]
    const pdf = await renderToBuffer(InvoiceDocument({ data: doc.data, isp }))
    if (preparedLogoEmbeds() !== embeds || sharedFontOpens() !== fonts)
      throw new BenchError('the bare render used what our renderer prepares (the logo or the fonts)')
    return pdf
  }

  // 2. Invoices: every customer active since long ago, one invoice each per past month until there are enough.
  let t = Date.now()
  await client.query(`UPDATE customers SET status = 'active', activation_date = now() - interval '10 years'`)
  // The generator's invoice history (written in SQL, behind the analytics) is not what this bench
  // downloads: every invoice here is made by the invoice run, with the pre-render job it queues.
  await client.query('TRUNCATE invoices, payments CASCADE')
  const months = Math.ceil(total / options.customers)
  let period = periodOf(wibDay())
  for (let i = 0; i < months; i++) {
    period = periodOf(addDays(`${period}-01`, -1))
    await generateInvoices({ payload, day: `${period}-28` })
  }
  // The letterhead as an ISP fills it in, with a PNG logo from the media library.
  const logoSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320"><rect width="100%" height="100%" rx="40" fill="#0b5394"/><circle cx="160" cy="140" r="80" fill="none" stroke="#fff" stroke-width="18"/><text x="160" y="285" font-size="44" text-anchor="middle" fill="#fff" font-family="sans-serif">NetDepok</text></svg>`
  const logo = await sharp(Buffer.from(logoSvg)).png().toBuffer()
  const media = await payload.create({
    collection: 'media',
    data: { alt: 'Logo NetDepok Fiber' },
    file: { data: logo, mimetype: 'image/png', name: 'logo-netdepok.png', size: logo.length },
    overrideAccess: true,
  })
  await payload.updateGlobal({
    slug: 'billing-settings',
    data: {
      ispName: 'NetDepok Fiber',
      ispAddress: 'Jl. Margonda Raya No. 100, Beji, Depok 16424',
      ispPhone: '+62 21 7777 1234',
      ispEmail: 'tagihan@netdepok.id',
      npwp: '01.234.567.8-412.000',
      bankAccounts: [
        { bank: 'BCA', accountNumber: '123 456 7890', holder: 'PT NetDepok Fiber' },
        { bank: 'BRI', accountNumber: '0123 01 000123 30 5', holder: 'PT NetDepok Fiber' },
      ],
      invoiceFooter: 'Layanan pelanggan: WhatsApp 0811-2345-6789 (08.00–20.00 WIB)',
    },
    overrideAccess: true,
  })
  // The logo set in SQL: a global update does not hand `overrideAccess` to field validation, so
  // the upload field's reader check would refuse this process's anonymous request.
  await client.query(`UPDATE billing_settings SET logo_id = $1`, [media.id])
  const { rows: invoiceRows } = await client.query<{
    id: number
    number: string
    customer_id: number
    username: string
  }>(
    `SELECT i.id, i.number, i.customer_id, c.username FROM invoices i JOIN customers c ON c.id = i.customer_id ORDER BY i.period DESC, i.customer_id LIMIT $1`,
    [total],
  )
  if (invoiceRows.length < total) throw new BenchError(`setup made ${invoiceRows.length} invoices, ${total} needed`)
  console.log(
    `setup: ${months} monthly runs, ${invoiceRows.length} invoices used, letterhead with a ${logo.length}-byte PNG logo, in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  )

  // 3. The production server, with a PDF cache of its own.
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ispops-bench-pdf-cache-'))
  cleanups.push(async () => fs.rmSync(cacheDir, { recursive: true, force: true }))
  const env: NodeJS.ProcessEnv = {
    ...process.env, // DATABASE_URL, PAYLOAD_SECRET, MEDIA_DIR as billingBench set them
    NODE_ENV: 'production',
    NODE_OPTIONS: productNodeOptions(), // as `npm start` runs it
    HOST: '127.0.0.1',
    RUN_WORKER_IN_PROCESS: 'false',
    PDF_CACHE_DIR: cacheDir,
    LOG_LEVEL: 'warn',
    // Many sign-ins from one address; the per-address sign-in limit is not under test here.
    AUTH_RATE_LIMIT: String(options.customers + 100),
  }
  delete env.DATABASE_EMBEDDED
  t = Date.now()
  const port = await freePort()
  const server = await startService({
    name: 'ours (server.ts)',
    script: 'server.ts',
    env: { ...env, PORT: String(port) },
    port,
    readyPath: '/readyz',
  })
  services.push(server)
  cleanups.push(server.stop)
  console.log(`our server up on ${server.url} in ${((Date.now() - t) / 1000).toFixed(1)} s`)

  // 4. Owners' tokens; the document data and letterhead as the endpoint builds them (from this process's Payload).
  const tokens = new Map<number, string>()
  for (const username of new Set(invoiceRows.map((r) => r.username))) {
    const res = await fetch(`${server.url}/api/customers/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: CUSTOMER_PASSWORD }),
    })
    const body = (await res.json().catch(() => undefined)) as { token?: string; user?: { id: number } } | undefined
    if (res.status !== 200 || !body?.token || !body.user)
      throw new BenchError(`customer login ${username} failed (${res.status}): ${JSON.stringify(body)}`)
    tokens.set(body.user.id, body.token)
  }
  const req = await createLocalReq({}, payload)
  const allDocuments = await Promise.all(
    invoiceRows.map(async (row) => {
      const invoice = await payload.findByID({ collection: 'invoices', id: row.id, depth: 0, overrideAccess: true })
      const { data, isp } = await loadInvoiceDocument({ req, invoice })
      if (!isp.logo?.length) throw new BenchError('the letterhead has no logo: the media file was not found')
      return { row, data, isp, version: documentVersion(data, isp) }
    }),
  )

  const documents = allDocuments.slice(0, options.invoices + options.warmup)
  const prerenderedDocs = allDocuments.slice(options.invoices + options.warmup)
  const cacheFiles = () => fs.readdirSync(cacheDir).filter((f) => f.endsWith('.pdf'))
  const download = async (id: number, token: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}/api/invoices/${id}/pdf`, {
      headers: { authorization: `JWT ${token}`, ...headers },
    })
    return {
      status: res.status,
      etag: res.headers.get('etag'),
      type: res.headers.get('content-type'),
      bytes: Buffer.from(await res.arrayBuffer()),
    }
  }
  const sameBytes = (label: string, ours: Buffer, bare: Buffer) => {
    if (ours.equals(bare)) return
    let at = 0
    while (at < Math.min(ours.length, bare.length) && ours[at] === bare[at]) at++
    throw new BenchError(
      `${label}: the endpoint's PDF (${ours.length} bytes) differs from the bare render (${bare.length} bytes) from byte ${at}`,
    )
  }

  const r1 = (n: number) => n.toFixed(1)
  const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
  // Both sides for one invoice, alternating which goes first and letting the machine settle
  // before each: neither runs on a machine still busy with what the other left behind (its garbage
  // collection, the server writing the cache file after answering).
  const inTurn = async (index: number, ours: () => Promise<void>, bare: () => Promise<void>) => {
    for (const side of index % 2 === 0 ? [ours, bare] : [bare, ours]) {
      await settle()
      await side()
    }
  }
  // 5. First downloads, cache cold. The first `--warmup` invoices warm both sides (code paths, JIT) and do not count.
  console.log(`\nfirst downloads: ${options.warmup} to warm up, then ${options.invoices} measured, one at a time…`)
  const first: Record<'ours' | 'bare', Side> = { ours: { ms: [], cpuMs: 0 }, bare: { ms: [], cpuMs: 0 } }
  const targets: Target[] = []
  for (const [index, doc] of documents.entries()) {
    const token = tokens.get(doc.row.customer_id)!
    const measured = index >= options.warmup
    const filesBefore = cacheFiles().length
    let ours: Awaited<ReturnType<typeof download>> | undefined
    let bare: Buffer | undefined
    const runOurs = async () => {
      const cpu = processTreeCpuMs(server.child.pid)
      const r = await timed(() => download(doc.row.id, token))
      const cpuAfter = processTreeCpuMs(server.child.pid)
      ours = r.value
      if (measured) {
        first.ours.ms.push(r.ms)
        first.ours.cpuMs =
          cpu === undefined || cpuAfter === undefined || first.ours.cpuMs === null
            ? null
            : first.ours.cpuMs + cpuAfter - cpu
      }
    }
    const runBare = async () => {
      const cpu = process.cpuUsage()
      const r = await timed(() => bareRender(doc))
      const used = process.cpuUsage(cpu)
      bare = r.value
      if (measured) {
        first.bare.ms.push(r.ms)
        first.bare.cpuMs! += (used.user + used.system) / 1000
      }
    }
    await inTurn(index, runOurs, runBare)
    const label = `invoice ${doc.row.number}`
    if (ours!.status !== 200 || ours!.type !== 'application/pdf')
      throw new BenchError(
        `${label}: the endpoint answered ${ours!.status} ${ours!.type}: ${ours!.bytes.toString('utf8', 0, 300)}`,
      )
    if (ours!.etag !== `"${doc.version}"`)
      throw new BenchError(
        `${label}: ETag ${ours!.etag}, but the document data here has version "${doc.version}": the endpoint drew it from different data`,
      )
    sameBytes(label, ours!.bytes, bare!)
    // The download is answered before its cache file is written: wait (untimed) for the file.
    let files = cacheFiles()
    for (let i = 0; i < 100 && files.length === filesBefore; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      files = cacheFiles()
    }
    if (files.length !== filesBefore + 1 || !files.includes(`${doc.row.number}-${doc.version}.pdf`)) {
      throw new BenchError(
        `${label}: expected one new cached PDF ${doc.row.number}-${doc.version}.pdf (a render); the cache went from ${filesBefore} to ${files.length} files`,
      )
    }
    if (measured)
      targets.push({
        id: doc.row.id,
        number: doc.row.number,
        token,
        path: `/api/invoices/${doc.row.id}/pdf`,
        etag: ours!.etag!,
        bytes: ours!.bytes,
      })
  }
  const firstOursMedian = median(first.ours.ms)
  const firstBareMedian = median(first.bare.ms)
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  const firstRatio = {
    median: firstOursMedian / firstBareMedian,
    total: sum(first.ours.ms) / sum(first.bare.ms),
    cpu: first.ours.cpuMs !== null && first.bare.cpuMs ? first.ours.cpuMs / first.bare.cpuMs : null,
  }
  // What a download adds to the bare render, per invoice. Our render is cheaper than the bare one
  // (the logo and the fonts' metrics are prepared once, not per document: the warm renders below
  // compare the two); the download adds the request, the database read and the answer to it.
  const firstAddedMs = median(first.ours.ms.map((ms, i) => ms - first.bare.ms[i]!))
  const budget = firstBareMedian * (TARGET_FIRST_RATIO - 1)
  console.log(
    `  every download equals the bare render byte for byte, and left exactly one new file in the cache (${cacheFiles().length} now)`,
  )
  // Said at once, so the figure stands even if a later phase fails.
  console.log(
    `  cold miss: median ${r1(firstOursMedian)} ms ours / ${r1(firstBareMedian)} ms bare = ${firstRatio.median.toFixed(2)}×${firstRatio.cpu === null ? '' : `; CPU ${r1(first.ours.cpuMs! / first.ours.ms.length)} / ${r1(first.bare.cpuMs! / first.bare.ms.length)} ms per doc = ${firstRatio.cpu.toFixed(2)}×`}; the download adds ${r1(firstAddedMs)} ms to the bare render (median per invoice; 10% is ${r1(budget)} ms)`,
  )

  // 5b. First downloads after the invoice run: its pre-render jobs run first (as a worker would,
  // here in this process, rendering into the server's cache), then each download is a cache hit.
  process.env.PDF_CACHE_DIR = cacheDir
  const { rows: jobRows } = await client.query<{ id: number }>(
    `SELECT id FROM payload_jobs WHERE task_slug = 'prerenderInvoicePdf' AND completed_at IS NULL AND (input->>'invoice')::int = ANY($1) ORDER BY id`,
    [prerenderedDocs.map((d) => d.row.id)],
  )
  if (jobRows.length !== prerenderedDocs.length)
    throw new BenchError(
      `the invoice run queued ${jobRows.length} pre-render jobs for ${prerenderedDocs.length} of its invoices (one each expected)`,
    )
  const filesBeforeJobs = cacheFiles().length
  const jobsRun = await timed(async () => {
    for (const job of jobRows) await payload.jobs.runByID({ id: job.id, overrideAccess: true })
  })
  const filesAfterJobs = cacheFiles()
  for (const doc of prerenderedDocs)
    if (!filesAfterJobs.includes(`${doc.row.number}-${doc.version}.pdf`))
      throw new BenchError(`the pre-render job of ${doc.row.number} left no ${doc.row.number}-${doc.version}.pdf`)
  console.log(
    `\nafter the invoice run: ${jobRows.length} pre-render jobs (one per invoice) in ${seconds(jobsRun.ms)} s (${r1(jobsRun.ms / jobRows.length)} ms each, by the worker); ${filesAfterJobs.length - filesBeforeJobs} PDFs cached`,
  )
  const afterRun: Record<'ours' | 'bare', number[]> = { ours: [], bare: [] }
  for (const [index, doc] of prerenderedDocs.entries()) {
    const token = tokens.get(doc.row.customer_id)!
    let ours: Awaited<ReturnType<typeof download>> | undefined
    let bare: Buffer | undefined
    const runOurs = async () => {
      const r = await timed(() => download(doc.row.id, token))
      ours = r.value
      afterRun.ours.push(r.ms)
    }
    const runBare = async () => {
      const r = await timed(() => bareRender(doc))
      bare = r.value
      afterRun.bare.push(r.ms)
    }
    await inTurn(index, runOurs, runBare)
    if (ours!.status !== 200 || ours!.etag !== `"${doc.version}"`)
      throw new BenchError(
        `after the run, ${doc.row.number}: ${ours!.status}, ETag ${ours!.etag} (expected "${doc.version}")`,
      )
    sameBytes(`after the run, ${doc.row.number}`, ours!.bytes, bare!)
  }
  if (cacheFiles().length !== filesAfterJobs.length)
    throw new BenchError(
      `first downloads after the run rendered: the cache went from ${filesAfterJobs.length} to ${cacheFiles().length} files`,
    )
  const afterRunRatio = median(afterRun.ours) / median(afterRun.bare)
  const afterRunPass = afterRunRatio <= TARGET_FIRST_RATIO
  console.log(
    `  ${prerenderedDocs.length} first downloads, all cache hits equal to the bare render byte for byte; median ${r1(median(afterRun.ours))} ms vs bare render ${r1(median(afterRun.bare))} ms`,
  )

  // 6. Repeats, cached. One at a time first: everything the endpoint does except rendering.
  const snapshot = () => new Map(cacheFiles().map((f) => [f, fs.statSync(path.join(cacheDir, f)).mtimeMs]))
  const cacheBefore = snapshot()
  console.log(`\nrepeat downloads (cached):`)
  const cachedOne: number[] = []
  for (const target of targets) {
    const r = await timed(() => download(target.id, target.token))
    if (r.value.status !== 200) throw new BenchError(`repeat of ${target.number}: ${r.value.status}`)
    sameBytes(`repeat of ${target.number}`, r.value.bytes, target.bytes)
    cachedOne.push(r.ms)
  }
  console.log(
    `  one at a time: ${targets.length} downloads, median ${cachedOne.length ? median(cachedOne).toFixed(1) : '-'} ms, bytes unchanged`,
  )

  // Then under load, each request for the next invoice in turn, with its owner's token.
  const load = async (title: string, conditional: boolean) => {
    let next = 0
    const cpu = processTreeCpuMs(server.child.pid)
    process.stdout.write(`  ${title}: ${options.requests} requests over ${options.connections} connections… `)
    const result: Result = await autocannon({
      url: server.url,
      connections: options.connections,
      amount: options.requests,
      timeout: 30,
      title,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => {
            const target = targets[next++ % targets.length]!
            const headers: Record<string, string> = { ...request.headers, authorization: `JWT ${target.token}` }
            if (conditional) headers['if-none-match'] = target.etag
            return { ...request, path: target.path, headers }
          },
        },
      ],
    })
    const cpuAfter = processTreeCpuMs(server.child.pid)
    process.stdout.write(`${Math.round(result.requests.average)} req/s\n`)
    return { result, serverCpuMs: cpu !== undefined && cpuAfter !== undefined ? cpuAfter - cpu : undefined }
  }
  const full = await load('200 (bytes)', false)
  const conditional = await load('304 (If-None-Match)', true)
  const cacheAfter = snapshot()
  const cacheUnchanged =
    cacheAfter.size === cacheBefore.size && [...cacheBefore].every(([f, mtime]) => cacheAfter.get(f) === mtime)
  if (!cacheUnchanged)
    throw new BenchError(
      `the cache changed during the repeats (${cacheBefore.size} → ${cacheAfter.size} files, or rewritten): something was rendered again`,
    )
  const expectCodes = (name: string, r: Result, code: string) => {
    const codes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([c, { count }]) => [c, count]))
    if (r.errors || r.timeouts || codes[code] !== r.requests.total || r.requests.total < options.requests) {
      throw new BenchError(
        `${name}: expected ${options.requests} × ${code}, got ${JSON.stringify(codes)}, ${r.errors} errors, ${r.timeouts} timeouts`,
      )
    }
  }
  expectCodes('repeat downloads', full.result, '200')
  expectCodes('conditional repeats', conditional.result, '304')
  const bytesPerDownload = full.result.throughput.total / full.result.requests.total
  console.log(
    `  cache unchanged: ${cacheAfter.size} files, none written since the first downloads (no render); ${Math.round(bytesPerDownload)} bytes per 200 response`,
  )

  // Bare renders of the same documents again, warm, as the no-cache alternative to a repeat.
  const repeatDocs = documents.slice(options.warmup)
  const bareCpu = process.cpuUsage()
  const bareRepeat = await timed(async () => {
    for (const doc of repeatDocs) await bareRender(doc)
  })
  const bareRepeatCpu = process.cpuUsage(bareCpu)
  const bareMsPerDoc = bareRepeat.ms / repeatDocs.length
  const bareCpuMsPerDoc = (bareRepeatCpu.user + bareRepeatCpu.system) / 1000 / repeatDocs.length
  console.log(
    `  bare renders: ${repeatDocs.length} documents in ${seconds(bareRepeat.ms)} s, ${(1000 / bareMsPerDoc).toFixed(1)} docs/s`,
  )
  // Our renderer on the same documents, warm too: what preparing the logo and the fonts once buys.
  const ownRepeat = await timed(async () => {
    for (const doc of repeatDocs) {
      const [embeds, fonts] = [preparedLogoEmbeds(), sharedFontOpens()]
      await renderInvoicePdf(doc.data, doc.isp)
      if (preparedLogoEmbeds() !== embeds + 1 || sharedFontOpens() === fonts)
        throw new BenchError(`${doc.row.number}: renderInvoicePdf did not use the prepared logo and fonts`)
    }
  })
  const ownMsPerDoc = ownRepeat.ms / repeatDocs.length
  console.log(
    `  our renderer (renderInvoicePdf: the logo and the fonts' metrics prepared once): ${r1(ownMsPerDoc)} ms per document against ${r1(bareMsPerDoc)} bare = ${(ownMsPerDoc / bareMsPerDoc).toFixed(2)}×`,
  )

  // 7. Where the endpoint's time goes besides rendering: its steps, in this process, on the same
  // Payload code and data (not part of the comparison). Beside them, a whole cached download over
  // HTTP (Express, the REST bridge, the response and the client on top of the steps).
  console.log(
    `\nprofile: the endpoint's steps in this process, ${targets.length} invoices × 3 rounds (not part of the comparison)…`,
  )
  const stepNames = [
    'auth (JWT + customer read)',
    '  of which its customer read',
    '  the same read without joins',
    'invoice read (owner access)',
    'document reads (parallel)',
    'documentVersion',
    'cache read (hit)',
    'cache write',
  ] as const
  const steps = new Map<string, number[]>(stepNames.map((n) => [n, []]))
  const step = async <T>(name: (typeof stepNames)[number], fn: () => Promise<T>): Promise<T> => {
    const r = await timed(fn)
    steps.get(name)!.push(r.ms)
    return r.value
  }
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ispops-bench-pdf-profile-'))
  cleanups.push(async () => fs.rmSync(profileDir, { recursive: true, force: true }))
  const profileCache = createPdfCache(profileDir)
  let profiled = 0
  for (let round = 0; round < 3; round++) {
    for (const target of targets) {
      const { user } = await step('auth (JWT + customer read)', () =>
        payload.auth({ headers: new Headers({ authorization: `JWT ${target.token}` }) }),
      )
      if (!user)
        throw new BenchError(`profile: the token of ${target.number}'s owner does not authenticate in this process`)
      await step('  of which its customer read', () =>
        payload.findByID({ collection: 'customers', id: user.id, depth: 0, overrideAccess: true }),
      )
      await step('  the same read without joins', () =>
        payload.findByID({ collection: 'customers', id: user.id, depth: 0, joins: false, overrideAccess: true }),
      )
      const userReq = await createLocalReq({ user }, payload)
      const invoice = await step('invoice read (owner access)', () =>
        payload.findByID({
          collection: 'invoices',
          id: target.id,
          depth: 0,
          joins: false,
          overrideAccess: false,
          user,
          req: userReq,
          disableErrors: true,
        }),
      )
      if (!invoice) throw new BenchError(`profile: ${target.number} is not readable by its owner`)
      const { data, isp } = await step('document reads (parallel)', () =>
        loadInvoiceDocument({ req: userReq, invoice }),
      )
      const version = await step('documentVersion', async () => documentVersion(data, isp))
      const key = `${data.number}-${version}-${round}`
      await step('cache write', () => profileCache.put(key, target.bytes))
      await step('cache read (hit)', () => profileCache.get(key))
      profiled++
    }
  }
  const profile = Object.fromEntries([...steps].map(([name, ms]) => [name.trim(), median(ms)]))
  const inProcess = [
    'auth (JWT + customer read)',
    'invoice read (owner access)',
    'document reads (parallel)',
    'documentVersion',
    'cache read (hit)',
  ].reduce((a, n) => a + profile[n]!, 0)

  // 8. Report.
  const r2 = (n: number) => n.toFixed(2)
  const cpuPerDoc = (s: Side) => (s.cpuMs === null ? null : s.cpuMs / s.ms.length)
  const firstPass = firstRatio.median <= TARGET_FIRST_RATIO
  const repeatStats = (m: { result: Result; serverCpuMs?: number }) => ({
    requestsPerSecond: Number(m.result.requests.average.toFixed(1)),
    requests: m.result.requests.total,
    msPerDocument: (m.result.duration * 1000) / m.result.requests.total,
    latencyMs: { p50: m.result.latency.p50, p99: m.result.latency.p99, max: m.result.latency.max },
    serverCpuMsPerRequest: m.serverCpuMs === undefined ? null : m.serverCpuMs / m.result.requests.total,
  })
  const repeat200 = repeatStats(full)
  const repeat304 = repeatStats(conditional)
  const speedup = bareMsPerDoc / repeat200.msPerDocument
  const repeatPass = cacheUnchanged && speedup > 1

  console.log(`\ninvoice-pdf: first download of ${options.invoices} invoices (cache cold), one at a time\n`)
  console.log(
    table(
      ['', 'median ms', 'mean ms', 'min ms', 'max ms', 'total s', 'CPU ms/doc'],
      [
        [
          'ours: GET /api/invoices/:id/pdf',
          r1(firstOursMedian),
          r1(sum(first.ours.ms) / first.ours.ms.length),
          r1(Math.min(...first.ours.ms)),
          r1(Math.max(...first.ours.ms)),
          seconds(sum(first.ours.ms)),
          cpuPerDoc(first.ours) === null ? 'n/a' : r1(cpuPerDoc(first.ours)!),
        ],
        [
          'bare: renderToBuffer(InvoiceDocument)',
          r1(firstBareMedian),
          r1(sum(first.bare.ms) / first.bare.ms.length),
          r1(Math.min(...first.bare.ms)),
          r1(Math.max(...first.bare.ms)),
          seconds(sum(first.bare.ms)),
          r1(cpuPerDoc(first.bare)!),
        ],
        [
          'ours, cached, one at a time',
          r1(median(cachedOne)),
          r1(sum(cachedOne) / cachedOne.length),
          r1(Math.min(...cachedOne)),
          r1(Math.max(...cachedOne)),
          seconds(sum(cachedOne)),
          '',
        ],
      ],
    ),
  )
  console.log(
    `\nfirst download, cold miss (not pre-rendered) ours/bare: median ${r2(firstRatio.median)}×, total ${r2(firstRatio.total)}×, paired (median of per-invoice ratios) ${r2(median(first.ours.ms.map((ms, i) => ms / first.bare.ms[i]!)))}×${firstRatio.cpu === null ? '' : `, CPU ${r2(firstRatio.cpu)}×`}  (target ≤ ${TARGET_FIRST_RATIO}×, on the median)  →  ${firstPass ? 'PASS' : 'FAIL'}`,
  )
  console.log(
    `  all ${options.invoices + options.warmup} downloads equal the bare render byte for byte; the download adds ${r1(firstAddedMs)} ms to the bare render; our renderer alone, warm: ${r2(ownMsPerDoc / bareMsPerDoc)}× the bare one`,
  )
  console.log(
    `first download after the invoice run (pre-rendered by its jobs) ours/bare: median ${r1(median(afterRun.ours))} ms / ${r1(median(afterRun.bare))} ms = ${r2(afterRunRatio)}×  (target ≤ ${TARGET_FIRST_RATIO}×)  →  ${afterRunPass ? 'PASS' : 'FAIL'}`,
  )
  console.log(
    `\nwhere a download's time goes besides rendering (medians over ${profiled} runs in this process; the 10% budget is ${r1(budget)} ms)\n`,
  )
  console.log(
    table(
      ['step', 'median ms'],
      [
        ...stepNames.map((n) => [n, r2(median(steps.get(n)!))]),
        ['sum of the steps of a cached download', r2(inProcess)],
        ['a cached download over HTTP, one at a time', r2(median(cachedOne))],
        ['first download − bare render (medians)', r2(firstOursMedian - firstBareMedian)],
      ],
    ),
  )

  console.log(
    `\ninvoice-pdf: repeat downloads of the same ${targets.length} invoices, ${options.requests} requests × ${options.connections} connections\n`,
  )
  const cpuCell = (n: number | null) => (n === null ? 'n/a' : r2(n))
  console.log(
    table(
      ['', 'docs/s', 'ms per doc', 'p50 ms', 'p99 ms', 'CPU ms/doc'],
      [
        [
          'ours, cached: 200 with the PDF',
          r1(repeat200.requestsPerSecond),
          r2(repeat200.msPerDocument),
          String(repeat200.latencyMs.p50),
          String(repeat200.latencyMs.p99),
          cpuCell(repeat200.serverCpuMsPerRequest),
        ],
        [
          'ours, cached: 304 (If-None-Match)',
          r1(repeat304.requestsPerSecond),
          r2(repeat304.msPerDocument),
          String(repeat304.latencyMs.p50),
          String(repeat304.latencyMs.p99),
          cpuCell(repeat304.serverCpuMsPerRequest),
        ],
        ['bare: renderToBuffer, every time', r1(1000 / bareMsPerDoc), r2(bareMsPerDoc), '', '', r2(bareCpuMsPerDoc)],
      ],
    ),
  )
  console.log(
    `\nrepeats: bare ms per doc ÷ ours ms per doc = ${r1(speedup)}× (cached 200)${repeat200.serverCpuMsPerRequest ? `, CPU ${r1(bareCpuMsPerDoc / repeat200.serverCpuMsPerRequest)}×` : ''}; cache unchanged (${cacheAfter.size} files, 0 renders)  →  ${repeatPass ? 'PASS' : 'FAIL'}`,
  )
  const loadAverage = machine().loadAverage
  if (loadAverage[0]! > os.cpus().length)
    console.log(
      `  note: load average ${loadAverage.join(' ')} on ${os.cpus().length} CPUs — other work competed for the machine; CPU ms/doc is the steadier figure`,
    )

  const file = writeResults('invoice-pdf', stamp, {
    benchmark: 'invoice-pdf',
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    options,
    machine: machine(),
    postgres: {
      version: bench.pgVersion,
      source: bench.postgresSource,
      database: bench.databaseName,
      kept: options.keep,
    },
    dataset: {
      customers: options.customers,
      invoices: invoiceRows.length,
      warmupInvoices: options.warmup,
      logoBytes: logo.length,
      pdfBytes: {
        min: Math.min(...targets.map((x) => x.bytes.length)),
        max: Math.max(...targets.map((x) => x.bytes.length)),
      },
    },
    method: {
      ours: 'GET /api/invoices/:id/pdf with the owner’s JWT on the production server (server.ts, NODE_ENV=production), timed by the client (fetch, body read)',
      bare: 'renderToBuffer(InvoiceDocument({ data, isp })) in the bench process (NODE_ENV=production), data and isp from loadInvoiceDocument as the endpoint builds them, the logo as bytes our renderer never prepared',
      ownRender:
        'renderInvoicePdf(data, isp) in the bench process, warm, against bare renders of the same documents (the logo and the fonts prepared once): reported, not part of the target',
      order: `one invoice at a time, alternating which side goes first, ${SETTLE_MS} ms idle before each; the warm-up invoices not counted`,
      checks:
        'each first download equals the bare render byte for byte, its ETag is documentVersion(data, isp), and it adds exactly one file to the cache; repeats return the same bytes and leave the cache untouched',
    },
    first: {
      ours: {
        medianMs: firstOursMedian,
        totalMs: sum(first.ours.ms),
        cpuMsPerDoc: cpuPerDoc(first.ours),
        ms: first.ours.ms.map((x) => Number(x.toFixed(2))),
      },
      bare: {
        medianMs: firstBareMedian,
        totalMs: sum(first.bare.ms),
        cpuMsPerDoc: cpuPerDoc(first.bare),
        ms: first.bare.ms.map((x) => Number(x.toFixed(2))),
      },
      cachedOneAtATime: { medianMs: median(cachedOne), totalMs: sum(cachedOne) },
      pairedRatioMedian: median(first.ours.ms.map((ms, i) => ms / first.bare.ms[i]!)),
      addedMsMedian: firstAddedMs,
      ownRenderWarm: { msPerDoc: ownMsPerDoc, bareMsPerDoc, ratio: ownMsPerDoc / bareMsPerDoc },
      profileMedianMs: profile,
      overheadBudgetMs: budget,
      ratio: firstRatio,
      target: { ratio: TARGET_FIRST_RATIO, on: 'median' },
      pass: firstPass,
    },
    afterRun: {
      jobs: jobRows.length,
      jobsMs: jobsRun.ms,
      ours: { medianMs: median(afterRun.ours), ms: afterRun.ours.map((x) => Number(x.toFixed(2))) },
      bare: { medianMs: median(afterRun.bare), ms: afterRun.bare.map((x) => Number(x.toFixed(2))) },
      ratio: afterRunRatio,
      target: { ratio: TARGET_FIRST_RATIO, on: 'median' },
      pass: afterRunPass,
    },
    repeat: {
      ours200: repeat200,
      ours304: repeat304,
      bare: { msPerDocument: bareMsPerDoc, cpuMsPerDocument: bareCpuMsPerDoc },
      speedup,
      cacheFiles: cacheAfter.size,
      cacheUnchanged,
      pass: repeatPass,
    },
    pass: firstPass && afterRunPass && repeatPass,
  })
  console.log(`\nresults: ${path.relative(ROOT, file)}`)
  // Like the other benchmarks: a missed target is a result, not a failure (wrong bytes are).
  return 0
}
