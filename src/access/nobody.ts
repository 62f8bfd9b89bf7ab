import type { Access, FieldAccess } from 'payload'

/** Nobody through the API; system code writes with `overrideAccess: true`. */
export const nobody: Access = () => false
export const nobodyField: FieldAccess = () => false
