import type { Endpoint } from 'payload'

export const recordPaymentEndpoint: Endpoint = { path: '/recordPayment-todo', method: 'get', handler: () => Response.json({}, { status: 501 }) }
