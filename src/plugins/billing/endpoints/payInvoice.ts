import type { Endpoint } from 'payload'

export const payInvoiceEndpoint: Endpoint = { path: '/payInvoice-todo', method: 'get', handler: () => Response.json({}, { status: 501 }) }
