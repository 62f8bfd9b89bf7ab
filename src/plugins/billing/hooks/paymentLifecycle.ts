import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

export const preparePaymentHook: CollectionBeforeChangeHook = ({ data }) => data
export const settlePaymentHook: CollectionAfterChangeHook = ({ doc }) => doc
