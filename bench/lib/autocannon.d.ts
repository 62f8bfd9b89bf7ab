/** The part of autocannon's programmatic API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  /** One request as sent; `setupRequest` may return a changed copy before each send. */
  export type RequestParams = { method?: string; path?: string; headers?: Record<string, string>; body?: string }

  export type Options = {
    url: string
    connections?: number
    duration?: number
    /** Stop after this many requests (overrides duration). */
    amount?: number
    /** Sent in turn on every connection, instead of the one request from url/method/headers/body. */
    requests?: (RequestParams & {
      setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams
    })[]
    pipelining?: number
    timeout?: number
    method?: string
    headers?: Record<string, string>
    body?: string
    title?: string
    /** Requests cycled through by every connection; `setupRequest` may rewrite each one before it is sent. */
    requests?: {
      method?: string
      path?: string
      headers?: Record<string, string>
      body?: string
      setupRequest?: (request: RequestParams) => RequestParams
      onResponse?: (status: number, body: string) => void
    }[]
  }

  export type RequestParams = { method?: string; path?: string; headers?: Record<string, string>; body?: string }

  export type Histogram = {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    total: number
    sent?: number
    p50: number
    p90: number
    p99: number
    p99_9?: number
    [percentile: string]: number | undefined
  }

  export type Result = {
    title?: string
    url: string
    connections: number
    pipelining: number
    duration: number
    start: Date
    finish: Date
    errors: number
    timeouts: number
    mismatches: number
    non2xx: number
    resets: number
    '1xx': number
    '2xx': number
    '3xx': number
    '4xx': number
    '5xx': number
    statusCodeStats: Record<string, { count: number }>
    latency: Histogram & { totalCount: number }
    requests: Histogram
    throughput: Histogram
  }

  /** An event emitter ('start', 'tick', 'done', 'error') that can also be awaited. */
  export type Instance = PromiseLike<Result> & { on(event: string, listener: (...args: unknown[]) => void): Instance }

  function autocannon(options: Options): Instance
  export default autocannon
}
