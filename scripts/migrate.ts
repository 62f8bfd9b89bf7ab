/** Runs pending migrations (the app and workers also do this at start, under a lock). */
import { bootPayload, shutdownPayload } from '../src/boot'

const { payload, database } = await bootPayload({ migrate: true })
payload.logger.info('migrations are up to date')
await shutdownPayload(payload, database)
process.exit(0)
