import pg from 'pg'
import type { Payload, PayloadRequest } from 'payload'

import { inTransaction } from '../db/transaction'
import { formatPhone } from '../lib/phone'
import { seedBilling } from './billing'
import { DEMO_CUSTOMER_PASSWORD, DEMO_STAFF } from './demoStaff'
import { DEMO_PACKAGES, generateDataset } from './generator'
import { DEMO_ARTICLES, lexicalParagraphs } from './knowledgeBase'
import { seedDemoConversation, seedMessageTemplates } from './messageTemplates'

/**
 * The demo data, in steps. Each step commits whole or not at all (one transaction), and knows from
 * the data whether it has run, so a seed killed at any moment and started again finishes what the
 * first one left, and a complete demo is left as it is.
 */
type SeedStep = {
  name: string
  /** True when the step's data is there (its transaction committed). */
  done: (req: PayloadRequest) => Promise<boolean>
  run: (req: PayloadRequest, context: SeedContext) => Promise<string>
}

type SeedContext = { payload: Payload; databaseUrl: string; customers: number; now: Date }

const exists = async (
  req: PayloadRequest,
  collection: 'users' | 'packages' | 'customers' | 'routers' | 'messages',
  where = {},
) => (await req.payload.count({ collection, where, overrideAccess: true, req })).totalDocs > 0

const DEMO_ADMIN = DEMO_STAFF[0].email

const STEPS: SeedStep[] = [
  {
    name: 'staff',
    done: (req) => exists(req, 'users', { email: { equals: DEMO_ADMIN } }),
    run: async (req) => {
      for (const staff of DEMO_STAFF)
        await req.payload.create({ collection: 'users', data: { ...staff }, overrideAccess: true, req })
      return `${DEMO_STAFF.length} staff accounts`
    },
  },
  {
    name: 'packages and FAQ',
    done: (req) => exists(req, 'packages'),
    run: async (req) => {
      const { payload } = req
      for (const p of DEMO_PACKAGES) {
        const description = `Internet fiber ${p.downloadMbps} Mbps tanpa kuota`
        await payload.create({ collection: 'packages', data: { ...p, description }, overrideAccess: true, req })
      }
      await payload.create({
        collection: 'packages',
        data: { name: 'Rumahan 5 Mbps (lama)', downloadMbps: 5, uploadMbps: 2, monthlyPrice: 120_000, active: false },
        overrideAccess: true,
        req,
      })
      for (const article of DEMO_ARTICLES) {
        await payload.create({
          collection: 'knowledge-base',
          data: {
            title: article.title,
            category: article.category as 'general',
            keywords: article.keywords,
            body: lexicalParagraphs(article.paragraphs),
            _status: article.draft ? 'draft' : 'published',
          },
          draft: article.draft,
          overrideAccess: true,
          req,
        })
      }
      return `${DEMO_PACKAGES.length + 1} packages, ${DEMO_ARTICLES.length} FAQ articles`
    },
  },
  {
    name: 'customers',
    done: (req) => exists(req, 'customers'),
    run: async (req, { payload, databaseUrl, customers, now }) => {
      const technicians = await payload.find({
        collection: 'users',
        where: { role: { equals: 'technician' } },
        sort: 'id',
        depth: 0,
        limit: 0,
        pagination: false,
        overrideAccess: true,
        req,
      })
      // Bulk SQL on its own connection, in one transaction of its own (see generateDataset).
      const client = new pg.Client({ connectionString: databaseUrl })
      await client.connect()
      try {
        const result = await generateDataset(client, {
          customers,
          now,
          technicianIds: technicians.docs.map((t) => t.id),
          customerPassword: DEMO_CUSTOMER_PASSWORD,
        })
        return `${result.customers} customers, ${result.tickets} tickets, ${result.equipment} devices, ${result.history} history entries`
      } finally {
        await client.end()
      }
    },
  },
  {
    name: 'billing',
    done: (req) => exists(req, 'routers'),
    run: async (req, { now }) => {
      const billing = await seedBilling(req, now)
      return `${billing.invoices} invoices, ${billing.payments} payments (${billing.pending} transfer proofs waiting for finance), a router`
    },
  },
  {
    name: 'messages',
    done: (req) => exists(req, 'messages', { dedupeKey: { like: 'in:demo:%' } }),
    run: async (req) => {
      // After billing, so the seeded payments do not each queue a "payment received" message.
      const templates = await seedMessageTemplates(req.payload, req)
      const sample = await demoCustomer(req)
      if (sample) await seedDemoConversation(req, sample.id)
      return `${templates.created} WhatsApp templates, a conversation`
    },
  },
]

/** The customer the demo points at: the first active one. */
async function demoCustomer(req: PayloadRequest) {
  const { docs } = await req.payload.find({
    collection: 'customers',
    where: { status: { equals: 'active' } },
    sort: 'id',
    limit: 1,
    depth: 0,
    select: { number: true, phone: true },
    overrideAccess: true,
    req,
  })
  return docs[0]
}

export type SeedDemoResult =
  | { status: 'not-a-demo-database' }
  | { status: 'seeded'; ran: { step: string; summary: string }[]; sample?: { number: string; phone: string } }

/**
 * Seeds the demo, step by step; runs only the steps whose data is missing. A database with staff
 * accounts but not the demo's is someone's real data: it is left untouched.
 */
export async function seedDemo(
  payload: Payload,
  {
    databaseUrl,
    customers = 300,
    now = new Date(),
    log = () => {},
  }: { databaseUrl: string; customers?: number; now?: Date; log?: (line: string) => void },
): Promise<SeedDemoResult> {
  const context: SeedContext = { payload, databaseUrl, customers, now }
  const firstDone = await inTransaction(payload, (req) => STEPS[0]!.done(req))
  if (!firstDone && (await payload.count({ collection: 'users', overrideAccess: true })).totalDocs > 0)
    return { status: 'not-a-demo-database' }

  const ran: { step: string; summary: string }[] = []
  for (const step of STEPS) {
    const summary = await inTransaction(payload, async (req) =>
      (await step.done(req)) ? undefined : step.run(req, context),
    )
    if (summary === undefined) continue
    ran.push({ step: step.name, summary })
    log(`${step.name}: ${summary}`)
  }
  // Templates added to the defaults since this demo was made.
  await inTransaction(payload, (req) => seedMessageTemplates(payload, req))
  const sample = await inTransaction(payload, demoCustomer)
  return {
    status: 'seeded',
    ran,
    sample: sample ? { number: sample.number ?? '', phone: sample.phone ?? '' } : undefined,
  }
}

/** The demo's sign-in details, as the README lists them. */
export function printDemoAccounts(sample?: { number: string; phone: string }, baseUrl?: string): void {
  if (baseUrl) console.log(`Admin panel: ${baseUrl}/admin`)
  console.table(DEMO_STAFF.map(({ role, email, password }) => ({ role, email, password })))
  if (sample)
    console.log(
      `Portal customer: ${sample.number} or phone ${formatPhone(sample.phone)}, password "${DEMO_CUSTOMER_PASSWORD}" (every demo customer has it)`,
    )
}
