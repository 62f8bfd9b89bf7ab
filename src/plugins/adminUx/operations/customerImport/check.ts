import type { PayloadRequest } from 'payload'

import { normalizeIndonesianMobile } from '../../../../lib/phone'
import type { Customer } from '../../../../payload-types'
import { IMPORT_COLUMNS, type SheetRow } from './sheet'

/** What importing a row would do: create a customer, skip it (already there), or refuse it. */
export type RowAction = 'create' | 'skip' | 'error'

export type NewCustomer = Pick<Customer, 'name' | 'phone' | 'status' | 'billingDay'> &
  Partial<Pick<Customer, 'email' | 'address' | 'area' | 'odp' | 'notes'>> & { package?: number }

export type CheckedRow = {
  row: number
  action: RowAction
  /** Why a row is skipped or refused, in Indonesian. */
  reasons: string[]
  values: SheetRow['values']
  /** The customer the row would create (normalised phone, package id). */
  customer?: NewCustomer
  /** The keys that make an import of this row happen once: `phone:628…`, `number:CUS…`. */
  keys: string[]
}

const STATUSES: Record<string, Customer['status']> = {
  aktif: 'active',
  active: 'active',
  prospek: 'prospect',
  calonpelanggan: 'prospect',
  calon: 'prospect',
  prospect: 'prospect',
  isolir: 'suspended',
  suspended: 'suspended',
  berhenti: 'terminated',
  terminated: 'terminated',
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const label = (column: keyof typeof IMPORT_COLUMNS) => IMPORT_COLUMNS[column].label

/**
 * Checks every row without writing: phone numbers normalised (`0812-…` → `62812…`), the package
 * found by its name (or id), and duplicates found, both inside the file (a phone or customer number
 * seen in an earlier row) and against the customers already kept (same phone or number: skipped).
 */
export async function checkCustomerRows(req: PayloadRequest, rows: SheetRow[]): Promise<CheckedRow[]> {
  const packages = await req.payload.find({
    collection: 'packages',
    limit: 0,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
    select: { name: true },
  })
  const packageByName = new Map(packages.docs.map((p) => [p.name.trim().toLowerCase(), p.id]))
  const packageIds = new Set(packages.docs.map((p) => p.id))

  const phones = rows.map((r) => (r.values.phone ? normalizeIndonesianMobile(r.values.phone) : null))
  const numbers = rows.map((r) => r.values.number?.trim() || null)
  const wantedPhones = [...new Set(phones.filter((p): p is string => !!p))]
  const wantedNumbers = [...new Set(numbers.filter((n): n is string => !!n))]
  const existing =
    wantedPhones.length || wantedNumbers.length
      ? await req.payload.find({
          collection: 'customers',
          where: {
            or: [
              ...(wantedPhones.length ? [{ phone: { in: wantedPhones } }] : []),
              ...(wantedNumbers.length ? [{ number: { in: wantedNumbers } }] : []),
            ],
          },
          limit: 0,
          pagination: false,
          depth: 0,
          overrideAccess: true,
          req,
          select: { number: true, phone: true },
        })
      : { docs: [] }
  const byPhone = new Map(existing.docs.map((c) => [c.phone, c.number ?? String(c.id)]))
  const byNumber = new Map(existing.docs.filter((c) => c.number).map((c) => [c.number!, c.number!]))

  const seenPhone = new Map<string, number>()
  const seenNumber = new Map<string, number>()
  return rows.map((sheetRow, index): CheckedRow => {
    const { values, row } = sheetRow
    const errors: string[] = []
    const name = values.name?.trim() ?? ''
    if (!name) errors.push(`${label('name')} wajib diisi.`)
    else if (name.length > 120) errors.push(`${label('name')} terlalu panjang (maksimal 120 karakter).`)

    const phone = phones[index]
    if (!values.phone) errors.push(`${label('phone')} wajib diisi.`)
    else if (!phone)
      errors.push(`${label('phone')} "${values.phone}" tidak valid: gunakan nomor seluler, mis. 0812-3456-7890.`)

    const number = numbers[index]
    let packageId: number | undefined
    if (values.package) {
      const wanted = values.package.trim()
      packageId =
        packageByName.get(wanted.toLowerCase()) ??
        (/^\d+$/.test(wanted) && packageIds.has(Number(wanted)) ? Number(wanted) : undefined)
      if (packageId === undefined)
        errors.push(`${label('package')} "${wanted}" tidak ada. Tulis nama paket persis seperti di daftar paket.`)
    }
    let status: Customer['status'] = packageId ? 'active' : 'prospect'
    if (values.status) {
      const found = STATUSES[values.status.toLowerCase().replace(/[^a-z]/g, '')]
      if (!found)
        errors.push(`${label('status')} "${values.status}" tidak dikenal: gunakan Aktif, Calon, Isolir atau Berhenti.`)
      else status = found
    }
    if (status === 'active' && !packageId && !errors.length) errors.push(`Pelanggan aktif perlu ${label('package')}.`)
    let billingDay = 1
    if (values.billingDay) {
      const day = Number(values.billingDay)
      if (!Number.isInteger(day) || day < 1 || day > 28) errors.push(`${label('billingDay')} harus angka 1–28.`)
      else billingDay = day
    }
    if (values.email && !EMAIL.test(values.email)) errors.push(`${label('email')} "${values.email}" tidak valid.`)
    if ((values.address?.length ?? 0) > 500) errors.push(`${label('address')} terlalu panjang (maksimal 500 karakter).`)

    // Duplicates inside the file: the first row wins, later ones are refused by name.
    if (phone && seenPhone.has(phone)) errors.push(`${label('phone')} sama dengan baris ${seenPhone.get(phone)}.`)
    if (number && seenNumber.has(number)) errors.push(`${label('number')} sama dengan baris ${seenNumber.get(number)}.`)
    if (phone && !seenPhone.has(phone)) seenPhone.set(phone, row)
    if (number && !seenNumber.has(number)) seenNumber.set(number, row)

    const keys = [...(phone ? [`phone:${phone}`] : []), ...(number ? [`number:${number}`] : [])]
    if (errors.length) return { row, action: 'error', reasons: errors, values, keys }

    const already = (phone && byPhone.get(phone)) || (number && byNumber.get(number))
    if (already)
      return {
        row,
        action: 'skip',
        reasons: [
          `Sudah ada: pelanggan ${already} dengan ${phone && byPhone.has(phone) ? label('phone') : label('number')} ini.`,
        ],
        values,
        keys,
      }
    return {
      row,
      action: 'create',
      reasons: [],
      values,
      keys,
      customer: {
        name,
        phone: phone!,
        status,
        billingDay,
        ...(packageId ? { package: packageId } : {}),
        ...(values.email ? { email: values.email.toLowerCase() } : {}),
        ...(values.address ? { address: values.address } : {}),
        ...(values.area ? { area: values.area } : {}),
        ...(values.odp ? { odp: values.odp } : {}),
        ...(values.notes ? { notes: values.notes } : {}),
      },
    }
  })
}

/** Counts of a checked file, for the dry run's summary. */
export function summarize(rows: CheckedRow[]) {
  return {
    total: rows.length,
    create: rows.filter((r) => r.action === 'create').length,
    skip: rows.filter((r) => r.action === 'skip').length,
    error: rows.filter((r) => r.action === 'error').length,
  }
}
