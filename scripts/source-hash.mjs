// The content hash of everything `next build` reads. It is the build's id (next.config.mjs), so
// `npm run demo` rebuilds only when the source changed, and replicas built from the same source
// agree on the id.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const INPUTS = ['src', 'public', 'payload.config.ts', 'next.config.mjs', 'tsconfig.json', 'package-lock.json']
const SKIP = new Set(['node_modules', '.next', '.data'])

function* files(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false })
  if (!stat) return
  if (stat.isFile()) {
    yield entry
    return
  }
  for (const name of fs.readdirSync(entry).sort()) if (!SKIP.has(name)) yield* files(path.join(entry, name))
}

/** SHA-256 (first 20 hex characters) over the paths and contents of the build's inputs. */
export function sourceHash(root = process.cwd()) {
  const hash = crypto.createHash('sha256')
  for (const input of INPUTS)
    for (const file of files(path.join(root, input))) {
      hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0')
    }
  return hash.digest('hex').slice(0, 20)
}
