/**
 * The PDF render thread (see renderThread.ts): renders what it is sent with the same functions the
 * main thread would call, and sends the bytes back.
 */
import { parentPort } from 'node:worker_threads'

import { renderInvoicePdf } from './render'
import type { InvoiceDocumentData, IspProfile } from './types'

/** `isp` is left out while the letterhead is the one sent last. */
type Job = { id: number; kind: 'invoice'; data: InvoiceDocumentData; isp?: IspProfile }

let letterhead: IspProfile | undefined

async function render({ id, data, isp }: Job) {
  try {
    // Bytes arrive as a Uint8Array: the renderer is given a Buffer, as in the main thread.
    if (isp) {
      const logo = isp.logo ? Buffer.from(isp.logo.buffer, isp.logo.byteOffset, isp.logo.byteLength) : isp.logo
      letterhead = { ...isp, logo }
    }
    if (!letterhead) throw new Error('no letterhead sent')
    const pdf = await renderInvoicePdf(data, letterhead)
    const bytes = pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer
    parentPort!.postMessage({ id, pdf: bytes }, [bytes])
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
}

parentPort!.on('message', (job: Job) => void render(job))
parentPort!.postMessage({ ready: true })
