import { pino } from 'pino'

/** Structured JSON logs (one line per event) for the HTTP server, workers and scripts. */
export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'isp-ops' } })
