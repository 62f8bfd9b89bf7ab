import type { Access, CollectionConfig, Where } from 'payload'

import { nobody, nobodyField } from '../access/nobody'
import { hasRole, isCustomer } from '../access/roles'
import { staffWithRoleField } from '../access/staffWithRole'
import { prepareTicketComment } from '../hooks/ticketComments'

/**
 * Office staff read every comment; a technician those on tickets assigned to them; a customer the
 * comments on their own tickets that are not internal notes.
 */
const commentsOfUser: Access = ({ req: { user } }): boolean | Where => {
  if (hasRole(user, 'customer_service', 'finance')) return true
  if (hasRole(user, 'technician')) return { 'ticket.assignedTechnician': { equals: user!.id } }
  if (user && isCustomer(user))
    return { and: [{ 'ticket.customer': { equals: user.id } }, { internal: { not_equals: true } }] }
  return false
}

/** Comments on a ticket: the customer's and staff's messages, and staff-only internal notes. */
export const TicketComments: CollectionConfig = {
  slug: 'ticket-comments',
  labels: {
    singular: { en: 'Ticket comment', id: 'Komentar tiket' },
    plural: { en: 'Ticket comments', id: 'Komentar tiket' },
  },
  admin: {
    useAsTitle: 'body',
    defaultColumns: ['ticket', 'authorName', 'body', 'internal', 'createdAt'],
    group: { en: 'Support', id: 'Layanan' },
  },
  defaultSort: 'createdAt',
  access: {
    read: commentsOfUser,
    // Anyone who may read a ticket may comment on it; the hook checks the ticket as the writer.
    create: ({ req: { user } }) => hasRole(user, 'customer_service', 'technician') || isCustomer(user),
    update: nobody,
    delete: ({ req: { user } }) => hasRole(user),
  },
  hooks: { beforeValidate: [prepareTicketComment] },
  fields: [
    {
      name: 'ticket',
      type: 'relationship',
      relationTo: 'tickets',
      required: true,
      index: true,
      label: { en: 'Ticket', id: 'Tiket' },
    },
    { name: 'body', type: 'textarea', required: true, maxLength: 2000, label: { en: 'Comment', id: 'Komentar' } },
    {
      name: 'internal',
      type: 'checkbox',
      defaultValue: false,
      label: { en: 'Internal note (staff only)', id: 'Catatan internal (hanya staf)' },
      access: {
        read: staffWithRoleField('customer_service', 'technician', 'finance'),
        create: staffWithRoleField('customer_service', 'technician'),
      },
    },
    {
      name: 'authorCustomer',
      type: 'relationship',
      relationTo: 'customers',
      label: { en: 'Written by customer', id: 'Ditulis pelanggan' },
      access: { create: nobodyField, update: nobodyField },
      admin: { readOnly: true },
    },
    {
      name: 'authorUser',
      type: 'relationship',
      relationTo: 'users',
      label: { en: 'Written by staff', id: 'Ditulis staf' },
      access: {
        read: staffWithRoleField('customer_service', 'technician', 'finance'),
        create: nobodyField,
        update: nobodyField,
      },
      admin: { readOnly: true },
    },
    {
      name: 'authorName',
      type: 'text',
      maxLength: 120,
      label: { en: 'By', id: 'Oleh' },
      access: { create: nobodyField, update: nobodyField },
      admin: { readOnly: true },
    },
  ],
}
