import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'

/**
 * A MikroTik RouterOS v7 REST API on 127.0.0.1 for tests and the demo: the PPP secrets, PPP active
 * sessions and firewall address-list menus (plus, read only, `/system/resource` with the uptime and
 * the dynamic `<pppoe-NAME>` interfaces of `/interface` with their 64-bit byte counters), with RouterOS's rules: HTTP Basic auth, every value a
 * string, `.id` values `*1`, `*2`, … (hex, per menu), filters by field in the query string, unknown
 * parameters and bad values refused with `{"error":400,"message":"Bad Request","detail":…}`, a
 * duplicate address-list entry refused with `failure: already have such entry`, an unknown id
 * answered 404. It can also fail like a router on a bad day: 500s, no answer, a dropped connection.
 */

export type RouterRecord = Record<string, string>

export type FailureKind = 500 | 'timeout' | 'reset'

export type FailureMatch = {
  /** Only requests with this method (e.g. `DELETE`). */
  method?: string
  /** Only requests whose path starts with this (e.g. `/rest/ppp/active`). */
  path?: string
  /**
   * Carry the request out first, then fail: the change is made on the router but the client never
   * hears back (what a retry has to cope with).
   */
  afterApply?: boolean
}

export type LoggedRequest = {
  method: string
  path: string
  query: Record<string, string>
  body?: unknown
  /** Status sent, or the failure injected instead of an answer. */
  status?: number
  failure?: FailureKind
  /** The Basic-auth user, whether or not the password was right. */
  user?: string
}

export type FakeRouterOSState = {
  secrets: RouterRecord[]
  active: RouterRecord[]
  addressList: RouterRecord[]
  /** PPP profiles that exist; a secret may only point at one of these. */
  profiles: Set<string>
  /** Session `.id` → the profile the session logged in with (a profile change applies from the next login). */
  sessionProfiles: Map<string, string>
  /** Session `.id` → byte counters of its dynamic `<pppoe-NAME>` interface (router side: rx = from the customer). */
  counters: Map<string, { rx: bigint; tx: bigint }>
  /** When the router last started (its `/system/resource` uptime counts from here). */
  bootedAt: number
}

export type FakeRouterOS = {
  url: string
  close(): Promise<void>
  state: FakeRouterOSState
  addProfile(name: string): void
  addSecret(
    name: string,
    profile?: string,
    opts?: { password?: string; comment?: string; service?: string; disabled?: boolean },
  ): string
  /** The customer's router dials in: a new `/ppp/active` session with the secret's current profile. Returns its `.id`. */
  connect(name: string, opts?: { address?: string; callerId?: string }): string
  failNext(n: number, kind: FailureKind, match?: FailureMatch): void
  /** Traffic on a connected customer's session: `download` bytes to them (interface tx), `upload` from them (rx). */
  addTraffic(name: string, traffic: { download?: number | bigint; upload?: number | bigint }): void
  /** Sets a session's counters outright (e.g. near 2^32, to watch them wrap). */
  setCounters(name: string, counters: { rx: number | bigint; tx: number | bigint }): void
  /** The customer's line drops (not our doing): the session disappears. */
  dropSession(name: string, reason?: string): void
  /** The router restarts: every session and counter is gone and the uptime starts again. */
  reboot(): void
  requests: LoggedRequest[]
  /** Called for each authenticated request just before the router acts on it (to stage a race). */
  onRequest?: (request: LoggedRequest) => void
}

type Reply = { status: number; body?: unknown }

const SECRET_FIELDS = new Set([
  'name',
  'password',
  'profile',
  'service',
  'comment',
  'disabled',
  'caller-id',
  'local-address',
  'remote-address',
  'routes',
  'limit-bytes-in',
  'limit-bytes-out',
  'ipv6-routes',
  'remote-ipv6-prefix',
])
const ADDRESS_LIST_FIELDS = new Set(['list', 'address', 'comment', 'disabled', 'timeout'])
const SERVICES = new Set(['any', 'async', 'l2tp', 'ovpn', 'pppoe', 'pptp', 'sstp'])

const badRequest = (detail: string): Reply => ({ status: 400, body: { error: 400, message: 'Bad Request', detail } })
const notFound: Reply = { status: 404, body: { error: 404, message: 'Not Found' } }

/** RouterOS's own address-list form: `/32` dropped, a subnet cut to its network. Undefined when invalid. */
function routerAddress(input: string): string | undefined {
  const ipv4 = (text: string) => {
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return undefined
    const octets = text.split('.').map(Number)
    return octets.every((o) => o <= 255) ? octets : undefined
  }
  const toNumber = (o: number[]) => o.reduce((acc, x) => acc * 256 + x, 0)
  const toText = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')
  const range = /^([^-]+)-([^-]+)$/.exec(input)
  if (range) {
    const [from, to] = [ipv4(range[1]!), ipv4(range[2]!)]
    return from && to && toNumber(from) <= toNumber(to)
      ? `${toText(toNumber(from))}-${toText(toNumber(to))}`
      : undefined
  }
  const cidr = /^([\d.]+)(?:\/(\d{1,2}))?$/.exec(input)
  if (cidr) {
    const octets = ipv4(cidr[1]!)
    if (!octets) return undefined
    if (cidr[2] === undefined || cidr[2] === '32') return octets.join('.')
    const prefix = Number(cidr[2])
    if (prefix > 32) return undefined
    const size = 2 ** (32 - prefix)
    return `${toText(Math.floor(toNumber(octets) / size) * size)}/${prefix}`
  }
  // RouterOS also takes a DNS name and resolves it; anything else is refused.
  return /^(?=.*[a-z])[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(input) ? input.toLowerCase() : undefined
}

function booleanValue(value: string): string | undefined {
  if (value === 'true' || value === 'yes') return 'true'
  if (value === 'false' || value === 'no') return 'false'
  return undefined
}

/** `1h2m3s` as RouterOS prints durations. */
function duration(ms: number): string {
  let s = Math.floor(ms / 1000)
  const parts: string[] = []
  for (const [unit, size] of [
    ['w', 604800],
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`)
      s %= size
    }
  }
  if (s || !parts.length) parts.push(`${s}s`)
  return parts.join('')
}

/** RouterOS v7 prints local time as `2026-01-15 10:00:00`; the fake router's clock is WIB. */
function routerTime(date = new Date()): string {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}

export type FakeRouterOSOptions = {
  username: string
  password: string
  port?: number
  /** Shown in the 401 challenge's realm, like the router's identity. */
  identity?: string
  /** Serve HTTPS (RouterOS's `www-ssl`) with this key and certificate instead of plain HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer }
}

export async function startFakeRouterOS(options: FakeRouterOSOptions): Promise<FakeRouterOS> {
  const state: FakeRouterOSState = {
    secrets: [],
    active: [],
    addressList: [],
    profiles: new Set(['default', 'default-encryption']),
    sessionProfiles: new Map(),
    counters: new Map(),
    bootedAt: Date.now() - 3 * 86400_000,
  }
  const requests: LoggedRequest[] = []
  const failures: Array<{ remaining: number; kind: FailureKind; match: FailureMatch }> = []
  const counters = { secrets: 0, active: 0, addressList: 0 }
  const connectedAt = new Map<string, number>()
  const nextId = (menu: keyof typeof counters) => `*${(++counters[menu]).toString(16).toUpperCase()}`

  /** Applies a write body to a record, RouterOS-style: known fields only, string-like values. */
  function applyFields(record: RouterRecord, body: Record<string, unknown>, known: Set<string>): Reply | undefined {
    const updates: RouterRecord = {}
    for (const [key, raw] of Object.entries(body)) {
      if (!known.has(key)) return badRequest(`unknown parameter ${key}`)
      // RouterOS reads numbers and booleans as their text; structures it cannot take.
      if (!['string', 'number', 'boolean'].includes(typeof raw)) return badRequest(`invalid value for argument ${key}`)
      let value = String(raw)
      if (key === 'disabled') {
        const flag = booleanValue(value)
        if (!flag) return badRequest('input does not match any value of disabled')
        value = flag
      }
      if (key === 'profile' && !state.profiles.has(value))
        return badRequest('input does not match any value of profile')
      if (key === 'service' && !SERVICES.has(value)) return badRequest('input does not match any value of service')
      if (key === 'name' && !value) return badRequest('invalid value for argument name')
      if (key === 'address') {
        const address = routerAddress(value)
        if (!address) return badRequest('invalid value for argument address')
        value = address
      }
      updates[key] = value
    }
    for (const [key, value] of Object.entries(updates)) {
      // An empty comment is no comment: RouterOS leaves the field out of its answers.
      if (key === 'comment' && value === '') delete record.comment
      else record[key] = value
    }
    return undefined
  }

  function printable(menu: 'secrets' | 'active' | 'addressList', record: RouterRecord): RouterRecord {
    if (menu === 'active')
      return { ...record, uptime: duration(Date.now() - (connectedAt.get(record['.id']!) ?? Date.now())) }
    return { ...record }
  }

  /** `/system/resource` and the dynamic `pppoe-in` interfaces of `/interface` (read only). */
  function handleReadOnly(method: string, path: string, query: Record<string, string>): Reply | undefined {
    if (path !== '/rest/system/resource' && path !== '/rest/interface') return undefined
    if (method !== 'GET') return badRequest(`no such command or directory (${method.toLowerCase()})`)
    if (path === '/rest/system/resource')
      return {
        status: 200,
        body: pick(
          {
            uptime: duration(Date.now() - state.bootedAt),
            version: '7.16.1 (stable)',
            'board-name': 'CCR2004-1G-12S+2XS',
            'cpu-load': '3',
            'free-memory': '3758096384',
          },
          query,
        ),
      }
    const rows = state.active.map((session, index) => {
      const c = state.counters.get(session['.id']!) ?? { rx: 0n, tx: 0n }
      return {
        '.id': `*${(0xf00000 + index).toString(16).toUpperCase()}`,
        name: `<pppoe-${session.name}>`,
        type: 'pppoe-in',
        mtu: '1480',
        running: 'true',
        disabled: 'false',
        'rx-byte': c.rx.toString(),
        'tx-byte': c.tx.toString(),
      } as RouterRecord
    })
    const filters = Object.entries(query).filter(([key]) => !key.startsWith('.'))
    return {
      status: 200,
      body: rows.filter((row) => filters.every(([key, value]) => row[key] === value)).map((row) => pick(row, query)),
    }
  }

  function pick(row: RouterRecord, query: Record<string, string>): RouterRecord {
    const proplist = query['.proplist']?.split(',')
    return proplist ? Object.fromEntries(Object.entries(row).filter(([key]) => proplist.includes(key))) : row
  }

  function handle(method: string, path: string, query: Record<string, string>, body: unknown): Reply {
    const readOnly = handleReadOnly(method, path, query)
    if (readOnly) return readOnly
    const match = /^\/rest\/(ppp\/secret|ppp\/active|ip\/firewall\/address-list)(?:\/([^/]+))?$/.exec(path)
    if (!match) return badRequest(`no such command or directory (${path.split('/').pop() || 'rest'})`)
    const menus: Record<string, 'secrets' | 'active' | 'addressList'> = {
      'ppp/secret': 'secrets',
      'ppp/active': 'active',
      'ip/firewall/address-list': 'addressList',
    }
    const menu = menus[match[1]!]!
    const rows = state[menu]
    const id = match[2] === undefined ? undefined : decodeURIComponent(match[2])

    if (method === 'GET') {
      if (id !== undefined) {
        const row = rows.find((r) => r['.id'] === id)
        return row ? { status: 200, body: printable(menu, row) } : notFound
      }
      const proplist = query['.proplist']?.split(',')
      const filters = Object.entries(query).filter(([key]) => !key.startsWith('.') || key === '.id')
      const found = rows
        .map((row) => printable(menu, row))
        .filter((row) => filters.every(([key, value]) => row[key] === value))
        .map((row) =>
          proplist ? Object.fromEntries(Object.entries(row).filter(([key]) => proplist.includes(key))) : row,
        )
      return { status: 200, body: found }
    }

    const isObject = (b: unknown): b is Record<string, unknown> =>
      typeof b === 'object' && b !== null && !Array.isArray(b)

    if (method === 'PATCH' && id !== undefined && menu !== 'active') {
      const row = rows.find((r) => r['.id'] === id)
      if (!row) return notFound
      if (!isObject(body)) return badRequest('JSON object expected')
      const draft = { ...row }
      const refused = applyFields(draft, body, menu === 'secrets' ? SECRET_FIELDS : ADDRESS_LIST_FIELDS)
      if (refused) return refused
      if (menu === 'secrets' && draft.name !== row.name && rows.some((r) => r !== row && r.name === draft.name)) {
        return badRequest('failure: secret with the same name already exists')
      }
      Object.keys(row).forEach((key) => delete row[key])
      Object.assign(row, draft)
      return { status: 200, body: printable(menu, row) }
    }

    if (method === 'PUT' && id === undefined && menu === 'addressList') {
      if (!isObject(body)) return badRequest('JSON object expected')
      const row: RouterRecord = {
        '.id': '',
        list: '',
        address: '',
        'creation-time': routerTime(),
        disabled: 'false',
        dynamic: 'false',
      }
      const refused = applyFields(row, body, ADDRESS_LIST_FIELDS)
      if (refused) return refused
      const missing = ['list', 'address'].filter((key) => !row[key])
      if (missing.length) return badRequest(`missing value(s) of argument(s) ${missing.join(', ')}`)
      if (rows.some((r) => r.list === row.list && r.address === row.address))
        return badRequest('failure: already have such entry')
      row['.id'] = nextId('addressList')
      rows.push(row)
      return { status: 201, body: printable(menu, row) }
    }

    if (method === 'DELETE' && id !== undefined && menu !== 'secrets') {
      const index = rows.findIndex((r) => r['.id'] === id)
      if (index < 0) return notFound
      const [removed] = rows.splice(index, 1)
      if (menu === 'active') {
        state.sessionProfiles.delete(id)
        state.counters.delete(id)
        connectedAt.delete(id)
        const secret = state.secrets.find((s) => s.name === removed!.name)
        if (secret) {
          secret['last-logged-out'] = routerTime()
          secret['last-disconnect-reason'] = 'administrator-request'
        }
      }
      return { status: 204 }
    }

    const command = { GET: 'print', PUT: 'add', PATCH: 'set', DELETE: 'remove', POST: path.split('/').pop() } as Record<
      string,
      string | undefined
    >
    return badRequest(`no such command or directory (${command[method] ?? method.toLowerCase()})`)
  }

  function takeFailure(method: string, path: string, afterApply: boolean): FailureKind | undefined {
    const rule = failures.find(
      (f) =>
        !!f.match.afterApply === afterApply &&
        (!f.match.method || f.match.method === method) &&
        (!f.match.path || path.startsWith(f.match.path)),
    )
    if (!rule) return undefined
    if (--rule.remaining <= 0) failures.splice(failures.indexOf(rule), 1)
    return rule.kind
  }

  function send(res: http.ServerResponse, entry: LoggedRequest, reply: Reply) {
    entry.status = reply.status
    const headers: http.OutgoingHttpHeaders = {}
    if (reply.status === 401) headers['www-authenticate'] = `Basic realm="${options.identity ?? 'MikroTik'}"`
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers).end()
      return
    }
    headers['content-type'] = 'application/json'
    res.writeHead(reply.status, headers).end(JSON.stringify(reply.body))
  }

  function fail(req: http.IncomingMessage, res: http.ServerResponse, entry: LoggedRequest, kind: FailureKind) {
    entry.failure = kind
    if (kind === 500) return send(res, entry, { status: 500, body: { error: 500, message: 'Internal Server Error' } })
    if (kind === 'reset') return void req.socket.destroy()
    // 'timeout': keep the connection open and never answer; close() ends it.
  }

  const onRequest: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://router')
      const method = req.method ?? 'GET'
      const raw = Buffer.concat(chunks).toString('utf8')
      const entry: LoggedRequest = { method, path: url.pathname, query: Object.fromEntries(url.searchParams) }
      requests.push(entry)

      const auth = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')
      const credentials = auth ? Buffer.from(auth[1]!, 'base64').toString('utf8') : undefined
      const colon = credentials?.indexOf(':') ?? -1
      if (credentials !== undefined) entry.user = colon < 0 ? credentials : credentials.slice(0, colon)

      let body: unknown
      let malformed = false
      if (raw) {
        try {
          body = JSON.parse(raw)
        } catch {
          malformed = true
        }
        entry.body = malformed ? raw : body
      }

      const early = takeFailure(method, url.pathname, false)
      if (early) return fail(req, res, entry, early)

      if (
        credentials === undefined ||
        colon < 0 ||
        credentials.slice(0, colon) !== options.username ||
        credentials.slice(colon + 1) !== options.password
      ) {
        return send(res, entry, { status: 401, body: { error: 401, message: 'Unauthorized' } })
      }
      if (malformed) return send(res, entry, badRequest('JSON parse error'))

      fake.onRequest?.(entry)
      const reply = handle(method, url.pathname, entry.query, body)
      const late = reply.status < 400 ? takeFailure(method, url.pathname, true) : undefined
      if (late) return fail(req, res, entry, late)
      send(res, entry, reply)
    })
  }
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, onRequest)
    : http.createServer(onRequest)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  const fake: FakeRouterOS = {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    state,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
    addProfile(name) {
      state.profiles.add(name)
    },
    addSecret(name, profile = 'default', opts = {}) {
      if (state.secrets.some((s) => s.name === name)) throw new Error(`secret ${name} exists`)
      state.profiles.add(profile)
      const record: RouterRecord = {
        '.id': nextId('secrets'),
        name,
        service: opts.service ?? 'pppoe',
        'caller-id': '',
        password: opts.password ?? 'rahasia',
        profile,
        routes: '',
        'limit-bytes-in': '0',
        'limit-bytes-out': '0',
        'last-logged-out': '1970-01-01 00:00:00',
        disabled: opts.disabled ? 'true' : 'false',
      }
      if (opts.comment) record.comment = opts.comment
      state.secrets.push(record)
      return record['.id']!
    },
    connect(name, opts = {}) {
      const secret = state.secrets.find((s) => s.name === name)
      if (!secret) throw new Error(`no secret ${name}`)
      if (secret.disabled === 'true') throw new Error(`secret ${name} is disabled`)
      const id = nextId('active')
      const n = counters.active
      state.active.push({
        '.id': id,
        name,
        service: 'pppoe',
        'caller-id':
          opts.callerId ??
          `02:00:00:00:${(n >> 8).toString(16).padStart(2, '0')}:${(n & 255).toString(16).padStart(2, '0')}`.toUpperCase(),
        address: opts.address ?? `10.10.${(n >> 8) & 255}.${n & 255}`,
        encoding: '',
        'session-id': `0x${(0x81a00000 + n).toString(16).toUpperCase()}`,
        'limit-bytes-in': '0',
        'limit-bytes-out': '0',
        radius: 'false',
      })
      state.sessionProfiles.set(id, secret.profile!)
      state.counters.set(id, { rx: 0n, tx: 0n })
      connectedAt.set(id, Date.now())
      return id
    },
    addTraffic(name, { download = 0, upload = 0 }) {
      const session = state.active.find((s) => s.name === name)
      if (!session) throw new Error(`${name} is not connected`)
      const c = state.counters.get(session['.id']!)!
      // RouterOS interface counters are 64-bit.
      c.tx = (c.tx + BigInt(download)) % 2n ** 64n
      c.rx = (c.rx + BigInt(upload)) % 2n ** 64n
    },
    setCounters(name, { rx, tx }) {
      const session = state.active.find((s) => s.name === name)
      if (!session) throw new Error(`${name} is not connected`)
      state.counters.set(session['.id']!, { rx: BigInt(rx), tx: BigInt(tx) })
    },
    dropSession(name, reason = 'peer-not-responding') {
      const index = state.active.findIndex((s) => s.name === name)
      if (index < 0) throw new Error(`${name} is not connected`)
      const [removed] = state.active.splice(index, 1)
      state.sessionProfiles.delete(removed!['.id']!)
      state.counters.delete(removed!['.id']!)
      connectedAt.delete(removed!['.id']!)
      const secret = state.secrets.find((s) => s.name === name)
      if (secret) {
        secret['last-logged-out'] = routerTime()
        secret['last-disconnect-reason'] = reason
      }
    },
    reboot() {
      state.active.splice(0)
      state.sessionProfiles.clear()
      state.counters.clear()
      connectedAt.clear()
      state.bootedAt = Date.now()
    },
    failNext(n, kind, match = {}) {
      failures.push({ remaining: n, kind, match })
    },
  }
  return fake
}
