import type { TerminationReason } from '../vocabulary'
import { TERMINATION_REASONS } from '../vocabulary'

type CustomerTermination = {
  status?: string | null
  terminationReason?: string | null
  terminatedAt?: string | Date | null
}

export type TerminationCheck =
  { ok: true; terminatedAt?: string } | { ok: false; field: 'terminationReason'; message: string }

/**
 * The termination rule: a customer turned "terminated" by staff carries one of the known reasons,
 * and gets a termination date (now) unless one was given. System work (imports, migrations) may
 * terminate without a reason; the analytics count such customers under "Tanpa alasan".
 */
export function checkTermination({
  previous,
  next,
  byStaff,
  now = new Date(),
}: {
  previous?: CustomerTermination
  next: CustomerTermination
  byStaff: boolean
  now?: Date
}): TerminationCheck {
  const becomesTerminated = next.status === 'terminated' && previous?.status !== 'terminated'
  if (!becomesTerminated) return { ok: true }
  const reason = next.terminationReason ?? previous?.terminationReason ?? null
  if (reason !== null && !TERMINATION_REASONS.includes(reason as TerminationReason))
    return { ok: false, field: 'terminationReason', message: 'Alasan berhenti tidak dikenal.' }
  if (byStaff && !reason)
    return {
      ok: false,
      field: 'terminationReason',
      message:
        'Pilih alasan berhenti (harga, kualitas layanan, pindah rumah, tidak membayar, pindah ke penyedia lain, atau lainnya).',
    }
  const given = next.terminatedAt ?? previous?.terminatedAt
  return { ok: true, terminatedAt: given ? undefined : now.toISOString() }
}
