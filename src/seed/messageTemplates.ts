import type { Payload, PayloadRequest } from 'payload'

import { notify } from '../plugins/notifications'

type Button = { kind: 'quick_reply'; text: string; payload: string }
export type DefaultTemplate = {
  key: string
  name: string
  body: string
  emailSubject: string
  buttons?: Button[]
  sampleData: Record<string, string>
  /** WhatsApp's template category; UTILITY unless said. */
  category?: 'UTILITY' | 'AUTHENTICATION'
}

const REPORT_PROBLEM: Button = { kind: 'quick_reply', text: 'Lapor gangguan', payload: 'REPORT_PROBLEM' }
const PAY_NOW: Button = { kind: 'quick_reply', text: 'Bayar sekarang', payload: 'PAY:{{nomor_tagihan}}' }
const TRANSFERRED: Button = { kind: 'quick_reply', text: 'Sudah transfer', payload: 'TRANSFERRED' }

const TICKET_SAMPLE = {
  nama: 'Budi Santoso',
  nomor_tiket: 'TKT20261127001',
  judul: 'Pemasangan baru',
  status: 'Dijadwalkan',
  teknisi: 'Agus Teknisi',
  jadwal: '28 November 2026 pukul 09.00 WIB',
  alamat: 'Jl. Margonda Raya No. 12, Depok',
}
const INVOICE_SAMPLE = {
  nama: 'Budi Santoso',
  nomor_tagihan: 'INV20261105001',
  periode: 'November 2026',
  jumlah: 'Rp185.000',
  sisa_tagihan: 'Rp185.000',
  jatuh_tempo: '15 November 2026',
  tautan_tagihan: 'https://isp.example/api/invoices/1/pdf?e=1790096400&t=5d0c3a9e8b71f2c4a6e19d3b7f0a2c58',
}

/**
 * One Indonesian template per automatic message, with exactly the variables its trigger provides
 * (core triggers: `src/plugins/notifications/operations/coreTriggers.ts`; billing's:
 * `src/plugins/billing/notifications/triggers.ts`), and `cs_reply`, which goes out instead of a
 * by-hand reply when the 24 h window is closed. The provider names are what gets submitted to Meta.
 */
export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    key: 'welcome',
    name: 'Selamat datang',
    body: 'Halo {{nama}}, selamat bergabung! Layanan internet Anda sudah aktif dengan nomor pelanggan {{nomor_pelanggan}}. Simpan nomor ini untuk pembayaran dan laporan gangguan.',
    emailSubject: 'Selamat datang, layanan internet Anda sudah aktif',
    buttons: [REPORT_PROBLEM],
    sampleData: { nama: 'Budi Santoso', nomor_pelanggan: 'CUS20261127001' },
  },
  {
    key: 'installation_scheduled',
    name: 'Jadwal pemasangan',
    body: 'Halo {{nama}}, pemasangan internet Anda dijadwalkan {{jadwal}} di {{alamat}} (tiket {{nomor_tiket}}). Teknisi kami akan menghubungi Anda sebelum datang.',
    emailSubject: 'Jadwal pemasangan internet Anda',
    sampleData: TICKET_SAMPLE,
  },
  {
    key: 'ticket_status_changed',
    name: 'Status tiket berubah',
    body: 'Halo {{nama}}, status tiket {{nomor_tiket}} ({{judul}}) sekarang: {{status}}.',
    emailSubject: 'Perubahan status tiket Anda',
    buttons: [REPORT_PROBLEM],
    sampleData: TICKET_SAMPLE,
  },
  {
    key: 'technician_assigned',
    name: 'Teknisi ditugaskan (pelanggan)',
    body: 'Halo {{nama}}, teknisi {{teknisi}} ditugaskan untuk tiket {{nomor_tiket}} ({{judul}}). Jadwal kunjungan: {{jadwal}}.',
    emailSubject: 'Teknisi untuk tiket Anda',
    sampleData: TICKET_SAMPLE,
  },
  {
    key: 'technician_job',
    name: 'Tugas baru (teknisi)',
    body: 'Tugas baru untuk {{teknisi}}: tiket {{nomor_tiket}} ({{judul}}). Pelanggan {{nama}}, alamat {{alamat}}. Jadwal: {{jadwal}}.',
    emailSubject: 'Tugas baru',
    sampleData: TICKET_SAMPLE,
  },
  {
    key: 'installation_completed',
    name: 'Pemasangan selesai',
    body: 'Halo {{nama}}, pemasangan internet Anda (tiket {{nomor_tiket}}) sudah selesai. Selamat menikmati layanan kami!',
    emailSubject: 'Pemasangan internet selesai',
    buttons: [REPORT_PROBLEM],
    sampleData: TICKET_SAMPLE,
  },
  {
    key: 'invoice_issued',
    name: 'Tagihan bulanan terbit',
    body: 'Halo {{nama}}, tagihan internet {{periode}} nomor {{nomor_tagihan}} sebesar {{jumlah}} sudah terbit, jatuh tempo {{jatuh_tempo}}. Lihat tagihan: {{tautan_tagihan}}',
    emailSubject: 'Tagihan internet Anda sudah terbit',
    buttons: [PAY_NOW, TRANSFERRED, REPORT_PROBLEM],
    sampleData: INVOICE_SAMPLE,
  },
  {
    key: 'payment_received',
    name: 'Pembayaran diterima',
    body: 'Terima kasih {{nama}}, pembayaran {{nomor_pembayaran}} sebesar {{jumlah}} pada {{tanggal}} sudah kami terima untuk tagihan {{tagihan}}. Saldo Anda: {{saldo}}.',
    emailSubject: 'Pembayaran Anda sudah kami terima',
    sampleData: {
      nama: 'Budi Santoso',
      nomor_pembayaran: 'PAY20261110001',
      jumlah: 'Rp185.000',
      tagihan: 'INV20261105001',
      saldo: 'Rp0',
      tanggal: '10 November 2026',
    },
  },
  {
    key: 'payment_rejected',
    name: 'Pembayaran ditolak',
    body: 'Halo {{nama}}, mohon maaf, pembayaran {{nomor_pembayaran}} sebesar {{jumlah}} belum dapat kami terima: {{alasan}}. Silakan kirim ulang foto bukti transfer yang jelas di chat ini.',
    emailSubject: 'Pembayaran Anda belum dapat diterima',
    buttons: [TRANSFERRED],
    sampleData: {
      nama: 'Budi Santoso',
      nomor_pembayaran: 'PAY20261110001',
      jumlah: 'Rp185.000',
      alasan: 'Dana belum masuk ke rekening kami',
    },
  },
  {
    key: 'reminder_due_h3',
    name: 'Pengingat H-3',
    body: 'Halo {{nama}}, tagihan {{nomor_tagihan}} ({{periode}}) sebesar {{jumlah}} jatuh tempo 3 hari lagi, {{jatuh_tempo}}. Lihat tagihan: {{tautan_tagihan}}. Abaikan pesan ini bila sudah membayar.',
    emailSubject: 'Pengingat: tagihan jatuh tempo 3 hari lagi',
    buttons: [PAY_NOW, TRANSFERRED],
    sampleData: INVOICE_SAMPLE,
  },
  {
    key: 'reminder_due_h1',
    name: 'Pengingat H-1',
    body: 'Halo {{nama}}, tagihan {{nomor_tagihan}} ({{periode}}) sebesar {{jumlah}} jatuh tempo besok, {{jatuh_tempo}}. Lihat tagihan: {{tautan_tagihan}}. Abaikan pesan ini bila sudah membayar.',
    emailSubject: 'Pengingat: tagihan jatuh tempo besok',
    buttons: [PAY_NOW, TRANSFERRED],
    sampleData: INVOICE_SAMPLE,
  },
  {
    key: 'reminder_overdue_h1',
    name: 'Pengingat H+1',
    body: 'Halo {{nama}}, tagihan {{nomor_tagihan}} ({{periode}}) sebesar {{jumlah}} sudah lewat jatuh tempo ({{jatuh_tempo}}). Mohon segera dibayar agar layanan tidak diisolir. Lihat tagihan: {{tautan_tagihan}}',
    emailSubject: 'Tagihan Anda sudah lewat jatuh tempo',
    buttons: [PAY_NOW, TRANSFERRED],
    sampleData: INVOICE_SAMPLE,
  },
  {
    key: 'suspension_notice',
    name: 'Layanan diisolir',
    body: 'Halo {{nama}}, layanan internet Anda diisolir sementara karena tagihan {{nomor_tagihan}} sebesar {{jumlah}} terlambat {{hari_terlambat}} hari (jatuh tempo {{jatuh_tempo}}). Layanan aktif kembali otomatis begitu pembayaran diterima.',
    emailSubject: 'Layanan internet Anda diisolir sementara',
    buttons: [PAY_NOW, TRANSFERRED],
    sampleData: {
      nama: 'Budi Santoso',
      nomor_tagihan: 'INV20261005001',
      jumlah: 'Rp185.000',
      jatuh_tempo: '15 Oktober 2026',
      hari_terlambat: '8',
    },
  },
  {
    key: 'restore_notice',
    name: 'Layanan dipulihkan',
    body: 'Halo {{nama}}, terima kasih. Layanan internet Anda (nomor pelanggan {{nomor_pelanggan}}) sudah aktif kembali.',
    emailSubject: 'Layanan internet Anda sudah aktif kembali',
    buttons: [REPORT_PROBLEM],
    sampleData: { nama: 'Budi Santoso', nomor_pelanggan: 'CUS20261127001' },
  },
  {
    key: 'cs_reply',
    name: 'Balasan layanan pelanggan (di luar 24 jam)',
    body: 'Halo {{nama}}, tim layanan pelanggan kami sudah membalas pesan Anda. Balas pesan ini agar kami dapat melanjutkan percakapan.',
    emailSubject: 'Balasan dari layanan pelanggan',
    buttons: [{ kind: 'quick_reply', text: 'Lanjutkan chat', payload: 'CHAT_CS' }],
    sampleData: { nama: 'Budi Santoso' },
  },
  {
    // An authentication template: Meta fixes its text and adds the copy-code button itself.
    key: 'login_code',
    name: 'Kode masuk portal',
    body: '{{kode}} adalah kode verifikasi Anda. Demi keamanan, jangan berikan kode ini kepada siapa pun. Kode berlaku 5 menit.',
    emailSubject: 'Kode masuk portal pelanggan',
    category: 'AUTHENTICATION',
    sampleData: { kode: '123456' },
  },
  {
    key: 'package_change_approved',
    name: 'Ganti paket disetujui',
    body: 'Halo {{nama}}, permintaan ganti paket Anda ke {{paket}} sudah disetujui. Harga baru {{harga}}/bulan; selisih bulan ini: {{selisih}}, ditagihkan di tagihan berikutnya.',
    emailSubject: 'Ganti paket disetujui',
    sampleData: { nama: 'Budi Santoso', paket: 'Rumah 50 Mbps', harga: 'Rp300.000', selisih: 'tambahan Rp48.387' },
  },
  {
    key: 'package_change_rejected',
    name: 'Ganti paket ditolak',
    body: 'Halo {{nama}}, maaf, permintaan ganti paket Anda ke {{paket}} belum dapat kami setujui. Alasan: {{alasan}}. Hubungi CS bila ada pertanyaan.',
    emailSubject: 'Ganti paket ditolak',
    sampleData: {
      nama: 'Budi Santoso',
      paket: 'Rumah 50 Mbps',
      alasan: 'Jaringan di area Anda belum mendukung kecepatan ini',
    },
  },
  {
    key: 'outage_notice',
    name: 'Pemberitahuan gangguan jaringan',
    body: 'Halo {{nama}}, ada gangguan jaringan di wilayah Anda ({{gangguan}}) sejak {{sejak}}. {{pesan}} Perkiraan pulih: {{perkiraan_pulih}}. Tagihan dan isolir Anda ditunda selama gangguan berlangsung.',
    emailSubject: 'Gangguan jaringan di wilayah Anda',
    sampleData: {
      nama: 'Budi Santoso',
      nomor_pelanggan: 'CUS20261127001',
      gangguan: 'Gangguan ODP ODP-CLD-13 (Cilodong)',
      pesan: 'Teknisi kami sedang menanganinya.',
      sejak: '07-12-2026 12:16 WIB',
      perkiraan_pulih: '07-12-2026 15:00 WIB',
    },
  },
  {
    key: 'outage_resolved',
    name: 'Gangguan jaringan selesai',
    body: 'Halo {{nama}}, gangguan jaringan di wilayah Anda ({{gangguan}}) sudah selesai dan layanan Anda kembali normal. Terima kasih atas kesabaran Anda.',
    emailSubject: 'Gangguan jaringan sudah selesai',
    buttons: [REPORT_PROBLEM],
    sampleData: {
      nama: 'Budi Santoso',
      nomor_pelanggan: 'CUS20261127001',
      gangguan: 'Gangguan ODP ODP-CLD-13 (Cilodong)',
      pesan: 'Teknisi kami sedang menanganinya.',
      sejak: '07-12-2026 12:16 WIB',
      perkiraan_pulih: '-',
    },
  },
  {
    key: 'staff_alert',
    name: 'Peringatan staf (admin)',
    body: 'Peringatan ISP Ops: {{judul}}. {{pesan}}',
    emailSubject: 'Peringatan ISP Ops',
    sampleData: { judul: 'Pencadangan harian gagal', pesan: 'S3 tidak dapat dihubungi; salinan lokal tersimpan.' },
  },
]

/** The template's name at WhatsApp (what is submitted to Meta and approved). */
export const providerTemplateName = (key: string) => `${key}_v1`

/**
 * Creates the default templates that do not exist yet (by key), approved. Templates editors have
 * already changed are left as they are, so running the seed again changes nothing.
 */
export async function seedMessageTemplates(
  payload: Payload,
  req?: PayloadRequest,
): Promise<{ created: number; existing: number }> {
  let created = 0
  for (const template of DEFAULT_TEMPLATES) {
    const found = await payload.count({
      collection: 'message-templates',
      where: { key: { equals: template.key } },
      overrideAccess: true,
      req,
    })
    if (found.totalDocs > 0) continue
    await payload.create({
      collection: 'message-templates',
      data: {
        ...template,
        language: 'id',
        category: template.category ?? 'UTILITY',
        approvalStatus: 'approved',
        providerTemplateName: providerTemplateName(template.key),
      },
      overrideAccess: true,
      req,
    })
    created++
  }
  return { created, existing: DEFAULT_TEMPLATES.length - created }
}

/**
 * A short conversation with one demo customer, for the customer page's Percakapan tab: the welcome
 * message (queued as usual: the demo's fake WhatsApp sends it and reports it delivered) and a
 * question no FAQ article answers, waiting for customer service.
 */
export async function seedDemoConversation(req: PayloadRequest, customerId: number): Promise<void> {
  const { payload } = req
  const customer = await payload.findByID({
    collection: 'customers',
    id: customerId,
    depth: 0,
    overrideAccess: true,
    req,
  })
  await notify({
    req,
    trigger: 'welcome',
    customerId,
    dedupeKey: `welcome:customer:${customerId}`,
    variables: { nama: customer.name, nomor_pelanggan: customer.number ?? '' },
  })
  const askedAt = new Date(Date.now() - 2 * 60 * 60 * 1000)
  await payload.create({
    collection: 'messages',
    data: {
      direction: 'in',
      channel: 'whatsapp',
      status: 'received',
      customer: customerId,
      to: customer.phone,
      kind: 'text',
      body: 'Selamat siang, apakah kunjungan teknisi bisa dipindah ke hari Sabtu pagi?',
      dedupeKey: `in:demo:${customerId}`,
      providerMessageId: `wamid.DEMO${customerId}`,
      sentAt: askedAt.toISOString(),
      needsAttention: true,
    },
    overrideAccess: true,
    req,
  })
}
