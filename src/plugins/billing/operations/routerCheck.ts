import type { Payload } from 'payload'
export async function checkRouterState(_: { payload: Payload; alert: boolean }): Promise<{ checked: number; mismatches: unknown[] }> { throw new Error('todo') }
