import type { Payload } from 'payload'
export async function applyNetworkActions(_: { payload: Payload }): Promise<{ done: number; retryable: number }> { throw new Error('todo') }
