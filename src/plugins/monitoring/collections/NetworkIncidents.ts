import type { CollectionConfig } from 'payload'

import { nobody, nobodyField } from '../../../access/nobody'
import { staffWithRole } from '../../../access/staffWithRole'
import { networkStaffField, networkStaffOrAffectedCustomer } from '../access/monitoringAccess'
import { INCIDENT_STATUSES } from '../types'

const systemOnly = { create: nobodyField, update: nobodyField }

/**
 * Network incidents (gangguan massal): one row per outage, grouped on the lowest common network
 * node of the customers that dropped together. Written by the correlator only; customer service
 * may edit the texts customers read (message, estimated restore time). Who it affects is derived
 * from its node, its start and end and the customers' outages (`incidentOutages`), not stored.
 */
export const NetworkIncidents: CollectionConfig = {
  slug: 'network-incidents',
  labels: {
    singular: { en: 'Network incident', id: 'Gangguan jaringan' },
    plural: { en: 'Network incidents', id: 'Gangguan jaringan' },
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'status', 'area', 'affectedCount', 'startedAt', 'resolvedAt'],
    group: { en: 'Network', id: 'Jaringan' },
  },
  defaultSort: '-startedAt',
  access: {
    read: networkStaffOrAffectedCustomer,
    create: nobody,
    update: staffWithRole('customer_service', 'technician'),
    delete: nobody,
  },
  fields: [
    {
      name: 'title',
      type: 'text',
      required: true,
      maxLength: 200,
      label: { en: 'Title', id: 'Judul' },
      access: systemOnly,
    },
    {
      type: 'row',
      fields: [
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'open',
          index: true,
          label: { en: 'Status', id: 'Status' },
          access: systemOnly,
          options: INCIDENT_STATUSES.map((value) => ({
            value,
            label: value === 'open' ? { en: 'Open', id: 'Berlangsung' } : { en: 'Resolved', id: 'Selesai' },
          })),
        },
        {
          name: 'area',
          type: 'text',
          maxLength: 80,
          label: { en: 'Area', id: 'Wilayah' },
          access: systemOnly,
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'startedAt',
          type: 'date',
          required: true,
          index: true,
          label: { en: 'Started', id: 'Mulai' },
          access: systemOnly,
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'resolvedAt',
          type: 'date',
          label: { en: 'Resolved', id: 'Pulih' },
          access: systemOnly,
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
    {
      name: 'affectedCount',
      type: 'number',
      required: true,
      defaultValue: 0,
      min: 0,
      label: { en: 'Customers affected', id: 'Pelanggan terdampak' },
      access: systemOnly,
    },
    {
      // Derived, never stored: who the incident affects (`incidentOutages`), for staff only.
      name: 'affectedCustomers',
      type: 'ui',
      admin: {
        components: {
          Field: '/src/plugins/monitoring/components/IncidentAffectedCustomers#IncidentAffectedCustomers',
        },
      },
    },
    {
      name: 'customerMessage',
      type: 'textarea',
      maxLength: 1000,
      label: { en: 'Message for customers', id: 'Pesan untuk pelanggan' },
      admin: {
        description: {
          en: 'Shown in the portal banner to the affected customers',
          id: 'Tampil di banner portal pelanggan terdampak',
        },
      },
    },
    {
      name: 'estimatedRestoreAt',
      type: 'date',
      label: { en: 'Estimated restore', id: 'Perkiraan pulih' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'cause',
      type: 'text',
      maxLength: 300,
      label: { en: 'Cause', id: 'Penyebab' },
      access: { read: networkStaffField, ...systemOnly },
    },
    {
      name: 'node',
      type: 'relationship',
      relationTo: 'network-nodes',
      index: true,
      label: { en: 'Network node', id: 'Perangkat' },
      access: { read: networkStaffField, ...systemOnly },
    },
    {
      name: 'nodePosition',
      type: 'ui',
      admin: {
        components: { Field: '/src/plugins/monitoring/components/IncidentNodePosition#IncidentNodePosition' },
      },
    },
    {
      name: 'source',
      type: 'text',
      maxLength: 40,
      label: { en: 'Source', id: 'Sumber' },
      access: { read: networkStaffField, ...systemOnly },
    },
  ],
}
