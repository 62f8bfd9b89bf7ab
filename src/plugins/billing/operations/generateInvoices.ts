import type { Payload } from 'payload'
export async function generateInvoices(_: { payload: Payload; day: string }): Promise<{ created: number; period: string }> { throw new Error('todo') }
