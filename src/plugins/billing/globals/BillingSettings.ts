import type { GlobalConfig } from 'payload'

import { isStaff } from '../../../access/roles'
import { staffWithRoleField } from '../../../access/staffWithRole'
import { hasRole } from '../../../access/roles'

/**
 * The ISP's billing settings: who appears on invoices, tax, due dates, suspension rules, the
 * holiday calendar and the payment gateway. Finance and admins edit them; all staff read them.
 */
export const BillingSettings: GlobalConfig = {
  slug: 'billing-settings',
  label: { en: 'Billing settings', id: 'Pengaturan tagihan' },
  admin: { group: { en: 'Billing', id: 'Tagihan' } },
  access: {
    read: ({ req: { user } }) => isStaff(user),
    update: ({ req: { user } }) => hasRole(user, 'finance'),
  },
  fields: [
    {
      type: 'tabs',
      tabs: [
        {
          label: { en: 'Company', id: 'Perusahaan' },
          fields: [
            {
              name: 'ispName',
              type: 'text',
              required: true,
              defaultValue: 'ISP Ops Demo',
              maxLength: 120,
              label: { en: 'Company name', id: 'Nama perusahaan' },
            },
            { name: 'ispAddress', type: 'textarea', maxLength: 500, label: { en: 'Address', id: 'Alamat' } },
            {
              type: 'row',
              fields: [
                { name: 'ispPhone', type: 'text', maxLength: 40, label: { en: 'Phone', id: 'Telepon' } },
                { name: 'ispEmail', type: 'email', label: { en: 'Email', id: 'Email' } },
                { name: 'npwp', type: 'text', maxLength: 30, label: { en: 'Tax ID (NPWP)', id: 'NPWP' } },
              ],
            },
            {
              name: 'logo',
              type: 'upload',
              relationTo: 'media',
              label: { en: 'Logo (PNG/JPEG)', id: 'Logo (PNG/JPEG)' },
            },
            {
              name: 'bankAccounts',
              type: 'array',
              maxRows: 5,
              label: { en: 'Bank accounts on invoices', id: 'Rekening di tagihan' },
              fields: [
                {
                  type: 'row',
                  fields: [
                    { name: 'bank', type: 'text', required: true, maxLength: 40, label: { en: 'Bank', id: 'Bank' } },
                    {
                      name: 'accountNumber',
                      type: 'text',
                      required: true,
                      maxLength: 40,
                      label: { en: 'Account number', id: 'Nomor rekening' },
                    },
                    {
                      name: 'holder',
                      type: 'text',
                      required: true,
                      maxLength: 80,
                      label: { en: 'Account holder', id: 'Atas nama' },
                    },
                  ],
                },
              ],
            },
            {
              name: 'invoiceFooter',
              type: 'textarea',
              maxLength: 500,
              label: { en: 'Invoice footer note', id: 'Catatan kaki tagihan' },
            },
          ],
        },
        {
          label: { en: 'Invoices', id: 'Tagihan' },
          fields: [
            {
              name: 'dueDays',
              type: 'number',
              required: true,
              defaultValue: 10,
              min: 0,
              max: 60,
              label: { en: 'Days from issue to due date', id: 'Hari dari terbit sampai jatuh tempo' },
            },
            {
              name: 'ppnEnabled',
              type: 'checkbox',
              defaultValue: false,
              label: { en: 'Charge VAT (PPN)', id: 'Kenakan PPN' },
              admin: {
                description: {
                  en: 'Only for businesses registered for VAT (PKP)',
                  id: 'Hanya untuk usaha yang terdaftar PKP',
                },
              },
            },
            {
              name: 'ppnRate',
              type: 'number',
              defaultValue: 11,
              min: 0,
              max: 20,
              label: { en: 'Effective VAT rate (%)', id: 'Tarif PPN efektif (%)' },
              admin: { description: { en: '11% = 12% on a base of 11/12', id: '11% = 12% × DPP 11/12' } },
            },
            {
              name: 'prorateFirstMonth',
              type: 'checkbox',
              defaultValue: true,
              label: {
                en: 'Prorate the first month from the activation date',
                id: 'Prorata bulan pertama sejak tanggal aktivasi',
              },
            },
          ],
        },
        {
          label: { en: 'Suspension', id: 'Isolir' },
          fields: [
            {
              name: 'autoSuspend',
              type: 'checkbox',
              defaultValue: true,
              label: { en: 'Suspend overdue customers automatically', id: 'Isolir otomatis pelanggan menunggak' },
            },
            {
              name: 'graceDays',
              type: 'number',
              required: true,
              defaultValue: 7,
              min: 0,
              max: 90,
              label: { en: 'Grace days after the due date', id: 'Masa tenggang setelah jatuh tempo (hari)' },
            },
            {
              name: 'holidays',
              type: 'array',
              label: { en: 'No suspension on these dates', id: 'Tidak ada isolir pada tanggal ini' },
              fields: [
                {
                  type: 'row',
                  fields: [
                    {
                      name: 'date',
                      type: 'text',
                      required: true,
                      label: { en: 'Date (YYYY-MM-DD)', id: 'Tanggal (YYYY-MM-DD)' },
                      validate: (value: unknown) =>
                        typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
                          ? true
                          : 'Format tanggal YYYY-MM-DD',
                    },
                    { name: 'name', type: 'text', maxLength: 80, label: { en: 'Holiday', id: 'Hari libur' } },
                  ],
                },
              ],
            },
          ],
        },
        {
          label: { en: 'Payment gateway', id: 'Payment gateway' },
          fields: [
            {
              name: 'gateway',
              type: 'select',
              defaultValue: 'midtrans',
              label: { en: 'Pay links through', id: 'Link pembayaran melalui' },
              options: [
                { value: 'none', label: { en: 'None (transfer only)', id: 'Tidak ada (transfer saja)' } },
                { value: 'midtrans', label: 'Midtrans Snap' },
                { value: 'xendit', label: 'Xendit Invoice' },
              ],
              access: { update: staffWithRoleField() },
            },
            {
              name: 'payLinkExpiryHours',
              type: 'number',
              defaultValue: 72,
              min: 1,
              max: 720,
              label: { en: 'Pay link valid for (hours)', id: 'Link pembayaran berlaku (jam)' },
            },
          ],
        },
      ],
    },
  ],
}
