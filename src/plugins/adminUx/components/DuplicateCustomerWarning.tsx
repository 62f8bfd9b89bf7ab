'use client'

import { useConfig, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

type Match = { id: number; number?: string | null; name: string }

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ')

/**
 * A warning on the customer form when another customer already has the same name and
 * installation address (ignoring case and spacing): the usual sign of a customer entered twice.
 * Saving is still allowed: two households can share a name and a building.
 */
export function DuplicateCustomerWarning() {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const name = useFormFields(([fields]) => fields.name?.value) as string | undefined
  const address = useFormFields(([fields]) => fields.address?.value) as string | undefined
  const [matches, setMatches] = useState<Match[]>([])

  useEffect(() => {
    const wantedName = normalise(name ?? '')
    const wantedAddress = normalise(address ?? '')
    if (wantedName.length < 3 || wantedAddress.length < 5) {
      setMatches([])
      return
    }
    const controller = new AbortController()
    const check = async () => {
      const params = new URLSearchParams({
        'where[and][0][name][like]': wantedName,
        'where[and][1][address][like]': wantedAddress,
        depth: '0',
        limit: '5',
        'select[name]': 'true',
        'select[number]': 'true',
        'select[address]': 'true',
      })
      if (id) params.set('where[and][2][id][not_equals]', String(id))
      try {
        const res = await fetch(`${config.serverURL ?? ''}${config.routes.api}/customers?${params}`, {
          credentials: 'include',
          signal: controller.signal,
        })
        if (!res.ok) return
        const found = (await res.json()) as { docs: (Match & { address?: string | null })[] }
        const same = (a: string, b: string) => normalise(a).toLowerCase() === normalise(b).toLowerCase()
        setMatches(found.docs.filter((d) => same(d.name, wantedName) && same(d.address ?? '', wantedAddress)))
      } catch {
        // A dropped check leaves no warning; saving is unaffected.
      }
    }
    const timer = setTimeout(() => void check(), 400)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [address, config, id, name])

  if (matches.length === 0) return null
  const adminRoute = config.routes.admin
  return (
    <div
      role="alert"
      data-testid="duplicate-customer-warning"
      style={{
        margin: '0 0 var(--base)',
        padding: 'calc(var(--base) * 0.75)',
        border: '1px solid var(--theme-warning-500)',
        borderRadius: 'var(--style-radius-m)',
        background: 'var(--theme-warning-100)',
      }}
    >
      Kemungkinan pelanggan ganda: sudah ada pelanggan dengan nama dan alamat yang sama —{' '}
      {matches.map((m, i) => (
        <span key={m.id}>
          {i > 0 ? ', ' : ''}
          <a href={`${adminRoute}/collections/customers/${m.id}`}>{m.number ?? m.name}</a>
        </span>
      ))}
      . Periksa dulu sebelum menyimpan.
    </div>
  )
}
