/** Tagihan and kwitansi PDFs, and the payment history export: plain functions over plain data. */
export { paymentsToPdf, paymentsToXlsx, RUPIAH_NUMBER_FORMAT } from './export'
export { paymentMethodLabels, paymentStatusLabels, invoiceStatusLabels, periodLabel } from './labels'
export {
  createPdfCache,
  documentVersion,
  DOCUMENT_LAYOUT_VERSION,
  renderInvoicePdf,
  renderInvoicesPdf,
  renderReceiptPdf,
  type PdfCache,
} from './render'
export type * from './types'
