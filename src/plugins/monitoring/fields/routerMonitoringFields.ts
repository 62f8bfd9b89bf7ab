import type { Field } from 'payload'

import { staffWithRoleField } from '../../../access/staffWithRole'
import { hashMonitoringToken } from '../endpoints/events'

/**
 * Added to routers: whether the poller reads the router, and the token its `/tool fetch` scripts
 * send to `POST /api/monitoring/events/mikrotik`. Only the token's hash is stored; an admin types
 * a new one to replace it.
 */
export const routerMonitoringFields: Field[] = [
  {
    type: 'collapsible',
    label: { en: 'Monitoring', id: 'Pemantauan' },
    fields: [
      {
        name: 'monitoringPoll',
        type: 'checkbox',
        defaultValue: true,
        label: { en: 'Poll PPP sessions and usage every minute', id: 'Pantau sesi PPP dan pemakaian tiap menit' },
      },
      {
        name: 'monitoringToken',
        type: 'text',
        unique: true,
        maxLength: 200,
        label: { en: 'Push token (RouterOS scripts)', id: 'Token kiriman (skrip RouterOS)' },
        access: { read: staffWithRoleField() },
        admin: {
          description: {
            en: 'At least 16 characters; stored hashed. Paste it into the scripts in the README.',
            id: 'Minimal 16 karakter; disimpan dalam bentuk hash. Tempel ke skrip di README.',
          },
        },
        validate: (value: unknown) =>
          value === null || value === undefined || value === '' || (typeof value === 'string' && value.length >= 16)
            ? true
            : 'Token minimal 16 karakter',
        hooks: {
          beforeChange: [
            ({ value }) =>
              typeof value === 'string' && value && !value.startsWith('sha256:') ? hashMonitoringToken(value) : value,
          ],
        },
      },
    ],
  },
]
