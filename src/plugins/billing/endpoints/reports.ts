import type { Endpoint } from 'payload'

export const billingReportEndpoints: Endpoint[] = []
