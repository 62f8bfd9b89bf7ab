import type { Endpoint } from 'payload'

import { answer } from '../../../lib/endpointKit'
import { speedTestDownload, speedTestPing, speedTestUpload } from '../operations/speedTest'

/** `GET /api/portal/speed-test/ping`: an empty answer, for the latency. */
export const speedTestPingEndpoint: Endpoint = {
  path: '/portal/speed-test/ping',
  method: 'get',
  handler: (req) => answer(async () => speedTestPing(req)),
}

/** `GET /api/portal/speed-test/download?bytes=N`: N random bytes, streamed, not cached. */
export const speedTestDownloadEndpoint: Endpoint = {
  path: '/portal/speed-test/download',
  method: 'get',
  handler: (req) => answer(() => speedTestDownload(req)),
}

/** `POST /api/portal/speed-test/upload`: reads and drops the body (capped), answers its size. */
export const speedTestUploadEndpoint: Endpoint = {
  path: '/portal/speed-test/upload',
  method: 'post',
  handler: (req) => answer(() => speedTestUpload(req)),
}
