// TEMPORARY STUB so this branch type-checks: the real module (feat/pdf) replaces this file at merge,
// with the same signatures. Do not build on anything here beyond them.
import { Document, Page, renderToBuffer, Text } from '@react-pdf/renderer'
import ExcelJS from 'exceljs'
import { createElement as h } from 'react'

type PaymentExportRow = {
  number: string
  paymentDate: string | Date
  customerName: string
  customerNumber: string
  method: 'cash' | 'bank_transfer' | 'qris' | 'gopay' | 'gateway'
  reference?: string
  period?: string
  amount: number
  status: 'pending' | 'verified' | 'rejected'
  processedBy?: string
}
type PaymentExportMeta = {
  title: string
  filterDescription: string
  generatedAt: Date
  isp: { name: string; address?: string; phone?: string; email?: string; npwp?: string; logo?: Buffer | null; bankAccounts?: { bank: string; number: string; holder: string }[]; footerNote?: string }
}

export async function paymentsToXlsx(rows: PaymentExportRow[], meta: PaymentExportMeta): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Pembayaran')
  sheet.addRow([meta.title])
  sheet.addRow([meta.filterDescription])
  for (const r of rows) sheet.addRow([r.number, new Date(r.paymentDate), r.customerName, r.customerNumber, r.method, r.reference ?? '', r.period ?? '', r.amount, r.status, r.processedBy ?? ''])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export async function paymentsToPdf(rows: PaymentExportRow[], meta: PaymentExportMeta): Promise<Buffer> {
  return renderToBuffer(h(Document, null, h(Page, { size: 'A4' }, h(Text, null, meta.title), h(Text, null, meta.filterDescription), ...rows.map((r) => h(Text, { key: r.number }, `${r.number} ${r.customerName} ${r.amount}`)))))
}
