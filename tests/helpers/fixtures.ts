import type { Payload } from 'payload'

import type { StaffRole } from '../../src/access/roles'
import { unique, uniquePhone } from './payload'

export const TEST_PASSWORD = 'rahasia-uji-123'

/** A staff account with the role, created through the Local API (system write). */
export async function createStaff(payload: Payload, role: StaffRole) {
  const email = `${unique(role).toLowerCase()}@uji.id`
  const user = await payload.create({
    collection: 'users',
    data: { name: `Uji ${role}`, email, password: TEST_PASSWORD, role },
    overrideAccess: true,
  })
  return { user, email, password: TEST_PASSWORD }
}

/** A package, active unless told otherwise. */
export async function createPackage(
  payload: Payload,
  data: Partial<{ name: string; monthlyPrice: number; active: boolean }> = {},
) {
  return payload.create({
    collection: 'packages',
    data: { name: unique('Paket '), downloadMbps: 20, uploadMbps: 10, monthlyPrice: 200_000, active: true, ...data },
    overrideAccess: true,
  })
}

/** A customer with a portal password. */
export async function createCustomer(payload: Payload, data: Record<string, unknown> = {}) {
  const customer = await payload.create({
    collection: 'customers',
    data: {
      name: unique('Pelanggan '),
      phone: uniquePhone(),
      password: TEST_PASSWORD,
      status: 'active',
      billingDay: 5,
      ...data,
    } as never,
    overrideAccess: true,
  })
  return { customer, password: TEST_PASSWORD }
}
