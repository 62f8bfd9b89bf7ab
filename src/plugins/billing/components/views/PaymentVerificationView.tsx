import type { AdminViewServerProps } from 'payload'

import { relationId } from '../../../../lib/relationId'
import type { Customer, Invoice, Media, Payment } from '../../../../payload-types'
import { BillingViewShell, viewAccess } from './BillingViewShell'
import { type QueueRow, VerificationQueue } from './VerificationQueue'

export const VERIFICATION_PATH = '/verifikasi-pembayaran'
/** The queue shows this many at a time; verifying some brings the next ones on reload. */
const QUEUE_LIMIT = 200

function proofOf(proof: Payment['proof']): QueueRow['proof'] {
  if (!proof || typeof proof !== 'object') return null
  const media = proof as Media
  if (!media.url) return null
  return {
    url: media.url,
    thumbnailUrl: media.sizes?.thumbnail?.url ?? (media.mimeType?.startsWith('image/') ? media.url : null),
    filename: media.filename ?? 'bukti',
    mimeType: media.mimeType ?? '',
  }
}

/**
 * `/admin/verifikasi-pembayaran` (finance, admin): pending payments, oldest first, with the
 * customer, amount, method, reference, the proof and the invoices they name; verify or reject
 * each with one click.
 */
export async function PaymentVerificationView(props: AdminViewServerProps) {
  const { req, allowed } = viewAccess(props, VERIFICATION_PATH, ['finance'])
  let rows: QueueRow[] = []
  let total = 0
  if (allowed) {
    const found = await req.payload.find({
      collection: 'payments',
      where: { status: { equals: 'pending' } },
      sort: 'createdAt',
      limit: QUEUE_LIMIT,
      depth: 1,
      overrideAccess: false,
      user: req.user,
      req,
    })
    total = found.totalDocs
    rows = found.docs.map((p) => {
      const customer = typeof p.customer === 'object' ? (p.customer as Customer) : null
      return {
        id: p.id,
        number: p.number ?? `#${p.id}`,
        createdAt: p.createdAt,
        paymentDate: p.paymentDate,
        customerId: relationId(p.customer),
        customerName: customer?.name ?? '—',
        customerNumber: customer?.number ?? '',
        amount: p.amount,
        method: p.method,
        reference: p.reference ?? null,
        source: p.source ?? null,
        notes: p.notes ?? null,
        proof: proofOf(p.proof),
        invoices: (p.invoices ?? []).map((i) =>
          typeof i === 'object'
            ? { id: (i as Invoice).id, number: (i as Invoice).number ?? `#${(i as Invoice).id}` }
            : { id: i, number: `#${i}` },
        ),
      }
    })
  }
  return (
    <BillingViewShell props={props} title="Verifikasi pembayaran" allowed={allowed}>
      <p style={{ marginTop: 0 }}>
        Pembayaran yang menunggu verifikasi, yang terlama di atas. Hanya pembayaran terverifikasi yang mengurangi
        tagihan; pelanggan yang diisolir dan sudah lunas langsung dibuka kembali.
        {total > rows.length && ` Menampilkan ${rows.length} dari ${total}.`}
      </p>
      <VerificationQueue
        initialRows={rows}
        adminRoute={req.payload.config.routes.admin}
        apiRoute={req.payload.config.routes.api}
      />
    </BillingViewShell>
  )
}
