import type { Field } from 'payload'

import { anyStaffField } from '../../../access/anyStaff'
import { staffWithRoleField } from '../../../access/staffWithRole'
import { TERMINATION_REASON_LABELS, TERMINATION_REASONS } from '../vocabulary'

const officeOnly = { create: staffWithRoleField('customer_service'), update: staffWithRoleField('customer_service') }

/**
 * Why and when a customer left, on the customer's "Layanan" tab. The reason is required when staff
 * set the status to "Berhenti" (checked in `requireTerminationReason`); the date is filled then.
 */
export const terminationFields: Field[] = [
  {
    type: 'row',
    fields: [
      {
        name: 'terminationReason',
        type: 'select',
        label: { en: 'Termination reason', id: 'Alasan berhenti' },
        options: TERMINATION_REASONS.map((value) => ({ value, label: TERMINATION_REASON_LABELS[value] })),
        access: { read: anyStaffField, ...officeOnly },
        admin: {
          condition: (data) => data?.status === 'terminated',
          description: {
            en: 'Required when the customer is terminated',
            id: 'Wajib diisi saat pelanggan berhenti berlangganan',
          },
        },
      },
      {
        name: 'terminatedAt',
        type: 'date',
        index: true,
        label: { en: 'Terminated at', id: 'Tanggal berhenti' },
        access: { read: anyStaffField, ...officeOnly },
        admin: {
          condition: (data) => data?.status === 'terminated',
          date: { pickerAppearance: 'dayOnly' },
          description: { en: 'Filled in automatically when empty', id: 'Terisi otomatis bila kosong' },
        },
      },
    ],
  },
]
