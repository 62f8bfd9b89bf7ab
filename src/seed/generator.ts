import { Faker, id_ID, en, base } from '@faker-js/faker'
import type pg from 'pg'

import { formatHumanNumber } from '../operations/nextHumanNumber'
import { writeBillingHistory, writeSnapshotHistory } from '../plugins/analytics/seed/history'
import { wibDateStamp } from '../lib/wib'
import { payloadPasswordHash } from './password'

/**
 * Bulk generator for demo and benchmark data: customers with packages, tickets in every state,
 * equipment and service history, written with multi-row `INSERT … SELECT unnest(…)` in one
 * transaction (100k customers take seconds, not the hours one Local API call per row would).
 * Human numbers follow the same per-day counters as records created in the app.
 */
export type GenerateOptions = {
  customers: number
  /** Faker seed, for repeatable data. */
  seed?: number
  /** Portal password every generated customer gets. */
  customerPassword?: string
  /** Staff ids tickets are assigned to; without them no ticket gets past "open". */
  technicianIds?: number[]
  now?: Date
}

export type GenerateResult = {
  packages: number
  customers: number
  tickets: number
  equipment: number
  history: number
  /** MRR snapshots behind the customers: 24 month ends and the last 30 days. */
  snapshots: number
  /** Invoice history behind the snapshots (23 months before last month) and its payments. */
  invoices: number
  payments: number
  customerIds: number[]
  sampleCustomer?: { number: string; phone: string }
}

export const DEMO_PACKAGES = [
  { name: 'Rumahan 10 Mbps', downloadMbps: 10, uploadMbps: 5, monthlyPrice: 166_500 },
  { name: 'Rumahan 20 Mbps', downloadMbps: 20, uploadMbps: 10, monthlyPrice: 220_000 },
  { name: 'Rumahan 30 Mbps', downloadMbps: 30, uploadMbps: 15, monthlyPrice: 275_000 },
  { name: 'Keluarga 50 Mbps', downloadMbps: 50, uploadMbps: 25, monthlyPrice: 385_000 },
  { name: 'Gamer 100 Mbps', downloadMbps: 100, uploadMbps: 50, monthlyPrice: 555_000 },
]

/** Depok-area coverage: kelurahan with their ODP code prefix and a centre point. */
const AREAS = [
  { area: 'Cimanggis', odp: 'CMG', lat: -6.3706, lng: 106.8846 },
  { area: 'Sukmajaya', odp: 'SKJ', lat: -6.3944, lng: 106.8467 },
  { area: 'Beji', odp: 'BEJ', lat: -6.3763, lng: 106.8188 },
  { area: 'Pancoran Mas', odp: 'PCM', lat: -6.4083, lng: 106.8147 },
  { area: 'Tapos', odp: 'TPS', lat: -6.4228, lng: 106.8866 },
  { area: 'Cilodong', odp: 'CLD', lat: -6.4291, lng: 106.8502 },
  { area: 'Limo', odp: 'LMO', lat: -6.3681, lng: 106.7799 },
  { area: 'Sawangan', odp: 'SWG', lat: -6.4104, lng: 106.7636 },
]

/** Indonesian mobile prefixes (Telkomsel, Indosat, XL, Tri, Smartfren). */
const MOBILE_PREFIXES = [
  '811',
  '812',
  '813',
  '821',
  '822',
  '823',
  '852',
  '853',
  '814',
  '815',
  '816',
  '855',
  '856',
  '857',
  '858',
  '817',
  '818',
  '819',
  '859',
  '877',
  '878',
  '895',
  '896',
  '897',
  '898',
  '899',
  '881',
  '882',
  '883',
]

const TICKET_SUBJECTS: Record<string, string[]> = {
  installation: ['Pemasangan baru', 'Pemasangan ONT dan kabel drop'],
  repair: [
    'Internet mati total',
    'Lampu LOS merah menyala',
    'Koneksi putus-putus',
    'Kecepatan tidak sesuai paket',
    'Wi-Fi tidak terdeteksi',
  ],
  relocation: ['Pindah alamat rumah', 'Pindah posisi router'],
  complaint: ['Tagihan tidak sesuai', 'Teknisi belum datang'],
  other: ['Ganti kata sandi Wi-Fi', 'Permintaan upgrade paket'],
}
const TICKET_STATUSES = ['open', 'assigned', 'in_progress', 'resolved', 'closed'] as const
const DAY = 24 * 60 * 60 * 1000

type Row = Record<string, unknown>

/** INSERT … SELECT FROM unnest($1::type[], …) RETURNING id, in batches. */
async function bulkInsert(
  client: pg.ClientBase,
  table: string,
  columns: [string, string][],
  rows: Row[],
  batch = 5000,
): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch)
    const params = columns.map(([name]) => chunk.map((r) => r[name] ?? null))
    const select = columns.map(([, type], j) => `$${j + 1}::${type}[]`).join(', ')
    const { rows: inserted } = await client.query<{ id: number }>(
      `INSERT INTO ${table} (${columns.map(([n]) => n).join(', ')}) SELECT * FROM unnest(${select}) RETURNING id`,
      params,
    )
    ids.push(...inserted.map((r) => r.id))
  }
  return ids
}

/** Hands out `PREFIX yyyymmdd nnn` numbers continuing the per-day counters already in the database. */
async function numberer(client: pg.ClientBase, prefix: string) {
  const { rows } = await client.query<{ day: string; last_value: string }>(
    'SELECT day, last_value FROM number_sequences WHERE prefix = $1',
    [prefix],
  )
  const counters = new Map(rows.map((r) => [r.day, Number(r.last_value)]))
  return {
    next(at: Date) {
      const day = wibDateStamp(at)
      const value = (counters.get(day) ?? 0) + 1
      counters.set(day, value)
      return formatHumanNumber(prefix, day, value)
    },
    async save() {
      const days = [...counters.keys()]
      await client.query(
        `INSERT INTO number_sequences (prefix, day, last_value)
         SELECT $1, d, v FROM unnest($2::text[], $3::int[]) AS t(d, v)
         ON CONFLICT (prefix, day) DO UPDATE SET last_value = GREATEST(number_sequences.last_value, EXCLUDED.last_value), updated_at = now()`,
        [prefix, days, days.map((d) => counters.get(d))],
      )
    },
  }
}

export async function generateDataset(client: pg.ClientBase, options: GenerateOptions): Promise<GenerateResult> {
  const faker = new Faker({ locale: [id_ID, en, base] })
  faker.seed(options.seed ?? 20251010)
  const now = options.now ?? new Date()
  const technicians = options.technicianIds ?? []
  const { salt, hash } = payloadPasswordHash(options.customerPassword ?? 'pelanggan123')

  await client.query('BEGIN')
  try {
    let { rows: packages } = await client.query<{ id: number }>(
      'SELECT id FROM packages WHERE active ORDER BY monthly_price',
    )
    if (!packages.length) {
      const ids = await bulkInsert(
        client,
        'packages',
        [
          ['name', 'text'],
          ['download_mbps', 'numeric'],
          ['upload_mbps', 'numeric'],
          ['monthly_price', 'numeric'],
          ['active', 'boolean'],
        ],
        DEMO_PACKAGES.map((p) => ({
          name: p.name,
          download_mbps: p.downloadMbps,
          upload_mbps: p.uploadMbps,
          monthly_price: p.monthlyPrice,
          active: true,
        })),
      )
      packages = ids.map((id) => ({ id }))
    }

    // Customers: joined over the last three years, oldest first, most of them active.
    const customerNumbers = await numberer(client, 'CUS')
    const customerRows: Row[] = []
    const joined: Date[] = []
    for (let i = 0; i < options.customers; i++)
      joined.push(
        new Date(
          now.getTime() - faker.number.int({ min: 1, max: 3 * 365 }) * DAY - faker.number.int({ min: 0, max: DAY }),
        ),
      )
    joined.sort((a, b) => a.getTime() - b.getTime())
    for (const createdAt of joined) {
      const place = faker.helpers.arrayElement(AREAS)
      const status = faker.helpers.weightedArrayElement([
        { value: 'active', weight: 82 },
        { value: 'suspended', weight: 7 },
        { value: 'terminated', weight: 6 },
        { value: 'prospect', weight: 5 },
      ])
      const number = customerNumbers.next(createdAt)
      const activationDate =
        status === 'prospect' ? null : new Date(createdAt.getTime() + faker.number.int({ min: 1, max: 7 }) * DAY)
      // Left after at least a month (when the customer is that old), for one of the reasons staff pick.
      let terminatedAt: Date | null = null
      if (status === 'terminated' && activationDate) {
        const age = now.getTime() - activationDate.getTime()
        const settle = Math.min(30 * DAY, age / 2)
        terminatedAt = new Date(
          activationDate.getTime() + settle + faker.number.float({ min: 0, max: 1 }) * (age - settle),
        )
      }
      const first = faker.person.firstName()
      const last = faker.person.lastName()
      customerRows.push({
        name: `${first} ${last}`,
        phone: `62${faker.helpers.arrayElement(MOBILE_PREFIXES)}${faker.string.numeric(8)}`,
        email: faker.datatype.boolean(0.6) ? `${number.toLowerCase()}@contoh.id` : null,
        address: `${faker.location.street()} No. ${faker.number.int({ min: 1, max: 120 })}, RT ${faker.string.numeric(2)}/RW ${faker.string.numeric(2)}, ${place.area}, Depok`,
        area: place.area,
        odp: `ODP-${place.odp}-${String(faker.number.int({ min: 1, max: 24 })).padStart(2, '0')}`,
        latitude: (place.lat + faker.number.float({ min: -0.012, max: 0.012 })).toFixed(6),
        longitude: (place.lng + faker.number.float({ min: -0.012, max: 0.012 })).toFixed(6),
        package_id: faker.helpers.arrayElement(packages).id,
        status,
        activation_date: activationDate?.toISOString() ?? null,
        terminated_at: terminatedAt?.toISOString() ?? null,
        termination_reason: terminatedAt
          ? faker.helpers.weightedArrayElement([
              { value: 'price', weight: 30 },
              { value: 'moved', weight: 25 },
              { value: 'service_quality', weight: 18 },
              { value: 'non_payment', weight: 12 },
              { value: 'competitor', weight: 10 },
              { value: 'other', weight: 5 },
            ])
          : null,
        billing_day: faker.number.int({ min: 1, max: 28 }),
        number,
        username: number.toLowerCase(),
        salt,
        hash,
        created_at: createdAt.toISOString(),
        updated_at: createdAt.toISOString(),
      })
    }
    const customerIds = await bulkInsert(
      client,
      'customers',
      [
        ['name', 'text'],
        ['phone', 'text'],
        ['email', 'text'],
        ['address', 'text'],
        ['area', 'text'],
        ['odp', 'text'],
        ['latitude', 'numeric'],
        ['longitude', 'numeric'],
        ['package_id', 'int'],
        ['status', 'enum_customers_status'],
        ['activation_date', 'timestamptz'],
        ['terminated_at', 'timestamptz'],
        ['termination_reason', 'enum_customers_termination_reason'],
        ['billing_day', 'numeric'],
        ['number', 'text'],
        ['username', 'text'],
        ['salt', 'text'],
        ['hash', 'text'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      customerRows,
    )
    await customerNumbers.save()

    // Equipment: an ONT at every customer who has been activated, a router at some; stock on the shelf.
    const equipmentRows: Row[] = []
    const historyRows: Row[] = []
    customerRows.forEach((c, i) => {
      const id = customerIds[i]!
      const activatedAt = c.activation_date as string | null
      if (!activatedAt) return
      historyRows.push({ customer_id: id, type: 'activation', occurred_at: activatedAt, summary: 'Layanan diaktifkan' })
      const gone = c.status === 'terminated'
      const ont = {
        type: 'ont',
        brand: faker.helpers.arrayElement(['ZTE', 'Huawei', 'FiberHome']),
        model: faker.helpers.arrayElement(['F609', 'HG8245H5', 'AN5506-04-F', 'F670L']),
      }
      equipmentRows.push({
        ...ont,
        serial: `SN${faker.string.alphanumeric({ length: 12, casing: 'upper' })}`,
        mac: faker.internet.mac().toUpperCase(),
        status: gone ? 'returned' : 'installed',
        holder_id: gone ? null : id,
        installed_at: activatedAt,
        _customer: id,
        _at: activatedAt,
      })
      if (c.status === 'suspended') {
        historyRows.push({
          customer_id: id,
          type: 'suspension',
          occurred_at: new Date(now.getTime() - faker.number.int({ min: 1, max: 20 }) * DAY).toISOString(),
          summary: 'Layanan diisolir',
        })
      }
      if (gone)
        historyRows.push({
          customer_id: id,
          type: 'termination',
          occurred_at: c.terminated_at,
          summary: 'Berhenti berlangganan',
        })
      // One in eight changed package once since joining (mostly up): expansion and contraction.
      const activatedMs = Date.parse(activatedAt)
      const endMs = c.terminated_at ? Date.parse(c.terminated_at as string) : now.getTime()
      if (packages.length > 1 && endMs - activatedMs > 60 * DAY && faker.datatype.boolean(0.125)) {
        const current = packages.findIndex((p) => p.id === c.package_id)
        const up = current > 0 && faker.datatype.boolean(0.7)
        const from = packages[up ? current - 1 : Math.min(packages.length - 1, current + 1)]!.id
        if (from !== c.package_id)
          historyRows.push({
            customer_id: id,
            type: 'package_change',
            occurred_at: new Date(
              activatedMs + faker.number.float({ min: 0.2, max: 0.9 }) * (endMs - activatedMs),
            ).toISOString(),
            summary: 'Paket diganti',
            details: JSON.stringify({ fromPackage: from, toPackage: c.package_id }),
          })
      }
    })
    for (let i = 0; i < Math.ceil(options.customers / 20); i++) {
      equipmentRows.push({
        type: faker.helpers.arrayElement(['ont', 'router']),
        brand: 'ZTE',
        model: 'F609',
        serial: `SN${faker.string.alphanumeric({ length: 12, casing: 'upper' })}`,
        mac: faker.internet.mac().toUpperCase(),
        status: 'in_stock',
      })
    }
    // Serials and MACs are unique: drop the (astronomically rare) random collisions.
    const seenSerial = new Set<string>()
    const seenMac = new Set<string>()
    const equipment = equipmentRows.filter((e) => {
      if (seenSerial.has(e.serial as string) || seenMac.has(e.mac as string)) return false
      seenSerial.add(e.serial as string)
      seenMac.add(e.mac as string)
      return true
    })
    const equipmentIds = await bulkInsert(
      client,
      'equipment',
      [
        ['type', 'enum_equipment_type'],
        ['brand', 'text'],
        ['model', 'text'],
        ['serial', 'text'],
        ['mac', 'text'],
        ['status', 'enum_equipment_status'],
        ['holder_id', 'int'],
        ['installed_at', 'timestamptz'],
      ],
      equipment,
    )
    equipment.forEach((e, i) => {
      if (e._customer)
        historyRows.push({
          customer_id: e._customer,
          type: 'equipment_installed',
          occurred_at: e._at,
          summary: `Perangkat ${e.serial} dipasang`,
          equipment_id: equipmentIds[i],
        })
    })

    // Tickets: about one per two customers, in every state; resolved ones get a rating and history.
    const ticketNumbers = await numberer(client, 'TKT')
    const ticketRows: Row[] = []
    const ticketCount = Math.round(options.customers * 0.5)
    const ticketTimes = Array.from(
      { length: ticketCount },
      () =>
        new Date(now.getTime() - faker.number.int({ min: 0, max: 365 }) * DAY - faker.number.int({ min: 0, max: DAY })),
    ).sort((a, b) => a.getTime() - b.getTime())
    for (const createdAt of ticketTimes) {
      const index = faker.number.int({ min: 0, max: customerIds.length - 1 })
      const type = faker.helpers.weightedArrayElement([
        { value: 'repair', weight: 60 },
        { value: 'installation', weight: 15 },
        { value: 'complaint', weight: 10 },
        { value: 'relocation', weight: 5 },
        { value: 'other', weight: 10 },
      ])
      const ageDays = (now.getTime() - createdAt.getTime()) / DAY
      let status: (typeof TICKET_STATUSES)[number] =
        ageDays > 14
          ? faker.helpers.arrayElement(['resolved', 'closed', 'closed'] as const)
          : faker.helpers.arrayElement(TICKET_STATUSES)
      if (!technicians.length) status = 'open'
      const done = status === 'resolved' || status === 'closed'
      const resolvedAt = done
        ? new Date(createdAt.getTime() + faker.number.int({ min: 2, max: 72 }) * 60 * 60 * 1000)
        : null
      ticketRows.push({
        subject: faker.helpers.arrayElement(TICKET_SUBJECTS[type]!),
        customer_id: customerIds[index],
        type,
        priority: faker.helpers.weightedArrayElement([
          { value: 'normal', weight: 70 },
          { value: 'high', weight: 15 },
          { value: 'low', weight: 10 },
          { value: 'urgent', weight: 5 },
        ]),
        description: faker.helpers.arrayElement([
          'Pelanggan melapor via WhatsApp.',
          'Dilaporkan lewat telepon ke CS.',
          'Dibuat dari portal pelanggan.',
        ]),
        status,
        assigned_technician_id: status === 'open' ? null : faker.helpers.arrayElement(technicians),
        scheduled_at:
          status === 'open'
            ? null
            : new Date(createdAt.getTime() + faker.number.int({ min: 2, max: 48 }) * 60 * 60 * 1000).toISOString(),
        resolved_at: resolvedAt?.toISOString() ?? null,
        resolution: done
          ? faker.helpers.arrayElement([
              'Kabel drop diganti',
              'ONT di-reset dan dikonfigurasi ulang',
              'Konektor dibersihkan',
              'Splitter ODP diperbaiki',
            ])
          : null,
        rating:
          done && faker.datatype.boolean(0.7)
            ? faker.helpers.weightedArrayElement([
                { value: 5, weight: 50 },
                { value: 4, weight: 30 },
                { value: 3, weight: 12 },
                { value: 2, weight: 5 },
                { value: 1, weight: 3 },
              ])
            : null,
        number: ticketNumbers.next(createdAt),
        created_at: createdAt.toISOString(),
        updated_at: (resolvedAt ?? createdAt).toISOString(),
      })
    }
    const ticketIds = await bulkInsert(
      client,
      'tickets',
      [
        ['subject', 'text'],
        ['customer_id', 'int'],
        ['type', 'enum_tickets_type'],
        ['priority', 'enum_tickets_priority'],
        ['description', 'text'],
        ['status', 'enum_tickets_status'],
        ['assigned_technician_id', 'int'],
        ['scheduled_at', 'timestamptz'],
        ['resolved_at', 'timestamptz'],
        ['resolution', 'text'],
        ['rating', 'numeric'],
        ['number', 'text'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      ticketRows,
    )
    await ticketNumbers.save()
    ticketRows.forEach((t, i) => {
      if (t.resolved_at)
        historyRows.push({
          customer_id: t.customer_id,
          type: 'ticket_resolved',
          occurred_at: t.resolved_at,
          summary: `Tiket ${t.number} selesai: ${t.subject}`,
          ticket_id: ticketIds[i],
        })
    })

    await bulkInsert(
      client,
      'service_history',
      [
        ['customer_id', 'int'],
        ['type', 'enum_service_history_type'],
        ['occurred_at', 'timestamptz'],
        ['summary', 'text'],
        ['ticket_id', 'int'],
        ['equipment_id', 'int'],
        ['details', 'jsonb'],
      ],
      historyRows,
    )
    const snapshots = await writeSnapshotHistory(client, customerIds, now)
    const billing = await writeBillingHistory(client, customerIds, now)
    await client.query('COMMIT')

    const sample = customerRows.find((c) => c.status === 'active')
    return {
      packages: packages.length,
      customers: customerIds.length,
      tickets: ticketIds.length,
      equipment: equipmentIds.length,
      history: historyRows.length,
      snapshots,
      invoices: billing.invoices,
      payments: billing.payments,
      customerIds,
      sampleCustomer: sample ? { number: sample.number as string, phone: sample.phone as string } : undefined,
    }
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
}
