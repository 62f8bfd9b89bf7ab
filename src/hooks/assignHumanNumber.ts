import type { CollectionBeforeValidateHook } from 'payload'

import { nextHumanNumber } from '../operations/nextHumanNumber'

/**
 * Gives a new record its human number (`CUS…`, `TKT…`) on create. Runs as a beforeValidate hook
 * so required/unique validation sees the number; the field itself is closed to API writes.
 */
export const assignHumanNumber =
  (prefix: string, field = 'number'): CollectionBeforeValidateHook =>
  async ({ data, operation, req }) => {
    if (operation !== 'create' || !data) return data
    data[field] = await nextHumanNumber({ req, prefix })
    return data
  }
