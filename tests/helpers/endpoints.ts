import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import type { Endpoint, SanitizedConfig } from 'payload'

export type CustomEndpoint = { method: string; path: string; owner: string }

/** Payload's own endpoint modules (not exported by the package), loaded from its dist folder. */
async function payloadDefaults(): Promise<Endpoint[]> {
  const dist = path.dirname(createRequire(import.meta.url).resolve('payload'))
  const load = (file: string) => import(pathToFileURL(path.join(dist, file)).href)
  const [collections, auth, uploads, globals] = await Promise.all([
    load('collections/endpoints/index.js'),
    load('auth/endpoints/index.js'),
    load('uploads/endpoints/index.js'),
    load('globals/endpoints/index.js'),
  ])
  return [
    ...collections.defaultCollectionEndpoints,
    collections.duplicateEndpoint,
    ...auth.authCollectionEndpoints,
    ...auth.authRootEndpoints,
    auth.apiKeyRevealEndpoint,
    ...uploads.uploadCollectionEndpoints,
    ...(globals.defaultGlobalEndpoints ?? []),
  ].filter(Boolean)
}

/**
 * Every endpoint the product adds to Payload (root, collections, globals), read from the running
 * config: a new custom endpoint is on this list without anyone adding it. Payload's own REST
 * endpoints are left out (same object, or same method, path and handler source).
 */
export async function customEndpoints(config: SanitizedConfig): Promise<CustomEndpoint[]> {
  const defaults = await payloadDefaults()
  const sameAsDefault = (e: Endpoint) =>
    defaults.some(
      (d) => d === e || (d.method === e.method && d.path === e.path && String(d.handler) === String(e.handler)),
    )
  const list: CustomEndpoint[] = []
  const add = (endpoints: Endpoint[] | false | undefined, prefix: string, owner: string) => {
    for (const e of endpoints || [])
      if (!sameAsDefault(e)) list.push({ method: e.method.toUpperCase(), path: `/api${prefix}${e.path}`, owner })
  }
  add(config.endpoints, '', 'root')
  for (const c of config.collections) add(c.endpoints, `/${c.slug}`, c.slug)
  for (const g of config.globals ?? []) add(g.endpoints, `/globals/${g.slug}`, g.slug)
  return list
}
