/** The coverage map's background, as the settings give it to the map (a light module: the map's client code reads the type). */
export type MapTiles = { mode: 'none' } | { mode: 'url'; url: string; attribution: string; maxZoom: number }

/** Null when the template is usable; otherwise why not, in Indonesian. */
export function checkTileUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return 'Isi templat URL tile, atau pilih "Tanpa latar".'
  if (!/^https?:\/\//i.test(value.trim())) return 'Templat URL tile harus diawali http:// atau https://.'
  for (const part of ['{z}', '{x}', '{y}']) if (!value.includes(part)) return `Templat URL tile harus memuat ${part}.`
  return null
}

export function mapTilesOf(settings: {
  mapTiles?: string | null
  tileUrl?: string | null
  tileAttribution?: string | null
  tileMaxZoom?: number | null
}): MapTiles {
  if (settings.mapTiles !== 'url' || checkTileUrl(settings.tileUrl)) return { mode: 'none' }
  return {
    mode: 'url',
    url: settings.tileUrl!.trim(),
    attribution: settings.tileAttribution ?? '',
    maxZoom: settings.tileMaxZoom ?? 19,
  }
}
