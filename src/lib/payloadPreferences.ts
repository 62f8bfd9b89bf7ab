import type { Access, SanitizedConfig } from 'payload'

import { isStaff } from '../access/roles'

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
    if (!preference) return Response.json({ errors: [{ message: 'Data tidak ditemukan.' }] }, { status: 404 })
    await req.payload.delete({ collection: 'payload-preferences', id: preference.id, overrideAccess: true, req })
    return Response.json({ ...preference, message: req.t('general:deletedSuccessfully') })
  }
  return config
}

/**
 * Admin preferences (`payload-preferences`: column widths, list filters, the nav's open groups) are
 * the admin panel's, and only staff use the admin panel. Payload lets any signed-in account read and
 * write its own preferences, customers included, with any JSON value, over REST (`/:key` endpoints
 * and the collection's routes) and GraphQL. Here a customer gets 403 and nobody 401 on all of them;
 * staff keep exactly what they had (their own rows, every endpoint).
 */
export function staffOnlyPreferences(config: SanitizedConfig): SanitizedConfig {
  const preferences = config.collections.find((collection) => collection.slug === 'payload-preferences')
  if (!preferences) return config
  const ownRows = preferences.access
  const staffAnd =
    (own: Access | undefined): Access =>
    (args) =>
      isStaff(args.req.user) ? (own ? own(args) : true) : false
  preferences.access = {
    ...ownRows,
    create: staffAnd(ownRows.create),
    read: staffAnd(ownRows.read),
    update: staffAnd(ownRows.update),
    delete: staffAnd(ownRows.delete),
  }
  // Only the preference endpoints (`/:key`): the collection's routes share their endpoint objects
  // with every other collection and go through the access above. Replaced, never changed in place.
  preferences.endpoints = (preferences.endpoints || []).map((endpoint) => {
    if (endpoint.path !== '/:key') return endpoint
    const handler = endpoint.handler
    return {
      ...endpoint,
      handler: async (req) => {
        if (!req.user)
          return Response.json({ errors: [{ message: 'Silakan masuk terlebih dahulu.' }] }, { status: 401 })
        if (!isStaff(req.user))
          return Response.json(
            { errors: [{ message: 'Preferensi admin hanya untuk staf / admin preferences are for staff' }] },
            { status: 403 },
          )
        return handler(req)
      },
    }
  })
  return config
}
