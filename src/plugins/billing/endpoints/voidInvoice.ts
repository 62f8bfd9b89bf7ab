import type { Endpoint } from 'payload'

export const voidInvoiceEndpoint: Endpoint = { path: '/voidInvoice-todo', method: 'get', handler: () => Response.json({}, { status: 501 }) }
