import { periodLabel } from '../../billing/operations/calendar'
import { COHORT_MONTHS } from './customers'
import type { HealthReport } from './health'
import type { NetworkNodeRow } from './network'
import type { AnalyticsOverview } from './overview'
import type { CsatRow, TechnicianRow } from './technicians'

export type CellFormat = 'rupiah' | 'percent' | 'number' | 'text' | 'decimal'
export type Column = { header: string; format: CellFormat; width?: number }
export type Cell = string | number | null

/**
 * A table as the view shows it and the Excel export writes it: the same columns, the same rows,
 * the same definitions. Built from the operations' results, never computed here.
 */
export type TableSpec = {
  /** Used in `?table=` and as the file name. */
  name: string
  title: string
  /** Indonesian definitions of the numbers, printed under the table and in the workbook. */
  notes: string[]
  columns: Column[]
  rows: Cell[][]
}

const monthName = (m: string) => periodLabel(m)

export const TABLE_NAMES = [
  'mrr',
  'pelanggan',
  'churn',
  'wilayah',
  'paket',
  'alasan',
  'kohort',
  'prakiraan',
  'teknisi',
  'csat',
  'kesehatan',
  'jaringan',
] as const
export type TableName = (typeof TABLE_NAMES)[number]

export const MRR_NOTES = [
  'MRR (pendapatan berulang bulanan) = harga bulanan paket setiap pelanggan aktif atau terisolir dikurangi diskonnya yang menunggu tagihan berikutnya (aturan yang sama dengan tagihan: tidak pernah di bawah nol, tanpa PPN; biaya sekali dan prorata tidak dihitung), dari snapshot harian; nilai bulan = snapshot pada hari tutup bulan (hari terakhir bulan itu yang punya snapshot; hari ini untuk bulan berjalan).',
  'Awal = MRR akhir bulan sebelumnya. Baru = MRR pelanggan yang belum ada di awal bulan (termasuk yang kembali). Ekspansi = kenaikan MRR pelanggan lama (naik paket). Kontraksi = penurunan MRR pelanggan yang tetap ada (turun paket). Churn = MRR awal pelanggan yang tidak ada lagi di akhir bulan. Akhir = Awal + Baru + Ekspansi − Kontraksi − Churn. Bersih = Akhir − Awal.',
]

export function overviewTables(o: AnalyticsOverview): TableSpec[] {
  const complete = o.months.filter((m) => m.complete)
  const mrr: TableSpec = {
    name: 'mrr',
    title: 'Pergerakan MRR',
    notes: MRR_NOTES,
    columns: [
      { header: 'Bulan', format: 'text' },
      { header: 'Awal', format: 'rupiah' },
      { header: 'Baru', format: 'rupiah' },
      { header: 'Ekspansi', format: 'rupiah' },
      { header: 'Kontraksi', format: 'rupiah' },
      { header: 'Churn', format: 'rupiah' },
      { header: 'Akhir', format: 'rupiah' },
      { header: 'Bersih', format: 'rupiah' },
    ],
    rows: complete.map((m) => [
      monthName(m.month),
      m.startMrr,
      m.newMrr,
      m.expansionMrr,
      m.contractionMrr,
      m.churnedMrr,
      m.endMrr,
      m.netMrr,
    ]),
  }
  const customers: TableSpec = {
    name: 'pelanggan',
    title: 'Pertumbuhan pelanggan',
    notes: [
      'Aktif = pelanggan yang punya MRR pada hari tutup bulan (aktif atau terisolir). Bertambah = aktif di akhir bulan tetapi tidak di awal. Berkurang = aktif di awal bulan tetapi tidak di akhir. Bersih = Bertambah − Berkurang.',
    ],
    columns: [
      { header: 'Bulan', format: 'text' },
      { header: 'Aktif awal', format: 'number' },
      { header: 'Bertambah', format: 'number' },
      { header: 'Berkurang', format: 'number' },
      { header: 'Bersih', format: 'number' },
      { header: 'Aktif akhir', format: 'number' },
    ],
    rows: complete.map((m) => [
      monthName(m.month),
      m.startCustomers,
      m.gainedCustomers,
      m.lostCustomers,
      m.netCustomers,
      m.endCustomers,
    ]),
  }
  const churn: TableSpec = {
    name: 'churn',
    title: 'Churn dan retensi',
    notes: [
      'Logo churn = pelanggan berkurang dalam bulan ÷ pelanggan aktif di awal bulan (pelanggan baru tidak dihitung).',
      'Revenue churn = (MRR churn + kontraksi) ÷ MRR awal. GRR (gross revenue retention) = (MRR awal − churn − kontraksi) ÷ MRR awal. NRR (net revenue retention) = GRR ditambah ekspansi ÷ MRR awal.',
      'ARPU = MRR akhir ÷ pelanggan aktif akhir bulan.',
    ],
    columns: [
      { header: 'Bulan', format: 'text' },
      { header: 'Logo churn', format: 'percent' },
      { header: 'Revenue churn', format: 'percent' },
      { header: 'GRR', format: 'percent' },
      { header: 'NRR', format: 'percent' },
      { header: 'ARPU', format: 'rupiah' },
    ],
    rows: complete.map((m) => [
      monthName(m.month),
      m.logoChurn,
      m.revenueChurn,
      m.grossRetention,
      m.netRetention,
      m.arpu,
    ]),
  }
  const breakdownColumns = (first: string): Column[] => [
    { header: first, format: 'text' },
    { header: 'Aktif awal', format: 'number' },
    { header: 'Bertambah', format: 'number' },
    { header: 'Berkurang', format: 'number' },
    { header: 'Bersih', format: 'number' },
    { header: 'Aktif akhir', format: 'number' },
    { header: 'MRR akhir', format: 'rupiah' },
  ]
  const breakdownNote =
    'Sepanjang rentang yang dipilih: aktif awal = di awal bulan pertama, bertambah/berkurang = jumlah semua bulan, aktif akhir dan MRR akhir = di akhir bulan terakhir. Pelanggan dihitung menurut wilayah/paket yang dimilikinya saat itu.'
  const breakdownRows = (rows: AnalyticsOverview['byArea']) =>
    rows.map((r) => [
      r.label,
      r.startCustomers,
      r.gainedCustomers,
      r.lostCustomers,
      r.netCustomers,
      r.endCustomers,
      r.endMrr,
    ])
  const areas: TableSpec = {
    name: 'wilayah',
    title: 'Per wilayah',
    notes: [breakdownNote],
    columns: breakdownColumns('Wilayah'),
    rows: breakdownRows(o.byArea),
  }
  const packages: TableSpec = {
    name: 'paket',
    title: 'Per paket',
    notes: [breakdownNote],
    columns: breakdownColumns('Paket'),
    rows: breakdownRows(o.byPackage),
  }
  const reasons: TableSpec = {
    name: 'alasan',
    title: 'Alasan berhenti',
    notes: [
      'Pelanggan yang berhenti dalam rentang (menurut tanggal berhenti, WIB), dengan porsinya dan harga bulanan paket terakhirnya.',
    ],
    columns: [
      { header: 'Alasan', format: 'text' },
      { header: 'Pelanggan', format: 'number' },
      { header: 'Porsi', format: 'percent' },
      { header: 'MRR hilang', format: 'rupiah' },
    ],
    rows: o.reasons.map((r) => [r.label, r.customers, r.share, r.mrr]),
  }
  const cohorts: TableSpec = {
    name: 'kohort',
    title: 'Retensi kohort',
    notes: [
      'Kohort = pelanggan menurut bulan aktivasi (WIB). Kolom n = persentase yang masih berlangganan pada akhir bulan ke-n sesudah bulan aktivasi (bulan 0 = bulan aktivasi itu sendiri; bulan berjalan: sampai hari ini).',
    ],
    columns: [
      { header: 'Kohort', format: 'text' },
      { header: 'Pelanggan', format: 'number' },
      ...Array.from({ length: COHORT_MONTHS }, (_, n) => ({ header: `Bulan ${n}`, format: 'percent' as const })),
    ],
    rows: o.cohorts.map((c) => [monthName(c.cohort), c.size, ...c.retained]),
  }
  const f = o.revenueForecast
  const forecast: TableSpec = {
    name: 'prakiraan',
    title: 'Prakiraan MRR',
    notes: [
      'Di bawah 24 bulan riwayat: tren linear × indeks musiman (indeks musiman hanya bila ada ≥ 12 bulan). Mulai 24 bulan: Holt-Winters aditif (musim 12 bulan).',
      'MAPE = rata-rata kesalahan absolut dalam persen, diukur dengan metode yang sama dilatih tanpa 3 bulan terakhir lalu diminta memprakirakan 3 bulan itu. Makin kecil makin dapat dipercaya.',
    ],
    columns: [
      { header: 'Bulan', format: 'text' },
      { header: 'MRR aktual', format: 'rupiah' },
      { header: 'MRR prakiraan', format: 'rupiah' },
    ],
    rows: [
      ...f.history.map((h) => [monthName(h.month), h.mrr, null] as Cell[]),
      ...(f.forecast?.months ?? []).map((m, i) => [monthName(m), null, f.forecast!.values[i]!] as Cell[]),
    ],
  }
  return [mrr, customers, churn, areas, packages, reasons, cohorts, forecast]
}

const JOB_TYPE_LABELS: Record<string, string> = {
  installation: 'Pemasangan',
  repair: 'Perbaikan',
  relocation: 'Pindah alamat',
  complaint: 'Keluhan',
  other: 'Lainnya',
}

export const TECHNICIAN_NOTES = [
  'Pekerjaan = tiket berstatus selesai/ditutup yang diselesaikan dalam rentang (WIB) oleh teknisi yang ditugaskan.',
  'First-time fix = pekerjaan tanpa tiket baru berjenis sama untuk pelanggan yang sama dalam 30 hari sesudah selesai.',
  'Rata-rata waktu selesai = jam dari tiket dibuat sampai selesai. Dalam SLA = selesai dalam batas jam prioritasnya (mendesak 4, tinggi 8, normal 24, rendah 72 jam).',
  'Skor = 100 × rata-rata dari (FTF ÷ FTF tim, dalam SLA ÷ SLA tim, jam tim ÷ jam teknisi), dengan nilai tim dihitung per jenis pekerjaan yang sama: pemasang tidak dibandingkan dengan perbaikan. 100 = setara rata-rata tim.',
]

export function technicianTables(
  technicians: TechnicianRow[],
  satisfaction: { byMonth: CsatRow[]; byArea: CsatRow[]; byTechnician: CsatRow[] },
): TableSpec[] {
  const ranking: TableSpec = {
    name: 'teknisi',
    title: 'Peringkat teknisi',
    notes: TECHNICIAN_NOTES,
    columns: [
      { header: 'Peringkat', format: 'number' },
      { header: 'Teknisi', format: 'text' },
      { header: 'Pekerjaan', format: 'number' },
      { header: 'Jenis pekerjaan', format: 'text' },
      { header: 'First-time fix', format: 'percent' },
      { header: 'Rata-rata jam selesai', format: 'decimal' },
      { header: 'Dalam SLA', format: 'percent' },
      { header: 'Rata-rata nilai', format: 'decimal' },
      { header: 'Skor', format: 'decimal' },
    ],
    rows: technicians.map((t) => [
      t.rank,
      t.name,
      t.jobs,
      Object.entries(t.mix)
        .map(([type, n]) => `${JOB_TYPE_LABELS[type] ?? type} ${n}`)
        .join(', '),
      t.firstTimeFix,
      t.meanHoursToResolve,
      t.withinSla,
      t.averageRating,
      t.score,
    ]),
  }
  const rows = [
    ...satisfaction.byMonth.map((r) => ['Bulan', periodLabel(r.key), r.ratings, r.csat, r.average] as Cell[]),
    ...satisfaction.byArea.map((r) => ['Wilayah', r.label, r.ratings, r.csat, r.average] as Cell[]),
    ...satisfaction.byTechnician.map((r) => ['Teknisi', r.label, r.ratings, r.csat, r.average] as Cell[]),
  ]
  const csatTable: TableSpec = {
    name: 'csat',
    title: 'Kepuasan pelanggan (CSAT)',
    notes: [
      'CSAT = persentase penilaian 4 atau 5 dari semua penilaian tiket (skala 1–5) pada tiket yang selesai dalam rentang; rata-rata = nilai rata-rata 1–5.',
    ],
    columns: [
      { header: 'Menurut', format: 'text' },
      { header: 'Kelompok', format: 'text' },
      { header: 'Penilaian', format: 'number' },
      { header: 'CSAT', format: 'percent' },
      { header: 'Rata-rata', format: 'decimal' },
    ],
    rows,
  }
  return [ranking, csatTable]
}

export function healthTable(health: HealthReport, rules: readonly { label: string; rule: string }[]): TableSpec {
  return {
    name: 'kesehatan',
    title: 'Pelanggan berisiko',
    notes: [
      'Skor kesehatan 0–100 = 100 dikurangi poin setiap bagian; pelanggan aktif atau terisolir dengan skor di bawah 60 terdaftar di sini (paling rendah dulu, maksimal 200).',
      ...rules.map((r) => `${r.label}: ${r.rule}.`),
    ],
    columns: [
      { header: 'No. pelanggan', format: 'text' },
      { header: 'Nama', format: 'text' },
      { header: 'Wilayah', format: 'text' },
      { header: 'Skor', format: 'number' },
      { header: 'Hari terlambat', format: 'number' },
      { header: 'Isolir 90 hari', format: 'number' },
      { header: 'Tiket berulang', format: 'number' },
      { header: 'Menit offline 30 hari', format: 'number' },
      { header: 'Perubahan pemakaian', format: 'percent' },
      { header: 'Turun paket', format: 'number' },
      { header: 'Mengapa', format: 'text' },
    ],
    rows: health.atRisk.map((h) => [
      h.number,
      h.name,
      h.area ?? '',
      h.score,
      h.daysLate,
      h.isolir90,
      h.repeatTickets,
      h.offlineMinutes,
      h.usageChange,
      h.downgrades,
      h.reasons.join('; '),
    ]),
  }
}

export function networkTable(network: { months: string[]; nodes: NetworkNodeRow[] }): TableSpec {
  const perMonth = (label: string, format: CellFormat) =>
    network.months.map((m) => ({ header: `${label} ${periodLabel(m)}`, format }))
  return {
    name: 'jaringan',
    title: 'Kesehatan jaringan per wilayah dan ODP',
    notes: [
      'Empat bulan penuh terakhir (WIB). Tiket per 100 = tiket perbaikan dan keluhan ÷ pelanggan aktif dan terisolir node itu hari ini × 100. Menit offline per pelanggan dari data monitoring (bila ada). Insiden = gangguan jaringan yang dimulai di wilayah itu (baris wilayah).',
      'Indeks = tiket per 100 + jam offline per pelanggan. "Memburuk" = indeks naik tiga bulan berturut-turut: periksa node itu sebelum rusak (perawatan prediktif).',
    ],
    columns: [
      { header: 'Wilayah', format: 'text' },
      { header: 'ODP', format: 'text' },
      { header: 'Pelanggan', format: 'number' },
      ...perMonth('Tiket/100', 'decimal'),
      ...perMonth('Menit offline/pelanggan', 'decimal'),
      ...perMonth('Insiden', 'number'),
      ...perMonth('Indeks', 'decimal'),
      { header: 'Memburuk', format: 'text' },
    ],
    rows: network.nodes.map((n) => [
      n.area ?? 'Tanpa wilayah',
      n.odp ?? '(seluruh wilayah)',
      n.customers,
      ...n.ticketsPer100,
      ...n.offlineMinutesPerCustomer,
      ...n.incidents,
      ...n.index,
      n.worsening ? 'Ya' : '',
    ]),
  }
}
