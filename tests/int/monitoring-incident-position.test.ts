/**
 * The incident page's node position (a server component on the incident's edit view): the node's
 * name, area, coordinates and a link to that spot on OpenStreetMap, read with the viewer's access
 * (a content editor, who may not read the topology, sees nothing). Real PostgreSQL, Local API.
 */
import type { Payload } from 'payload'
import { renderToStaticMarkup } from 'react-dom/server'
import { beforeAll, describe, expect, it } from 'vitest'

import { IncidentNodePosition } from '../../src/plugins/monitoring/components/IncidentNodePosition'
import { createStaff } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
beforeAll(async () => {
  payload = await testPayload()
})

const render = async (props: Parameters<typeof IncidentNodePosition>[0]) => {
  const element = await IncidentNodePosition(props)
  return element ? renderToStaticMarkup(element) : ''
}

describe('incident node position', () => {
  it('shows the node, its coordinates and an OpenStreetMap link; nothing for someone who may not read nodes', async () => {
    const name = unique('ODP-MAP-')
    const node = await payload.create({
      collection: 'network-nodes',
      data: { name, kind: 'odp', area: 'Beji', latitude: -6.3763, longitude: 106.8188 },
      overrideAccess: true,
    })
    const technician = { ...(await createStaff(payload, 'technician')).user, collection: 'users' as const }
    const html = await render({ data: { node: node.id }, payload, user: technician as never })
    expect(html).toContain(`${name} · Beji · -6.37630, 106.81880`)
    expect(html).toContain(
      'href="https://www.openstreetmap.org/?mlat=-6.3763&amp;mlon=106.8188#map=17/-6.3763/106.8188"',
    )

    const unplaced = await payload.create({
      collection: 'network-nodes',
      data: { name: unique('ODP-NOMAP-'), kind: 'odp' },
      overrideAccess: true,
    })
    expect(await render({ data: { node: unplaced.id }, payload, user: technician as never })).toContain(
      'posisi belum diisi',
    )

    const editor = { ...(await createStaff(payload, 'content_editor')).user, collection: 'users' as const }
    expect(await render({ data: { node: node.id }, payload, user: editor as never })).toBe('')
  })
})
