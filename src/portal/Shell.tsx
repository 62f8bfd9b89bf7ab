import Link from 'next/link'
import type React from 'react'

import { RegisterServiceWorker } from './client/RegisterServiceWorker'

const TABS = [
  { href: '/portal', label: 'Beranda', key: 'home' },
  { href: '/portal/tagihan', label: 'Tagihan', key: 'invoices' },
  { href: '/portal/pembayaran', label: 'Bayar', key: 'payments' },
  { href: '/portal/tiket', label: 'Bantuan', key: 'tickets' },
  { href: '/portal/profil', label: 'Profil', key: 'profile' },
] as const

export type TabKey = (typeof TABS)[number]['key']

/** A signed-in portal page: header, main content, bottom tab bar. */
export function Shell({ current, title, children }: { current: TabKey; title: string; children: React.ReactNode }) {
  return (
    <>
      <a className="skip" href="#isi">
        Langsung ke isi
      </a>
      <header className="top">
        <Link href="/portal">Portal Pelanggan</Link>
        <Link href="/portal/profil">Akun</Link>
      </header>
      <main id="isi">
        <h1>{title}</h1>
        {children}
      </main>
      <nav className="tabs" aria-label="Menu utama">
        {TABS.map((tab) => (
          <Link key={tab.key} href={tab.href} aria-current={tab.key === current ? 'page' : undefined}>
            {tab.label}
          </Link>
        ))}
      </nav>
      <RegisterServiceWorker />
    </>
  )
}
