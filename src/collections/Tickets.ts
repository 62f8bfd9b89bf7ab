import type { Access, CollectionConfig, FieldAccess, RelationshipFieldSingleValidation, Where } from 'payload'
import { relationship } from 'payload/shared'

import { nobodyField } from '../access/nobody'
import { hasRole, isCustomer } from '../access/roles'
import { staffWithRole, staffWithRoleField } from '../access/staffWithRole'
import { humanNumberField } from '../fields/humanNumber'
import { assignHumanNumber } from '../hooks/assignHumanNumber'
import { enforceTicketWorkflow, ownTicketForCustomer, recordTicketResolution } from '../hooks/ticketLifecycle'

/** Office staff: every ticket. Technician: tickets assigned to them. Customer: their own. */
const ticketsOfUser: Access = ({ req: { user } }): boolean | Where => {
  if (hasRole(user, 'customer_service', 'finance')) return true
  if (hasRole(user, 'technician')) return { assignedTechnician: { equals: user!.id } }
  if (user && isCustomer(user)) return { customer: { equals: user.id } }
  return false
}

const updateTickets: Access = (args) =>
  hasRole(args.req.user, 'finance') && !hasRole(args.req.user, 'customer_service') ? false : ticketsOfUser(args)

const officeOnly = { create: staffWithRoleField('customer_service'), update: staffWithRoleField('customer_service') }
/** Field work: customer service and the assigned technician (row access narrows to their tickets). */
const fieldWork = {
  create: staffWithRoleField('customer_service', 'technician'),
  update: staffWithRoleField('customer_service', 'technician'),
}
const customerOrOffice: FieldAccess = ({ req: { user } }) => hasRole(user, 'customer_service') || isCustomer(user)

export const Tickets: CollectionConfig = {
  slug: 'tickets',
  labels: { singular: { en: 'Ticket', id: 'Tiket' }, plural: { en: 'Tickets', id: 'Tiket' } },
  admin: {
    useAsTitle: 'subject',
    defaultColumns: ['number', 'subject', 'customer', 'type', 'priority', 'status', 'assignedTechnician'],
    listSearchableFields: ['number', 'subject'],
    group: { en: 'Support', id: 'Layanan' },
  },
  defaultSort: '-createdAt',
  // A customer's depth-0 reads are kept in server.ts's read cache: they show only these rows, their
  // timeline and photo rows, and their comments (src/plugins/portal/operations/readVersion.ts).
  custom: { customerReadCache: true },
  access: {
    read: ticketsOfUser,
    create: ({ req: { user } }) => hasRole(user, 'customer_service') || isCustomer(user),
    update: updateTickets,
    delete: staffWithRole(),
  },
  hooks: {
    beforeValidate: [assignHumanNumber('TKT'), ownTicketForCustomer],
    beforeChange: [enforceTicketWorkflow],
    afterChange: [recordTicketResolution],
  },
  fields: [
    {
      name: 'subject',
      type: 'text',
      label: { en: 'Subject', id: 'Judul' },
      required: true,
      maxLength: 150,
      access: { update: staffWithRoleField('customer_service') },
    },
    {
      name: 'customer',
      type: 'relationship',
      relationTo: 'customers',
      required: true,
      index: true,
      label: { en: 'Customer', id: 'Pelanggan' },
      access: { update: staffWithRoleField('customer_service') },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'type',
          type: 'select',
          required: true,
          defaultValue: 'repair',
          label: { en: 'Type', id: 'Jenis' },
          access: { update: staffWithRoleField('customer_service') },
          options: [
            { value: 'installation', label: { en: 'Installation', id: 'Pemasangan' } },
            { value: 'repair', label: { en: 'Repair', id: 'Perbaikan (gangguan)' } },
            { value: 'relocation', label: { en: 'Relocation', id: 'Pindah alamat' } },
            { value: 'complaint', label: { en: 'Complaint', id: 'Keluhan' } },
            { value: 'other', label: { en: 'Other', id: 'Lainnya' } },
          ],
        },
        {
          name: 'priority',
          type: 'select',
          required: true,
          defaultValue: 'normal',
          label: { en: 'Priority', id: 'Prioritas' },
          access: officeOnly,
          options: [
            { value: 'low', label: { en: 'Low', id: 'Rendah' } },
            { value: 'normal', label: { en: 'Normal', id: 'Normal' } },
            { value: 'high', label: { en: 'High', id: 'Tinggi' } },
            { value: 'urgent', label: { en: 'Urgent', id: 'Mendesak' } },
          ],
        },
      ],
    },
    {
      name: 'description',
      type: 'textarea',
      label: { en: 'Description', id: 'Uraian' },
      maxLength: 5000,
      access: { update: staffWithRoleField('customer_service') },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'open',
      index: true,
      label: { en: 'Status', id: 'Status' },
      access: fieldWork,
      options: [
        { value: 'open', label: { en: 'Open', id: 'Baru' } },
        { value: 'assigned', label: { en: 'Assigned', id: 'Ditugaskan' } },
        { value: 'in_progress', label: { en: 'In progress', id: 'Dikerjakan' } },
        { value: 'resolved', label: { en: 'Resolved', id: 'Selesai' } },
        { value: 'closed', label: { en: 'Closed', id: 'Ditutup' } },
      ],
      admin: { position: 'sidebar' },
    },
    {
      name: 'assignedTechnician',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      label: { en: 'Technician', id: 'Teknisi' },
      filterOptions: { role: { equals: 'technician' } },
      // Payload checks filterOptions with the requester's read access; customers cannot read staff,
      // and cannot change this field either, so their updates (a rating) skip the check.
      validate: ((value, args) =>
        isCustomer(args.req.user) ? true : relationship(value, args)) as RelationshipFieldSingleValidation,
      access: officeOnly,
      admin: { position: 'sidebar' },
    },
    {
      name: 'scheduledAt',
      type: 'date',
      label: { en: 'Scheduled visit', id: 'Jadwal kunjungan' },
      access: officeOnly,
      admin: { position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'resolvedAt',
      type: 'date',
      label: { en: 'Resolved at', id: 'Selesai pada' },
      access: { create: nobodyField, update: nobodyField },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'photos',
      type: 'upload',
      relationTo: 'media',
      hasMany: true,
      maxRows: 20,
      label: { en: 'Photos', id: 'Foto' },
    },
    {
      name: 'resolution',
      type: 'textarea',
      label: { en: 'Resolution', id: 'Penyelesaian' },
      maxLength: 5000,
      access: fieldWork,
    },
    {
      name: 'comments',
      type: 'join',
      collection: 'ticket-comments',
      on: 'ticket',
      defaultSort: 'createdAt',
      defaultLimit: 50,
      label: { en: 'Comments', id: 'Komentar' },
      admin: { defaultColumns: ['authorName', 'body', 'internal', 'createdAt'] },
    },
    {
      name: 'timeline',
      type: 'array',
      label: { en: 'Timeline', id: 'Linimasa' },
      access: fieldWork,
      admin: { initCollapsed: true },
      fields: [
        {
          name: 'at',
          type: 'date',
          required: true,
          label: { en: 'When', id: 'Waktu' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        { name: 'authorName', type: 'text', maxLength: 120, label: { en: 'By', id: 'Oleh' } },
        { name: 'note', type: 'textarea', required: true, maxLength: 2000, label: { en: 'Note', id: 'Catatan' } },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'rating',
          type: 'number',
          min: 1,
          max: 5,
          label: { en: 'Customer rating (1–5)', id: 'Nilai pelanggan (1–5)' },
          access: { create: nobodyField, update: customerOrOffice },
        },
        {
          name: 'ratingComment',
          type: 'text',
          maxLength: 500,
          label: { en: 'Rating comment', id: 'Komentar penilaian' },
          access: { create: nobodyField, update: customerOrOffice },
        },
      ],
    },
    humanNumberField({ en: 'Ticket number', id: 'Nomor tiket' }),
  ],
}
