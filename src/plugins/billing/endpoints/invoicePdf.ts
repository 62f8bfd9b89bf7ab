import type { Endpoint } from 'payload'

export const invoicePdfEndpoint: Endpoint = { path: '/invoicePdf-todo', method: 'get', handler: () => Response.json({}, { status: 501 }) }
