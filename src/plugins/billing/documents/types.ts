import type { InvoiceStatus, PaymentMethod, PaymentStatus } from '../model'

export type { InvoiceStatus, PaymentMethod, PaymentStatus } from '../model'

/** The ISP's own details printed at the top of every document. */
export type IspProfile = {
  name: string
  address?: string
  phone?: string
  email?: string
  /** Nomor Pokok Wajib Pajak, printed as given. */
  npwp?: string
  /** PNG or JPEG bytes; anything else is left out rather than breaking the document. */
  logo?: Buffer | null
  /** Where customers may transfer to; printed on unpaid invoices. */
  bankAccounts?: { bank: string; number: string; holder: string }[]
  /** A closing line at the foot of each page (e.g. customer service hours). */
  footerNote?: string
}

export type DocumentCustomer = { number: string; name: string; address?: string; phone?: string }

/** Everything a tagihan shows. Money is integer Rupiah; dates are ISO strings (shown as WIB days). */
export type InvoiceDocumentData = {
  number: string
  issueDate: string
  dueDate: string
  /** The billing period as users read it, e.g. `November 2026`. */
  periodLabel: string
  status: InvoiceStatus
  customer: DocumentCustomer
  lines: { description: string; quantity: number; unitPrice: number; amount: number }[]
  subtotal: number
  discount: number
  /** DPP (dasar pengenaan pajak) when it differs from the subtotal, e.g. 11/12 of it. */
  taxBase?: number
  /** PPN rate in percent (`11`, or `12` on a DPP of 11/12); 11 when omitted. */
  ppnRate?: number
  /** 0 with no `ppnRate` and no `taxBase` hides the PPN line (ISP not registered for VAT). */
  ppn: number
  creditApplied: number
  total: number
  amountPaid: number
  balanceDue: number
  /** The online payment page; printed while something is left to pay. */
  payUrl?: string
  voidReason?: string
}

/** Everything a kwitansi shows. */
export type ReceiptDocumentData = {
  /** `PAY…` */
  number: string
  /** ISO date or timestamp; shown as the WIB day. */
  paymentDate: string
  method: PaymentMethod
  reference?: string
  amount: number
  customer: DocumentCustomer
  /** The invoices this payment settles (all or part of). */
  invoices: { number: string; periodLabel: string; amount: number }[]
  /** The staff member who recorded the payment. */
  processedBy?: string
  notes?: string
}

/** One line of the payment history export. */
export type PaymentExportRow = {
  number: string
  /** ISO date/timestamp or Date; exported as the WIB calendar day. */
  paymentDate: string | Date
  customerName: string
  customerNumber: string
  method: PaymentMethod
  reference?: string
  /** Billing period: `2026-11` is shown as `November 2026`; other text as given. */
  period?: string
  amount: number
  status: PaymentStatus
  processedBy?: string
}

export type PaymentExportMeta = {
  title: string
  /** What the rows were filtered by, in words, e.g. `Status: terverifikasi · 1–30 November 2026`. */
  filterDescription: string
  generatedAt: Date
  isp: IspProfile
}
