/** Colours and labels of the coverage map's keys (a light module: the map's client code reads it). */
export const STATUS_COLOURS: Record<string, { colour: string; label: string }> = {
  active: { colour: '#2e9e5b', label: 'Aktif' },
  suspended: { colour: '#e08a00', label: 'Terisolir' },
  prospect: { colour: '#4c8bf5', label: 'Calon pelanggan' },
}
export const HEALTH_COLOURS: Record<string, { colour: string; label: string }> = {
  h0: { colour: '#c62828', label: 'Skor 0–39' },
  h1: { colour: '#e08a00', label: 'Skor 40–59' },
  h2: { colour: '#c7b800', label: 'Skor 60–79' },
  h3: { colour: '#2e9e5b', label: 'Skor 80–100' },
}
