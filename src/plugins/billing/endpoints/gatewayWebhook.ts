import type { Endpoint } from 'payload'

export const gatewayWebhookEndpoints: Endpoint[] = []
