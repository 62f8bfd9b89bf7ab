'use client'

import { DefaultCell, useConfig } from '@payloadcms/ui'
import type { DefaultCellComponentProps } from 'payload'

/**
 * A relationship cell that reads a populated row too. A join table (a customer's tickets in the
 * Riwayat tab) hands its cells the related row itself, which Payload's own cell does not read and
 * shows as "<Tidak ada Teknisi>"; here the row's title is shown. An id goes to Payload's cell.
 */
export function RelationTitleCell(props: DefaultCellComponentProps) {
  const { getEntityConfig } = useConfig()
  const { cellData, field } = props
  const relationTo = 'relationTo' in field && typeof field.relationTo === 'string' ? field.relationTo : null
  if (relationTo && cellData && typeof cellData === 'object' && 'id' in cellData) {
    const row = cellData as Record<string, unknown>
    const titleField = getEntityConfig({ collectionSlug: relationTo })?.admin?.useAsTitle ?? 'id'
    const title = row[titleField]
    return <span data-testid="relation-title">{typeof title === 'string' && title ? title : String(row.id)}</span>
  }
  return <DefaultCell {...props} />
}
