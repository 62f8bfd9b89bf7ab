/**
 * Runs pending migrations (the app and workers also do this at start, under a lock). Unlike them,
 * it creates the database DATABASE_URL names when the server does not have it yet.
 */
import { bootPayload, shutdownPayload } from '../src/boot'

const { payload, database } = await bootPayload({ migrate: true, createDatabase: true })
payload.logger.info('migrations are up to date')
await shutdownPayload(payload, database)
process.exit(0)
