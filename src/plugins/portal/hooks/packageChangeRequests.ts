import type { CollectionConfig } from 'payload'

import {
  applyPackageChangeDecision,
  decidePackageChange,
  preparePackageChangeRequest,
} from '../operations/packageChanges'

/** Each hook hands off to its operation in ../operations/packageChanges.ts. */
export const packageChangeHooks: CollectionConfig['hooks'] = {
  beforeChange: [
    ({ data, originalDoc, operation, req }) =>
      operation === 'create'
        ? preparePackageChangeRequest({ req, data })
        : decidePackageChange({ req, data, original: originalDoc }),
  ],
  afterChange: [
    ({ doc, previousDoc, operation, req }) =>
      operation === 'update' && previousDoc?.status === 'pending' && doc.status !== 'pending'
        ? applyPackageChangeDecision({ req, doc })
        : doc,
  ],
}
