import { APIError, type CollectionBeforeDeleteHook } from 'payload'

/**
 * A customer with service history, tickets or equipment is part of the ISP's records (and of other
 * rows' foreign keys): they are terminated, not deleted. Prospects without any of these can go.
 */
export const keepCustomersWithHistory: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const related = await Promise.all(
    (['service-history', 'tickets'] as const).map((collection) =>
      req.payload.count({ collection, where: { customer: { equals: id } }, overrideAccess: true, req }),
    ),
  )
  const equipment = await req.payload.count({
    collection: 'equipment',
    where: { holder: { equals: id } },
    overrideAccess: true,
    req,
  })
  if (related.some((r) => r.totalDocs > 0) || equipment.totalDocs > 0) {
    throw new APIError(
      'Pelanggan yang punya riwayat, tiket atau perangkat tidak bisa dihapus; ubah statusnya menjadi "Berhenti". / Customers with history cannot be deleted; terminate them instead.',
      409,
      undefined,
      true,
    )
  }
}
