'use client'

import { useConfig } from '@payloadcms/ui'
import { useEffect, useId, useState } from 'react'

type Hit = { collection: string; id: number; title: string; detail: string }

const KIND: Record<string, string> = {
  customers: 'Pelanggan',
  invoices: 'Tagihan',
  payments: 'Pembayaran',
  tickets: 'Tiket',
}

/**
 * The header's search: customers by number, name, phone or address; invoices, payments and
 * tickets by number (and a payment's reference, a ticket's subject). Results link to the record.
 */
export function GlobalSearch() {
  const { config } = useConfig()
  const listId = useId()
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<Hit[] | null>(null)
  const [open, setOpen] = useState(false)

  useEffect(() => {
    const q = query.trim()
    if (q.length < 2) {
      setHits(null)
      return
    }
    const controller = new AbortController()
    const run = async () => {
      try {
        const res = await fetch(
          `${config.serverURL ?? ''}${config.routes.api}/admin-search?q=${encodeURIComponent(q)}`,
          { credentials: 'include', signal: controller.signal },
        )
        if (!res.ok) return setHits([])
        setHits(((await res.json()) as { hits: Hit[] }).hits)
        setOpen(true)
      } catch {
        // Typing on aborts the previous search.
      }
    }
    const timer = setTimeout(() => void run(), 250)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [config, query])

  return (
    <div style={{ position: 'relative' }} data-testid="global-search">
      <input
        type="search"
        aria-label="Cari pelanggan, tagihan, pembayaran, tiket"
        placeholder="Cari…"
        value={query}
        aria-controls={listId}
        onChange={(e) => setQuery(e.target.value)}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 200)}
        style={{
          width: 220,
          maxWidth: '40vw',
          height: 32,
          padding: '0 10px',
          border: '1px solid var(--theme-elevation-250)',
          borderRadius: 'var(--style-radius-s)',
          background: 'var(--theme-input-bg)',
          color: 'var(--theme-text)',
        }}
      />
      {open && hits ? (
        <ul
          id={listId}
          data-testid="global-search-results"
          style={{
            position: 'absolute',
            right: 0,
            top: 36,
            zIndex: 50,
            width: 360,
            maxWidth: '90vw',
            maxHeight: 420,
            overflowY: 'auto',
            margin: 0,
            padding: 4,
            listStyle: 'none',
            background: 'var(--theme-elevation-0)',
            border: '1px solid var(--theme-elevation-150)',
            borderRadius: 'var(--style-radius-m)',
            boxShadow: '0 4px 16px rgba(0,0,0,0.15)',
          }}
        >
          {hits.length === 0 ? <li style={{ padding: 8 }}>Tidak ada yang cocok.</li> : null}
          {hits.map((hit) => (
            <li key={`${hit.collection}-${hit.id}`}>
              <a
                data-testid="global-search-hit"
                data-collection={hit.collection}
                href={`${config.routes.admin}/collections/${hit.collection}/${hit.id}`}
                style={{ display: 'block', padding: 8, textDecoration: 'none', color: 'var(--theme-text)' }}
              >
                <small style={{ color: 'var(--theme-elevation-600)' }}>{KIND[hit.collection] ?? hit.collection}</small>
                <div style={{ fontWeight: 600 }}>{hit.title}</div>
                {hit.detail ? <div style={{ fontSize: 12 }}>{hit.detail}</div> : null}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
