import type { TriggerDefinition } from '../notifications/types'

/**
 * The portal's triggers (and template keys): the WhatsApp one-time code (variable: kode), and the
 * decision on a package change request (variables: nama, paket, harga and selisih when approved;
 * nama, paket, alasan when rejected).
 */
export const PORTAL_TRIGGERS: TriggerDefinition[] = [
  { name: 'login_code', label: { en: 'Portal sign-in code', id: 'Kode masuk portal' } },
  {
    name: 'package_change_approved',
    label: { en: 'Package change approved', id: 'Ganti paket disetujui' },
  },
  {
    name: 'package_change_rejected',
    label: { en: 'Package change rejected', id: 'Ganti paket ditolak' },
  },
]
