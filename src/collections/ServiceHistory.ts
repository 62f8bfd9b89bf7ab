import type { Access, CollectionConfig } from 'payload'

import { nobody } from '../access/nobody'
import { hasRole, isCustomer } from '../access/roles'
import { technicianCustomerIds } from '../access/technicianCustomers'

export const SERVICE_EVENT_TYPES = [
  'activation',
  'package_change',
  'suspension',
  'restore',
  'termination',
  'equipment_installed',
  'equipment_swapped',
  'equipment_returned',
  'equipment_broken',
  'ticket_resolved',
  'payment',
] as const
export type ServiceEventType = (typeof SERVICE_EVENT_TYPES)[number]

const readHistory: Access = async ({ req }) => {
  const { user } = req
  if (hasRole(user, 'finance', 'customer_service')) return true
  if (hasRole(user, 'technician')) return { customer: { in: await technicianCustomerIds(req) } }
  if (user && isCustomer(user)) return { customer: { equals: user.id } }
  return false
}

/** One entry per event in a customer's life. Written by the system only; nobody edits history. */
export const ServiceHistory: CollectionConfig = {
  slug: 'service-history',
  labels: {
    singular: { en: 'Service history entry', id: 'Riwayat layanan' },
    plural: { en: 'Service history', id: 'Riwayat layanan' },
  },
  admin: {
    useAsTitle: 'summary',
    defaultColumns: ['occurredAt', 'customer', 'type', 'summary'],
    group: { en: 'Customers', id: 'Pelanggan' },
  },
  defaultSort: '-occurredAt',
  access: { read: readHistory, create: nobody, update: nobody, delete: nobody },
  fields: [
    {
      name: 'customer',
      type: 'relationship',
      relationTo: 'customers',
      required: true,
      index: true,
      label: { en: 'Customer', id: 'Pelanggan' },
    },
    {
      name: 'type',
      type: 'select',
      required: true,
      label: { en: 'Event', id: 'Kejadian' },
      options: [
        { value: 'activation', label: { en: 'Activation', id: 'Aktivasi' } },
        { value: 'package_change', label: { en: 'Package change', id: 'Ganti paket' } },
        { value: 'suspension', label: { en: 'Suspension (isolir)', id: 'Isolir' } },
        { value: 'restore', label: { en: 'Restore', id: 'Buka isolir' } },
        { value: 'termination', label: { en: 'Termination', id: 'Berhenti berlangganan' } },
        { value: 'equipment_installed', label: { en: 'Equipment installed', id: 'Perangkat dipasang' } },
        { value: 'equipment_swapped', label: { en: 'Equipment swapped', id: 'Perangkat diganti' } },
        { value: 'equipment_returned', label: { en: 'Equipment returned', id: 'Perangkat dikembalikan' } },
        { value: 'equipment_broken', label: { en: 'Equipment broken', id: 'Perangkat rusak' } },
        { value: 'ticket_resolved', label: { en: 'Ticket resolved', id: 'Tiket selesai' } },
        { value: 'payment', label: { en: 'Payment', id: 'Pembayaran' } },
      ] satisfies { value: ServiceEventType; label: unknown }[],
    },
    {
      name: 'occurredAt',
      type: 'date',
      required: true,
      index: true,
      label: { en: 'When', id: 'Waktu' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'summary', type: 'text', required: true, maxLength: 300, label: { en: 'Summary', id: 'Ringkasan' } },
    { name: 'ticket', type: 'relationship', relationTo: 'tickets', label: { en: 'Ticket', id: 'Tiket' } },
    { name: 'equipment', type: 'relationship', relationTo: 'equipment', label: { en: 'Equipment', id: 'Perangkat' } },
    { name: 'actor', type: 'relationship', relationTo: 'users', label: { en: 'By', id: 'Oleh' } },
    { name: 'details', type: 'json', label: { en: 'Details', id: 'Detail' } },
  ],
}
