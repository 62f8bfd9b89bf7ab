import type { Payload, PayloadRequest } from 'payload'

import type { BillingSetting } from '../../../payload-types'

/** The billing settings global, read inside the caller's transaction when there is one. */
export async function billingSettings(payload: Payload, req?: PayloadRequest): Promise<BillingSetting> {
  return payload.findGlobal({ slug: 'billing-settings', depth: 0, overrideAccess: true, req })
}

export const ppnRateOf = (settings: BillingSetting): number | null =>
  settings.ppnEnabled ? (settings.ppnRate ?? 11) : null
