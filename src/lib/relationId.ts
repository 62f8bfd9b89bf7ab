/** The id behind a relationship value, whether Payload gave the id itself or the populated document. */
export const relationId = (value: unknown): number | null =>
  value && typeof value === 'object'
    ? ((value as { id?: number }).id ?? null)
    : typeof value === 'number'
      ? value
      : null
