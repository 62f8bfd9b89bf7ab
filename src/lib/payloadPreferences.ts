import type { SanitizedConfig } from 'payload'

/**
 * Payload's `DELETE /api/payload-preferences/:key` fails on PostgreSQL for every call (its
 * deleteOne builds a query on the polymorphic `user` relationship without the join it refers to:
 * "missing FROM-clause entry", a 500). This handler does the same thing the way Payload's own
 * preference reads do: find the signed-in user's preference by key, then delete it by id; 401
 * without a user, 404 when there is none.
 */
export function workingPreferenceDelete(config: SanitizedConfig): SanitizedConfig {
  const preferences = config.collections.find((collection) => collection.slug === 'payload-preferences')
  const endpoint = (preferences?.endpoints || []).find((e) => e.method === 'delete' && e.path === '/:key')
  if (!endpoint) return config
  endpoint.handler = async (req) => {
    if (!req.user) return Response.json({ errors: [{ message: 'Silakan masuk terlebih dahulu.' }] }, { status: 401 })
    const key = req.routeParams?.key
    if (typeof key !== 'string' || !key || key.length > 255 || key.includes('\u0000'))
      return Response.json({ errors: [{ message: 'Kunci preferensi tidak valid.' }] }, { status: 400 })
    const found = await req.payload.find({
      collection: 'payload-preferences',
      where: {
        and: [
          { key: { equals: key } },
          { 'user.value': { equals: req.user.id } },
          { 'user.relationTo': { equals: req.user.collection } },
        ],
      },
      limit: 1,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const preference = found.docs[0]
    if (!preference) return Response.json({ errors: [{ message: 'Tidak ditemukan / Not found' }] }, { status: 404 })
    await req.payload.delete({ collection: 'payload-preferences', id: preference.id, overrideAccess: true, req })
    return Response.json({ ...preference, message: req.t('general:deletedSuccessfully') })
  }
  return config
}
