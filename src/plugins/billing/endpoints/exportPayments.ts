import type { Endpoint } from 'payload'

export const exportPaymentsEndpoint: Endpoint = { path: '/exportPayments-todo', method: 'get', handler: () => Response.json({}, { status: 501 }) }
