/**
 * Runs the fake RouterOS REST API for the demo:
 *
 *   FAKE_ROUTEROS_PORT=4020 tsx src/fakes/run-routeros.ts [secrets.json]
 *
 * secrets.json is a list of PPPoE usernames, or of `{ "name", "profile"?, "connected"? }` objects
 * (`connected` opens a session for it). Credentials: FAKE_ROUTEROS_USERNAME / FAKE_ROUTEROS_PASSWORD
 * (default admin / admin). The `isolir` profile always exists.
 */
import fs from 'node:fs'

import { startFakeRouterOS } from './routeros'

type SeedSecret = string | { name: string; profile?: string; connected?: boolean; comment?: string }

const port = Number(process.env.FAKE_ROUTEROS_PORT ?? 4020)
const username = process.env.FAKE_ROUTEROS_USERNAME ?? 'admin'
const password = process.env.FAKE_ROUTEROS_PASSWORD ?? 'admin'
const seedFile = process.argv[2]

const seed: SeedSecret[] = seedFile ? JSON.parse(fs.readFileSync(seedFile, 'utf8')) : []
if (!Array.isArray(seed)) throw new Error(`${seedFile}: expected a JSON list of secrets`)

const router = await startFakeRouterOS({ username, password, port })
router.addProfile('isolir')
for (const item of seed) {
  const secret = typeof item === 'string' ? { name: item } : item
  router.addSecret(secret.name, secret.profile ?? 'default', { comment: secret.comment })
  if (typeof item === 'string' || secret.connected !== false) router.connect(secret.name)
}

console.log(`Fake RouterOS REST at ${router.url}/rest (user ${username}), ${router.state.secrets.length} PPPoE secrets`)

const stop = () => {
  void router.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
