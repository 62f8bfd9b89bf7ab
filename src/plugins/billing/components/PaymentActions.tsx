'use client'

import { useConfig, useDocumentInfo } from '@payloadcms/ui'

/** Above a verified payment: download its receipt (kwitansi). */
export function PaymentActions() {
  const { id, data } = useDocumentInfo()
  const { config } = useConfig()
  if (!id || (data as { status?: string } | undefined)?.status !== 'verified') return null
  return (
    <a
      className="btn btn--style-secondary btn--size-small"
      href={`${config.serverURL ?? ''}${config.routes.api}/payments/${id}/receipt`}
      target="_blank"
      rel="noreferrer"
    >
      Unduh kwitansi
    </a>
  )
}
