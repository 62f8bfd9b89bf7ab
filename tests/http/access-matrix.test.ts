/**
 * Object-level and field-level access control, over the wire: every collection × REST and GraphQL ×
 * every role (five staff roles, two portal customers A and B, anonymous), against the production
 * server. Each case asserts the exact fixture ids a role sees (never just a status code), and each
 * denied write is checked against the stored row, read back through the Local API.
 *
 * The fixtures are this file's own rows; other files share the database, so every query is narrowed
 * to the ids created here.
 */
import sharp from 'sharp'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { createCustomer, createPackage, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { api, gql, login } from '../helpers/http'
import { testPayload, unique, uniquePhone } from '../helpers/payload'

// ───────────────────────────── roles ─────────────────────────────

const STAFF_ROLES = ['admin', 'finance', 'customer_service', 'technician', 'content_editor'] as const
const ROLES = [...STAFF_ROLES, 'customerA', 'customerB', 'anonymous'] as const
type StaffRoleName = (typeof STAFF_ROLES)[number]
type Role = (typeof ROLES)[number]

/** Bearer token per role (undefined for anonymous), filled once in beforeAll. */
const token = {} as Record<Role, string | undefined>
/** The logged-in account's id per role (customers: their customer id). */
const selfId = {} as Record<Exclude<Role, 'anonymous'>, number>

// ───────────────────────────── fixtures ─────────────────────────────

let payload: Payload
const ids: Record<string, number> = {}
const A = { name: '', number: '', phone: '' }
const B = { name: '', number: '', phone: '' }
const text: Record<string, string> = {}

const lexical = (words: string) => ({
  root: {
    type: 'root',
    format: '',
    indent: 0,
    version: 1,
    direction: null,
    children: [
      {
        type: 'paragraph',
        format: '',
        indent: 0,
        version: 1,
        direction: null,
        textFormat: 0,
        children: [{ type: 'text', text: words, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
      },
    ],
  },
})

async function tinyPng(): Promise<Buffer> {
  return sharp({ create: { width: 2, height: 2, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toBuffer()
}

async function createMedia(name: string, owner: number | null): Promise<{ id: number; filename: string }> {
  const data = await tinyPng()
  const doc = await payload.create({
    collection: 'media',
    data: { alt: name },
    file: { data, mimetype: 'image/png', name: `${name}.png`, size: data.length },
    overrideAccess: true,
  })
  // The create hook takes the owner from the uploader; set it as the portal upload would have.
  if (owner !== null)
    await payload.update({ collection: 'media', id: doc.id, data: { owner } as never, overrideAccess: true })
  return { id: doc.id, filename: doc.filename! }
}

const stored = (collection: Parameters<Payload['findByID']>[0]['collection'], id: number) =>
  payload.findByID({ collection, id, depth: 0, overrideAccess: true, disableErrors: true }) as Promise<Record<
    string,
    any
  > | null>

beforeAll(async () => {
  payload = await testPayload()

  // Staff, one account per role, plus a second technician who is never logged in.
  const staff = {} as Record<StaffRoleName, Awaited<ReturnType<typeof createStaff>>>
  for (const role of STAFF_ROLES) staff[role] = await createStaff(payload, role)
  const tech2 = await createStaff(payload, 'technician')
  for (const role of STAFF_ROLES) ids[`user_${role}`] = staff[role].user.id
  ids.user_tech2 = tech2.user.id

  ids.pkgOn = (await createPackage(payload, { active: true })).id
  ids.pkgOff = (await createPackage(payload, { active: false })).id

  text.notesA = `catatan-internal-${unique('N')}`
  const a = await createCustomer(payload, {
    notes: text.notesA,
    area: 'Area-A',
    odp: 'ODP-A-01',
    address: 'Jl. Rahasia A',
    package: ids.pkgOn,
  })
  const b = await createCustomer(payload, { area: 'Area-B' })
  const c = await createCustomer(payload, { area: 'Area-C' })
  ids.A = a.customer.id
  ids.B = b.customer.id
  ids.C = c.customer.id
  Object.assign(A, { name: a.customer.name, number: a.customer.number!, phone: a.customer.phone })
  Object.assign(B, { name: b.customer.name, number: b.customer.number!, phone: b.customer.phone })

  const ma = await createMedia(unique('foto-a-'), ids.A)
  const mb = await createMedia(unique('foto-b-'), ids.B)
  const m0 = await createMedia(unique('foto-staf-'), null)
  ids.MA = ma.id
  ids.MB = mb.id
  ids.M0 = m0.id
  text.fileMA = ma.filename

  // Equipment: A's ONT, B's router that replaced A's ONT (a swap), one in stock.
  ids.EA = (
    await payload.create({
      collection: 'equipment',
      data: { type: 'ont', serial: unique('SN-A-'), holder: ids.A, status: 'installed' },
      overrideAccess: true,
    })
  ).id
  text.serialEA = (await stored('equipment', ids.EA))!.serial
  ids.EB = (
    await payload.create({
      collection: 'equipment',
      data: { type: 'router', serial: unique('SN-B-'), holder: ids.B, status: 'installed', replaces: ids.EA },
      overrideAccess: true,
    })
  ).id
  ids.E0 = (
    await payload.create({
      collection: 'equipment',
      data: { type: 'switch', serial: unique('SN-0-'), status: 'in_stock' },
      overrideAccess: true,
    })
  ).id

  // Tickets: A's first is assigned to the technician; A's second is unassigned; B's carries a photo
  // of A's (a staff mistake the portal must not leak); C's belongs to the other technician.
  const ticket = async (data: Record<string, unknown>) =>
    (await payload.create({ collection: 'tickets', data: { type: 'repair', ...data } as never, overrideAccess: true }))
      .id
  text.subjectTA1 = `Gangguan A1 ${unique('S')}`
  ids.TA1 = await ticket({ subject: text.subjectTA1, customer: ids.A, assignedTechnician: ids.user_technician })
  ids.TA2 = await ticket({ subject: `Gangguan A2 ${unique('S')}`, customer: ids.A })
  ids.TB1 = await ticket({
    subject: `Gangguan B1 ${unique('S')}`,
    customer: ids.B,
    photos: [ids.MA, ids.MB],
    assignedTechnician: ids.user_tech2,
  })
  ids.TC1 = await ticket({ subject: `Gangguan C1 ${unique('S')}`, customer: ids.C, assignedTechnician: ids.user_tech2 })
  // A ticket customer service has open in the admin panel (an edit lock), touched by no other test.
  ids.TLOCK = await ticket({ subject: `Dikunci ${unique('S')}`, customer: ids.C })
  ids.LOCK = (
    await payload.create({
      collection: 'payload-locked-documents',
      data: {
        document: { relationTo: 'tickets', value: ids.TLOCK },
        user: { relationTo: 'users', value: ids.user_customer_service },
      },
      overrideAccess: true,
    })
  ).id

  // Service history: one entry per customer; B's points at A's ticket and A's ONT (the swap).
  const history = async (customer: number, extra: Record<string, unknown> = {}) =>
    (
      await payload.create({
        collection: 'service-history',
        data: {
          customer,
          type: 'equipment_swapped',
          occurredAt: new Date().toISOString(),
          summary: unique('Riwayat '),
          ...extra,
        } as never,
        overrideAccess: true,
      })
    ).id
  ids.HA = await history(ids.A)
  ids.HB = await history(ids.B, { ticket: ids.TA1, equipment: ids.EA })
  ids.HC = await history(ids.C)

  // Knowledge base: one published article that also has a newer unpublished draft, one draft only.
  text.kbPublishedTitle = unique('FAQ terbit ')
  text.kbDraftTitle = unique('FAQ DRAF RAHASIA ')
  ids.KP = (
    await payload.create({
      collection: 'knowledge-base',
      data: { title: text.kbPublishedTitle, body: lexical('jawaban'), _status: 'published' } as never,
      overrideAccess: true,
    })
  ).id
  await payload.update({
    collection: 'knowledge-base',
    id: ids.KP,
    data: { title: text.kbDraftTitle } as never,
    draft: true,
    overrideAccess: true,
  })
  ids.KD = (
    await payload.create({
      collection: 'knowledge-base',
      data: { title: unique('FAQ draf '), body: lexical('draf'), _status: 'draft' } as never,
      draft: true,
      overrideAccess: true,
    })
  ).id

  // System rows.
  // Billing: one of each per customer (A, B), plus system rows.
  const invoice = async (customer: number) =>
    (
      await payload.create({
        collection: 'invoices',
        data: {
          customer,
          issueDate: new Date().toISOString(),
          dueDate: new Date().toISOString(),
          lines: [{ description: 'Paket', kind: 'package', quantity: 1, unitPrice: 100_000 }],
        } as never,
        overrideAccess: true,
      })
    ).id
  ids.IA = await invoice(ids.A)
  ids.IB = await invoice(ids.B)
  const payment = async (customer: number) =>
    (
      await payload.create({
        collection: 'payments',
        data: { customer, amount: 50_000, method: 'cash' } as never,
        overrideAccess: true,
      })
    ).id
  ids.PA = await payment(ids.A)
  ids.PB = await payment(ids.B)
  const adjustment = async (customer: number) =>
    (
      await payload.create({
        collection: 'billing-adjustments',
        data: { customer, description: 'Biaya pasang', kind: 'one_off', amount: 100_000, status: 'pending' },
        overrideAccess: true,
      })
    ).id
  ids.BA = await adjustment(ids.A)
  ids.BB = await adjustment(ids.B)
  // Portal: a package change request each (A's to a second package on sale), a notice on now and
  // one that ended, and comments on A's ticket (one an internal note) and on B's.
  const pkgOn2 = (await createPackage(payload, { active: true })).id
  const changeRequest = async (customer: number, toPackage: number) =>
    (
      await payload.create({
        collection: 'package-change-requests',
        data: { customer, toPackage, status: 'pending' },
        overrideAccess: true,
      })
    ).id
  ids.PCRA = await changeRequest(ids.A, pkgOn2)
  ids.PCRB = await changeRequest(ids.B, pkgOn2)
  const portalNotice = async (activeFrom: number, activeUntil?: number) =>
    (
      await payload.create({
        collection: 'portal-notices',
        data: {
          title: unique('Pengumuman '),
          body: 'Isi',
          activeFrom: new Date(activeFrom).toISOString(),
          ...(activeUntil ? { activeUntil: new Date(activeUntil).toISOString() } : {}),
        },
        overrideAccess: true,
      })
    ).id
  ids.NOTICE = await portalNotice(Date.now() - 3_600_000)
  ids.NOTICE_OLD = await portalNotice(Date.now() - 2 * 86_400_000, Date.now() - 86_400_000)
  const comment = async (ticket: number, internal: boolean) =>
    (
      await payload.create({
        collection: 'ticket-comments',
        data: { ticket, body: unique('Komentar '), internal },
        overrideAccess: true,
      })
    ).id
  ids.TCA = await comment(ids.TA1!, false)
  ids.TCI = await comment(ids.TA1!, true)
  ids.TCB = await comment(ids.TB1!, false)
  const link = async (customer: number, invoiceId: number) =>
    (
      await payload.create({
        collection: 'gateway-payments',
        data: {
          orderId: unique('ORD-'),
          provider: 'midtrans',
          invoice: invoiceId,
          customer,
          amount: 100_000,
          status: 'pending',
        },
        overrideAccess: true,
      })
    ).id
  ids.GA = await link(ids.A, ids.IA)
  ids.GB = await link(ids.B, ids.IB)
  ids.GEV = (
    await payload.create({
      collection: 'gateway-events',
      data: {
        eventKey: unique('evt-'),
        provider: 'midtrans',
        orderId: unique('ORD-'),
        status: 'paid',
        outcome: 'unknown_order',
      },
      overrideAccess: true,
    })
  ).id
  ids.ROUTER = (
    await payload.create({
      collection: 'routers',
      data: {
        name: unique('Router '),
        baseUrl: 'https://10.0.0.1',
        username: 'api',
        password: 'rahasia-router',
        defaultMethod: 'pppoe',
      },
      overrideAccess: true,
    })
  ).id
  ids.NACT = (
    await payload.create({
      collection: 'network-actions',
      data: { customer: ids.A, action: 'suspend', status: 'done' },
      overrideAccess: true,
    })
  ).id
  // Notifications.
  const message = async (customer: number) =>
    (
      await payload.create({
        collection: 'messages',
        data: {
          customer,
          direction: 'out',
          channel: 'whatsapp',
          status: 'sent',
          kind: 'text',
          body: 'Halo',
          dedupeKey: unique('msg-'),
        } as never,
        overrideAccess: true,
      })
    ).id
  ids.MSGA = await message(ids.A)
  ids.MSGB = await message(ids.B)
  ids.TPL = (
    await payload.create({
      collection: 'message-templates',
      data: {
        key: unique('uji_').toLowerCase(),
        name: 'Uji',
        body: 'Halo {{nama}}',
        language: 'id',
        category: 'UTILITY',
        approvalStatus: 'approved',
      } as never,
      overrideAccess: true,
    })
  ).id
  ids.WEV = (
    await payload.create({
      collection: 'whatsapp-events',
      data: { eventKey: unique('wa-'), kind: 'status' } as never,
      overrideAccess: true,
    })
  ).id
  ids.SEQ = (
    await payload.create({
      collection: 'number-sequences',
      data: { prefix: 'ZAM', day: String(10_000_000 + (process.pid % 89_999_999)).slice(0, 8), lastValue: 7 },
      overrideAccess: true,
    })
  ).id
  ids.RUN = (
    await payload.create({
      collection: 'scheduled-runs',
      data: { schedule: unique('uji-jadwal-'), slot: new Date().toISOString() },
      overrideAccess: true,
    })
  ).id
  ids.BEAT = (
    await payload.create({
      collection: 'worker-heartbeats',
      data: { probeKey: unique('probe-'), worker: 'uji:1' },
      overrideAccess: true,
    })
  ).id
  // Portal speed tests (saved by the system here; the portal saves them as the customer).
  const speedTest = async (customer: number) =>
    (
      await payload.create({
        collection: 'speed-tests',
        data: { customer, latencyMs: 20, downloadMbps: 18.5, uploadMbps: 9 },
        overrideAccess: true,
      })
    ).id
  ids.STA = await speedTest(ids.A)
  ids.STB = await speedTest(ids.B)
  ids.JOB = Number((await payload.jobs.queue({ task: 'workerProbe', input: { key: unique('probe-') } })).id)
  ids.IMP = (
    await payload.create({
      collection: 'customer-imports',
      data: { fileName: 'pelanggan.xlsx', status: 'done', total: 0, processed: 0, created: 0, skipped: 0, failed: 0 },
      overrideAccess: true,
    })
  ).id
  ids.IMPKEY = (
    await payload.create({
      collection: 'customer-import-keys',
      data: { key: unique('phone:uji-'), customer: ids.C, customerImport: ids.IMP },
      overrideAccess: true,
    })
  ).id

  // One login per account (password hashing is slow). Customer A uses the REST login with a
  // lower-case customer number, customer B the portal login.
  for (const role of STAFF_ROLES)
    token[role] = await login('users', { email: staff[role].email, password: TEST_PASSWORD })
  token.customerA = await login('customers', { username: A.number.toLowerCase(), password: TEST_PASSWORD })
  const portal = await api('/api/customers/portal-login', {
    method: 'POST',
    body: { login: B.number, password: TEST_PASSWORD },
  })
  expect(portal.status, portal.text).toBe(200)
  token.customerB = portal.json.token
  token.anonymous = undefined
  for (const role of STAFF_ROLES) selfId[role] = ids[`user_${role}`]!
  selfId.customerA = ids.A
  selfId.customerB = ids.B
})

// ───────────────────────────── helpers ─────────────────────────────

const sorted = (values: number[]) => [...values].sort((x, y) => x - y)
const whereIdIn = (list: number[]) => list.map((id, i) => `where[id][in][${i}]=${id}`).join('&')
const gqlIdFilter = (list: number[]) => `{ OR: [${list.map((id) => `{ id: { equals: ${id} } }`).join(', ')}] }`
const notFoundOrForbidden = [403, 404]

/** A REST write that must be refused outright (or, for rows the caller cannot even see, not found). */
function expectRefused(res: { status: number; text: string }, statuses = [401, 403, 404]) {
  expect(statuses, `expected refusal, got ${res.status}: ${res.text.slice(0, 300)}`).toContain(res.status)
}

// ───────────────────────────── read matrix ─────────────────────────────

type Visible = string[] | 'forbidden'
type ReadCase = { slug: string; singular: string; plural: string; fixtures: string[]; visible: Record<Role, Visible> }

const STAFF_ALL = (all: string[]) =>
  Object.fromEntries(STAFF_ROLES.map((r) => [r, all])) as Record<StaffRoleName, Visible>
const ADMIN_ONLY = (fixture: string): Record<Role, Visible> => ({
  admin: [fixture],
  finance: 'forbidden',
  customer_service: 'forbidden',
  technician: 'forbidden',
  content_editor: 'forbidden',
  customerA: 'forbidden',
  customerB: 'forbidden',
  anonymous: 'forbidden',
})

const READ_MATRIX: ReadCase[] = [
  {
    slug: 'customers',
    singular: 'Customer',
    plural: 'Customers',
    fixtures: ['A', 'B', 'C'],
    visible: {
      admin: ['A', 'B', 'C'],
      finance: ['A', 'B', 'C'],
      customer_service: ['A', 'B', 'C'],
      technician: ['A'], // only the customer behind the ticket assigned to them
      content_editor: 'forbidden',
      customerA: ['A'],
      customerB: ['B'],
      anonymous: 'forbidden',
    },
  },
  {
    slug: 'packages',
    singular: 'Package',
    plural: 'Packages',
    fixtures: ['pkgOn', 'pkgOff'],
    visible: { ...STAFF_ALL(['pkgOn', 'pkgOff']), customerA: ['pkgOn'], customerB: ['pkgOn'], anonymous: ['pkgOn'] },
  },
  {
    slug: 'tickets',
    singular: 'Ticket',
    plural: 'Tickets',
    fixtures: ['TA1', 'TA2', 'TB1', 'TC1'],
    visible: {
      admin: ['TA1', 'TA2', 'TB1', 'TC1'],
      finance: ['TA1', 'TA2', 'TB1', 'TC1'],
      customer_service: ['TA1', 'TA2', 'TB1', 'TC1'],
      technician: ['TA1'],
      content_editor: 'forbidden',
      customerA: ['TA1', 'TA2'],
      customerB: ['TB1'],
      anonymous: 'forbidden',
    },
  },
  {
    slug: 'service-history',
    singular: 'ServiceHistory',
    plural: 'ServiceHistories',
    fixtures: ['HA', 'HB', 'HC'],
    visible: {
      admin: ['HA', 'HB', 'HC'],
      finance: ['HA', 'HB', 'HC'],
      customer_service: ['HA', 'HB', 'HC'],
      technician: ['HA'],
      content_editor: 'forbidden',
      customerA: ['HA'],
      customerB: ['HB'],
      anonymous: 'forbidden',
    },
  },
  {
    slug: 'equipment',
    singular: 'Equipment',
    plural: 'allEquipment',
    fixtures: ['EA', 'EB', 'E0'],
    visible: {
      admin: ['EA', 'EB', 'E0'],
      finance: ['EA', 'EB', 'E0'],
      customer_service: ['EA', 'EB', 'E0'],
      technician: ['EA', 'EB', 'E0'],
      content_editor: 'forbidden',
      customerA: ['EA'],
      customerB: ['EB'],
      anonymous: 'forbidden',
    },
  },
  {
    slug: 'media',
    singular: 'Media',
    plural: 'allMedia',
    fixtures: ['MA', 'MB', 'M0'],
    // Uploads follow their customer's visibility (transfer receipts, photos of a home): a technician
    // reads staff uploads and those of their tickets' customers, a content editor staff uploads only.
    visible: {
      ...STAFF_ALL(['MA', 'MB', 'M0']),
      technician: ['MA', 'M0'],
      content_editor: ['M0'],
      customerA: ['MA'],
      customerB: ['MB'],
      anonymous: 'forbidden',
    },
  },
  {
    slug: 'knowledge-base',
    singular: 'KnowledgeBase',
    plural: 'KnowledgeBases',
    fixtures: ['KP', 'KD'],
    visible: { ...STAFF_ALL(['KP', 'KD']), customerA: ['KP'], customerB: ['KP'], anonymous: ['KP'] },
  },
  {
    slug: 'users',
    singular: 'User',
    plural: 'Users',
    fixtures: [
      'user_admin',
      'user_finance',
      'user_customer_service',
      'user_technician',
      'user_content_editor',
      'user_tech2',
    ],
    visible: {
      ...STAFF_ALL([
        'user_admin',
        'user_finance',
        'user_customer_service',
        'user_technician',
        'user_content_editor',
        'user_tech2',
      ]),
      customerA: 'forbidden',
      customerB: 'forbidden',
      anonymous: 'forbidden',
    },
  },
  {
    slug: 'invoices',
    singular: 'Invoice',
    plural: 'Invoices',
    fixtures: ['IA', 'IB'],
    visible: {
      admin: ['IA', 'IB'],
      finance: ['IA', 'IB'],
      customer_service: ['IA', 'IB'],
      technician: 'forbidden',
      content_editor: 'forbidden',
      customerA: ['IA'],
      customerB: ['IB'],
      anonymous: 'forbidden',
    },
  },
  {
    slug: 'payments',
    singular: 'Payment',
    plural: 'Payments',
    fixtures: ['PA', 'PB'],
    visible: {
      admin: ['PA', 'PB'],
      finance: ['PA', 'PB'],
      customer_service: ['PA', 'PB'],
      technician: 'forbidden',
      content_editor: 'forbidden',
      customerA: ['PA'],
      customerB: ['PB'],
      anonymous: 'forbidden',
    },
  },
  {
    slug: 'billing-adjustments',
    singular: 'BillingAdjustment',
    plural: 'BillingAdjustments',
    fixtures: ['BA', 'BB'],
    visible: {
      admin: ['BA', 'BB'],
      finance: ['BA', 'BB'],
      customer_service: ['BA', 'BB'],
      technician: 'forbidden',
      content_editor: 'forbidden',
      customerA: ['BA'],
      customerB: ['BB'],
      anonymous: 'forbidden',
    },
  },
  {
    slug: 'package-change-requests',
    singular: 'PackageChangeRequest',
    plural: 'PackageChangeRequests',
    fixtures: ['PCRA', 'PCRB'],
    visible: {
      admin: ['PCRA', 'PCRB'],
      finance: ['PCRA', 'PCRB'],
      customer_service: ['PCRA', 'PCRB'],
      technician: 'forbidden',
      content_editor: 'forbidden',
      customerA: ['PCRA'],
      customerB: ['PCRB'],
      anonymous: 'forbidden',
    },
  },
  {
    slug: 'portal-notices',
    singular: 'PortalNotice',
    plural: 'PortalNotices',
    fixtures: ['NOTICE', 'NOTICE_OLD'],
    // Customers read the notices on now (this one is for every area); staff read them all.
    visible: {
      ...STAFF_ALL(['NOTICE', 'NOTICE_OLD']),
      customerA: ['NOTICE'],
      customerB: ['NOTICE'],
      anonymous: 'forbidden',
    },
  },
  {
    slug: 'ticket-comments',
    singular: 'TicketComment',
    plural: 'TicketComments',
    fixtures: ['TCA', 'TCI', 'TCB'],
    // The technician reads the comments on the ticket assigned to them; customers never the internal note.
    visible: {
      admin: ['TCA', 'TCI', 'TCB'],
      finance: ['TCA', 'TCI', 'TCB'],
      customer_service: ['TCA', 'TCI', 'TCB'],
      technician: ['TCA', 'TCI'],
      content_editor: 'forbidden',
      customerA: ['TCA'],
      customerB: ['TCB'],
      anonymous: 'forbidden',
    },
  },
  {
    slug: 'gateway-payments',
    singular: 'GatewayPayment',
    plural: 'GatewayPayments',
    fixtures: ['GA', 'GB'],
    visible: {
      admin: ['GA', 'GB'],
      finance: ['GA', 'GB'],
      customer_service: ['GA', 'GB'],
      technician: 'forbidden',
      content_editor: 'forbidden',
      customerA: ['GA'],
      customerB: ['GB'],
      anonymous: 'forbidden',
    },
  },
  {
    slug: 'gateway-events',
    singular: 'GatewayEvent',
    plural: 'GatewayEvents',
    fixtures: ['GEV'],
    visible: { ...ADMIN_ONLY('GEV'), finance: ['GEV'] },
  },
  {
    slug: 'routers',
    singular: 'Router',
    plural: 'Routers',
    fixtures: ['ROUTER'],
    visible: { ...ADMIN_ONLY('ROUTER'), customer_service: ['ROUTER'], technician: ['ROUTER'] },
  },
  {
    slug: 'network-actions',
    singular: 'NetworkAction',
    plural: 'NetworkActions',
    fixtures: ['NACT'],
    visible: { ...ADMIN_ONLY('NACT'), finance: ['NACT'], customer_service: ['NACT'], technician: ['NACT'] },
  },
  {
    slug: 'messages',
    singular: 'Message',
    plural: 'Messages',
    fixtures: ['MSGA', 'MSGB'],
    // Messages follow the customer's visibility: a technician reads A's (their ticket), not B's.
    visible: {
      ...STAFF_ALL(['MSGA', 'MSGB']),
      technician: ['MSGA'],
      content_editor: 'forbidden',
      customerA: ['MSGA'],
      customerB: ['MSGB'],
      anonymous: 'forbidden',
    },
  },
  {
    slug: 'speed-tests',
    singular: 'SpeedTest',
    plural: 'SpeedTests',
    fixtures: ['STA', 'STB'],
    // Every staff member reads every result (customer service compares them with the package); a
    // customer only their own.
    visible: { ...STAFF_ALL(['STA', 'STB']), customerA: ['STA'], customerB: ['STB'], anonymous: 'forbidden' },
  },
  {
    slug: 'message-templates',
    singular: 'MessageTemplate',
    plural: 'MessageTemplates',
    fixtures: ['TPL'],
    visible: { ...STAFF_ALL(['TPL']), customerA: 'forbidden', customerB: 'forbidden', anonymous: 'forbidden' },
  },
  {
    slug: 'whatsapp-events',
    singular: 'WhatsappEvent',
    plural: 'WhatsappEvents',
    fixtures: ['WEV'],
    visible: { ...ADMIN_ONLY('WEV'), customer_service: ['WEV'] },
  },
  {
    slug: 'number-sequences',
    singular: 'NumberSequence',
    plural: 'NumberSequences',
    fixtures: ['SEQ'],
    visible: ADMIN_ONLY('SEQ'),
  },
  {
    slug: 'scheduled-runs',
    singular: 'ScheduledRun',
    plural: 'ScheduledRuns',
    fixtures: ['RUN'],
    visible: ADMIN_ONLY('RUN'),
  },
  {
    slug: 'worker-heartbeats',
    singular: 'WorkerHeartbeat',
    plural: 'WorkerHeartbeats',
    fixtures: ['BEAT'],
    visible: ADMIN_ONLY('BEAT'),
  },
  {
    slug: 'payload-jobs',
    singular: 'PayloadJob',
    plural: 'PayloadJobs',
    fixtures: ['JOB'],
    visible: ADMIN_ONLY('JOB'),
  },
  {
    slug: 'customer-imports',
    singular: 'CustomerImport',
    plural: 'CustomerImports',
    fixtures: ['IMP'],
    visible: { ...ADMIN_ONLY('IMP'), customer_service: ['IMP'] },
  },
  {
    slug: 'customer-import-keys',
    singular: 'CustomerImportKey',
    plural: 'CustomerImportKeys',
    fixtures: ['IMPKEY'],
    visible: ADMIN_ONLY('IMPKEY'),
  },
  {
    slug: 'payload-locked-documents',
    singular: 'PayloadLockedDocument',
    plural: 'PayloadLockedDocuments',
    fixtures: ['LOCK'],
    visible: { ...STAFF_ALL(['LOCK']), customerA: 'forbidden', customerB: 'forbidden', anonymous: 'forbidden' },
  },
]

describe.each(READ_MATRIX)('read $slug', ({ slug, singular, plural, fixtures, visible }) => {
  it.each(ROLES)('%s sees exactly the expected rows (REST list, count, by id; GraphQL list, by id)', async (role) => {
    const all = fixtures.map((f) => ids[f]!)
    const expected = visible[role]
    const expectedIds = expected === 'forbidden' ? [] : sorted(expected.map((f) => ids[f]!))
    const t = token[role]

    // REST list, narrowed to this file's rows.
    const list = await api(`/api/${slug}?${whereIdIn(all)}&limit=100&depth=0`, { token: t })
    if (expected === 'forbidden') expect(list.status, list.text).toBe(403)
    else {
      expect(list.status, list.text).toBe(200)
      expect(sorted(list.json.docs.map((d: { id: number }) => d.id))).toEqual(expectedIds)
    }

    // REST count.
    const count = await api(`/api/${slug}/count?${whereIdIn(all)}`, { token: t })
    if (expected === 'forbidden') expect(count.status, count.text).toBe(403)
    else expect(count.json?.totalDocs, count.text).toBe(expectedIds.length)

    // REST by id: the visible rows come back, the others are refused without their data.
    for (const id of all) {
      const one = await api(`/api/${slug}/${id}?depth=0`, { token: t })
      if (expectedIds.includes(id)) {
        expect(one.status, one.text).toBe(200)
        expect(one.json.id).toBe(id)
      } else {
        expect(
          expected === 'forbidden' ? [403] : notFoundOrForbidden,
          `${slug}/${id}: ${one.status} ${one.text.slice(0, 200)}`,
        ).toContain(one.status)
        expect(one.json?.id).toBeUndefined()
      }
      // Password material never leaves the server.
      expect(one.text).not.toMatch(/"(hash|salt)"\s*:/)
    }

    // GraphQL list.
    const gList = await gql(`{ ${plural}(where: ${gqlIdFilter(all)}, limit: 100) { docs { id } totalDocs } }`, {}, t)
    if (expected === 'forbidden') {
      expect(gList.data?.[plural] ?? null).toBeNull()
      expect(gList.errors?.length ?? 0).toBeGreaterThan(0)
    } else {
      expect(gList.errors, JSON.stringify(gList.errors)).toBeUndefined()
      expect(sorted(gList.data[plural].docs.map((d: { id: number }) => d.id))).toEqual(expectedIds)
      expect(gList.data[plural].totalDocs).toBe(expectedIds.length)
    }

    // GraphQL by id, all fixtures in one request.
    const gOne = await gql(`{ ${all.map((id, i) => `r${i}: ${singular}(id: ${id}) { id }`).join(' ')} }`, {}, t)
    all.forEach((id, i) => {
      const got = gOne.data?.[`r${i}`]?.id ?? null
      expect(got, `${singular}(id: ${id}) as ${role}`).toBe(expectedIds.includes(id) ? id : null)
    })
  })
})

// ───────────────────────────── customers ─────────────────────────────

describe('customers: object and field level', () => {
  it.each(['admin', 'finance', 'customer_service', 'technician'] as const)(
    '%s reads the staff-only notes of A',
    async (role) => {
      const res = await api(`/api/customers/${ids.A}`, { token: token[role] })
      expect(res.status).toBe(200)
      expect(res.json.notes).toBe(text.notesA)
    },
  )

  it('A reads their own record without the staff notes, over REST and GraphQL', async () => {
    const res = await api(`/api/customers/${ids.A}`, { token: token.customerA })
    expect(res.status).toBe(200)
    expect(res.json.name).toBe(A.name)
    expect(res.json).not.toHaveProperty('notes')
    expect(res.text).not.toContain(text.notesA)
    const g = await gql(`{ Customer(id: ${ids.A}) { id name notes } }`, {}, token.customerA)
    expect(g.data?.Customer?.id).toBe(ids.A)
    expect(g.data.Customer.notes ?? null).toBeNull()
  })

  it('A cannot probe the staff notes by filtering on them', async () => {
    const res = await api(`/api/customers?where[notes][like]=catatan-internal`, { token: token.customerA })
    expect(res.json?.docs?.map((d: { id: number }) => d.id) ?? []).not.toContain(ids.A)
  })

  it('B cannot reach A by id, by where filter, by number or phone, or through GraphQL', async () => {
    const t = token.customerB
    const byId = await api(`/api/customers/${ids.A}`, { token: t })
    expect(notFoundOrForbidden).toContain(byId.status)
    expect(byId.text).not.toContain(A.name)

    for (const query of [
      `where[id][equals]=${ids.A}`,
      `where[number][equals]=${A.number}`,
      `where[phone][equals]=${A.phone}`,
      `where[name][like]=${encodeURIComponent(A.name)}`,
      `where[or][0][id][equals]=${ids.A}&where[or][1][id][equals]=${ids.B}`,
    ]) {
      const res = await api(`/api/customers?${query}&depth=0`, { token: t })
      expect(res.status, query).toBe(200)
      expect(
        res.json.docs.map((d: { id: number }) => d.id),
        query,
      ).not.toContain(ids.A)
      expect(res.text).not.toContain(A.name)
    }

    const g = await gql(
      `{ Customer(id: ${ids.A}) { id name } Customers(where: { id: { equals: ${ids.A} } }) { docs { id name } totalDocs } }`,
      {},
      t,
    )
    expect(g.data?.Customer ?? null).toBeNull()
    expect(g.data?.Customers?.docs ?? []).toEqual([])
    expect(JSON.stringify(g)).not.toContain(A.name)
  })

  it('B reading their own record at depth 2 sees only their own tickets, equipment and history in the joins', async () => {
    const res = await api(`/api/customers/${ids.B}?depth=2`, { token: token.customerB })
    expect(res.status).toBe(200)
    const joinIds = (key: string) =>
      (res.json[key]?.docs ?? []).map((d: number | { id: number }) => (typeof d === 'object' ? d.id : d))
    expect(joinIds('tickets')).toContain(ids.TB1)
    expect(joinIds('tickets')).not.toContain(ids.TA1)
    expect(joinIds('equipment')).toEqual([ids.EB])
    expect(joinIds('serviceHistory')).toContain(ids.HB)
    expect(joinIds('serviceHistory')).not.toContain(ids.HA)
    expect(res.text).not.toContain(A.name)
    expect(res.text).not.toContain(text.serialEA)
    expect(res.text).not.toContain(text.subjectTA1)
    expect(res.text).not.toContain(text.fileMA)
  })

  it("the technician reads A's joins narrowed to what they may see (their ticket, not A's other one)", async () => {
    const res = await api(`/api/customers/${ids.A}?depth=1`, { token: token.technician })
    expect(res.status).toBe(200)
    const tickets = res.json.tickets.docs.map((d: { id: number }) => d.id)
    expect(tickets).toContain(ids.TA1)
    expect(tickets).not.toContain(ids.TA2)
  })

  it.each(ROLES)("%s unlocking A's portal account", async (role) => {
    const res = await api('/api/customers/unlock', { method: 'POST', token: token[role], body: { username: A.number } })
    if (role === 'admin' || role === 'customer_service') expect(res.status, res.text).toBe(200)
    else expectRefused(res, [403])
  })

  it.each(ROLES)('%s creating a customer over REST', async (role) => {
    const name = unique('Pelanggan baru ')
    const res = await api('/api/customers', {
      method: 'POST',
      token: token[role],
      body: { name, phone: uniquePhone(), password: TEST_PASSWORD },
    })
    const found = await payload.count({
      collection: 'customers',
      where: { name: { equals: name } },
      overrideAccess: true,
    })
    if (role === 'admin' || role === 'customer_service') {
      expect(res.status, res.text).toBe(201)
      expect(found.totalDocs).toBe(1)
    } else {
      expectRefused(res, [403])
      expect(found.totalDocs).toBe(0)
    }
  })

  it.each(ROLES)('%s updating the area of customer C over REST', async (role) => {
    const before = (await stored('customers', ids.C))!
    const area = unique('Area-')
    const res = await api(`/api/customers/${ids.C}`, { method: 'PATCH', token: token[role], body: { area } })
    const after = (await stored('customers', ids.C))!
    if (role === 'admin' || role === 'customer_service') {
      expect(res.status, res.text).toBe(200)
      expect(after.area).toBe(area)
    } else {
      // Roles that can read C are refused with 403; customers, who cannot see C, get 403 or 404.
      expectRefused(res, role.startsWith('customer') ? notFoundOrForbidden : [403])
      expect(after.area).toBe(before.area)
      expect(after.updatedAt).toBe(before.updatedAt)
    }
  })

  it('A updating themself changes their e-mail but none of the office-only fields (REST)', async () => {
    const before = (await stored('customers', ids.A))!
    const email = `${unique('a').toLowerCase()}@uji.id`
    const res = await api(`/api/customers/${ids.A}`, {
      method: 'PATCH',
      token: token.customerA,
      body: {
        email,
        name: 'Nama Diganti',
        phone: '081299990000',
        address: 'Alamat palsu',
        area: 'Area-Palsu',
        odp: 'ODP-PALSU',
        latitude: 1,
        longitude: 1,
        package: ids.pkgOff,
        status: 'terminated',
        activationDate: '2020-01-01T00:00:00.000Z',
        billingDay: 28,
        notes: 'catatan dari pelanggan',
        number: 'CUS-HACKED',
        username: 'cus-hacked',
      },
    })
    expect(res.status, res.text).toBe(200)
    const after = (await stored('customers', ids.A))!
    expect(after.email).toBe(email)
    for (const field of [
      'name',
      'phone',
      'address',
      'area',
      'odp',
      'latitude',
      'longitude',
      'package',
      'status',
      'activationDate',
      'billingDay',
      'notes',
      'number',
      'username',
    ]) {
      expect(after[field], field).toEqual(before[field])
    }
  })

  it('A updating themself through GraphQL cannot change office-only fields either', async () => {
    const before = (await stored('customers', ids.A))!
    const g = await gql(
      `mutation { updateCustomer(id: ${ids.A}, data: { status: terminated, billingDay: 27, area: "Area-GQL", name: "Nama GQL" }) { id } }`,
      {},
      token.customerA,
    )
    expect(g.errors, JSON.stringify(g.errors)).toBeUndefined()
    const after = (await stored('customers', ids.A))!
    for (const field of ['status', 'billingDay', 'area', 'name']) expect(after[field], field).toEqual(before[field])
  })

  it('B cannot update or delete A, over REST or GraphQL', async () => {
    const before = (await stored('customers', ids.A))!
    const patch = await api(`/api/customers/${ids.A}`, {
      method: 'PATCH',
      token: token.customerB,
      body: { email: 'b-took-over@uji.id' },
    })
    expectRefused(patch, notFoundOrForbidden)
    const bulk = await api(`/api/customers?where[id][equals]=${ids.A}`, {
      method: 'PATCH',
      token: token.customerB,
      body: { email: 'b-bulk@uji.id' },
    })
    expect(bulk.json?.docs ?? []).toEqual([])
    const del = await api(`/api/customers/${ids.A}`, { method: 'DELETE', token: token.customerB })
    expectRefused(del, [403])
    const g = await gql(
      `mutation { updateCustomer(id: ${ids.A}, data: { email: "b-gql@uji.id" }) { id } }`,
      {},
      token.customerB,
    )
    expect(g.data?.updateCustomer ?? null).toBeNull()
    const after = (await stored('customers', ids.A))!
    expect(after.email).toBe(before.email)
    expect(after.updatedAt).toBe(before.updatedAt)
  })

  it.each(STAFF_ROLES)('%s deleting a customer', async (role) => {
    // A prospect: no service history yet (rows with history cannot be deleted at all, see report).
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    const res = await api(`/api/customers/${customer.id}`, { method: 'DELETE', token: token[role] })
    const after = await stored('customers', customer.id)
    if (role === 'admin') {
      expect(res.status, res.text).toBe(200)
      expect(after).toBeNull()
    } else {
      expectRefused(res, role === 'content_editor' ? [403] : notFoundOrForbidden)
      expect(after?.id).toBe(customer.id)
    }
  })
})

// ───────────────────────────── packages ─────────────────────────────

describe('packages: writes', () => {
  it.each(ROLES)('%s creating a package', async (role) => {
    const name = unique('Paket uji ')
    const res = await api('/api/packages', {
      method: 'POST',
      token: token[role],
      body: { name, downloadMbps: 50, uploadMbps: 20, monthlyPrice: 300_000 },
    })
    const found = await payload.count({
      collection: 'packages',
      where: { name: { equals: name } },
      overrideAccess: true,
    })
    if (role === 'admin') {
      expect(res.status, res.text).toBe(201)
      expect(found.totalDocs).toBe(1)
    } else {
      expectRefused(res, [403])
      expect(found.totalDocs).toBe(0)
    }
  })

  it.each(ROLES)('%s updating the monthly price of a package', async (role) => {
    const before = (await stored('packages', ids.pkgOn))!
    const monthlyPrice = before.monthlyPrice + 1000
    const res = await api(`/api/packages/${ids.pkgOn}`, {
      method: 'PATCH',
      token: token[role],
      body: { monthlyPrice, description: `oleh ${role}` },
    })
    const after = (await stored('packages', ids.pkgOn))!
    if (role === 'admin' || role === 'finance') {
      expect(res.status, res.text).toBe(200)
      expect(after.monthlyPrice).toBe(monthlyPrice)
      expect(after.description).toBe(`oleh ${role}`)
    } else {
      expectRefused(res, [403])
      expect(after.monthlyPrice).toBe(before.monthlyPrice)
      expect(after.description).toBe(before.description)
    }
  })

  it('through GraphQL finance changes a price and customer service cannot', async () => {
    const g1 = await gql(
      `mutation { updatePackage(id: ${ids.pkgOff}, data: { monthlyPrice: 123000 }) { id monthlyPrice } }`,
      {},
      token.finance,
    )
    expect(g1.errors, JSON.stringify(g1.errors)).toBeUndefined()
    expect((await stored('packages', ids.pkgOff))!.monthlyPrice).toBe(123000)
    const g2 = await gql(
      `mutation { updatePackage(id: ${ids.pkgOff}, data: { monthlyPrice: 1 }) { id monthlyPrice } }`,
      {},
      token.customer_service,
    )
    expect(g2.data?.updatePackage ?? null).toBeNull()
    expect((await stored('packages', ids.pkgOff))!.monthlyPrice).toBe(123000)
  })

  it('a customer cannot activate an inactive package nor read it by GraphQL', async () => {
    const res = await api(`/api/packages/${ids.pkgOff}`, {
      method: 'PATCH',
      token: token.customerA,
      body: { active: true },
    })
    expectRefused(res, notFoundOrForbidden)
    expect((await stored('packages', ids.pkgOff))!.active).toBe(false)
  })
})

// ───────────────────────────── tickets ─────────────────────────────

describe('tickets: writes', () => {
  it.each(ROLES)('%s opening a ticket for customer C', async (role) => {
    const subject = unique('Tiket baru ')
    const res = await api('/api/tickets', {
      method: 'POST',
      token: token[role],
      body: { subject, customer: ids.C, type: 'repair' },
    })
    const found = await payload.find({
      collection: 'tickets',
      where: { subject: { equals: subject } },
      depth: 0,
      overrideAccess: true,
    })
    if (role === 'admin' || role === 'customer_service') {
      expect(res.status, res.text).toBe(201)
      expect(found.docs.map((d) => d.customer)).toEqual([ids.C])
    } else if (role === 'customerA' || role === 'customerB') {
      // A customer's ticket is always their own, whatever customer id they send.
      expect(res.status, res.text).toBe(201)
      expect(found.docs.map((d) => d.customer)).toEqual([selfId[role]])
    } else {
      expectRefused(res, [403])
      expect(found.totalDocs).toBe(0)
    }
  })

  it("A opening a ticket with B's id, a status, a priority and a technician gets a plain open ticket of their own", async () => {
    const res = await api('/api/tickets', {
      method: 'POST',
      token: token.customerA,
      body: {
        subject: unique('Tiket A '),
        customer: ids.B,
        status: 'resolved',
        priority: 'urgent',
        assignedTechnician: ids.user_technician,
        resolvedAt: '2020-01-01T00:00:00.000Z',
        rating: 5,
        number: 'TKT-HACKED',
      },
    })
    expect(res.status, res.text).toBe(201)
    const doc = (await stored('tickets', res.json.doc.id))!
    expect(doc.customer).toBe(ids.A)
    expect(doc.status).toBe('open')
    expect(doc.priority).toBe('normal')
    expect(doc.assignedTechnician ?? null).toBeNull()
    expect(doc.resolvedAt ?? null).toBeNull()
    expect(doc.rating ?? null).toBeNull()
    expect(doc.number).not.toBe('TKT-HACKED')
  })

  it("B opening a ticket through GraphQL with A's id gets it as their own", async () => {
    const g = await gql(
      `mutation { createTicket(data: { subject: "Lewat GraphQL", customer: ${ids.A}, type: repair, status: resolved, priority: urgent }) { id } }`,
      {},
      token.customerB,
    )
    expect(g.errors, JSON.stringify(g.errors)).toBeUndefined()
    const doc = (await stored('tickets', g.data.createTicket.id))!
    expect([doc.customer, doc.status, doc.priority]).toEqual([ids.B, 'open', 'normal'])
  })

  it('A cannot change status, technician, priority, customer or subject of their own ticket', async () => {
    const before = (await stored('tickets', ids.TA2))!
    const res = await api(`/api/tickets/${ids.TA2}`, {
      method: 'PATCH',
      token: token.customerA,
      body: {
        status: 'closed',
        priority: 'urgent',
        assignedTechnician: ids.user_technician,
        customer: ids.B,
        subject: 'Diganti pelanggan',
        description: 'Diganti pelanggan',
        resolution: 'beres',
        scheduledAt: '2030-01-01T00:00:00.000Z',
        resolvedAt: '2030-01-01T00:00:00.000Z',
        timeline: [{ at: '2030-01-01T00:00:00.000Z', authorName: 'Teknisi palsu', note: 'sudah beres' }],
      },
    })
    expect(res.status, res.text).toBe(200)
    const after = (await stored('tickets', ids.TA2))!
    for (const field of [
      'status',
      'priority',
      'assignedTechnician',
      'customer',
      'subject',
      'description',
      'resolution',
      'scheduledAt',
      'resolvedAt',
      'timeline',
    ]) {
      expect(after[field], field).toEqual(before[field])
    }
  })

  it("A cannot update B's ticket (REST, GraphQL)", async () => {
    const before = (await stored('tickets', ids.TB1))!
    expectRefused(
      await api(`/api/tickets/${ids.TB1}`, {
        method: 'PATCH',
        token: token.customerA,
        body: { ratingComment: 'dari A' },
      }),
      notFoundOrForbidden,
    )
    const g = await gql(
      `mutation { updateTicket(id: ${ids.TB1}, data: { ratingComment: "dari A" }) { id } }`,
      {},
      token.customerA,
    )
    expect(g.data?.updateTicket ?? null).toBeNull()
    expect((await stored('tickets', ids.TB1))!.updatedAt).toBe(before.updatedAt)
  })

  it('the technician moves their ticket forward but cannot reassign it or move it to another customer', async () => {
    const res = await api(`/api/tickets/${ids.TA1}`, {
      method: 'PATCH',
      token: token.technician,
      body: {
        status: 'in_progress',
        customer: ids.B,
        assignedTechnician: ids.user_tech2,
        priority: 'urgent',
        subject: 'Diganti teknisi',
      },
    })
    expect(res.status, res.text).toBe(200)
    const after = (await stored('tickets', ids.TA1))!
    expect(after.status).toBe('in_progress')
    expect(after.customer).toBe(ids.A)
    expect(after.assignedTechnician).toBe(ids.user_technician)
    expect(after.priority).toBe('normal')
    expect(after.subject).toBe(text.subjectTA1)
  })

  it('the technician cannot touch a ticket assigned to someone else (REST, GraphQL)', async () => {
    const before = (await stored('tickets', ids.TC1))!
    expectRefused(
      await api(`/api/tickets/${ids.TC1}`, {
        method: 'PATCH',
        token: token.technician,
        body: { status: 'in_progress' },
      }),
      notFoundOrForbidden,
    )
    const g = await gql(
      `mutation { updateTicket(id: ${ids.TC1}, data: { status: in_progress }) { id } }`,
      {},
      token.technician,
    )
    expect(g.data?.updateTicket ?? null).toBeNull()
    const after = (await stored('tickets', ids.TC1))!
    expect(after.status).toBe(before.status)
    expect(after.updatedAt).toBe(before.updatedAt)
  })

  it.each(['finance', 'content_editor', 'anonymous'] as const)('%s cannot update any ticket', async (role) => {
    const before = (await stored('tickets', ids.TA2))!
    expectRefused(
      await api(`/api/tickets/${ids.TA2}`, {
        method: 'PATCH',
        token: token[role],
        body: { status: 'closed', priority: 'low' },
      }),
      [403],
    )
    const g = await gql(`mutation { updateTicket(id: ${ids.TA2}, data: { priority: low }) { id } }`, {}, token[role])
    expect(g.data?.updateTicket ?? null).toBeNull()
    expect((await stored('tickets', ids.TA2))!.updatedAt).toBe(before.updatedAt)
  })

  it('customer service changes the priority (positive control for the field rules)', async () => {
    const res = await api(`/api/tickets/${ids.TA2}`, {
      method: 'PATCH',
      token: token.customer_service,
      body: { priority: 'high' },
    })
    expect(res.status, res.text).toBe(200)
    expect((await stored('tickets', ids.TA2))!.priority).toBe('high')
  })

  it("B reading their ticket at depth 2 gets ids, not the data, of A's photo and of the staff member", async () => {
    const res = await api(`/api/tickets/${ids.TB1}?depth=2`, { token: token.customerB })
    expect(res.status).toBe(200)
    const photos = res.json.photos as (number | { id: number; filename: string })[]
    expect(photos).toHaveLength(2)
    expect(photos.find((p) => typeof p === 'object' && p.id === ids.MB)).toBeTruthy()
    expect(photos.filter((p) => typeof p === 'object').map((p) => (p as { id: number }).id)).toEqual([ids.MB])
    expect(typeof res.json.assignedTechnician).not.toBe('object')
    expect(res.json.customer.id).toBe(ids.B)
    expect(res.text).not.toContain(text.fileMA)
    expect(res.text).not.toContain(A.name)
    expect(res.text).not.toMatch(/@uji\.id/)

    const g = await gql(
      `{ Ticket(id: ${ids.TB1}) { id photos { id filename } customer { id name } assignedTechnician { id email } } }`,
      {},
      token.customerB,
    )
    expect(g.data?.Ticket?.id).toBe(ids.TB1)
    const gPhotos = (g.data.Ticket.photos ?? []).filter(Boolean).map((p: { id: number }) => p.id)
    expect(gPhotos).toEqual([ids.MB])
    expect(g.data.Ticket.assignedTechnician ?? null).toBeNull()
    expect(JSON.stringify(g.data)).not.toContain(text.fileMA)
  })

  it.each(STAFF_ROLES)('%s deleting a ticket', async (role) => {
    const id = (
      await payload.create({
        collection: 'tickets',
        data: { subject: unique('Hapus '), customer: ids.C, type: 'other' } as never,
        overrideAccess: true,
      })
    ).id
    const res = await api(`/api/tickets/${id}`, { method: 'DELETE', token: token[role] })
    const after = await stored('tickets', id)
    if (role === 'admin') {
      expect(res.status, res.text).toBe(200)
      expect(after).toBeNull()
    } else {
      expectRefused(res, notFoundOrForbidden)
      expect(after?.id).toBe(id)
    }
  })
})

// ───────────────────────────── where filters across relationships ─────────────────────────────

describe("B cannot learn A's data through filters on relationships", () => {
  // Each probe matches one of B's own rows only through a relationship into A's data (B's ticket
  // carries A's photo, B's router replaced A's ONT, B's history entry points at A's ticket). The
  // admin's result proves the probe matches; B must get nothing, or a refusal.
  it.each([
    [
      'tickets',
      'TB1',
      'photos.filename equals',
      (): string => `where[photos.filename][equals]=${encodeURIComponent(text.fileMA)}`,
    ],
    ['tickets', 'TB1', 'photos.owner equals', (): string => `where[photos.owner][equals]=${ids.A}`],
    [
      'service-history',
      'HB',
      'ticket.subject equals',
      (): string => `where[ticket.subject][equals]=${encodeURIComponent(text.subjectTA1)}`,
    ],
    [
      'service-history',
      'HB',
      'ticket.customer.name equals',
      (): string => `where[ticket.customer.name][equals]=${encodeURIComponent(A.name)}`,
    ],
    ['service-history', 'HB', 'equipment.holder equals', (): string => `where[equipment.holder][equals]=${ids.A}`],
    [
      'equipment',
      'EB',
      'replaces.holder.name equals',
      (): string => `where[replaces.holder.name][equals]=${encodeURIComponent(A.name)}`,
    ],
    [
      'equipment',
      'EB',
      'replaces.serial equals',
      (): string => `where[replaces.serial][equals]=${encodeURIComponent(text.serialEA)}`,
    ],
    ['equipment', 'EB', 'replaces.serial like', (): string => `where[replaces.serial][like]=SN-A-`],
  ] as const)('%s row %s, probed by %s', async (slug, own, _probe, query) => {
    const path = `/api/${slug}?${query()}&depth=0&limit=100`
    const asAdmin = await api(path, { token: token.admin })
    expect(asAdmin.status, asAdmin.text).toBe(200)
    expect(asAdmin.json.docs.map((d: { id: number }) => d.id)).toContain(ids[own])
    const asB = await api(path, { token: token.customerB })
    if (asB.status === 200) expect(asB.json.docs).toEqual([])
    else expect(asB.status, asB.text).toBe(400)
  })

  it.each([
    ['tickets', 'customer equals', (): string => `where[customer][equals]=${ids.A}`],
    ['tickets', 'customer.name equals', (): string => `where[customer.name][equals]=${encodeURIComponent(A.name)}`],
    ['equipment', 'holder equals', (): string => `where[holder][equals]=${ids.A}`],
    ['media', 'owner equals', (): string => `where[owner][equals]=${ids.A}`],
    ['service-history', 'customer equals', (): string => `where[customer][equals]=${ids.A}`],
  ] as const)("%s filtered by %s finds none of A's rows for B", async (slug, _probe, query) => {
    const res = await api(`/api/${slug}?${query()}&depth=0&limit=100`, { token: token.customerB })
    expect(res.status, res.text).toBe(200)
    expect(res.json.docs).toEqual([])
    const asA = await api(`/api/${slug}?${query()}&depth=0&limit=100`, { token: token.customerA })
    expect(asA.json.docs.length).toBeGreaterThan(0)
  })
})

// ───────────────────────────── service history ─────────────────────────────

describe('service-history: nobody writes through the API', () => {
  it.each(ROLES)('%s cannot create, update or delete entries (REST and GraphQL)', async (role) => {
    const before = (await stored('service-history', ids.HA))!
    const summary = unique('Palsu ')
    const create = await api('/api/service-history', {
      method: 'POST',
      token: token[role],
      body: { customer: ids.A, type: 'activation', occurredAt: new Date().toISOString(), summary },
    })
    expectRefused(create, [403])
    const update = await api(`/api/service-history/${ids.HA}`, {
      method: 'PATCH',
      token: token[role],
      body: { summary },
    })
    expectRefused(update, [403, 404])
    const del = await api(`/api/service-history/${ids.HA}`, { method: 'DELETE', token: token[role] })
    expectRefused(del, [403, 404])
    const g = await gql(
      `mutation { c: createServiceHistory(data: { customer: ${ids.A}, type: activation, occurredAt: "${new Date().toISOString()}", summary: "${summary}" }) { id } u: updateServiceHistory(id: ${ids.HA}, data: { summary: "${summary}" }) { id } }`,
      {},
      token[role],
    )
    expect(g.data?.c ?? null).toBeNull()
    expect(g.data?.u ?? null).toBeNull()
    const after = await stored('service-history', ids.HA)
    expect(after?.summary).toBe(before.summary)
    expect(
      (
        await payload.count({
          collection: 'service-history',
          where: { summary: { equals: summary } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(0)
  })

  it("B's history entry at depth 2 holds only the ids of A's ticket and ONT", async () => {
    const res = await api(`/api/service-history/${ids.HB}?depth=2`, { token: token.customerB })
    expect(res.status).toBe(200)
    expect(res.json.ticket).toBe(ids.TA1)
    expect(res.json.equipment).toBe(ids.EA)
    expect(res.text).not.toContain(text.subjectTA1)
    expect(res.text).not.toContain(text.serialEA)
    const g = await gql(
      `{ ServiceHistory(id: ${ids.HB}) { id ticket { id subject } equipment { id serial } } }`,
      {},
      token.customerB,
    )
    expect(g.data?.ServiceHistory?.id).toBe(ids.HB)
    expect(g.data.ServiceHistory.ticket ?? null).toBeNull()
    expect(g.data.ServiceHistory.equipment ?? null).toBeNull()
  })
})

// ───────────────────────────── customer imports ─────────────────────────────

describe('customer imports: written by the import only', () => {
  it.each(ROLES)('%s cannot create, update or delete imports or their keys through the API', async (role) => {
    const before = (await stored('customer-imports', ids.IMP))!
    expectRefused(
      await api('/api/customer-imports', { method: 'POST', token: token[role], body: { fileName: 'palsu.csv' } }),
      [403],
    )
    expectRefused(
      await api(`/api/customer-imports/${ids.IMP}`, { method: 'PATCH', token: token[role], body: { created: 99 } }),
      [403, 404],
    )
    expectRefused(await api(`/api/customer-imports/${ids.IMP}`, { method: 'DELETE', token: token[role] }), [403, 404])
    expectRefused(
      await api('/api/customer-import-keys', {
        method: 'POST',
        token: token[role],
        body: { key: unique('phone:palsu-'), customer: ids.A },
      }),
      [403],
    )
    expectRefused(
      await api(`/api/customer-import-keys/${ids.IMPKEY}`, { method: 'DELETE', token: token[role] }),
      [403, 404],
    )
    const after = (await stored('customer-imports', ids.IMP))!
    expect(after.created).toBe(before.created)
    expect(await stored('customer-import-keys', ids.IMPKEY)).toBeTruthy()
  })
})

// ───────────────────────────── equipment ─────────────────────────────

describe('equipment: writes and relationships', () => {
  const writers = new Set<Role>(['admin', 'customer_service', 'technician'])

  it.each(ROLES)('%s creating equipment', async (role) => {
    const serial = unique('SN-NEW-')
    const res = await api('/api/equipment', { method: 'POST', token: token[role], body: { type: 'ont', serial } })
    const found = await payload.count({
      collection: 'equipment',
      where: { serial: { equals: serial.toUpperCase() } },
      overrideAccess: true,
    })
    if (writers.has(role)) {
      expect(res.status, res.text).toBe(201)
      expect(found.totalDocs).toBe(1)
    } else {
      expectRefused(res, [403])
      expect(found.totalDocs).toBe(0)
    }
  })

  it.each(ROLES)("%s updating the notes of A's ONT", async (role) => {
    const before = (await stored('equipment', ids.EA))!
    const notes = unique('catatan ')
    const res = await api(`/api/equipment/${ids.EA}`, { method: 'PATCH', token: token[role], body: { notes } })
    const after = (await stored('equipment', ids.EA))!
    if (writers.has(role)) {
      expect(res.status, res.text).toBe(200)
      expect(after.notes).toBe(notes)
    } else {
      expectRefused(res, role === 'customerB' ? notFoundOrForbidden : [403])
      expect(after.notes).toBe(before.notes)
    }
  })

  it('the technician reads every device but not the record of a holder who is not their customer', async () => {
    const res = await api(`/api/equipment/${ids.EB}?depth=1`, { token: token.technician })
    expect(res.status).toBe(200)
    expect(res.json.holder).toBe(ids.B)
    expect(res.text).not.toContain(B.name)
    const mine = await api(`/api/equipment/${ids.EA}?depth=1`, { token: token.technician })
    expect(mine.json.holder?.name).toBe(A.name)
    const g = await gql(
      `{ allEquipment(where: ${gqlIdFilter([ids.EA, ids.EB])}) { docs { id holder { id name } } } }`,
      {},
      token.technician,
    )
    const holders = Object.fromEntries(
      g.data.allEquipment.docs.map((d: { id: number; holder: { name: string } | null }) => [
        d.id,
        d.holder?.name ?? null,
      ]),
    )
    expect(holders).toEqual({ [ids.EA]: A.name, [ids.EB]: null })
  })

  it("B reading their router at depth 2 gets only the id of A's ONT it replaced", async () => {
    const res = await api(`/api/equipment/${ids.EB}?depth=2`, { token: token.customerB })
    expect(res.status).toBe(200)
    expect(res.json.replaces).toBe(ids.EA)
    expect(res.text).not.toContain(text.serialEA)
    const g = await gql(
      `{ Equipment(id: ${ids.EB}) { id replaces { id serial holder { id name } } } }`,
      {},
      token.customerB,
    )
    expect(g.data?.Equipment?.id).toBe(ids.EB)
    expect(g.data.Equipment.replaces ?? null).toBeNull()
  })
})

// ───────────────────────────── media ─────────────────────────────

describe('media: files and writes', () => {
  const fileReaders = new Set<Role>(['admin', 'finance', 'customer_service', 'technician', 'customerA'])

  it.each(ROLES)("%s fetching the file of A's upload", async (role) => {
    const res = await api(`/api/media/file/${encodeURIComponent(text.fileMA)}`, { token: token[role] })
    if (fileReaders.has(role)) {
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('image/png')
    } else {
      expect([403, 404]).toContain(res.status)
      expect(res.headers.get('content-type') ?? '').not.toContain('image/png')
    }
  })

  it.each(['customerA', 'customerB', 'anonymous', 'finance', 'technician'] as const)(
    "%s cannot edit or delete A's upload",
    async (role) => {
      const before = (await stored('media', ids.MA))!
      expectRefused(
        await api(`/api/media/${ids.MA}`, { method: 'PATCH', token: token[role], body: { alt: 'diganti' } }),
        [403, 404],
      )
      expectRefused(await api(`/api/media/${ids.MA}`, { method: 'DELETE', token: token[role] }), [403, 404])
      const after = (await stored('media', ids.MA))!
      expect(after.alt).toBe(before.alt)
      expect(after.owner).toBe(ids.A)
    },
  )

  it("finance reads B's upload", async () => {
    const res = await api(`/api/media/${ids.MB}?depth=0`, { token: token.finance })
    expect(res.status).toBe(200)
    expect(res.json.owner).toBe(ids.B)
  })

  it.each([
    ['content_editor', 'MA'],
    ['technician', 'MB'],
  ] as const)('%s cannot open upload %s of a customer they may not see, nor its file', async (role, media) => {
    const res = await api(`/api/media/${ids[media]}?depth=1`, { token: token[role] })
    expectRefused(res, [403, 404])
    expect(res.json?.filename).toBeUndefined()
  })

  it('customer service cannot reassign the owner of an upload', async () => {
    const res = await api(`/api/media/${ids.M0}`, {
      method: 'PATCH',
      token: token.customer_service,
      body: { owner: ids.B, alt: 'oleh cs' },
    })
    expect(res.status, res.text).toBe(200)
    const after = (await stored('media', ids.M0))!
    expect(after.alt).toBe('oleh cs')
    expect(after.owner ?? null).toBeNull()
  })
})

// ───────────────────────────── knowledge base ─────────────────────────────

describe('knowledge-base: drafts and writes', () => {
  const editors = new Set<Role>(['admin', 'content_editor'])

  it.each(['customerA', 'anonymous'] as const)(
    '%s asking for drafts still gets only the published text',
    async (role) => {
      const one = await api(`/api/knowledge-base/${ids.KP}?draft=true`, { token: token[role] })
      expect(one.status).toBe(200)
      expect(one.json.title).toBe(text.kbPublishedTitle)
      // A draft=true list may leave the article out (its newest version is a draft) but never shows the draft.
      const list = await api(`/api/knowledge-base?draft=true&${whereIdIn([ids.KP, ids.KD])}`, { token: token[role] })
      expect(list.status).toBe(200)
      for (const doc of list.json.docs) expect([doc.id, doc.title]).toEqual([ids.KP, text.kbPublishedTitle])
      expect(list.text).not.toContain(text.kbDraftTitle)
      const draftOnly = await api(`/api/knowledge-base/${ids.KD}?draft=true`, { token: token[role] })
      expect(notFoundOrForbidden).toContain(draftOnly.status)
      const g = await gql(
        `{ KnowledgeBase(id: ${ids.KP}, draft: true) { id title } d: KnowledgeBase(id: ${ids.KD}, draft: true) { id title }
         l: KnowledgeBases(draft: true, where: ${gqlIdFilter([ids.KP, ids.KD])}) { docs { id title } } }`,
        {},
        token[role],
      )
      expect(g.data?.KnowledgeBase?.title).toBe(text.kbPublishedTitle)
      expect(g.data?.d ?? null).toBeNull()
      for (const doc of g.data?.l?.docs ?? []) expect([doc.id, doc.title]).toEqual([ids.KP, text.kbPublishedTitle])
      expect(JSON.stringify(g)).not.toContain(text.kbDraftTitle)
    },
  )

  it('staff asking for drafts get the newer draft', async () => {
    const one = await api(`/api/knowledge-base/${ids.KP}?draft=true`, { token: token.finance })
    expect(one.json.title).toBe(text.kbDraftTitle)
  })

  it.each(ROLES)('%s listing versions', async (role) => {
    const res = await api(`/api/knowledge-base/versions?where[parent][equals]=${ids.KP}`, { token: token[role] })
    const g = await gql(
      `{ versionsKnowledgeBases(where: { parent: { equals: ${ids.KP} } }) { docs { version { title } } } }`,
      {},
      token[role],
    )
    if (editors.has(role)) {
      expect(res.status, res.text).toBe(200)
      expect(res.json.docs.map((v: { version: { title: string } }) => v.version.title)).toContain(text.kbDraftTitle)
      expect(
        g.data?.versionsKnowledgeBases?.docs.map((v: { version: { title: string } }) => v.version.title),
        JSON.stringify(g.errors),
      ).toContain(text.kbDraftTitle)
    } else {
      expectRefused(res, [403])
      expect(res.text).not.toContain(text.kbDraftTitle)
      expect(g.data?.versionsKnowledgeBases ?? null).toBeNull()
      expect(JSON.stringify(g)).not.toContain(text.kbDraftTitle)
    }
  })

  it.each(ROLES)('%s creating, updating and deleting articles', async (role) => {
    const title = unique('Artikel ')
    const create = await api('/api/knowledge-base', {
      method: 'POST',
      token: token[role],
      body: { title, body: lexical('isi'), _status: 'published' },
    })
    const target = (
      await payload.create({
        collection: 'knowledge-base',
        data: { title: unique('Target '), body: lexical('x'), _status: 'published' } as never,
        overrideAccess: true,
      })
    ).id
    const update = await api(`/api/knowledge-base/${target}`, {
      method: 'PATCH',
      token: token[role],
      body: { title: `${title} diubah` },
    })
    const del = await api(`/api/knowledge-base/${ids.KD}`, { method: 'DELETE', token: token[role] })
    const created = await payload.count({
      collection: 'knowledge-base',
      where: { title: { equals: title } },
      overrideAccess: true,
    })
    const targetAfter = (await stored('knowledge-base', target))!
    if (editors.has(role)) {
      expect(create.status, create.text).toBe(201)
      expect(created.totalDocs).toBe(1)
      expect(update.status, update.text).toBe(200)
      expect(targetAfter.title).toBe(`${title} diubah`)
      // Deleting the draft-only article: the first editor to run deletes it, so recreate it after.
      expect(del.status, del.text).toBe(200)
      expect(await stored('knowledge-base', ids.KD)).toBeNull()
      ids.KD = (
        await payload.create({
          collection: 'knowledge-base',
          data: { title: unique('FAQ draf '), body: lexical('draf'), _status: 'draft' } as never,
          draft: true,
          overrideAccess: true,
        })
      ).id
    } else {
      expectRefused(create, [403])
      expect(created.totalDocs).toBe(0)
      expectRefused(update, [403])
      expect(targetAfter.title).not.toContain(title)
      expectRefused(del, notFoundOrForbidden)
      expect((await stored('knowledge-base', ids.KD))?.id).toBe(ids.KD)
    }
  })
})

// ───────────────────────────── users ─────────────────────────────

describe('users: accounts and roles', () => {
  it.each(ROLES)('%s creating a staff account', async (role) => {
    const email = `${unique('baru').toLowerCase()}@uji.id`
    const res = await api('/api/users', {
      method: 'POST',
      token: token[role],
      body: { name: 'Baru', email, password: TEST_PASSWORD, role: 'admin' },
    })
    const found = await payload.find({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true })
    if (role === 'admin') {
      expect(res.status, res.text).toBe(201)
      expect(found.docs.map((u) => u.role)).toEqual(['admin'])
    } else {
      expectRefused(res, [403])
      expect(found.totalDocs).toBe(0)
    }
  })

  it.each(['finance', 'customer_service', 'technician', 'content_editor'] as const)(
    '%s cannot promote themself to admin (REST, GraphQL), but may rename themself',
    async (role) => {
      const id = selfId[role]
      const res = await api(`/api/users/${id}`, {
        method: 'PATCH',
        token: token[role],
        body: { role: 'admin', name: `Uji ${role} baru` },
      })
      expect(res.status, res.text).toBe(200)
      let after = (await stored('users', id))!
      expect(after.role).toBe(role)
      expect(after.name).toBe(`Uji ${role} baru`)
      const g = await gql(`mutation { updateUser(id: ${id}, data: { role: admin }) { id role } }`, {}, token[role])
      after = (await stored('users', id))!
      expect(after.role).toBe(role)
      if (g.data?.updateUser) expect(g.data.updateUser.role).toBe(role)
      // The role in the session is still the old one: the admin-only system rows stay hidden.
      expect((await api(`/api/number-sequences/${ids.SEQ}`, { token: token[role] })).status).toBe(403)
    },
  )

  it.each(['finance', 'customer_service', 'technician', 'content_editor', 'customerA', 'anonymous'] as const)(
    "%s cannot change another staff member's account",
    async (role) => {
      const target = ids.user_tech2
      const before = (await stored('users', target))!
      const res = await api(`/api/users/${target}`, {
        method: 'PATCH',
        token: token[role],
        body: { role: 'admin', name: 'Dibajak', email: `${unique('x').toLowerCase()}@uji.id` },
      })
      expectRefused(res, notFoundOrForbidden)
      const after = (await stored('users', target))!
      expect([after.role, after.name, after.email]).toEqual([before.role, before.name, before.email])
    },
  )

  it('the admin changes a role (positive control)', async () => {
    const { user } = await createStaff(payload, 'customer_service')
    const res = await api(`/api/users/${user.id}`, { method: 'PATCH', token: token.admin, body: { role: 'finance' } })
    expect(res.status, res.text).toBe(200)
    expect((await stored('users', user.id))!.role).toBe('finance')
  })

  it.each(ROLES)('%s cannot use first-register once accounts exist', async (role) => {
    const email = `${unique('first').toLowerCase()}@uji.id`
    const res = await api('/api/users/first-register', {
      method: 'POST',
      token: token[role],
      body: { name: 'Pertama', email, password: TEST_PASSWORD, role: 'admin' },
    })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(
      (await payload.count({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true }))
        .totalDocs,
    ).toBe(0)
  })
})

// ───────────────────────────── system collections ─────────────────────────────

describe('system collections', () => {
  it.each(ROLES)('%s cannot write number sequences, scheduled runs, heartbeats or jobs, nor run jobs', async (role) => {
    const t = token[role]
    const seqBefore = (await stored('number-sequences', ids.SEQ))!
    expectRefused(
      await api('/api/number-sequences', {
        method: 'POST',
        token: t,
        body: { prefix: 'ZZX', day: '20990102', lastValue: 1 },
      }),
      [403],
    )
    expectRefused(
      await api(`/api/number-sequences/${ids.SEQ}`, { method: 'PATCH', token: t, body: { lastValue: 999 } }),
      notFoundOrForbidden,
    )
    expect((await stored('number-sequences', ids.SEQ))!.lastValue).toBe(seqBefore.lastValue)

    const schedule = unique('palsu-')
    expectRefused(
      await api('/api/scheduled-runs', {
        method: 'POST',
        token: t,
        body: { schedule, slot: new Date().toISOString() },
      }),
      [403],
    )
    expect(
      (
        await payload.count({
          collection: 'scheduled-runs',
          where: { schedule: { equals: schedule } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(0)

    const probeKey = unique('palsu-')
    expectRefused(
      await api('/api/worker-heartbeats', { method: 'POST', token: t, body: { probeKey, worker: 'palsu' } }),
      [403],
    )
    expect(
      (
        await payload.count({
          collection: 'worker-heartbeats',
          where: { probeKey: { equals: probeKey } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(0)

    const jobsBefore = (await payload.count({ collection: 'payload-jobs', overrideAccess: true })).totalDocs
    expectRefused(
      await api('/api/payload-jobs', {
        method: 'POST',
        token: t,
        body: { taskSlug: 'workerProbe', input: { key: 'palsu' } },
      }),
      [403],
    )
    expectRefused(
      await api(`/api/payload-jobs/${ids.JOB}`, { method: 'PATCH', token: t, body: { processing: true } }),
      notFoundOrForbidden,
    )
    expectRefused(await api('/api/payload-jobs/run', { token: t }), [401, 403])
    expect((await payload.count({ collection: 'payload-jobs', overrideAccess: true })).totalDocs).toBe(jobsBefore)
    const job = (await stored('payload-jobs', ids.JOB))!
    expect(job.processing).toBe(false)
    const beats = await payload.find({ collection: 'worker-heartbeats', overrideAccess: true, limit: 5 })
    expect(job.completedAt ?? null, JSON.stringify(beats.docs.map((b) => [b.worker, b.jobId, b.probeKey]))).toBeNull()
  })
})

// ───────────────────────────── admin-panel collections ─────────────────────────────

describe('admin-panel collections: document locks and preferences', () => {
  it.each(['customerA', 'customerB', 'anonymous'] as const)(
    '%s cannot forge, take over or delete document locks',
    async (role) => {
      const forged = await api('/api/payload-locked-documents', {
        method: 'POST',
        token: token[role],
        body: {
          document: { relationTo: 'tickets', value: ids.TA2 },
          user: { relationTo: 'users', value: ids.user_admin },
        },
      })
      expectRefused(forged, [403])
      const onTA2 = await payload.count({
        collection: 'payload-locked-documents',
        where: { 'document.value': { equals: ids.TA2 } },
        overrideAccess: true,
      })
      expect(onTA2.totalDocs).toBe(0)

      const before = (await stored('payload-locked-documents', ids.LOCK))!
      const takeOver = await api(`/api/payload-locked-documents/${ids.LOCK}`, {
        method: 'PATCH',
        token: token[role],
        body: { user: { relationTo: 'customers', value: ids.A } },
      })
      expectRefused(takeOver, notFoundOrForbidden)
      const del = await api(`/api/payload-locked-documents/${ids.LOCK}`, { method: 'DELETE', token: token[role] })
      expectRefused(del, notFoundOrForbidden)
      const after = (await stored('payload-locked-documents', ids.LOCK))!
      expect(after.user).toEqual(before.user)
      expect(after.updatedAt).toBe(before.updatedAt)
    },
  )

  it('a lock a customer tried to forge does not block customer service from saving the ticket', async () => {
    await api('/api/payload-locked-documents', {
      method: 'POST',
      token: token.customerB,
      body: {
        document: { relationTo: 'tickets', value: ids.TA2 },
        user: { relationTo: 'users', value: ids.user_admin },
      },
    })
    const res = await api(`/api/tickets/${ids.TA2}`, {
      method: 'PATCH',
      token: token.customer_service,
      body: { description: 'dicatat CS' },
    })
    expect(res.status, res.text).toBe(200)
  })

  it('each staff account reads and writes only its own preferences; customers and nobody get none', async () => {
    const key = unique('uji-pref-')
    const accounts = ['admin', 'finance', 'technician', 'customer_service'] as const
    for (const role of accounts) {
      const res = await api(`/api/payload-preferences/${key}`, {
        method: 'POST',
        token: token[role],
        body: { value: { owner: role } },
      })
      expect(res.status, res.text).toBe(200)
    }
    for (const role of ['customerA', 'customerB'] as const) {
      const res = await api(`/api/payload-preferences/${key}`, {
        method: 'POST',
        token: token[role],
        body: { value: { owner: role } },
      })
      expect(res.status, res.text).toBe(403)
      expectRefused(await api(`/api/payload-preferences?where[key][equals]=${key}`, { token: token[role] }), [403])
    }
    const rows = await payload.find({
      collection: 'payload-preferences',
      where: { key: { equals: key } },
      depth: 0,
      overrideAccess: true,
    })
    expect(rows.totalDocs).toBe(accounts.length)
    for (const role of accounts) {
      const own = await api(`/api/payload-preferences/${key}`, { token: token[role] })
      expect(own.json?.value, role).toEqual({ owner: role })
      const list = await api(`/api/payload-preferences?where[key][equals]=${key}&depth=0`, { token: token[role] })
      expect(
        list.json.docs.map((d: { value: unknown }) => d.value),
        role,
      ).toEqual([{ owner: role }])
    }
    const anon = await api(`/api/payload-preferences?where[key][equals]=${key}`)
    expectRefused(anon, [401, 403])
    expect(anon.text).not.toContain('owner')
  })
})

describe('billing: money and status fields', () => {
  it('customers cannot create or change invoices, nor change payments; nobody writes gateway or network records', async () => {
    expectRefused(
      await api('/api/invoices', {
        method: 'POST',
        token: token.customerA,
        body: {
          customer: ids.A,
          issueDate: '2026-01-01',
          dueDate: '2026-01-10',
          lines: [{ description: 'x', kind: 'one_off', quantity: 1, unitPrice: 1 }],
        },
      }),
    )
    expectRefused(
      await api(`/api/invoices/${ids.IA}`, {
        method: 'PATCH',
        token: token.customerA,
        body: { balanceDue: 0, status: 'paid' },
      }),
    )
    expectRefused(
      await api(`/api/payments/${ids.PA}`, {
        method: 'PATCH',
        token: token.customerA,
        body: { amount: 1, status: 'verified' },
      }),
    )
    expectRefused(
      await api(`/api/payments/${ids.PA}`, { method: 'PATCH', token: token.customer_service, body: { amount: 1 } }),
    )
    expectRefused(await api(`/api/payments/${ids.PA}`, { method: 'DELETE', token: token.admin }))
    expectRefused(
      await api('/api/gateway-events', {
        method: 'POST',
        token: token.admin,
        body: { eventKey: 'x', provider: 'midtrans', orderId: 'x', status: 'paid', outcome: 'applied' },
      }),
    )
    expectRefused(
      await api(`/api/network-actions/${ids.NACT}`, {
        method: 'PATCH',
        token: token.admin,
        body: { status: 'pending' },
      }),
    )
    expect((await stored('invoices', ids.IA))!.status).toBe('unpaid')
    expect((await stored('payments', ids.PA))!.amount).toBe(50_000)
  })

  it('finance edits an invoice but cannot set what is paid or its status by hand', async () => {
    const res = await api(`/api/invoices/${ids.IB}`, {
      method: 'PATCH',
      token: token.finance,
      body: { status: 'paid', amountPaid: 100_000, balanceDue: 0, dueDate: '2030-01-31T00:00:00.000Z' },
    })
    expect(res.status, res.text).toBe(200)
    const row = (await stored('invoices', ids.IB))!
    expect([row.status, row.amountPaid, row.balanceDue, row.dueDate]).toEqual([
      'unpaid',
      0,
      100_000,
      '2030-01-31T00:00:00.000Z',
    ])
  })

  it("a customer cannot read the router's password; staff other than admins do not see it either", async () => {
    const asCs = await api(`/api/routers/${ids.ROUTER}`, { token: token.customer_service })
    expect(asCs.status).toBe(200)
    expect(asCs.json.password).toBeUndefined()
    expect((await api(`/api/routers/${ids.ROUTER}`, { token: token.admin })).json.password).toBe('rahasia-router')
  })
})

// ───────────────────────────── relationships ─────────────────────────────

describe('relationships point only at rows the writer may read', () => {
  const refusedAs400 = (res: { status: number; text: string }) => {
    expect(res.status, res.text).toBe(400)
    expect(res.text).toContain('bukan milik Anda')
  }
  const paymentsWithProof = async (proof: number) =>
    (await payload.count({ collection: 'payments', where: { proof: { equals: proof } }, overrideAccess: true }))
      .totalDocs

  it("A cannot file B's upload as the proof of a payment (REST, record, GraphQL); their own upload works", async () => {
    const before = await paymentsWithProof(ids.MB)
    refusedAs400(
      await api('/api/payments', {
        method: 'POST',
        token: token.customerA,
        body: { amount: 100_000, method: 'bank_transfer', proof: ids.MB },
      }),
    )
    refusedAs400(
      await api('/api/payments/record', {
        method: 'POST',
        token: token.customerA,
        body: { amount: 100_000, method: 'bank_transfer', proof: ids.MB },
      }),
    )
    const g = await gql(
      `mutation ($data: mutationPaymentInput!) { createPayment(data: $data) { id } }`,
      {
        data: {
          customer: ids.A,
          amount: 100_000,
          method: 'bank_transfer',
          status: 'pending',
          paymentDate: new Date().toISOString(),
          proof: ids.MB,
        },
      },
      token.customerA,
    )
    expect(g.data?.createPayment ?? null).toBeNull()
    expect(JSON.stringify(g.errors)).toContain('bukan milik Anda')
    expect(await paymentsWithProof(ids.MB)).toBe(before)
    // An id that does not exist gets the same answer (no 500, no hint of what exists).
    refusedAs400(
      await api('/api/payments', {
        method: 'POST',
        token: token.customerA,
        body: { amount: 100_000, method: 'bank_transfer', proof: 2_000_000_000 },
      }),
    )

    const own = await createMedia(unique('bukti-a-'), ids.A)
    const ok = await api('/api/payments', {
      method: 'POST',
      token: token.customerA,
      body: { amount: 100_000, method: 'bank_transfer', proof: own.id },
    })
    expect(ok.status, ok.text).toBe(201)
  })

  it("customer service cannot file A's upload as the proof of B's payment", async () => {
    const res = await api('/api/payments/record', {
      method: 'POST',
      token: token.customer_service,
      body: { customer: ids.B, amount: 100_000, method: 'bank_transfer', proof: ids.MA },
    })
    expect(res.status, res.text).toBe(400)
    expect(res.text).toContain('pelanggan lain')
    expect(
      (
        await payload.count({
          collection: 'payments',
          where: { and: [{ customer: { equals: ids.B } }, { proof: { equals: ids.MA } }] },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(0)
  })

  it("A cannot put B's upload on a ticket, opening one or changing their own (REST, GraphQL)", async () => {
    const subject = unique('Foto orang lain ')
    refusedAs400(
      await api('/api/tickets', {
        method: 'POST',
        token: token.customerA,
        body: { subject, type: 'repair', photos: [ids.MB] },
      }),
    )
    expect(
      (await payload.count({ collection: 'tickets', where: { subject: { equals: subject } }, overrideAccess: true }))
        .totalDocs,
    ).toBe(0)
    const before = (await stored('tickets', ids.TA2))!
    refusedAs400(
      await api(`/api/tickets/${ids.TA2}`, { method: 'PATCH', token: token.customerA, body: { photos: [ids.MB] } }),
    )
    const g = await gql(
      `mutation { updateTicket(id: ${ids.TA2}, data: { photos: [${ids.MB}] }) { id } }`,
      {},
      token.customerA,
    )
    expect(g.data?.updateTicket ?? null).toBeNull()
    expect((await stored('tickets', ids.TA2))!.photos).toEqual(before.photos)
  })

  it('a photo staff put on a ticket stays when its customer adds their own', async () => {
    const ticket = await payload.create({
      collection: 'tickets',
      data: { subject: unique('Foto teknisi '), customer: ids.B, type: 'repair', photos: [ids.M0] } as never,
      overrideAccess: true,
    })
    const mine = await createMedia(unique('foto-b2-'), ids.B)
    const res = await api(`/api/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: token.customerB,
      body: { photos: [ids.M0, mine.id] },
    })
    expect(res.status, res.text).toBe(200)
    expect((await stored('tickets', ticket.id))!.photos).toEqual([ids.M0, mine.id])
  })

  it('the technician hands a device only to a customer of their tickets', async () => {
    const serial = unique('SN-TEK-')
    refusedAs400(
      await api('/api/equipment', {
        method: 'POST',
        token: token.technician,
        body: { type: 'ont', serial, holder: ids.B, status: 'installed' },
      }),
    )
    expect(
      (
        await payload.count({
          collection: 'equipment',
          where: { serial: { equals: serial.toUpperCase() } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(0)
    const ok = await api('/api/equipment', {
      method: 'POST',
      token: token.technician,
      body: { type: 'ont', serial, holder: ids.A, status: 'installed' },
    })
    expect(ok.status, ok.text).toBe(201)
    refusedAs400(
      await api(`/api/equipment/${ok.json.doc.id}`, {
        method: 'PATCH',
        token: token.technician,
        body: { holder: ids.C },
      }),
    )
    expect((await stored('equipment', ok.json.doc.id))!.holder).toBe(ids.A)
  })
})

describe('messages: a conversation is read only by those who may read its customer', () => {
  it.each([
    ['admin', 200],
    ['finance', 200],
    ['customer_service', 200],
    ['technician', 403],
    ['content_editor', 403],
    ['customerA', 403],
    ['customerB', 403],
    ['anonymous', 401],
  ] as const)("%s asking for A's conversation gets %i", async (role, status) => {
    const res = await api(`/api/messages/conversation?customer=${ids.A}`, { token: token[role] })
    expect(res.status, res.text.slice(0, 200)).toBe(status)
    if (status !== 200) expect(res.text).not.toContain('Halo')
  })

  it("the technician's message list holds only the customers of their tickets (REST, GraphQL, by where)", async () => {
    const t = token.technician
    const list = await api(`/api/messages?where[customer][equals]=${ids.B}&limit=100&depth=0`, { token: t })
    expect(list.status, list.text).toBe(200)
    expect(list.json.docs).toEqual([])
    const g = await gql(
      `{ Messages(where: { customer: { equals: ${ids.B} } }, limit: 100) { docs { id body } } }`,
      {},
      t,
    )
    expect(g.data?.Messages?.docs ?? []).toEqual([])
    const one = await api(`/api/messages/${ids.MSGB}?depth=0`, { token: t })
    expect(notFoundOrForbidden).toContain(one.status)
    expect(one.text).not.toContain('Halo')
  })

  it('a content editor reads no message at all', async () => {
    const t = token.content_editor
    expect((await api(`/api/messages?limit=1`, { token: t })).status).toBe(403)
    const g = await gql(`{ Messages(limit: 1) { docs { id } } }`, {}, t)
    expect(g.data?.Messages ?? null).toBeNull()
  })
})
