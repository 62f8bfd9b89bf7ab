import { sql } from '@payloadcms/db-postgres'
import type { CollectionAfterChangeHook } from 'payload'

import { queueInvoicePdfRenders } from '../operations/documents/prerender'

/** Any new or changed invoice (issued, edited, paid, voided) gets its PDF rendered ahead by a job. */
export const prerenderInvoicePdfHook: CollectionAfterChangeHook = async ({ doc, req }) => {
  await queueInvoicePdfRenders(req, sql`${doc.id}`)
  return doc
}
