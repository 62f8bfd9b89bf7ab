/** `AA:BB:CC:DD:EE:FF`, `aa-bb-cc-dd-ee-ff`, `aabb.ccdd.eeff` (Cisco) or twelve bare hex digits. */
const MAC_FORMS =
  /^(?:[0-9a-f]{2}([:-])(?:[0-9a-f]{2}\1){4}[0-9a-f]{2}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}|[0-9a-f]{12})$/i

/** Returns the upper-case colon form of a MAC address, or null when it is not one. */
export function normalizeMac(input: string): string | null {
  const trimmed = input.trim()
  if (!MAC_FORMS.test(trimmed)) return null
  return trimmed.replace(/[:.-]/g, '').toUpperCase().match(/../g)!.join(':')
}
