import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { logger } from '../../../lib/logger'
import { InvoiceDocument, InvoicesDocument } from './InvoiceDocument'
import { prepareLogo } from './letterheadLogo'
import { ReceiptDocument } from './ReceiptDocument'
import { renderSharingFonts } from './standardFonts'
import type { InvoiceDocumentData, IspProfile, ReceiptDocumentData } from './types'

/**
 * Bumped whenever the layout of a document changes, so PDFs cached under the old layout are
 * no longer found by `documentVersion`.
 */
export const DOCUMENT_LAYOUT_VERSION = 1

/**
 * The letterhead with its logo prepared (letterheadLogo.ts): decoded once per logo rather than in
 * every document. A logo whose pixels cannot be read is left off, as one that is not an image is.
 */
async function letterhead(isp: IspProfile): Promise<IspProfile> {
  if (!isp.logo?.length || (await prepareLogo(isp.logo))) return isp
  return { ...isp, logo: null }
}

/** The tagihan as PDF bytes. The same input always gives the same bytes. */
export async function renderInvoicePdf(data: InvoiceDocumentData, isp: IspProfile): Promise<Buffer> {
  return renderSharingFonts(InvoiceDocument({ data, isp: await letterhead(isp) }))
}

/** Several tagihan as one PDF, a page each, in the order given. */
export async function renderInvoicesPdf(items: InvoiceDocumentData[], isp: IspProfile): Promise<Buffer> {
  return renderSharingFonts(InvoicesDocument({ items, isp: await letterhead(isp) }))
}

/** The kwitansi as PDF bytes. The same input always gives the same bytes. */
export async function renderReceiptPdf(data: ReceiptDocumentData, isp: IspProfile): Promise<Buffer> {
  return renderSharingFonts(ReceiptDocument({ data, isp: await letterhead(isp) }))
}

/** JSON with sorted keys, `undefined` left out, and bytes replaced by their SHA-256. */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return { sha256: createHash('sha256').update(value).digest('hex') }
  }
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(canonical)
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key]
      if (item !== undefined) out[key] = canonical(item)
    }
    return out
  }
  return value
}

// The letterhead object is shared by every document until it changes (loadIspProfile): its logo
// is hashed once, not on every download.
const canonicalIsps = new WeakMap<IspProfile, unknown>()
function canonicalIsp(isp: IspProfile): unknown {
  let found = canonicalIsps.get(isp)
  if (found === undefined) canonicalIsps.set(isp, (found = canonical(isp)))
  return found
}

/**
 * A SHA-256 hex of everything a document is drawn from (its data, the ISP profile with the logo's
 * bytes hashed, and the layout version): the cache key under which its PDF is kept, so a
 * document is rendered once and again only when something on it changes.
 */
export function documentVersion(data: InvoiceDocumentData | ReceiptDocumentData, isp: IspProfile): string {
  // Keys in the order `canonical` sorts them, so versions stay as they were.
  const input = { data: canonical(data), isp: canonicalIsp(isp), layout: DOCUMENT_LAYOUT_VERSION }
  return createHash('sha256').update(JSON.stringify(input)).digest('hex')
}

export type PdfCache = {
  /** The stored PDF, or null when there is none under this key. */
  get(key: string): Promise<Buffer | null>
  /** Whether a PDF is stored, or being rendered in this process, under this key. */
  has(key: string): Promise<boolean>
  /** Stores a PDF; readers see either the whole file or none of it. */
  put(key: string, pdf: Buffer): Promise<void>
  /**
   * The stored PDF, rendering and storing it when missing. Concurrent calls for one key in this
   * process share a single render; a failed render is not stored. With `answerBeforeWrite` (a
   * download waiting on it) the PDF is answered as soon as it is rendered and the file written
   * behind it; otherwise (a pre-render job) only once the file is there.
   */
  getOrRender(key: string, render: () => Promise<Buffer>, options?: { answerBeforeWrite?: boolean }): Promise<Buffer>
}

// Keys become file names: nothing that could leave the directory or hide as a dot file.
const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/

/** PDFs kept as `<key>.pdf` files in `dir` (created when first written). */
export function createPdfCache(dir: string): PdfCache {
  const inFlight = new Map<string, Promise<Buffer>>()

  const fileFor = (key: string) => {
    if (!SAFE_KEY.test(key)) throw new Error(`Invalid PDF cache key: ${JSON.stringify(key)}`)
    return path.join(dir, `${key}.pdf`)
  }

  async function get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(fileFor(key))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  async function has(key: string): Promise<boolean> {
    // A stat of a local file, done here rather than on the thread pool: the answer comes ~0.2 ms
    // sooner on the path of a first download (invoicePdfAhead.ts).
    return inFlight.has(key) || existsSync(fileFor(key))
  }

  async function put(key: string, pdf: Buffer): Promise<void> {
    const file = fileFor(key)
    await mkdir(dir, { recursive: true })
    // rename() within one directory is atomic: another process never reads a half-written PDF.
    const temp = path.join(dir, `.${key}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
    try {
      await writeFile(temp, pdf)
      await rename(temp, file)
    } catch (error) {
      await rm(temp, { force: true })
      throw error
    }
  }

  function getOrRender(
    key: string,
    render: () => Promise<Buffer>,
    options: { answerBeforeWrite?: boolean } = {},
  ): Promise<Buffer> {
    fileFor(key) // reject a bad key before anyone waits on it
    const pending = inFlight.get(key)
    if (pending) return pending
    const rendered = (async () => {
      const cached = await get(key)
      if (cached) return { pdf: cached, written: Promise.resolve() }
      const pdf = await render()
      return { pdf, written: put(key, pdf) }
    })()
    // Callers of the same key share the render until its file is there, so it is rendered once.
    const stored = rendered.then(async ({ pdf, written }) => {
      await written
      return pdf
    })
    stored.catch(() => undefined).finally(() => inFlight.delete(key))
    inFlight.set(key, stored)
    if (!options.answerBeforeWrite) return stored
    // The PDF is answered as soon as it is rendered; the file is written behind it.
    stored.catch((error: unknown) =>
      logger.warn({ err: error, key }, 'PDF cache write failed; the next request renders again'),
    )
    return rendered.then(({ pdf }) => pdf)
  }

  return { get, has, put, getOrRender }
}
