/** The coverage map's background, as the settings give it to the map (a light module: the map's client code reads the type). */
export type MapTiles =
  | { mode: 'none' }
  | { mode: 'url'; url: string; attribution: string; maxZoom: number }
  | { mode: 'pmtiles'; url: string; attribution: string; maxZoom: number }

/** Null when the template is usable; otherwise why not, in Indonesian. */
export function checkTileUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return 'Isi templat URL tile, atau pilih "Tanpa latar".'
  if (!/^https?:\/\//i.test(value.trim())) return 'Templat URL tile harus diawali http:// atau https://.'
  for (const part of ['{z}', '{x}', '{y}']) if (!value.includes(part)) return `Templat URL tile harus memuat ${part}.`
  return null
}

/**
 * Null when the address of a PMTiles file is usable; otherwise why not, in Indonesian. An http(s)
 * address or a path on this server (starting with `/`), naming a file that ends in `.pmtiles`
 * (a query string after it is allowed).
 */
export function checkPmtilesUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return 'Isi alamat berkas PMTiles, atau pilih "Tanpa latar".'
  const url = value.trim()
  if (/\s/.test(url)) return 'Alamat berkas PMTiles tidak boleh memuat spasi.'
  const absolute = /^https?:\/\/[^/?#]+(\/[^?#]*)?([?#].*)?$/i.exec(url)
  const relative = /^\/(?!\/)([^?#]*)([?#].*)?$/.exec(url)
  if (!absolute && !relative)
    return 'Alamat berkas PMTiles harus diawali http://, https://, atau garis miring untuk berkas di server ini.'
  const path = absolute ? (absolute[1] ?? '') : `/${relative![1]}`
  if (!/[^/]\.pmtiles$/i.test(path)) return 'Alamat berkas PMTiles harus berakhiran .pmtiles.'
  return null
}

export function mapTilesOf(settings: {
  mapTiles?: string | null
  tileUrl?: string | null
  pmtilesUrl?: string | null
  tileAttribution?: string | null
  tileMaxZoom?: number | null
}): MapTiles {
  const attribution = settings.tileAttribution ?? ''
  const maxZoom = settings.tileMaxZoom ?? 19
  if (settings.mapTiles === 'url' && !checkTileUrl(settings.tileUrl))
    return { mode: 'url', url: settings.tileUrl!.trim(), attribution, maxZoom }
  if (settings.mapTiles === 'pmtiles' && !checkPmtilesUrl(settings.pmtilesUrl))
    return { mode: 'pmtiles', url: settings.pmtilesUrl!.trim(), attribution, maxZoom }
  return { mode: 'none' }
}
