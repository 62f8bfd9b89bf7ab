import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'
import sharp from 'sharp'

import { executeSql } from '../db/sql'
import { addDays, periodOf, wibDay } from '../plugins/billing/operations/calendar'
import { generateInvoices } from '../plugins/billing/operations/invoices/generateInvoices'
import { recordSystemPayment } from '../plugins/billing/operations/payments/recordPayment'

/** Where `npm run demo` runs its fake RouterOS (src/fakes/demo.ts). */
export const DEMO_ROUTER = { baseUrl: 'http://127.0.0.1:4020', username: 'admin', password: 'admin' }

const METHODS = ['bank_transfer', 'bank_transfer', 'qris', 'cash', 'gopay'] as const

/** A picture standing in for a customer's transfer receipt. */
async function receiptImage(label: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="220"><rect width="100%" height="100%" fill="#f4f7fb"/><text x="20" y="50" font-size="22" font-family="sans-serif">Bukti transfer</text><text x="20" y="100" font-size="18" font-family="sans-serif">${label}</text><text x="20" y="150" font-size="16" font-family="sans-serif">Status: BERHASIL</text></svg>`
  return sharp(Buffer.from(svg)).png().toBuffer()
}

/**
 * Billing demo data on top of the generated customers: the ISP's letterhead and bank accounts, a
 * default router (the demo's fake RouterOS), last month's invoices (most paid, a few overdue, a
 * few transfer proofs waiting for finance) and this month's invoices so far.
 */
export async function seedBilling(
  req: PayloadRequest,
  now = new Date(),
): Promise<{ invoices: number; payments: number; pending: number }> {
  const { payload } = req
  await payload.updateGlobal({
    slug: 'billing-settings',
    data: {
      ispName: 'NetDepok Fiber',
      ispAddress: 'Jl. Margonda Raya No. 100, Beji, Depok 16424',
      ispPhone: '+62 21 7777 1234',
      ispEmail: 'tagihan@netdepok.id',
      bankAccounts: [
        { bank: 'BCA', accountNumber: '123 456 7890', holder: 'PT NetDepok Fiber' },
        { bank: 'BRI', accountNumber: '0123 01 000123 30 5', holder: 'PT NetDepok Fiber' },
      ],
      invoiceFooter: 'Layanan pelanggan: WhatsApp 0811-2345-6789 (08.00–20.00 WIB)',
      gateway: 'midtrans',
    },
    overrideAccess: true,
    req,
  })
  const router = await payload.create({
    collection: 'routers',
    data: {
      name: 'Router Depok Pusat',
      ...DEMO_ROUTER,
      defaultMethod: 'pppoe',
      isolirProfile: 'isolir',
      isDefault: true,
    },
    overrideAccess: true,
    req,
  })
  await executeSql(
    req,
    sql`UPDATE customers SET pppoe_username = lower(number), network_method = 'pppoe', router_id = ${router.id} WHERE status IN ('active', 'suspended')`,
  )

  const today = wibDay(now)
  const lastMonthDay = `${periodOf(addDays(`${periodOf(today)}-01`, -1))}-28`
  const last = await generateInvoices({ payload, day: lastMonthDay, req })
  const current = await generateInvoices({ payload, day: today, req })

  const open = await payload.find({
    collection: 'invoices',
    where: { period: { equals: periodOf(lastMonthDay) } },
    limit: 0,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  let payments = 0
  let pending = 0
  for (const [index, invoice] of open.docs.entries()) {
    if (index % 10 === 9) continue // left unpaid: overdue by now
    const waiting = index % 25 === 3
    let proof: number | undefined
    if (waiting) {
      const data = await receiptImage(`${invoice.number} · Rp${(invoice.balanceDue ?? 0).toLocaleString('id-ID')}`)
      proof = (
        await payload.create({
          collection: 'media',
          data: { alt: `Bukti transfer ${invoice.number}` },
          file: { data, mimetype: 'image/png', name: `bukti-${invoice.number}.png`, size: data.length },
          overrideAccess: true,
          req,
        })
      ).id
    }
    // Context flags stay on a shared request: each payment starts from only this one. Demo history
    // sends no "payment received" messages.
    req.context = { skipNotifications: true }
    await recordSystemPayment({
      req,
      status: waiting ? 'pending' : 'verified',
      source: waiting ? 'whatsapp' : 'admin',
      data: {
        customer: invoice.customer as number,
        invoices: [invoice.id],
        amount: invoice.balanceDue ?? 0,
        method: waiting ? 'bank_transfer' : METHODS[index % METHODS.length]!,
        reference: waiting || index % 5 !== 3 ? `TRF${String(100000 + index)}` : undefined,
        paymentDate: new Date(Date.parse(invoice.issueDate) + ((index % 9) + 1) * 86_400_000).toISOString(),
        proof,
        notes: waiting ? 'Dikirim pelanggan lewat WhatsApp' : undefined,
      },
    })
    payments++
    if (waiting) pending++
  }
  return { invoices: last.created + current.created, payments, pending }
}
