import type { Endpoint } from 'payload'

export const verifyPaymentEndpoint: Endpoint = { path: '/:id/verify', method: 'post', handler: () => Response.json({}, { status: 501 }) }
export const rejectPaymentEndpoint: Endpoint = { path: '/:id/reject', method: 'post', handler: () => Response.json({}, { status: 501 }) }
