import type { Payload, TypedUser } from 'payload'

/** The OpenStreetMap page centred on a point, with a marker. */
export const osmUrl = (lat: number, lng: number) =>
  `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}`

/**
 * On an incident's page: where its node is (name, kind, area, coordinates) and a link to that spot
 * on OpenStreetMap, so a technician knows where to go. Read with the viewer's own access.
 */
export async function IncidentNodePosition({
  data,
  payload,
  user,
}: {
  data?: { node?: number | { id: number } | null }
  payload: Payload
  user?: TypedUser | null
}) {
  const nodeId = typeof data?.node === 'object' && data.node ? data.node.id : data?.node
  if (!nodeId || !user) return null
  const node = await payload
    .findByID({ collection: 'network-nodes', id: nodeId, depth: 0, overrideAccess: false, user })
    .catch(() => null)
  if (!node) return null
  const placed = typeof node.latitude === 'number' && typeof node.longitude === 'number'
  return (
    <div data-testid="incident-node-position" style={{ marginBottom: 'var(--base)', fontSize: 14 }}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>Posisi perangkat</div>
      {node.name}
      {node.area ? ` · ${node.area}` : ''}
      {placed ? (
        <>
          {' · '}
          {node.latitude!.toFixed(5)}, {node.longitude!.toFixed(5)} ·{' '}
          <a href={osmUrl(node.latitude!, node.longitude!)} target="_blank" rel="noopener noreferrer">
            Buka di peta (OpenStreetMap)
          </a>
        </>
      ) : (
        ' · posisi belum diisi (isi lintang/bujur di Topologi)'
      )}
    </div>
  )
}
