/** Starter FAQ for the portal and WhatsApp auto-answers, in Bahasa Indonesia. */
export const DEMO_ARTICLES: {
  title: string
  category: string
  keywords: string[]
  paragraphs: string[]
  draft?: boolean
}[] = [
  {
    title: 'Bagaimana cara membayar tagihan internet?',
    category: 'billing',
    keywords: ['bayar', 'tagihan', 'transfer', 'qris', 'pembayaran'],
    paragraphs: [
      'Tagihan dapat dibayar lewat transfer bank, QRIS, GoPay, atau langsung di kantor kami.',
      'Setelah transfer, unggah bukti transfer di portal pelanggan atau kirim fotonya lewat WhatsApp. Pembayaran diverifikasi tim keuangan pada jam kerja.',
    ],
  },
  {
    title: 'Kapan jatuh tempo tagihan dan kapan layanan diisolir?',
    category: 'billing',
    keywords: ['jatuh tempo', 'isolir', 'telat bayar', 'diblokir'],
    paragraphs: [
      'Tagihan terbit setiap bulan pada tanggal tagihan Anda. Layanan diisolir otomatis bila tagihan belum dibayar lebih dari 7 hari setelah jatuh tempo.',
      'Begitu pembayaran diterima, layanan langsung aktif kembali tanpa menunggu esok hari.',
    ],
  },
  {
    title: 'Internet mati, lampu LOS merah menyala',
    category: 'network',
    keywords: ['los', 'lampu merah', 'mati', 'gangguan', 'tidak konek'],
    paragraphs: [
      'Lampu LOS merah berarti sinyal fiber tidak sampai ke ONT. Pastikan kabel fiber tidak tertekuk atau tercabut.',
      'Bila lampu tetap merah, laporkan gangguan lewat portal atau WhatsApp; teknisi kami akan dijadwalkan.',
    ],
  },
  {
    title: 'Koneksi lambat atau putus-putus',
    category: 'network',
    keywords: ['lambat', 'lemot', 'putus', 'wifi', 'lag'],
    paragraphs: [
      'Matikan ONT selama 30 detik lalu nyalakan kembali. Coba uji kecepatan dengan kabel LAN untuk memastikan bukan gangguan Wi-Fi.',
      'Terlalu banyak perangkat dan jarak jauh dari router juga memperlambat Wi-Fi.',
    ],
  },
  {
    title: 'Cara mengganti nama dan kata sandi Wi-Fi',
    category: 'account',
    keywords: ['password wifi', 'ganti sandi', 'nama wifi', 'ssid'],
    paragraphs: [
      'Buka 192.168.1.1 dari perangkat yang terhubung, masuk dengan akun di stiker ONT, lalu ubah SSID dan kata sandi di menu WLAN.',
    ],
  },
  {
    title: 'Bagaimana cara upgrade atau downgrade paket?',
    category: 'account',
    keywords: ['upgrade', 'downgrade', 'ganti paket', 'naik paket'],
    paragraphs: [
      'Ajukan perubahan paket lewat portal pelanggan. Perubahan berlaku pada periode tagihan berikutnya, atau segera dengan tagihan prorata.',
    ],
  },
  {
    title: 'Berapa lama proses pemasangan baru?',
    category: 'installation',
    keywords: ['pasang baru', 'pemasangan', 'instalasi', 'daftar'],
    paragraphs: [
      'Pemasangan dijadwalkan 1–3 hari kerja setelah survei lokasi. Teknisi akan menghubungi Anda lewat WhatsApp sebelum datang.',
    ],
  },
  {
    title: 'Pindah alamat rumah',
    category: 'installation',
    keywords: ['pindah rumah', 'relokasi', 'pindah alamat'],
    paragraphs: [
      'Ajukan tiket pindah alamat minimal 3 hari sebelumnya. Biaya relokasi tergantung jarak ke ODP terdekat.',
    ],
    draft: true,
  },
]

/** Wraps plain paragraphs as Lexical editor state. */
export function lexicalParagraphs(paragraphs: string[]) {
  return {
    root: {
      type: 'root',
      format: '' as const,
      indent: 0,
      version: 1,
      direction: 'ltr' as const,
      children: paragraphs.map((text) => ({
        type: 'paragraph',
        format: '' as const,
        indent: 0,
        version: 1,
        direction: 'ltr' as const,
        textFormat: 0,
        children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
      })),
    },
  }
}
