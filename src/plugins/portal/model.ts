/** The portal's vocabulary: a package change request's life (pending → approved | rejected, once). */
export const PACKAGE_CHANGE_STATUSES = ['pending', 'approved', 'rejected'] as const
export type PackageChangeStatus = (typeof PACKAGE_CHANGE_STATUSES)[number]

export const PACKAGE_CHANGE_STATUS_LABELS: Record<PackageChangeStatus, { en: string; id: string }> = {
  pending: { en: 'Waiting for a decision', id: 'Menunggu persetujuan' },
  approved: { en: 'Approved', id: 'Disetujui' },
  rejected: { en: 'Rejected', id: 'Ditolak' },
}

/** Longest decision reason and notice texts, in characters. */
export const REASON_MAX = 500
