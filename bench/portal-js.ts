/**
 * portal-js: the JavaScript a phone downloads on the first load of the customer portal's dashboard
 * (`/portal`), from the production build (`npm run build` first): the scripts every page loads
 * (webpack runtime, framework, Next's app runtime: `rootMainFiles` of `.next/build-manifest.json`)
 * plus the chunks of the portal's layouts and the dashboard page (from the page's client reference
 * manifest), each compressed with gzip level 9 and with brotli (quality 11) as a
 * server or CDN would send it. Polyfills are left out: they load only in browsers without ES
 * modules (`nomodule`). Target: ≤ 170 KB gzip.
 *
 *   npm run bench -- portal-js [--page /portal/tagihan]
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

import { BenchError, hasProductionBuild, machine, ROOT, timestamp, writeResults } from './lib/harness'

export const description = 'compressed JS of the portal dashboard first load, from the production build (≤ 170 KB)'

const TARGET_KB = 170
const NEXT = path.join(ROOT, '.next')

/** `/portal/tagihan` → the app-router page key of the route group layout: `/(portal)/portal/(app)/tagihan/page`. */
function pageKeyFor(route: string): { key: string; manifest: string } {
  const appDir = path.join(NEXT, 'server/app')
  const candidates = [`(portal)/portal/(app)${route.replace(/^\/portal/, '')}/page`, `(portal)${route}/page`].map((p) =>
    p.replace(/\/+/g, '/'),
  )
  for (const candidate of candidates) {
    const manifest = path.join(appDir, `${candidate}_client-reference-manifest.js`)
    if (fs.existsSync(manifest)) return { key: `/${candidate}`, manifest }
  }
  throw new BenchError(`no client reference manifest for ${route} in ${appDir}`)
}

type ClientModules = Record<string, { chunks?: (string | number)[] }>

/**
 * The chunks of a page and its layouts. The webpack build's client reference manifest lists every
 * client module with the chunks that load it (as `[id, file, id, file…]`); the page's own modules are
 * those loaded by its entry chunk or one of its layouts' (`static/chunks/app/<segments>/page-…`,
 * `…/layout-…`), and the chunks they need are what the page adds to the runtime.
 */
function pageChunks(route: string): string[] {
  const { key, manifest } = pageKeyFor(route)
  const sandbox: Record<string, unknown> = {}
  // The manifest is a script assigning globalThis.__RSC_MANIFEST[key]; run it on a private object.
  new Function('globalThis', fs.readFileSync(manifest, 'utf8'))(sandbox)
  const all = sandbox.__RSC_MANIFEST as Record<string, { clientModules?: ClientModules }>
  const modules = all?.[key]?.clientModules
  if (!modules) throw new BenchError(`no clientModules for ${key} in ${manifest}`)
  const segments = key.slice(1).split('/').slice(0, -1)
  const own = [
    `static/chunks/app/${key.slice(1)}-`,
    ...segments.map((_, i) => `static/chunks/app/${segments.slice(0, i + 1).join('/')}/layout-`),
  ]
  const files = new Set<string>()
  for (const { chunks = [] } of Object.values(modules)) {
    const list = chunks.filter((_, i) => i % 2 === 1).map(String)
    if (list.some((file) => own.some((prefix) => file.startsWith(prefix)))) list.forEach((file) => files.add(file))
  }
  if (![...files].some((file) => file.startsWith(own[0]!))) throw new BenchError(`no chunk of ${key} found`)
  return [...files]
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log('npm run bench -- portal-js [--page /portal]   (needs `npm run build` first)')
    return 0
  }
  if (!hasProductionBuild('portal-js')) return 2
  const pageIndex = args.indexOf('--page')
  const route = pageIndex >= 0 ? args[pageIndex + 1]! : '/portal'
  const buildManifest = JSON.parse(fs.readFileSync(path.join(NEXT, 'build-manifest.json'), 'utf8')) as {
    rootMainFiles: string[]
  }
  const files = [...new Set([...buildManifest.rootMainFiles, ...pageChunks(route)])].filter((f) => f.endsWith('.js'))
  const rows = files.map((file) => {
    const bytes = fs.readFileSync(path.join(NEXT, file))
    return {
      file,
      raw: bytes.length,
      gzip: zlib.gzipSync(bytes, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(bytes, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }).length,
    }
  })
  const sum = (k: 'raw' | 'gzip' | 'brotli') => rows.reduce((s, r) => s + r[k], 0)
  const kb = (n: number) => (n / 1024).toFixed(1)
  console.log(`first-load JavaScript of ${route} (${rows.length} files)\n`)
  console.log(`${'file'.padEnd(60)} ${'raw KB'.padStart(8)} ${'gzip KB'.padStart(8)} ${'br KB'.padStart(8)}`)
  for (const r of rows.sort((a, b) => b.gzip - a.gzip))
    console.log(`${r.file.padEnd(60)} ${kb(r.raw).padStart(8)} ${kb(r.gzip).padStart(8)} ${kb(r.brotli).padStart(8)}`)
  const gzipKb = sum('gzip') / 1024
  const pass = gzipKb <= TARGET_KB
  console.log(
    `\ntotal: ${kb(sum('raw'))} KB raw, ${gzipKb.toFixed(1)} KB gzip, ${kb(sum('brotli'))} KB brotli  (target ≤ ${TARGET_KB} KB gzip)  →  ${pass ? 'PASS' : 'FAIL'}`,
  )
  const file = writeResults('portal-js', timestamp(), {
    route,
    machine: machine(),
    files: rows,
    totals: { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') },
    targetKb: TARGET_KB,
    pass,
  })
  console.log(`results: ${path.relative(ROOT, file)}`)
  return pass ? 0 : 1
}
