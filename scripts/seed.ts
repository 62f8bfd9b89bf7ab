/**
 * Demo data: a believable Depok ISP with one account per staff role, packages, a few hundred
 * customers with tickets, equipment and history, the FAQ, and billing (invoices, payments, a router). Safe to run again: an already
 * seeded database is left as it is, except that missing default message templates are added.
 * `--customers N` changes the size (default 300).
 */
import { parseArgs } from 'node:util'

import pg from 'pg'

import { bootPayload, shutdownPayload } from '../src/boot'
import { seedBilling } from '../src/seed/billing'
import { DEMO_CUSTOMER_PASSWORD, DEMO_STAFF } from '../src/seed/demoStaff'
import { DEMO_ARTICLES, lexicalParagraphs } from '../src/seed/knowledgeBase'
import { seedDemoConversation, seedMessageTemplates } from '../src/seed/messageTemplates'
import { DEMO_PACKAGES, generateDataset } from '../src/seed/generator'

const { values } = parseArgs({ options: { customers: { type: 'string', default: '300' } } })
const { payload, database } = await bootPayload()

const existing = await payload.count({ collection: 'users', overrideAccess: true })
if (existing.totalDocs > 0) {
  const templates = await seedMessageTemplates(payload)
  console.log(
    `Database already has data; seeding skipped${templates.created ? ` (${templates.created} missing message templates added)` : ''}.`,
  )
} else {
  const technicianIds: number[] = []
  for (const staff of DEMO_STAFF) {
    const user = await payload.create({ collection: 'users', data: { ...staff }, overrideAccess: true })
    if (staff.role === 'technician') technicianIds.push(user.id)
  }
  for (const p of DEMO_PACKAGES) {
    await payload.create({
      collection: 'packages',
      data: { ...p, description: `Internet fiber ${p.downloadMbps} Mbps tanpa kuota` },
      overrideAccess: true,
    })
  }
  await payload.create({
    collection: 'packages',
    data: { name: 'Rumahan 5 Mbps (lama)', downloadMbps: 5, uploadMbps: 2, monthlyPrice: 120_000, active: false },
    overrideAccess: true,
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
    })
  }
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  const result = await generateDataset(client, {
    customers: Number(values.customers),
    technicianIds,
    customerPassword: DEMO_CUSTOMER_PASSWORD,
  })
  await client.end()
  const billing = await seedBilling(payload)
  // After billing, so the seeded payments do not each queue a "payment received" message.
  const templates = await seedMessageTemplates(payload)
  const sample = result.sampleCustomer
    ? await payload.find({
        collection: 'customers',
        where: { number: { equals: result.sampleCustomer.number } },
        limit: 1,
        depth: 0,
        overrideAccess: true,
      })
    : null
  if (sample?.docs[0]) await seedDemoConversation(payload, sample.docs[0].id)

  console.log(
    `\nDemo data ready: ${result.customers} customers, ${result.tickets} tickets, ${result.equipment} devices, ${result.history} history entries,`,
  )
  console.log(
    `${billing.invoices} invoices and ${billing.payments} payments (${billing.pending} transfer proofs waiting for finance), ${templates.created} WhatsApp templates.\n`,
  )
  console.log('Admin panel: http://localhost:3000/admin')
  console.table(DEMO_STAFF.map(({ role, email, password }) => ({ role, email, password })))
  if (result.sampleCustomer) {
    console.log(
      `Portal customer: ${result.sampleCustomer.number} or phone ${result.sampleCustomer.phone}, password "${DEMO_CUSTOMER_PASSWORD}" (every demo customer has it)`,
    )
  }
}
await shutdownPayload(payload, database)
process.exit(0)
