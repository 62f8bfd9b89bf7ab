import type { Endpoint } from 'payload'

export const receiptPdfEndpoint: Endpoint = { path: '/receiptPdf-todo', method: 'get', handler: () => Response.json({}, { status: 501 }) }
