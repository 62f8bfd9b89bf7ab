'use client'

import { FieldLabel, useField, useTranslation } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'

import { humanizeKey } from '../../../lib/format'

const shown = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '–'
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/**
 * A message's variables as a list people read (`Nomor pelanggan: PLG-0001`) instead of raw JSON.
 * The message log is written by the system; the list is read-only.
 */
export const VariablesField: JSONFieldClientComponent = ({ field, path }) => {
  const { value } = useField<unknown>({ path: path ?? field.name })
  const { i18n } = useTranslation()
  const entries =
    value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as Record<string, unknown>) : []
  return (
    <div className="field-type" data-testid="message-variables" style={{ marginBottom: 'var(--base)' }}>
      <FieldLabel label={field.label} path={path} />
      {entries.length === 0 ? (
        <p>{i18n.language === 'en' ? 'No variables' : 'Tanpa variabel'}</p>
      ) : (
        <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: 0 }}>
          {entries.map(([key, item]) => (
            <div key={key} style={{ display: 'contents' }}>
              <dt style={{ fontWeight: 600 }} title={key}>
                {humanizeKey(key)}
              </dt>
              <dd style={{ margin: 0 }}>{shown(item)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  )
}
