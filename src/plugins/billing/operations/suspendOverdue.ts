import type { Payload } from 'payload'
export async function suspendOverdue(_: { payload: Payload; day: string }): Promise<{ suspended: number; skippedReason?: string | null }> { throw new Error('todo') }
