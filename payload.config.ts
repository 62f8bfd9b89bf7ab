import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { en } from '@payloadcms/translations/languages/en'
import { id } from '@payloadcms/translations/languages/id'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { staffOnlyDocumentLocks } from './src/access/documentLocks'
import { staffWithRole } from './src/access/staffWithRole'
import { requireReadableRelationships } from './src/fields/readableRelationships'
import { hasRole, isStaff } from './src/access/roles'
import { Customers } from './src/collections/Customers'
import { Equipment } from './src/collections/Equipment'
import { KnowledgeBase } from './src/collections/KnowledgeBase'
import { Media } from './src/collections/Media'
import { NumberSequences } from './src/collections/NumberSequences'
import { Packages } from './src/collections/Packages'
import { ScheduledRuns } from './src/collections/ScheduledRuns'
import { StaffAlerts } from './src/collections/StaffAlerts'
import { ServiceHistory } from './src/collections/ServiceHistory'
import { TicketComments } from './src/collections/TicketComments'
import { Tickets } from './src/collections/Tickets'
import { Users } from './src/collections/Users'
import { WorkerHeartbeats } from './src/collections/WorkerHeartbeats'
import { pruneJobHistoryTask } from './src/jobs/tasks/pruneJobHistory.task'
import { staffAlertTask } from './src/jobs/tasks/staffAlert.task'
import { workerProbeTask } from './src/jobs/tasks/workerProbe.task'
import { watchPool } from './src/db/health'
import { postgresAdapter as adapterOf } from './src/db/pool'
import { smtpEmailAdapter } from './src/lib/email'
import { databaseInputErrorsAs400 } from './src/lib/inputErrors'
import { staffOnlyPreferences, workingPreferenceDelete } from './src/lib/payloadPreferences'
import { uploadMaxBytes } from './src/lib/limits'
import { ownOrigins } from './src/lib/origins'
import { payloadSecret } from './src/lib/secrets'
import { plugins } from './src/plugins'

const dirname = path.dirname(fileURLToPath(import.meta.url))

// After sanitizing: Payload's own lock collection needs its access narrowed (documentLocks.ts),
// every relationship a person sets must point at a row they may read (readableRelationships.ts),
// Payload's preference delete needs a handler that works on PostgreSQL, and preferences are for
// staff only (payloadPreferences.ts).
export default buildConfig({
  serverURL: process.env.PUBLIC_URL ?? '',
  // A session cookie counts only on requests from the product's own pages: a request from another
  // origin that carries it is anonymous (src/lib/origins.ts).
  csrf: ownOrigins(),
  secret: payloadSecret(),
  admin: {
    user: Users.slug,
    // No Gravatar: the admin works without outside requests.
    avatar: 'default',
    meta: { titleSuffix: ' · ISP Ops' },
    importMap: { baseDir: dirname },
    dateFormat: 'd MMM yyyy HH:mm',
    timezones: {
      defaultTimezone: 'Asia/Jakarta',
      supportedTimezones: [{ label: 'WIB (Asia/Jakarta)', value: 'Asia/Jakarta' }],
    },
  },
  i18n: { supportedLanguages: { id, en }, fallbackLanguage: 'id' },
  collections: [
    Customers,
    Packages,
    Tickets,
    TicketComments,
    ServiceHistory,
    Equipment,
    KnowledgeBase,
    Media,
    Users,
    NumberSequences,
    ScheduledRuns,
    WorkerHeartbeats,
    StaffAlerts,
  ],
  plugins,
  editor: lexicalEditor(),
  db: postgresAdapter({
    pool: {
      connectionString: process.env.DATABASE_URL,
      max: Number(process.env.DATABASE_POOL_MAX ?? 10),
      // A database that does not answer (restarting, network cut) fails a connection attempt after
      // this long instead of holding the request forever; the request is then answered 503.
      connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 10_000),
      keepAlive: true,
    },
    // The schema comes from committed migrations only (src/migrations, run by src/boot.ts under a
    // lock so several processes can start at once), never from push.
    push: false,
    // A DATABASE_URL naming a database that does not exist is a mistake to report, not one to
    // create (src/boot.ts says so; the embedded database is created by src/db/database-url.ts).
    disableCreateDatabase: true,
  }),
  sharp,
  // Every Payload instance (the server's, the one Next's routes start, a worker's) survives a
  // database restart: its pool's errors are handled (src/db/health.ts).
  onInit: (payload) => {
    const { pool } = adapterOf(payload)
    if (pool) watchPool(pool)
  },
  email: smtpEmailAdapter(),
  upload: { limits: { fileSize: uploadMaxBytes() } },
  graphQL: { disablePlaygroundInProduction: true, maxComplexity: 1000 },
  // A value PostgreSQL refuses (NUL, an id out of range, a missing row referred to) is a 400.
  hooks: { afterError: [databaseInputErrorsAs400] },
  typescript: {
    outputFile: path.resolve(dirname, 'src/payload-types.ts'),
    // Generating types spawns a process on every init; only `next dev` wants that.
    autoGenerate: false,
  },
  jobs: {
    tasks: [workerProbeTask, pruneJobHistoryTask, staffAlertTask],
    // Keep finished jobs visible in the admin; the pruneJobHistory task removes old ones.
    deleteJobOnComplete: false,
    access: {
      // Jobs run only in workers (src/jobs/runner.ts), which take the per-job lock.
      run: () => false,
      queue: ({ req: { user } }) => hasRole(user),
      cancel: ({ req: { user } }) => hasRole(user),
    },
    jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
      ...defaultJobsCollection,
      admin: {
        ...defaultJobsCollection.admin,
        hidden: ({ user }) => !isStaff(user as Parameters<typeof isStaff>[0]),
        group: { en: 'System', id: 'Sistem' },
      },
      access: { ...defaultJobsCollection.access, read: staffWithRole() },
    }),
  },
})
  .then(staffOnlyDocumentLocks)
  .then(requireReadableRelationships)
  .then(workingPreferenceDelete)
  .then(staffOnlyPreferences)
