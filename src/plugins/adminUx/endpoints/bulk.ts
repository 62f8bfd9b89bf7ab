import type { Endpoint } from 'payload'

import { requireRole } from '../../../access/requireRole'
import { answer, EndpointError, readJsonObject } from '../../../lib/endpointKit'
import { idValue } from '../../../lib/input'
import { invoicesPdf } from '../../billing/operations/documents/documents'
import { assignTicketsToTechnician } from '../operations/bulk/assignTickets'
import { type CustomerFilter, sendTemplateToCustomers } from '../operations/bulk/sendTemplate'

/** Invoices per printed batch. */
export const BULK_PRINT_MAX = 100

const idList = (value: unknown, what: string): number[] => {
  if (!Array.isArray(value)) throw new EndpointError(400, `${what} harus berupa daftar id.`)
  const ids = value.map((v) => idValue(v))
  if (ids.some((id) => id === null)) throw new EndpointError(400, `${what} berisi id yang tidak valid.`)
  return ids as number[]
}

const requiredId = (value: unknown, what: string): number => {
  const id = idValue(value)
  if (id === null) throw new EndpointError(400, `${what} wajib diisi.`)
  return id
}

/** `POST /api/bulk/send-template` `{ templateId, runKey, filter: { status?, area?, packageId?, customerIds? } }`. */
export const bulkSendTemplateEndpoint: Endpoint = {
  path: '/bulk/send-template',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      requireRole(req, ['customer_service'], 'Hanya layanan pelanggan dan admin yang dapat mengirim pesan massal.')
      const body = await readJsonObject(req)
      const raw = (body.filter ?? {}) as Record<string, unknown>
      if (typeof raw !== 'object' || Array.isArray(raw)) throw new EndpointError(400, 'Saringan (filter) harus objek.')
      const filter: CustomerFilter = {
        ...(Array.isArray(raw.status) ? { status: raw.status.map(String) } : {}),
        ...(typeof raw.area === 'string' && raw.area.trim() ? { area: raw.area.trim() } : {}),
        ...(raw.packageId !== undefined ? { packageId: requiredId(raw.packageId, 'Paket') } : {}),
        ...(raw.customerIds !== undefined ? { customerIds: idList(raw.customerIds, 'Pelanggan') } : {}),
      }
      const result = await sendTemplateToCustomers({
        req,
        templateId: requiredId(body.templateId, 'Template'),
        runKey: typeof body.runKey === 'string' ? body.runKey : '',
        filter,
      })
      return Response.json(result, { status: 202 })
    }),
}

/** `POST /api/bulk/assign-tickets` `{ ticketIds, technicianId }`. */
export const bulkAssignTicketsEndpoint: Endpoint = {
  path: '/bulk/assign-tickets',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      requireRole(req, ['customer_service'], 'Hanya layanan pelanggan dan admin yang dapat menugaskan tiket.')
      const body = await readJsonObject(req)
      return Response.json(
        await assignTicketsToTechnician({
          req,
          ticketIds: idList(body.ticketIds, 'Tiket'),
          technicianId: requiredId(body.technicianId, 'Teknisi'),
        }),
      )
    }),
}

/** `GET /api/bulk/invoices.pdf?ids=1,2,3`: the selected invoices as one PDF to print. */
export const bulkInvoicesPdfEndpoint: Endpoint = {
  path: '/bulk/invoices.pdf',
  method: 'get',
  handler: (req) =>
    answer(async () => {
      requireRole(
        req,
        ['finance', 'customer_service'],
        'Hanya keuangan, layanan pelanggan dan admin yang dapat mencetak tagihan.',
      )
      const raw = typeof req.query?.ids === 'string' ? req.query.ids : ''
      const ids = [...new Set(idList(raw ? raw.split(',') : [], 'Tagihan'))]
      if (!ids.length) throw new EndpointError(400, 'Pilih minimal satu tagihan (ids=1,2,3).')
      if (ids.length > BULK_PRINT_MAX) throw new EndpointError(400, `Maksimal ${BULK_PRINT_MAX} tagihan sekali cetak.`)
      const { filename, pdf } = await invoicesPdf({ req, ids })
      return new Response(new Uint8Array(pdf), {
        headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${filename}"` },
      })
    }),
}

export const bulkEndpoints = [bulkSendTemplateEndpoint, bulkAssignTicketsEndpoint, bulkInvoicesPdfEndpoint]
