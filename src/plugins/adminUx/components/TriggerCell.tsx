'use client'

import { useTranslation } from '@payloadcms/ui'

import { triggerLabel } from '../labels'

/** A list cell showing a trigger key (`invoice_issued`) by its name (`Tagihan terbit`). */
export function TriggerCell({ cellData }: { cellData?: unknown }) {
  const { i18n } = useTranslation()
  const key = typeof cellData === 'string' ? cellData : null
  return <span title={key ?? undefined}>{triggerLabel(key, i18n.language)}</span>
}
