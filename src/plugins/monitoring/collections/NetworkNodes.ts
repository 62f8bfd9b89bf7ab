import type { CollectionConfig } from 'payload'

import { nobodyField } from '../../../access/nobody'
import { staffWithRole } from '../../../access/staffWithRole'
import { networkStaff } from '../access/monitoringAccess'
import { NODE_KIND_LABELS, NODE_KINDS } from '../types'

const systemOnly = { create: nobodyField, update: nobodyField }

/**
 * The network's topology: router → OLT → PON port → ODP. Customers hang under the ODP named in
 * their `odp` field (or, without one, under their router's node). Devices reporting to Zabbix,
 * Alertmanager, PRTG or Netwatch map to a node by its name or one of its aliases (host names,
 * addresses, tags).
 */
export const NetworkNodes: CollectionConfig = {
  slug: 'network-nodes',
  labels: {
    singular: { en: 'Network node', id: 'Perangkat jaringan' },
    plural: { en: 'Network nodes', id: 'Topologi jaringan' },
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'kind', 'parent', 'area', 'down'],
    group: { en: 'Network', id: 'Jaringan' },
  },
  access: {
    read: networkStaff,
    create: staffWithRole('technician'),
    update: staffWithRole('technician'),
    delete: staffWithRole(),
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'name',
          type: 'text',
          required: true,
          unique: true,
          maxLength: 80,
          label: { en: 'Name', id: 'Nama' },
          admin: {
            description: { en: 'For an ODP: as written on customers', id: 'Untuk ODP: sama seperti di pelanggan' },
          },
        },
        {
          name: 'kind',
          type: 'select',
          required: true,
          index: true,
          label: { en: 'Kind', id: 'Jenis' },
          options: NODE_KINDS.map((value) => ({ value, label: NODE_KIND_LABELS[value] })),
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'parent',
          type: 'relationship',
          relationTo: 'network-nodes',
          index: true,
          label: { en: 'Upstream node', id: 'Perangkat induk' },
          validate: (value: unknown, { id }: { id?: number | string }) =>
            value !== undefined && value !== null && id !== undefined && String(value) === String(id)
              ? 'Perangkat tidak boleh menjadi induknya sendiri'
              : true,
        },
        {
          name: 'router',
          type: 'relationship',
          relationTo: 'routers',
          label: { en: 'Router record', id: 'Data router' },
          admin: { condition: (data) => data?.kind === 'router' },
        },
      ],
    },
    {
      name: 'aliases',
      type: 'text',
      maxLength: 500,
      label: { en: 'Host names, addresses or tags', id: 'Nama host, alamat atau tag' },
      admin: {
        description: {
          en: 'Comma-separated: how Zabbix, Alertmanager, PRTG or Netwatch name this device',
          id: 'Pisahkan dengan koma: nama perangkat ini di Zabbix, Alertmanager, PRTG atau Netwatch',
        },
      },
    },
    {
      type: 'row',
      fields: [
        { name: 'area', type: 'text', maxLength: 80, label: { en: 'Area', id: 'Wilayah' } },
        { name: 'latitude', type: 'number', min: -90, max: 90, label: { en: 'Latitude', id: 'Lintang' } },
        { name: 'longitude', type: 'number', min: -180, max: 180, label: { en: 'Longitude', id: 'Bujur' } },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'down',
          type: 'checkbox',
          defaultValue: false,
          label: { en: 'Reported down', id: 'Dilaporkan mati' },
          access: systemOnly,
          admin: { readOnly: true },
        },
        {
          name: 'stateSince',
          type: 'date',
          label: { en: 'State since', id: 'Status sejak' },
          access: systemOnly,
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
  ],
}
