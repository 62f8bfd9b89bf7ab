/** The portal's web app manifest: installable from the phone's browser, opening at /portal. */
export function GET(): Response {
  return Response.json(
    {
      name: 'Portal Pelanggan',
      short_name: 'Portal',
      description: 'Tagihan, pembayaran, status layanan dan laporan gangguan internet Anda.',
      lang: 'id',
      start_url: '/portal',
      scope: '/portal',
      display: 'standalone',
      background_color: '#f4f6f8',
      theme_color: '#0b5cad',
      icons: [
        { src: '/portal/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/portal/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/portal/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    { headers: { 'Content-Type': 'application/manifest+json', 'Cache-Control': 'public, max-age=3600' } },
  )
}
