import { createLocalReq, type Payload } from 'payload'

import { loadIspProfile } from '../../billing/operations/documents/ispProfile'

type Brand = { name: string; logo: string | null }

/**
 * The ISP's name and logo from the billing settings (the letterhead the documents print). The
 * logo is inlined as a data URL: the login page is seen before sign-in, and uploaded files are
 * served only to signed-in readers.
 */
async function loadBrand(payload: Payload): Promise<Brand> {
  try {
    const req = await createLocalReq({}, payload)
    const profile = await loadIspProfile(req)
    const logo = profile.logo
      ? `data:${profile.logo[0] === 0x89 ? 'image/png' : 'image/jpeg'};base64,${profile.logo.toString('base64')}`
      : null
    return { name: profile.name || 'ISP', logo }
  } catch {
    return { name: 'ISP', logo: null }
  }
}

/** The login page's logo: the ISP's logo and name instead of Payload's. */
export async function BrandLogo({ payload }: { payload: Payload }) {
  const brand = await loadBrand(payload)
  return (
    <div data-testid="brand-logo" style={{ display: 'flex', alignItems: 'center', gap: 'calc(var(--base) * 0.75)' }}>
      {brand.logo ? <img src={brand.logo} alt={`Logo ${brand.name}`} style={{ maxHeight: 64, maxWidth: 160 }} /> : null}
      <span style={{ fontSize: '1.6rem', fontWeight: 600 }}>{brand.name}</span>
    </div>
  )
}

/** The header's small mark: the ISP's logo, or its initials when it has none. */
export async function BrandIcon({ payload }: { payload: Payload }) {
  const brand = await loadBrand(payload)
  if (brand.logo)
    return <img data-testid="brand-icon" src={brand.logo} alt={brand.name} style={{ height: 20, width: 'auto' }} />
  const initials = brand.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join('')
  return (
    <span data-testid="brand-icon" title={brand.name} style={{ fontWeight: 700, fontSize: 13 }}>
      {initials || 'ISP'}
    </span>
  )
}
