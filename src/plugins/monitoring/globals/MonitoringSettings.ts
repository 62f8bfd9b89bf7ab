import type { GlobalConfig } from 'payload'

import { isStaff } from '../../../access/roles'
import { staffWithRole } from '../../../access/staffWithRole'
import { DEFAULT_INCIDENT_WINDOW_SECONDS } from '../operations/settings'

/**
 * How outages are judged. Secrets for the sources (tokens, HMAC keys) come from the environment,
 * never from here (README, "Pemantauan jaringan").
 */
export const MonitoringSettings: GlobalConfig = {
  slug: 'monitoring-settings',
  label: { en: 'Monitoring settings', id: 'Pengaturan pemantauan' },
  admin: { group: { en: 'Network', id: 'Jaringan' } },
  access: { read: ({ req: { user } }) => isStaff(user), update: staffWithRole() },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'offlineTicketMinutes',
          type: 'number',
          required: true,
          defaultValue: 30,
          min: 5,
          label: { en: 'Ticket after offline (minutes)', id: 'Tiket setelah offline (menit)' },
        },
        {
          name: 'backOnlineMinutes',
          type: 'number',
          required: true,
          defaultValue: 10,
          min: 1,
          label: { en: 'Close ticket after online (minutes)', id: 'Tutup tiket setelah online (menit)' },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'incidentMinCustomers',
          type: 'number',
          required: true,
          defaultValue: 3,
          min: 2,
          label: { en: 'Incident: customers under one ODP', id: 'Gangguan: pelanggan dalam satu ODP' },
        },
        {
          name: 'incidentShare',
          type: 'number',
          required: true,
          defaultValue: 50,
          min: 1,
          max: 100,
          label: { en: 'Incident: share of a node down (%)', id: 'Gangguan: persen pelanggan perangkat (%)' },
        },
        {
          name: 'incidentWindowSeconds',
          type: 'number',
          required: true,
          defaultValue: DEFAULT_INCIDENT_WINDOW_SECONDS,
          min: 10,
          label: { en: 'Incident: within (seconds)', id: 'Gangguan: dalam rentang (detik)' },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'dampingSeconds',
          type: 'number',
          required: true,
          defaultValue: 60,
          min: 0,
          label: { en: 'Flap damping (seconds)', id: 'Peredam putus-sambung (detik)' },
        },
        {
          name: 'resolveShare',
          type: 'number',
          required: true,
          defaultValue: 90,
          min: 1,
          max: 100,
          label: { en: 'Resolve when back (%)', id: 'Selesai bila pulih (%)' },
        },
      ],
    },
    {
      name: 'maintenanceWindows',
      type: 'array',
      label: { en: 'Maintenance windows', id: 'Jadwal pemeliharaan' },
      admin: {
        description: {
          en: 'Disconnects inside a window never count (no incident, no ticket)',
          id: 'Putus selama jadwal ini tidak dihitung (tanpa gangguan, tanpa tiket)',
        },
      },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'from', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
            { name: 'to', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
            {
              name: 'node',
              type: 'relationship',
              relationTo: 'network-nodes',
              label: { en: 'Node (empty: whole network)', id: 'Perangkat (kosong: seluruh jaringan)' },
            },
          ],
        },
        { name: 'note', type: 'text', maxLength: 200 },
      ],
    },
    {
      name: 'prtg',
      type: 'group',
      label: { en: 'PRTG', id: 'PRTG' },
      admin: {
        description: {
          en: 'Polled every minute for down sensors; the API token comes from MONITORING_PRTG_TOKEN',
          id: 'Ditanya tiap menit sensor yang mati; token API dari MONITORING_PRTG_TOKEN',
        },
      },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'enabled', type: 'checkbox', defaultValue: false, label: { en: 'Poll PRTG', id: 'Tanya PRTG' } },
            {
              name: 'url',
              type: 'text',
              maxLength: 300,
              label: { en: 'PRTG server address', id: 'Alamat server PRTG' },
              admin: { placeholder: 'https://prtg.contoh.net' },
              validate: (value: unknown) =>
                !value || /^https?:\/\/[^\s]+$/i.test(String(value)) || 'Alamat harus diawali http:// atau https://',
            },
          ],
        },
      ],
    },
    {
      name: 'zabbix',
      type: 'group',
      label: { en: 'Zabbix API', id: 'API Zabbix' },
      admin: {
        description: {
          en: 'Every 5 minutes, problem.get catches what the webhook missed; the API token comes from MONITORING_ZABBIX_API_TOKEN',
          id: 'Tiap 5 menit, problem.get menangkap yang terlewat oleh webhook; token API dari MONITORING_ZABBIX_API_TOKEN',
        },
      },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'enabled',
              type: 'checkbox',
              defaultValue: false,
              label: { en: 'Reconcile with Zabbix', id: 'Rekonsiliasi dengan Zabbix' },
            },
            {
              name: 'url',
              type: 'text',
              maxLength: 300,
              label: { en: 'Zabbix API address', id: 'Alamat API Zabbix' },
              admin: { placeholder: 'https://zabbix.contoh.net/api_jsonrpc.php' },
              validate: (value: unknown) =>
                !value || /^https?:\/\/[^\s]+$/i.test(String(value)) || 'Alamat harus diawali http:// atau https://',
            },
          ],
        },
      ],
    },
  ],
}
