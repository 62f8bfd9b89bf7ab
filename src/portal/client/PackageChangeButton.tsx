'use client'

import { useState } from 'react'

import { send } from './api'

/**
 * Asks for a change to this package (after the quote shown above it): a request staff approve or
 * reject. One tap sends once; the page then shows the waiting request.
 */
export function PackageChangeButton({ packageId, packageName }: { packageId: number; packageName: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const onClick = async () => {
    if (busy) return
    setBusy(true)
    setError('')
    try {
      await send('/api/package-change-requests', { body: { toPackage: packageId } })
      window.location.reload()
    } catch (e) {
      setError((e as Error).message)
      setBusy(false)
    }
  }
  return (
    <>
      <button type="button" className="full" disabled={busy} onClick={onClick}>
        Ajukan ganti ke {packageName}
      </button>
      <p role="alert" className="error">
        {error}
      </p>
    </>
  )
}
