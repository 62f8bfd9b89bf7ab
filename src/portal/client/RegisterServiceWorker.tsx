'use client'

import { useEffect } from 'react'

/** Installs the portal's service worker (public/portal/sw.js): the shell and last-seen pages offline. */
export function RegisterServiceWorker() {
  useEffect(() => {
    // Service workers need a secure context: HTTPS, or localhost while developing.
    if ('serviceWorker' in navigator && window.isSecureContext) {
      navigator.serviceWorker.register('/portal/sw.js', { scope: '/portal' }).catch(() => undefined)
      navigator.storage?.persist?.().catch(() => undefined)
    }
  }, [])
  return null
}
