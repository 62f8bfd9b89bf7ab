/** One demo account per staff role. The README lists the same credentials. */
export const DEMO_STAFF = [
  { role: 'admin', name: 'Admin Utama', email: 'admin@demo.id', password: 'admin12345' },
  { role: 'finance', name: 'Sari Keuangan', email: 'keuangan@demo.id', password: 'keuangan12345' },
  { role: 'customer_service', name: 'Dewi CS', email: 'cs@demo.id', password: 'cs12345678' },
  { role: 'technician', name: 'Agus Teknisi', email: 'teknisi@demo.id', password: 'teknisi12345' },
  { role: 'technician', name: 'Rudi Teknisi', email: 'teknisi2@demo.id', password: 'teknisi12345' },
  { role: 'content_editor', name: 'Nina Editor', email: 'editor@demo.id', password: 'editor12345' },
] as const

export const DEMO_CUSTOMER_PASSWORD = 'pelanggan123'
