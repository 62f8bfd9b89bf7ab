/**
 * A faithful local PRTG for tests and the demo: `GET /api/table.json` as PRTG's API v1 answers it
 * (content=sensors, columns, filter_status, `_raw` columns beside the display ones), checking the
 * API token (`apitoken=`; a wrong or missing one gets PRTG's 401 with an `error` body).
 */
import { listen, sendJson, type FakeServer } from './http-kit'

export type FakeSensor = {
  objid: number
  device: string
  host?: string
  sensor: string
  /** PRTG status codes: 3 Up, 4 Warning, 5 Down, 7 Paused, 13 Down (acknowledged)… */
  status: number
  message?: string
  /** When it went down. */
  lastDown?: Date
}

const STATUS_TEXT: Record<number, string> = { 3: 'Up', 4: 'Warning', 5: 'Down', 7: 'Paused', 13: 'Down (Acknowledged)' }

/** A Date as PRTG's OLE automation date (days since 30 Dec 1899). */
export const toOleDate = (date: Date) => date.getTime() / 86_400_000 + 25569

export type FakePrtg = FakeServer & {
  sensors: FakeSensor[]
  /** Every request's query, for assertions. */
  requests: URLSearchParams[]
}

export async function startFakePrtg({ token, port = 0 }: { token: string; port?: number }): Promise<FakePrtg> {
  const state = { sensors: [] as FakeSensor[], requests: [] as URLSearchParams[] }
  const server = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method !== 'GET' || url.pathname !== '/api/table.json')
      return sendJson(res, 404, { 'prtg-version': '24.1.92.1554', error: 'Not found' })
    state.requests.push(url.searchParams)
    if (url.searchParams.get('apitoken') !== token)
      return sendJson(res, 401, { 'prtg-version': '24.1.92.1554', error: 'Unauthorized' })
    if (url.searchParams.get('content') !== 'sensors')
      return sendJson(res, 400, { 'prtg-version': '24.1.92.1554', error: 'content not supported by this fake' })
    const wanted = url.searchParams.getAll('filter_status').map(Number)
    const columns = (url.searchParams.get('columns') ?? 'objid,device,sensor,status').split(',')
    const rows = state.sensors
      .filter((s) => !wanted.length || wanted.includes(s.status))
      .map((s) => {
        const row: Record<string, unknown> = {}
        for (const c of columns) {
          if (c === 'objid') Object.assign(row, { objid: s.objid, objid_raw: s.objid })
          if (c === 'device') Object.assign(row, { device: s.device, device_raw: s.device })
          if (c === 'host') Object.assign(row, { host: s.host ?? s.device, host_raw: s.host ?? s.device })
          if (c === 'sensor') Object.assign(row, { sensor: s.sensor, sensor_raw: s.sensor })
          if (c === 'status') Object.assign(row, { status: STATUS_TEXT[s.status] ?? 'Unknown', status_raw: s.status })
          if (c === 'message')
            Object.assign(row, {
              message: `<div class="status">${s.message ?? 'OK'}</div>`,
              message_raw: s.message ?? 'OK',
            })
          if (c === 'lastdown')
            Object.assign(row, {
              lastdown: s.lastDown ? s.lastDown.toISOString() : '-',
              lastdown_raw: s.lastDown ? toOleDate(s.lastDown) : '',
            })
        }
        return row
      })
    sendJson(res, 200, { 'prtg-version': '24.1.92.1554', treesize: rows.length, sensors: rows })
  }, port)
  return Object.assign(server, state)
}
