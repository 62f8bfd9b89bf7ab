'use client'

import { JoinField, useConfig, useDocumentInfo, useForm } from '@payloadcms/ui'
import type { JoinFieldClientProps } from 'payload'
import { useEffect, useState } from 'react'

/** Fired on the window by actions that change a customer's billing rows (recording a payment). */
export const BILLING_CHANGED_EVENT = 'isp:customer-billing-changed'

/**
 * Payload's join table (a customer's invoices, payments) that reloads its rows when an action on
 * the same page changes them, instead of showing the rows from when the page was opened.
 */
export function RefreshingJoinField(props: JoinFieldClientProps) {
  const { field, path } = props
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const { dispatchFields } = useForm()
  const [generation, setGeneration] = useState(0)

  useEffect(() => {
    if (!id || typeof field.collection !== 'string') return
    const api = `${config.serverURL ?? ''}${config.routes.api}`
    const reload = async () => {
      const params = new URLSearchParams({
        [`where[${field.on}][equals]`]: String(id),
        depth: '0',
        limit: String(field.defaultLimit ?? 10),
      })
      if (typeof field.defaultSort === 'string') params.set('sort', field.defaultSort)
      const res = await fetch(`${api}/${field.collection}?${params}`, { credentials: 'include' })
      if (!res.ok) return
      const found = (await res.json()) as { docs: unknown[]; hasNextPage: boolean; totalDocs: number }
      const value = { docs: found.docs, hasNextPage: found.hasNextPage, totalDocs: found.totalDocs }
      dispatchFields({ type: 'UPDATE', path: path ?? field.name, value, initialValue: value })
      // A new key mounts a fresh table, which reads the rows just put in the form state.
      setGeneration((g) => g + 1)
    }
    const listener = () => void reload()
    window.addEventListener(BILLING_CHANGED_EVENT, listener)
    return () => window.removeEventListener(BILLING_CHANGED_EVENT, listener)
  }, [config, dispatchFields, field, id, path])

  return <JoinField key={generation} {...props} />
}
