import type { Endpoint, PayloadRequest } from 'payload'

import { requireRole } from '../../../access/requireRole'
import { answer, EndpointError, routeId } from '../../../lib/endpointKit'
import type { CustomerImport } from '../../../payload-types'
import { checkCustomerRows, summarize } from '../operations/customerImport/check'
import { problemSheet } from '../operations/customerImport/problemSheet'
import type { ImportProblem } from '../operations/customerImport/run'
import { startCustomerImport } from '../operations/customerImport/run'
import { IMPORT_MAX_BYTES, readCustomerSheet } from '../operations/customerImport/sheet'

const REFUSAL = 'Hanya admin dan layanan pelanggan yang boleh mengimpor pelanggan.'
const TOO_LARGE = `Berkas terlalu besar: maksimal ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`

/** The uploaded spreadsheet (`file` of a multipart form), refused unparsed (read and dropped) when too large. */
async function uploadedSheet(req: PayloadRequest) {
  requireRole(req, ['customer_service'], REFUSAL)
  const length = Number(req.headers.get('content-length') ?? 0)
  if (length > IMPORT_MAX_BYTES + 64 * 1024) {
    // Read to the end and dropped (the server caps any body at the upload limit): a body left
    // unread would break the kept-alive connection under the next request.
    const reader = req.body?.getReader()
    if (reader) while (!(await reader.read()).done);
    throw new EndpointError(413, TOO_LARGE)
  }
  if (!(req.headers.get('content-type') ?? '').includes('multipart/form-data'))
    throw new EndpointError(400, 'Unggah berkas .xlsx atau .csv di kolom "file" (formulir multipart).')
  // The whole body is read (not streamed past): a body left half-read breaks the kept-alive connection.
  let form: FormData | undefined
  try {
    form = await req.formData?.()
  } catch {
    throw new EndpointError(400, 'Berkas tidak terbaca. Unggah berkas .xlsx atau .csv.')
  }
  const entry = form?.get('file')
  if (!entry || typeof entry === 'string') throw new EndpointError(400, 'Pilih berkas .xlsx atau .csv untuk diunggah.')
  if (entry.size > IMPORT_MAX_BYTES) throw new EndpointError(413, TOO_LARGE)
  const file = { name: entry.name || 'berkas', data: Buffer.from(await entry.arrayBuffer()) }
  const rows = await readCustomerSheet(file.name, file.data)
  return { fileName: file.name, rows }
}

const progressOf = (record: CustomerImport) => ({
  id: record.id,
  fileName: record.fileName,
  status: record.status,
  total: record.total,
  processed: record.processed,
  created: record.created,
  skipped: record.skipped,
  failed: record.failed,
  problems: ((record.problems ?? []) as ImportProblem[]).length,
})

/**
 * `POST /api/customer-import/check`: the dry run. Reads the file and says per row what importing
 * would do (create, skip as already there, refuse with reasons); writes nothing.
 */
export const checkCustomerImportEndpoint: Endpoint = {
  path: '/customer-import/check',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      const { fileName, rows } = await uploadedSheet(req)
      const checked = await checkCustomerRows(req, rows)
      return Response.json({
        fileName,
        summary: summarize(checked),
        rows: checked.map(({ row, action, reasons, values }) => ({ row, action, reasons, values })),
      })
    }),
}

/** `POST /api/customer-import`: starts the import as a job; answers 202 with the import to follow. */
export const startCustomerImportEndpoint: Endpoint = {
  path: '/customer-import',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      const { fileName, rows } = await uploadedSheet(req)
      const checked = await checkCustomerRows(req, rows)
      const started = await startCustomerImport({ req, fileName, rows })
      return Response.json({ ...started, summary: summarize(checked) }, { status: 202 })
    }),
}

async function findImport(req: PayloadRequest) {
  requireRole(req, ['customer_service'], REFUSAL)
  const found = await req.payload.find({
    collection: 'customer-imports',
    where: { id: { equals: routeId(req) } },
    depth: 0,
    limit: 1,
    overrideAccess: false,
    user: req.user,
    req,
  })
  const record = found.docs[0]
  if (!record) throw new EndpointError(404, 'Impor tidak ditemukan.')
  return record
}

/** `GET /api/customer-import/:id`: the import's progress. */
export const customerImportProgressEndpoint: Endpoint = {
  path: '/customer-import/:id',
  method: 'get',
  handler: (req) => answer(async () => Response.json(progressOf(await findImport(req)))),
}

/** `GET /api/customer-import/:id/problems`: the rows that did not go in, as an Excel sheet. */
export const customerImportProblemsEndpoint: Endpoint = {
  path: '/customer-import/:id/problems',
  method: 'get',
  handler: (req) =>
    answer(async () => {
      const record = await findImport(req)
      const sheet = await problemSheet((record.problems ?? []) as ImportProblem[])
      return new Response(new Uint8Array(sheet), {
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="impor-${record.id}-baris-bermasalah.xlsx"`,
        },
      })
    }),
}

export const customerImportEndpoints = [
  checkCustomerImportEndpoint,
  startCustomerImportEndpoint,
  customerImportProgressEndpoint,
  customerImportProblemsEndpoint,
]
