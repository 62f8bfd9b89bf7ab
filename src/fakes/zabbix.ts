/**
 * A faithful local Zabbix API (JSON-RPC 2.0 at `/api_jsonrpc.php`, Zabbix 6.4+/7.0) for tests and
 * the demo: `problem.get` (current problems, `selectTags`) and `trigger.get` (`triggerids`,
 * `selectHosts`), authenticated by `Authorization: Bearer <API token>`. A wrong token is answered
 * as Zabbix does: HTTP 200 with a JSON-RPC error "Not authorized.".
 */
import { listen, readBody, sendJson, type FakeServer } from './http-kit'

export type FakeProblem = {
  eventid: string
  triggerid: string
  host: string
  name: string
  /** 0 Not classified … 5 Disaster */
  severity: number
  clock: Date
  tags?: { tag: string; value: string }[]
}

export type FakeZabbix = FakeServer & { apiUrl: string; problems: FakeProblem[]; calls: string[] }

export async function startFakeZabbix({ token, port = 0 }: { token: string; port?: number }): Promise<FakeZabbix> {
  const state = { problems: [] as FakeProblem[], calls: [] as string[] }
  const server = await listen(async (req, res) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== '/api_jsonrpc.php')
      return sendJson(res, 404, { message: 'Not found' })
    let call: { jsonrpc?: string; method?: string; params?: Record<string, unknown>; id?: unknown }
    try {
      call = JSON.parse((await readBody(req)).toString('utf8'))
    } catch {
      return sendJson(res, 200, {
        jsonrpc: '2.0',
        error: { code: -32700, message: 'Parse error.', data: 'Invalid JSON.' },
        id: null,
      })
    }
    const reply = (result: unknown) => sendJson(res, 200, { jsonrpc: '2.0', result, id: call.id })
    const error = (code: number, message: string, data: string) =>
      sendJson(res, 200, { jsonrpc: '2.0', error: { code, message, data }, id: call.id })
    if (call.jsonrpc !== '2.0') return error(-32600, 'Invalid request.', 'Invalid parameter "/jsonrpc".')
    state.calls.push(String(call.method))
    if (req.headers.authorization !== `Bearer ${token}`) return error(-32602, 'Invalid params.', 'Not authorized.')
    const params = call.params ?? {}
    if (call.method === 'problem.get')
      return reply(
        state.problems.map((p) => ({
          eventid: p.eventid,
          source: '0',
          object: '0',
          objectid: p.triggerid,
          clock: String(Math.floor(p.clock.getTime() / 1000)),
          ns: '0',
          r_eventid: '0',
          r_clock: '0',
          r_ns: '0',
          name: p.name,
          acknowledged: '0',
          severity: String(p.severity),
          ...(params.selectTags ? { tags: p.tags ?? [] } : {}),
        })),
      )
    if (call.method === 'trigger.get') {
      const ids = new Set(((params.triggerids as string[] | undefined) ?? []).map(String))
      const seen = new Map<string, FakeProblem>()
      for (const p of state.problems) if (!ids.size || ids.has(p.triggerid)) seen.set(p.triggerid, p)
      return reply(
        [...seen.values()].map((p) => ({
          triggerid: p.triggerid,
          ...(params.selectHosts ? { hosts: [{ hostid: String(10000 + Number(p.triggerid)), host: p.host }] } : {}),
        })),
      )
    }
    return error(-32601, 'Method not found.', `Incorrect API "${String(call.method)}".`)
  }, port)
  return Object.assign(server, state, { apiUrl: `${server.url}/api_jsonrpc.php` })
}
