import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'

import type { Endpoint } from 'payload'

import { hasRole } from '../../../access/roles'
import { idValue } from '../../../lib/input'

/**
 * `GET /api/backups/:id/download`: the encrypted backup file, for admins only. It stays encrypted:
 * reading it needs BACKUP_ENCRYPTION_KEY, which is never served.
 */
export const downloadBackupEndpoint: Endpoint = {
  path: '/:id/download',
  method: 'get',
  handler: async (req) => {
    if (!hasRole(req.user))
      return Response.json({ message: 'Hanya admin yang dapat mengunduh cadangan.' }, { status: 403 })
    const id = idValue(req.routeParams?.id)
    if (id === null) return Response.json({ message: 'ID cadangan tidak valid.' }, { status: 400 })
    const backup = await req.payload.findByID({
      collection: 'backups',
      id,
      overrideAccess: false,
      user: req.user,
      req,
      disableErrors: true,
    })
    const file = backup?.storage?.localPath
    if (!backup || !file || !fs.existsSync(file))
      return Response.json({ message: 'Berkas cadangan lokal tidak ditemukan.' }, { status: 404 })
    return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, {
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(fs.statSync(file).size),
        'content-disposition': `attachment; filename="${path.basename(file)}"`,
        'cache-control': 'no-store',
      },
    })
  },
}
