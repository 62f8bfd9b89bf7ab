import type { CollectionBeforeChangeHook } from 'payload'

export const computeInvoiceTotalsHook: CollectionBeforeChangeHook = ({ data }) => data
