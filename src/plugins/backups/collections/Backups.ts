import type { CollectionConfig } from 'payload'

import { nobody } from '../../../access/nobody'
import { staffWithRole } from '../../../access/staffWithRole'
import { backUpNowEndpoint } from '../endpoints/backUpNow'
import { downloadBackupEndpoint } from '../endpoints/downloadBackup'
import { BACKUP_KINDS, BACKUP_PHASES, BACKUP_STATUSES, MEDIA_MODES } from '../types'

const kindLabels = {
  daily: { en: 'Daily', id: 'Harian' },
  weekly: { en: 'Weekly', id: 'Mingguan' },
  monthly: { en: 'Monthly', id: 'Bulanan' },
  manual: { en: 'Manual', id: 'Manual' },
} as const
const statusLabels = {
  running: { en: 'Running', id: 'Berjalan' },
  verified: { en: 'Verified', id: 'Terverifikasi' },
  failed: { en: 'Failed', id: 'Gagal' },
} as const
const phaseLabels = {
  dumping: { en: 'Dumping the database', id: 'Membuat dump basis data' },
  checking: { en: 'Checking the dump', id: 'Memeriksa dump' },
  encrypting: { en: 'Encrypting', id: 'Mengenkripsi' },
  uploading: { en: 'Uploading', id: 'Mengunggah' },
  done: { en: 'Done', id: 'Selesai' },
} as const
const mediaModeLabels = {
  full: { en: 'All uploads', id: 'Semua unggahan' },
  incremental: { en: 'Changed uploads only', id: 'Hanya unggahan yang berubah' },
} as const

/**
 * One row per backup: written only by the backup task (system work), read by admins. The unique
 * (kind, slot) index makes a backup for one period exist once, however many workers start it.
 */
export const Backups: CollectionConfig = {
  slug: 'backups',
  labels: { singular: { en: 'Backup', id: 'Cadangan' }, plural: { en: 'Backups', id: 'Cadangan' } },
  admin: {
    useAsTitle: 'fileName',
    defaultColumns: [
      'kind',
      'status',
      'phase',
      'progressPercent',
      'startedAt',
      'finishedAt',
      'sizeBytes',
      'mediaMode',
      'lastDrill.ok',
    ],
    group: { en: 'System', id: 'Sistem' },
    hidden: ({ user }) => (user as { role?: string } | null)?.role !== 'admin',
  },
  access: { read: staffWithRole(), create: nobody, update: nobody, delete: nobody },
  defaultSort: '-startedAt',
  indexes: [{ fields: ['kind', 'slot'], unique: true }],
  endpoints: [backUpNowEndpoint, downloadBackupEndpoint],
  fields: [
    {
      name: 'kind',
      type: 'select',
      required: true,
      label: { en: 'Kind', id: 'Jenis' },
      options: BACKUP_KINDS.map((value) => ({ value, label: kindLabels[value] })),
    },
    // The period this backup belongs to (the WIB day for scheduled kinds, the start time for manual ones).
    { name: 'slot', type: 'date', required: true, label: { en: 'Slot', id: 'Slot' } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'running',
      index: true,
      label: { en: 'Status', id: 'Status' },
      options: BACKUP_STATUSES.map((value) => ({ value, label: statusLabels[value] })),
    },
    // Progress of a running backup, written by the backup itself about once a second (see progress.ts).
    {
      name: 'phase',
      type: 'select',
      label: { en: 'Phase', id: 'Tahap' },
      options: BACKUP_PHASES.map((value) => ({ value, label: phaseLabels[value] })),
      admin: { readOnly: true },
    },
    {
      name: 'progressPercent',
      type: 'number',
      min: 0,
      max: 100,
      label: { en: 'Progress (%)', id: 'Kemajuan (%)' },
      admin: { readOnly: true },
    },
    {
      name: 'bytesSent',
      type: 'number',
      label: { en: 'Bytes uploaded', id: 'Byte terunggah' },
      admin: { readOnly: true },
    },
    {
      name: 'bytesTotal',
      type: 'number',
      label: { en: 'Bytes to upload', id: 'Byte yang diunggah' },
      admin: { readOnly: true },
    },
    {
      name: 'startedAt',
      type: 'date',
      required: true,
      label: { en: 'Started', id: 'Mulai' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'finishedAt',
      type: 'date',
      label: { en: 'Finished', id: 'Selesai' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'fileName', type: 'text', maxLength: 200, label: { en: 'File', id: 'Berkas' } },
    { name: 'sizeBytes', type: 'number', label: { en: 'Size (bytes)', id: 'Ukuran (byte)' } },
    {
      name: 'sha256',
      type: 'text',
      maxLength: 64,
      label: { en: 'SHA-256 (encrypted file)', id: 'SHA-256 (berkas terenkripsi)' },
    },
    {
      name: 'storage',
      type: 'group',
      label: { en: 'Stored at', id: 'Disimpan di' },
      fields: [
        { name: 'localPath', type: 'text', maxLength: 1000, label: { en: 'Local file', id: 'Berkas lokal' } },
        { name: 's3Bucket', type: 'text', maxLength: 200, label: { en: 'S3 bucket', id: 'Bucket S3' } },
        { name: 's3Key', type: 'text', maxLength: 1000, label: { en: 'S3 key', id: 'Kunci objek S3' } },
      ],
    },
    { name: 'error', type: 'textarea', label: { en: 'Error', id: 'Galat' } },
    {
      name: 'mediaFiles',
      type: 'number',
      label: { en: 'Uploads stored in this backup', id: 'Berkas unggahan dalam cadangan ini' },
    },
    {
      name: 'mediaMode',
      type: 'select',
      label: { en: 'Uploads', id: 'Unggahan' },
      options: MEDIA_MODES.map((value) => ({ value, label: mediaModeLabels[value] })),
    },
    // An incremental backup's uploads are restored from this backup's chain: its base, the base's base, … down to a full one.
    {
      name: 'base',
      type: 'relationship',
      relationTo: 'backups',
      label: { en: 'Uploads build on', id: 'Unggahan melanjutkan' },
    },
    // The whole upload set at backup time ({ path, size, sha256, mtimeMs }[]): what a restore must reproduce, and the next backup's change list.
    { name: 'mediaIndex', type: 'json', label: { en: 'Upload set', id: 'Daftar unggahan' }, admin: { hidden: true } },
    // { table: { rows } } of the dumped snapshot (what a restore must reproduce); the first drill adds
    // { checksum, hash } of what it restored, which later restores must reproduce too.
    { name: 'tables', type: 'json', label: { en: 'Row counts and checksums', id: 'Jumlah baris dan checksum' } },
    {
      name: 'lastDrill',
      type: 'group',
      label: { en: 'Last restore drill', id: 'Uji pemulihan terakhir' },
      fields: [
        {
          name: 'at',
          type: 'date',
          label: { en: 'When', id: 'Waktu' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        { name: 'ok', type: 'checkbox', label: { en: 'Passed', id: 'Berhasil' } },
        { name: 'durationMs', type: 'number', label: { en: 'Duration (ms)', id: 'Durasi (ms)' } },
        { name: 'message', type: 'textarea', label: { en: 'Result', id: 'Hasil' } },
      ],
    },
  ],
}
