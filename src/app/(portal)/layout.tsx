import type { Metadata, Viewport } from 'next'
import type React from 'react'

import './portal.css'

export const metadata: Metadata = {
  title: { default: 'Portal Pelanggan', template: '%s · Portal Pelanggan' },
  description: 'Tagihan, pembayaran, status layanan dan laporan gangguan internet Anda.',
  manifest: '/portal/manifest.webmanifest',
  icons: { icon: '/portal/icons/icon-192.png', apple: '/portal/icons/apple-touch-icon.png' },
  appleWebApp: { capable: true, title: 'Portal', statusBarStyle: 'default' },
}

export const viewport: Viewport = { themeColor: '#0b5cad', width: 'device-width', initialScale: 1 }

/** The customer portal's root layout: Bahasa Indonesia, no admin styles or scripts. */
export default function PortalRootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="id">
      <body>{children}</body>
    </html>
  )
}
