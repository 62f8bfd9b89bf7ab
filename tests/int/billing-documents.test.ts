import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { renderToBuffer } from '@react-pdf/renderer'
import ExcelJS from 'exceljs'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { paymentsToPdf, paymentsToXlsx, RUPIAH_NUMBER_FORMAT } from '../../src/plugins/billing/documents/export'
import { InvoiceDocument } from '../../src/plugins/billing/documents/InvoiceDocument'
import { preparedLogoEmbeds } from '../../src/plugins/billing/documents/letterheadLogo'
import { ReceiptDocument } from '../../src/plugins/billing/documents/ReceiptDocument'
import { sharedFontOpens } from '../../src/plugins/billing/documents/standardFonts'
import {
  createPdfCache,
  documentVersion,
  renderInvoicePdf,
  renderInvoicesPdf,
  renderReceiptPdf,
} from '../../src/plugins/billing/documents/render'
import type {
  InvoiceDocumentData,
  IspProfile,
  PaymentExportRow,
  ReceiptDocumentData,
} from '../../src/plugins/billing/documents/types'
import { formatRupiah } from '../../src/lib/money'
import { pdfPages, pdfText } from '../helpers/pdfText'

let logo: Buffer

const isp = (): IspProfile => ({
  name: 'PT Jaringan Nusantara Sejahtera',
  address: 'Jl. Merdeka No. 10, Bandung 40111',
  phone: '022-1234567',
  email: 'tagihan@jns.net.id',
  npwp: '01.234.567.8-901.000',
  logo,
  bankAccounts: [
    { bank: 'BCA', number: '1234567890', holder: 'PT Jaringan Nusantara Sejahtera' },
    { bank: 'Mandiri', number: '1300012345678', holder: 'PT JNS' },
  ],
  footerNote: 'Layanan pelanggan: WhatsApp 0812-0000-1111.',
})

const invoice = (over: Partial<InvoiceDocumentData> = {}): InvoiceDocumentData => ({
  number: 'INV20261101007',
  issueDate: '2026-11-01',
  dueDate: '2026-11-10',
  periodLabel: 'November 2026',
  status: 'unpaid',
  customer: {
    number: 'CUS20250101003',
    name: 'Budi Santoso',
    address: 'Perum Griya Asri Blok C2 No. 5, Cimahi',
    phone: '0812-3456-7890',
  },
  lines: [
    { description: 'Paket Rumah 30 Mbps', quantity: 1, unitPrice: 1_500_000, amount: 1_500_000 },
    { description: 'Sewa ONT', quantity: 2, unitPrice: 12_500, amount: 25_000 },
  ],
  subtotal: 1_525_000,
  discount: 25_000,
  ppnRate: 11,
  ppn: 165_000,
  creditApplied: 0,
  total: 1_665_000,
  amountPaid: 0,
  balanceDue: 1_665_000,
  payUrl: 'https://bayar.jns.net.id/i/abc123',
  ...over,
})

const receipt = (over: Partial<ReceiptDocumentData> = {}): ReceiptDocumentData => ({
  number: 'PAY20261105002',
  // 20:00 UTC is the next day in Jakarta.
  paymentDate: '2026-11-04T20:00:00Z',
  method: 'bank_transfer',
  reference: 'BCA-0511-7781',
  amount: 1_500_000,
  customer: { number: 'CUS20250101003', name: 'Budi Santoso' },
  invoices: [
    { number: 'INV20261001004', periodLabel: 'Oktober 2026', amount: 500_000 },
    { number: 'INV20261101007', periodLabel: 'November 2026', amount: 1_000_000 },
  ],
  processedBy: 'Siti Rahayu',
  notes: 'Bukti transfer diverifikasi',
  ...over,
})

beforeAll(async () => {
  logo = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#0b4f8a' } })
    .png()
    .toBuffer()
})

describe('tagihan PDF', () => {
  it('shows the invoice, customer, amounts in Rupiah and in words, and how to pay', async () => {
    const pdf = await renderInvoicePdf(invoice(), isp())
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const text = pdfText(pdf)
    for (const expected of [
      'TAGIHAN',
      'Nomor: INV20261101007',
      'Tanggal: 1 November 2026',
      'Jatuh tempo: 10 November 2026',
      'Periode: November 2026',
      'Status: Belum dibayar',
      'PT Jaringan Nusantara Sejahtera',
      'NPWP: 01.234.567.8-901.000',
      'Budi Santoso',
      'No. pelanggan: CUS20250101003',
      'Perum Griya Asri Blok C2 No. 5, Cimahi',
      'Paket Rumah 30 Mbps1Rp1.500.000Rp1.500.000',
      'Sewa ONT2Rp12.500Rp25.000',
      'SubtotalRp1.525.000',
      'Diskon-Rp25.000',
      'PPN 11%Rp165.000',
      'TotalRp1.665.000',
      'Sudah dibayarRp0',
      'Sisa tagihanRp1.665.000',
      'Terbilang: Satu juta enam ratus enam puluh lima ribu rupiah',
      'https://bayar.jns.net.id/i/abc123',
      'BCA 1234567890 a.n. PT Jaringan Nusantara Sejahtera',
      'Mandiri 1300012345678 a.n. PT JNS',
      'Layanan pelanggan: WhatsApp 0812-0000-1111.',
      'Halaman 1 dari 1',
    ]) {
      expect(text).toContain(expected)
    }
    expect(text).not.toContain('LUNAS')
    expect(text).not.toContain('BATAL')
    // The logo is drawn as an image.
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/)
    // The pay link is clickable.
    expect(pdf.toString('latin1')).toContain('(https://bayar.jns.net.id/i/abc123)')
  })

  it('says LUNAS only when paid, and drops the payment instructions', async () => {
    const paid = pdfText(
      await renderInvoicePdf(invoice({ status: 'paid', amountPaid: 1_665_000, balanceDue: 0 }), isp()),
    )
    expect(paid).toContain('LUNAS')
    expect(paid).toContain('Status: Lunas')
    expect(paid).toContain(`Sudah dibayar${formatRupiah(1_665_000)}`)
    expect(paid).toContain('Sisa tagihanRp0')
    expect(paid).not.toContain('Cara pembayaran')
    expect(paid).not.toContain('bayar.jns.net.id')

    const partly = pdfText(
      await renderInvoicePdf(invoice({ status: 'partially_paid', amountPaid: 1_000_000, balanceDue: 665_000 }), isp()),
    )
    expect(partly).not.toContain('LUNAS')
    expect(partly).toContain('Status: Dibayar sebagian')
    expect(partly).toContain('Sisa tagihanRp665.000')
    expect(partly).toContain('Cara pembayaran')
  })

  it('marks a void invoice BATAL with its reason', async () => {
    const text = pdfText(
      await renderInvoicePdf(invoice({ status: 'void', voidReason: 'Salah tagih: pelanggan pindah paket' }), isp()),
    )
    expect(text).toContain('BATAL')
    expect(text).toContain('Tagihan ini dibatalkan dan tidak perlu dibayar.')
    expect(text).toContain('Alasan: Salah tagih: pelanggan pindah paket')
    expect(text).not.toContain('LUNAS')
    expect(text).not.toContain('Cara pembayaran')
  })

  it('leaves PPN out for an ISP not registered for it, and shows DPP with the nominal rate', async () => {
    const noVat = pdfText(
      await renderInvoicePdf(invoice({ ppnRate: undefined, ppn: 0, total: 1_500_000, balanceDue: 1_500_000 }), isp()),
    )
    expect(noVat).not.toContain('PPN')
    expect(noVat).toContain('Terbilang: Satu juta lima ratus ribu rupiah')

    // 12% on a DPP of 11/12 of 1.500.000 = 11% effective.
    const dpp = pdfText(await renderInvoicePdf(invoice({ taxBase: 1_375_000, ppnRate: 12 }), isp()))
    expect(dpp).toContain('DPPRp1.375.000')
    expect(dpp).toContain('PPN 12%Rp165.000')
  })

  it('renders without a logo, or with one it cannot read, and accepts JPEG', async () => {
    const none = await renderInvoicePdf(invoice(), { ...isp(), logo: null })
    expect(none.toString('latin1')).not.toMatch(/\/Subtype \/Image/)
    expect(pdfText(none)).toContain('PT Jaringan Nusantara Sejahtera')

    const garbage = await renderInvoicePdf(invoice(), { ...isp(), logo: Buffer.from('GIF89a not a png') })
    expect(garbage.toString('latin1')).not.toMatch(/\/Subtype \/Image/)

    const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#ff0000' } })
      .jpeg()
      .toBuffer()
    const withJpeg = await renderInvoicePdf(invoice(), { ...isp(), logo: jpeg })
    expect(withJpeg.toString('latin1')).toMatch(/\/Filter \/DCTDecode/)
  })

  it('draws names outside the built-in font without wrong glyphs', async () => {
    const text = pdfText(
      await renderInvoicePdf(invoice({ customer: { number: 'CUS1', name: 'Nguyễn Văn Ánh 😀 “Bu Ani”' } }), isp()),
    )
    expect(text).toContain('Nguyen Van Ánh ? “Bu Ani”')
  })

  it('gives the same bytes for the same input', async () => {
    const [a, b] = await Promise.all([renderInvoicePdf(invoice(), isp()), renderInvoicePdf(invoice(), isp())])
    expect(a.equals(b)).toBe(true)
  })
})

// Logos as ISPs upload them: a PNG with transparency (RGBA), drawn from an SVG like a designer's.
const logoPng = (options: { width?: number; grey?: boolean; interlaced?: boolean } = {}) => {
  const width = options.width ?? 320
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.round(width * 0.4)}"><rect x="4" y="4" width="${width - 8}" height="${Math.round(width * 0.4) - 8}" rx="24" fill="#0b5394"/><text x="50%" y="65%" font-size="40" text-anchor="middle" fill="#fff" font-family="sans-serif">JNS</text></svg>`
  let image = sharp(Buffer.from(svg))
  if (options.grey) image = image.greyscale()
  return image.png({ progressive: options.interlaced ?? false }).toBuffer()
}
const imageObjects = (pdf: Buffer) => pdf.toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0
/** react-pdf as it comes: the logo as bytes the renderer never prepared, decoded by pdfkit itself. */
const plainInvoice = (data: InvoiceDocumentData, letterhead: IspProfile) =>
  renderToBuffer(
    InvoiceDocument({ data, isp: { ...letterhead, logo: letterhead.logo && Buffer.from(letterhead.logo) } }),
  )

describe('what every document shares: the letterhead logo and the built-in fonts, prepared once', () => {
  it('gives the very bytes pdfkit writes by itself, decoding a transparent PNG once rather than per document', async () => {
    const letterhead = { ...isp(), logo: await logoPng() }
    const embeds = preparedLogoEmbeds()
    const documents = [
      invoice(),
      invoice({ status: 'paid', amountPaid: 1_665_000, balanceDue: 0 }),
      invoice({ status: 'void', voidReason: 'Salah tagih' }),
    ]
    for (const data of documents) {
      const ours = await renderInvoicePdf(data, letterhead)
      const plain = await plainInvoice(data, letterhead)
      expect(ours.equals(plain)).toBe(true)
      // The logo and its transparency (soft mask): two image objects.
      expect(imageObjects(ours)).toBe(2)
      expect(ours.toString('latin1')).toMatch(/\/SMask \d+ 0 R/)
    }
    // Ours used the prepared logo three times; the plain renders never did.
    expect(preparedLogoEmbeds()).toBe(embeds + 3)
    // Ours took Helvetica's metrics from the shared table; a plain render builds its own.
    const fonts = sharedFontOpens()
    const [ours, plain] = [await renderInvoicePdf(invoice(), letterhead), await plainInvoice(invoice(), letterhead)]
    expect(ours.equals(plain)).toBe(true)
    expect(sharedFontOpens()).toBeGreaterThanOrEqual(fonts + 2) // regular and bold at least
    const afterOurs = sharedFontOpens()
    await plainInvoice(invoice({ number: 'INV20261101099' }), letterhead)
    expect(sharedFontOpens()).toBe(afterOurs)

    const paidBy = receipt()
    expect(
      (await renderReceiptPdf(paidBy, letterhead)).equals(
        await renderToBuffer(
          ReceiptDocument({ data: paidBy, isp: { ...letterhead, logo: Buffer.from(letterhead.logo) } }),
        ),
      ),
    ).toBe(true)
    expect(preparedLogoEmbeds()).toBe(embeds + 5)
  })

  it('stays byte for byte the same under concurrent renders, and for grey, interlaced and small logos', async () => {
    for (const logo of [
      await logoPng({ grey: true }),
      await logoPng({ interlaced: true }),
      await logoPng({ width: 40 }),
    ]) {
      const letterhead = { ...isp(), logo }
      const documents = Array.from({ length: 6 }, (_, i) => invoice({ number: `INV2026110100${i}` }))
      const ours = await Promise.all(documents.map((data) => renderInvoicePdf(data, letterhead)))
      for (const [i, data] of documents.entries())
        expect(ours[i]!.equals(await plainInvoice(data, letterhead))).toBe(true)
    }
  })

  it('embeds the logo once in a bulk print, however many pages draw it', async () => {
    const letterhead = { ...isp(), logo: await logoPng() }
    const items = Array.from({ length: 4 }, (_, i) => invoice({ number: `INV2026110200${i}` }))
    const pdf = await renderInvoicesPdf(items, letterhead)
    expect(pdfPages(pdf)).toHaveLength(4)
    expect(imageObjects(pdf)).toBe(2)
    // Every page draws it: the same XObject in each page's resources.
    expect(pdf.toString('latin1').match(/\/XObject <<\n\/I1 \d+ 0 R/g)).toHaveLength(4)

    const jpeg = await sharp({ create: { width: 120, height: 48, channels: 3, background: '#0b5394' } })
      .jpeg()
      .toBuffer()
    const withJpeg = await renderInvoicesPdf(items, { ...letterhead, logo: jpeg })
    expect(withJpeg.toString('latin1').match(/\/Filter \/DCTDecode/g)).toHaveLength(1)
  })

  it('leaves logos pdfkit embeds without decoding as they are: JPEG, and PNG without transparency', async () => {
    const opaque = await sharp({ create: { width: 120, height: 48, channels: 3, background: '#0b5394' } })
      .png()
      .toBuffer()
    const jpeg = await sharp(opaque).jpeg().toBuffer()
    const embeds = preparedLogoEmbeds()
    for (const logo of [opaque, jpeg]) {
      const letterhead = { ...isp(), logo }
      expect((await renderInvoicePdf(invoice(), letterhead)).equals(await plainInvoice(invoice(), letterhead))).toBe(
        true,
      )
    }
    expect(preparedLogoEmbeds()).toBe(embeds)
  })

  it('draws the letterhead without a logo whose pixels cannot be read, rather than failing the process', async () => {
    const good = await logoPng()
    // A PNG whose chunks are all in place, but whose image data is not deflate: pdfkit would throw
    // from a zlib callback, where no caller can catch it.
    const broken = Buffer.from(good)
    const idat = broken.indexOf('IDAT')
    broken.fill(0x55, idat + 4, idat + 4 + broken.readUInt32BE(idat - 4))
    const pdf = await renderInvoicePdf(invoice(), { ...isp(), logo: broken })
    expect(imageObjects(pdf)).toBe(0)
    expect(pdfText(pdf)).toContain('PT Jaringan Nusantara Sejahtera')
  })
})

describe('kwitansi PDF', () => {
  it('shows who paid, how much in figures and words, and for which invoices', async () => {
    const pdf = await renderReceiptPdf(receipt(), isp())
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const text = pdfText(pdf)
    for (const expected of [
      'KWITANSI',
      'Nomor: PAY20261105002',
      'Tanggal: 5 November 2026',
      'Metode: Transfer bank',
      'Referensi: BCA-0511-7781',
      'Telah diterima dari',
      'Budi Santoso',
      'No. pelanggan: CUS20250101003',
      `Terbilang${'Satu juta lima ratus ribu rupiah'}`,
      'Tagihan INV20261001004 · Periode Oktober 2026Rp500.000',
      'Tagihan INV20261101007 · Periode November 2026Rp1.000.000',
      'JumlahRp1.500.000',
      'Diterima oleh,Siti Rahayu',
      'Bukti transfer diverifikasi',
    ]) {
      expect(text).toContain(expected)
    }
    expect(text).not.toContain('LUNAS')
  })

  it('names each payment method in Indonesian', async () => {
    const labels = {
      cash: 'Tunai',
      bank_transfer: 'Transfer bank',
      qris: 'QRIS',
      gopay: 'GoPay',
      gateway: 'Gateway',
    } as const
    for (const [method, label] of Object.entries(labels)) {
      const text = pdfText(
        await renderReceiptPdf(receipt({ method: method as keyof typeof labels, reference: undefined }), isp()),
      )
      expect(text).toContain(`Metode: ${label}`)
      expect(text).not.toContain('Referensi')
    }
  })
})

/** One changed copy of the value per leaf (and one longer copy per array), with the leaf's path. */
function variants(value: unknown, at: string[] = []): { path: string; changed: unknown }[] {
  if (Buffer.isBuffer(value)) {
    const other = Buffer.from(value)
    other[other.length - 1] ^= 1
    return [{ path: at.join('.'), changed: other }]
  }
  if (Array.isArray(value)) {
    return [
      ...value.flatMap((item, index) =>
        variants(item, [...at, String(index)]).map((v) => ({
          path: v.path,
          changed: value.map((x, i) => (i === index ? v.changed : x)),
        })),
      ),
      { path: `${at.join('.')}[+]`, changed: [...value, value[0]] },
    ]
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      variants(item, [...at, key]).map((v) => ({ path: v.path, changed: { ...(value as object), [key]: v.changed } })),
    )
  }
  if (typeof value === 'number') return [{ path: at.join('.'), changed: value + 1 }]
  if (typeof value === 'string') return [{ path: at.join('.'), changed: `${value}x` }]
  return []
}

describe('documentVersion', () => {
  it('changes when any field of the invoice or the ISP changes, logo bytes included', () => {
    const base = documentVersion(invoice(), isp())
    expect(base).toMatch(/^[0-9a-f]{64}$/)
    const seen = new Set([base])
    const dataVariants = variants(invoice())
    const ispVariants = variants(isp())
    expect(dataVariants.length).toBeGreaterThan(25)
    for (const { path: field, changed } of dataVariants) {
      const version = documentVersion(changed as InvoiceDocumentData, isp())
      expect(version, `data.${field}`).not.toBe(base)
      seen.add(version)
    }
    for (const { path: field, changed } of ispVariants) {
      const version = documentVersion(invoice(), changed as IspProfile)
      expect(version, `isp.${field}`).not.toBe(base)
      seen.add(version)
    }
    expect(documentVersion(invoice({ status: 'paid' }), isp())).not.toBe(base)
    expect(documentVersion(invoice({ voidReason: 'Salah tagih' }), isp())).not.toBe(base)
    expect(documentVersion(invoice(), { ...isp(), logo: null })).not.toBe(base)
    // No two changes collide.
    expect(seen.size).toBe(1 + dataVariants.length + ispVariants.length)
  })

  it('stays the same for equal content: key order, a copied logo, absent versus undefined', () => {
    const base = documentVersion(invoice(), isp())
    const reordered = Object.fromEntries(Object.entries(invoice()).reverse()) as InvoiceDocumentData
    const profile = isp()
    expect(documentVersion(reordered, { ...profile, logo: Buffer.from(profile.logo!) })).toBe(base)
    expect(documentVersion({ ...invoice(), taxBase: undefined }, isp())).toBe(base)
    expect(documentVersion(invoice(), isp())).toBe(base)
  })

  it('versions receipts too', () => {
    const base = documentVersion(receipt(), isp())
    expect(documentVersion(receipt(), isp())).toBe(base)
    for (const { path: field, changed } of variants(receipt())) {
      expect(documentVersion(changed as ReceiptDocumentData, isp()), field).not.toBe(base)
    }
  })
})

describe('PDF cache', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pdf-cache-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('renders once for concurrent requests and then serves the stored bytes', async () => {
    const cache = createPdfCache(path.join(dir, 'invoices'))
    const data = invoice()
    const key = `${data.number}-${documentVersion(data, isp())}`
    let renders = 0
    const render = async () => {
      renders += 1
      return renderInvoicePdf(data, isp())
    }
    expect(await cache.get(key)).toBeNull()

    const results = await Promise.all(Array.from({ length: 6 }, () => cache.getOrRender(key, render)))
    expect(renders).toBe(1)
    for (const pdf of results) expect(pdf.equals(results[0])).toBe(true)
    expect(pdfText(results[0])).toContain('INV20261101007')

    // Another process (a fresh cache on the same directory) finds the file without rendering.
    const other = createPdfCache(path.join(dir, 'invoices'))
    const stored = await other.getOrRender(key, async () => {
      throw new Error('should not render')
    })
    expect(stored.equals(results[0])).toBe(true)
    expect((await other.get(key))!.equals(results[0])).toBe(true)
    // Only the finished file is left behind, no temporary files.
    expect(await readdir(path.join(dir, 'invoices'))).toEqual([`${key}.pdf`])

    // A changed invoice has a new version, so it is rendered again.
    const paid = invoice({ status: 'paid', amountPaid: 1_665_000, balanceDue: 0 })
    const paidPdf = await cache.getOrRender(`${paid.number}-${documentVersion(paid, isp())}`, () =>
      renderInvoicePdf(paid, isp()),
    )
    expect(pdfText(paidPdf)).toContain('LUNAS')
  })

  it('overwrites atomically and keeps nothing from a failed render', async () => {
    const cache = createPdfCache(dir)
    await cache.put('k1', Buffer.from('first'))
    await cache.put('k1', Buffer.from('second'))
    expect((await cache.get('k1'))!.toString()).toBe('second')

    let attempts = 0
    const failing = async (): Promise<Buffer> => {
      attempts += 1
      throw new Error('render failed')
    }
    const both = await Promise.allSettled([cache.getOrRender('k2', failing), cache.getOrRender('k2', failing)])
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(attempts).toBe(1)
    expect(await cache.get('k2')).toBeNull()
    // The next request tries again.
    expect((await cache.getOrRender('k2', async () => Buffer.from('ok'))).toString()).toBe('ok')
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('refuses keys that are not plain file names', async () => {
    const cache = createPdfCache(dir)
    for (const key of ['../escape', 'a/b', '.hidden', '', 'x'.repeat(201)]) {
      await expect(cache.get(key), key).rejects.toThrow(/Invalid PDF cache key/)
      expect(() => cache.getOrRender(key, async () => Buffer.from('x')), key).toThrow(/Invalid PDF cache key/)
    }
  })
})

const methods = ['cash', 'bank_transfer', 'qris', 'gopay', 'gateway'] as const
const statuses = ['verified', 'pending', 'rejected'] as const

function paymentRows(count: number): PaymentExportRow[] {
  return Array.from({ length: count }, (_, i) => ({
    number: `PAY20261105${String(i + 1).padStart(3, '0')}`,
    // Late-evening UTC times: the WIB day is the next one.
    paymentDate: new Date(Date.UTC(2026, 10, 1 + (i % 28), 18, 30)),
    customerName: i % 13 === 0 ? 'Raden Mas Bagus Kusumawardhana Wicaksono Adiningrat' : `Pelanggan ${i + 1}`,
    customerNumber: `CUS2025${String(i).padStart(5, '0')}`,
    method: methods[i % methods.length],
    reference: i % 3 ? `REF-${i}` : undefined,
    period: i % 4 ? '2026-11' : 'Oktober 2026',
    amount: 150_000 + (i % 7) * 50_000 + i,
    status: statuses[i % statuses.length],
    processedBy: i % 2 ? 'Siti Rahayu' : undefined,
  }))
}

const meta = () => ({
  title: 'Riwayat pembayaran',
  filterDescription: 'Periode: November 2026 · Semua metode · Semua status',
  generatedAt: new Date('2026-11-27T09:00:00Z'),
  isp: isp(),
})

describe('payment history export', () => {
  it('writes an Excel sheet with Indonesian headers, whole-Rupiah amounts and totals', async () => {
    const rows = paymentRows(40)
    const file = await paymentsToXlsx(rows, meta())
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Pembayaran')!
    expect(sheet.getCell('A1').value).toBe('Riwayat pembayaran')
    expect(sheet.getCell('A2').value).toBe('Periode: November 2026 · Semua metode · Semua status')
    expect(String(sheet.getCell('A3').value)).toContain('27 November 2026 pukul 16.00 WIB')

    let headerRow = 0
    sheet.eachRow((row, number) => {
      if (row.getCell(1).value === 'Nomor') headerRow = number
    })
    expect(headerRow).toBeGreaterThan(0)
    expect((sheet.getRow(headerRow).values as unknown[]).slice(1)).toEqual([
      'Nomor',
      'Tanggal bayar',
      'Pelanggan',
      'No. pelanggan',
      'Metode',
      'Referensi',
      'Periode',
      'Jumlah (Rp)',
      'Status',
      'Diproses oleh',
    ])

    const methodLabel = {
      cash: 'Tunai',
      bank_transfer: 'Transfer bank',
      qris: 'QRIS',
      gopay: 'GoPay',
      gateway: 'Gateway',
    }
    const statusLabel = { pending: 'Menunggu verifikasi', verified: 'Terverifikasi', rejected: 'Ditolak' }
    rows.forEach((payment, i) => {
      const row = sheet.getRow(headerRow + 1 + i)
      expect(row.getCell(1).value).toBe(payment.number)
      const day = row.getCell(2).value as Date
      const paid = new Date(payment.paymentDate)
      expect(day.toISOString()).toBe(new Date(Date.UTC(2026, 10, paid.getUTCDate() + 1)).toISOString())
      expect(row.getCell(3).value).toBe(payment.customerName)
      expect(row.getCell(4).value).toBe(payment.customerNumber)
      expect(row.getCell(5).value).toBe(methodLabel[payment.method])
      expect(row.getCell(6).value ?? '').toBe(payment.reference ?? '')
      expect(row.getCell(7).value).toBe(payment.period === '2026-11' ? 'November 2026' : payment.period)
      const amount = row.getCell(8)
      expect(typeof amount.value).toBe('number')
      expect(Number.isInteger(amount.value)).toBe(true)
      expect(amount.value).toBe(payment.amount)
      expect(amount.numFmt).toBe(RUPIAH_NUMBER_FORMAT)
      expect(row.getCell(9).value).toBe(statusLabel[payment.status])
      expect(row.getCell(10).value ?? '').toBe(payment.processedBy ?? '')
    })

    const sum = (list: PaymentExportRow[]) => list.reduce((total, row) => total + row.amount, 0)
    const totalRow = sheet.getRow(headerRow + rows.length + 1)
    expect(totalRow.getCell(1).value).toBe('Total (40 pembayaran)')
    const total = totalRow.getCell(8).value as { formula: string; result: number }
    expect(total.formula).toBe(`SUM(H${headerRow + 1}:H${headerRow + rows.length})`)
    expect(total.result).toBe(sum(rows))

    const byStatus = [1, 2, 3].map((offset) => sheet.getRow(headerRow + rows.length + 1 + offset))
    const expected = [
      ['Menunggu verifikasi', rows.filter((r) => r.status === 'pending')],
      ['Terverifikasi', rows.filter((r) => r.status === 'verified')],
      ['Ditolak', rows.filter((r) => r.status === 'rejected')],
    ] as const
    byStatus.forEach((row, i) => {
      const [label, list] = expected[i]
      expect(row.getCell(1).value).toBe(`${label} (${list.length})`)
      expect((row.getCell(8).value as { result: number }).result).toBe(sum(list))
    })
    expect(sum([...expected[0][1], ...expected[1][1], ...expected[2][1]])).toBe(sum(rows))
  })

  it('writes an empty export with a zero total', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await paymentsToXlsx([], meta())) as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Pembayaran')!
    const last = sheet.getRow(sheet.rowCount)
    expect(last.getCell(1).value).toBe('Total (0 pembayaran)')
    expect(last.getCell(8).value).toBe(0)

    const pdf = pdfText(await paymentsToPdf([], meta()))
    expect(pdf).toContain('Tidak ada pembayaran yang cocok dengan filter ini.')
    expect(pdf).toContain('Total (0 pembayaran)Rp0')
  })

  it('lays 500 payments over several landscape pages, each row once, the total at the end', async () => {
    const rows = paymentRows(500)
    const pdf = await paymentsToPdf(rows, meta())
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    // Landscape A4.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89\d* 595\.28\d*\]/)

    const pages = pdfPages(pdf)
    expect(pages.length).toBeGreaterThan(5)
    pages.forEach((page, i) => {
      expect(page).toContain('Riwayat pembayaran')
      expect(page).toContain(
        'No.NomorTanggal bayarPelangganNo. pelangganMetodeReferensiPeriodeJumlah (Rp)StatusDiproses oleh',
      )
      expect(page).toContain(`Halaman ${i + 1} dari ${pages.length}`)
    })

    const all = pages.join('')
    for (const row of rows) {
      expect(all.split(row.number).length - 1, row.number).toBe(1)
    }
    // Rows keep their order across pages.
    const positions = rows.map((row) => all.indexOf(row.number))
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    expect(all).toContain(`${rows[7].number}9 November 2026${rows[7].customerName}`)

    const total = rows.reduce((sum, row) => sum + row.amount, 0)
    const totalLine = `Total (500 pembayaran)${formatRupiah(total)}`
    expect(pages.at(-1)).toContain(totalLine)
    expect(pages.slice(0, -1).some((page) => page.includes('Total ('))).toBe(false)
  })
})
