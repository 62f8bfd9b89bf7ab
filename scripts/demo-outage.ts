/**
 * `npm run demo:outage` (with `npm run demo` running): an ODP of the demo network goes dark. Places
 * the ODP with the most active customers in the topology (under the demo router's node, with its
 * map position), then sends the demo's Prometheus Alertmanager (webhook v4, the demo token) one
 * firing `PPPoESessionDown` alert per customer on it, started two minutes ago. Within a correlator
 * pass (30 s) one incident opens on the ODP: watch Jaringan → Pemantauan jaringan, the incident
 * page and the WhatsApp fake. `npm run demo:outage -- --resolve` sends the alerts resolved: the
 * incident closes by itself on a later pass.
 *
 * Options: --url (default http://127.0.0.1:$PORT or :3000), --resolve.
 */
import { parseArgs } from 'node:util'

import { sql } from '@payloadcms/db-postgres'
import type { Where } from 'payload'

import { bootPayload, shutdownPayload } from '../src/boot'
import { executeSqlOutsideTransaction } from '../src/db/sql'
import { DEMO_MONITORING_ENV } from '../src/fakes/demo'

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 3000}` },
    resolve: { type: 'boolean', default: false },
  },
})
const token = process.env.MONITORING_ALERTMANAGER_TOKEN ?? DEMO_MONITORING_ENV.MONITORING_ALERTMANAGER_TOKEN
const { payload, database } = await bootPayload()
try {
  const { rows } = await executeSqlOutsideTransaction(
    payload,
    sql`SELECT odp, area, count(*)::int AS n FROM customers
         WHERE status = 'active' AND odp IS NOT NULL AND pppoe_username IS NOT NULL
         GROUP BY odp, area ORDER BY n DESC, odp LIMIT 1`,
  )
  if (!rows[0]) throw new Error('No active customer with an ODP and a PPPoE user name: run `npm run demo` first.')
  const odp = String(rows[0].odp)
  const area = (rows[0].area as string | null) ?? undefined

  // The topology: the default router's node and the ODP under it (each created once).
  const router = (
    await payload.find({ collection: 'routers', sort: '-isDefault', limit: 1, depth: 0, overrideAccess: true })
  ).docs[0]
  const findNode = async (where: Where) =>
    (await payload.find({ collection: 'network-nodes', where, limit: 1, depth: 0, overrideAccess: true })).docs[0]
  const routerNode =
    (router && (await findNode({ router: { equals: router.id }, kind: { equals: 'router' } }))) ??
    (await payload.create({
      collection: 'network-nodes',
      data: { name: `RTR-${router?.name ?? 'DEMO'}`.slice(0, 80), kind: 'router', router: router?.id },
      overrideAccess: true,
    }))
  const odpNode =
    (await findNode({ name: { equals: odp } })) ??
    (await payload.create({
      collection: 'network-nodes',
      // Depok, near the seed's areas: the incident page links to this spot.
      data: { name: odp, kind: 'odp', parent: routerNode.id, area, latitude: -6.4025, longitude: 106.7942 },
      overrideAccess: true,
    }))

  const customers = await payload.find({
    collection: 'customers',
    where: { odp: { equals: odp }, status: { equals: 'active' }, pppoeUsername: { exists: true } },
    select: { pppoeUsername: true, name: true },
    limit: 0,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  // Two minutes ago, so the next correlator pass judges it; but never before what the router last
  // told of these customers (a demo started a minute ago polled their sessions as up just now, and
  // a down older than that would be ignored as out of date).
  const { rows: known } = await executeSqlOutsideTransaction(
    payload,
    sql`SELECT max(network_status_since) AS at FROM customers
         WHERE status = 'active' AND odp = ${odp} AND pppoe_username IS NOT NULL`,
  )
  const lastKnown = known[0]?.at ? new Date(known[0].at as string).getTime() + 1000 : 0
  const startsAt = new Date(values.resolve ? Date.now() - 2 * 60_000 : Math.max(Date.now() - 2 * 60_000, lastKnown))
  const alerts = customers.docs.map((c) => ({
    status: values.resolve ? 'resolved' : 'firing',
    labels: { alertname: 'PPPoESessionDown', pppoe: c.pppoeUsername, odp },
    annotations: { summary: `Sesi PPPoE ${c.pppoeUsername} putus` },
    startsAt: startsAt.toISOString(),
    endsAt: values.resolve ? new Date().toISOString() : '0001-01-01T00:00:00Z',
    fingerprint: `demo-${c.pppoeUsername}`,
  }))
  const res = await fetch(`${values.url}/api/monitoring/events/alertmanager`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      version: '4',
      groupKey: `{}:{odp="${odp}"}`,
      status: values.resolve ? 'resolved' : 'firing',
      receiver: 'isp-ops',
      groupLabels: { odp },
      commonLabels: { alertname: 'PPPoESessionDown', odp },
      alerts,
    }),
  })
  console.log(`${res.status} ${await res.text()}`)
  console.log(
    values.resolve
      ? `${alerts.length} customers of ${odp} back: the incident closes on a coming correlator pass.`
      : `${alerts.length} customers of ${odp} (node #${odpNode.id}) down since ${startsAt.toISOString()}. Within ${startsAt.getTime() > Date.now() - 90_000 ? 'two minutes' : '~30 s'} one incident opens: ${values.url}/admin/pemantauan-jaringan`,
  )
} finally {
  await shutdownPayload(payload, database)
}
process.exit(0)
