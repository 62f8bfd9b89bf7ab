import type { Field, PayloadRequest, SanitizedConfig, Validate } from 'payload'

type Reference = { collection: string; id: number | string }

const keyOf = (ref: Reference) => `${ref.collection}:${String(ref.id)}`

/** The rows a relationship or upload value points at (ids, populated docs or `{ relationTo, value }`). */
export function referencesOf(value: unknown, relationTo: string | string[]): Reference[] {
  const values = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]
  const refs: Reference[] = []
  const idOf = (v: unknown) => (v && typeof v === 'object' ? (v as { id?: unknown }).id : v)
  for (const v of values) {
    let collection: string | undefined
    let id: unknown
    if (Array.isArray(relationTo)) {
      if (!v || typeof v !== 'object') continue
      collection = (v as { relationTo?: string }).relationTo
      id = idOf((v as { value?: unknown }).value)
    } else {
      collection = relationTo
      id = idOf(v)
    }
    if (collection && (typeof id === 'number' || (typeof id === 'string' && id !== '')))
      refs.push({ collection, id: id as number | string })
  }
  return refs
}

/** Of `refs`, those the request's user cannot read with their own access (or that do not exist). */
async function unreadable(req: PayloadRequest, refs: Reference[]): Promise<Reference[]> {
  const byCollection = new Map<string, Reference[]>()
  for (const ref of refs) byCollection.set(ref.collection, [...(byCollection.get(ref.collection) ?? []), ref])
  const missing: Reference[] = []
  for (const [collection, wanted] of byCollection) {
    const found = await req.payload.find({
      collection: collection as Parameters<PayloadRequest['payload']['find']>[0]['collection'],
      where: { id: { in: wanted.map((r) => r.id) } },
      depth: 0,
      limit: 0,
      pagination: false,
      overrideAccess: false,
      user: req.user,
      req,
    })
    const seen = new Set(found.docs.map((doc) => String(doc.id)))
    missing.push(...wanted.filter((r) => !seen.has(String(r.id))))
  }
  return missing
}

const wrapped = new WeakSet<object>()

/**
 * Payload (3.90) does not hand `overrideAccess` to field validation when it updates a global (its
 * global update passes it to the access check and beforeOperation, not to beforeChange), so a
 * system write such as `updateGlobal({ overrideAccess: true })` with a relationship inside would be
 * checked against a missing user and refused. Each global's beforeOperation hook, which does get
 * it, leaves it in the request context for `readableByWriter`.
 */
const GLOBAL_OVERRIDE = 'readableRelationships:globalOverrideAccess'
const rememberGlobalOverride: NonNullable<
  NonNullable<SanitizedConfig['globals'][number]['hooks']>['beforeOperation']
>[number] = ({ args, operation, overrideAccess, req }) => {
  if (operation === 'update') req.context[GLOBAL_OVERRIDE] = overrideAccess === true
  return args
}

/**
 * Wraps a relationship or upload field's validation so that every row a person newly points it at
 * is one they may read with their own access: a customer can attach only their own uploads as a
 * transfer proof or a ticket photo, a technician can hand a device only to a customer of their
 * tickets. References already stored are not re-checked (a customer rating their ticket keeps the
 * technician's photos on it). System writes (`overrideAccess: true`) are not checked; Payload's
 * own checks (id format, filterOptions) run first.
 */
export function readableByWriter(base: Validate | undefined): Validate {
  const validate: Validate = async (value, options) => {
    const baseResult = base ? await base(value, options) : true
    if (baseResult !== true) return baseResult
    const { event, operation, previousValue, req } = options
    // A global's fields get no overrideAccess from Payload: the one its update operation was called with.
    const overrideAccess =
      options.overrideAccess ??
      (options.collectionSlug === undefined ? req.context?.[GLOBAL_OVERRIDE] === true : undefined)
    if (overrideAccess || event === 'onChange') return true
    const relationTo = (options as unknown as { relationTo: string | string[] }).relationTo
    const before = new Set(operation === 'create' ? [] : referencesOf(previousValue, relationTo).map(keyOf))
    const added = referencesOf(value, relationTo).filter((ref) => !before.has(keyOf(ref)))
    if (added.length === 0) return true
    const refused = await unreadable(req, added)
    if (refused.length === 0) return true
    const ids = refused.map((r) => r.id).join(', ')
    return `Tidak ditemukan atau bukan milik Anda: ${ids} / Not found or not yours to use: ${ids}`
  }
  wrapped.add(validate)
  return validate
}

function wrapFields(fields: Field[]): void {
  for (const field of fields) {
    if ((field.type === 'relationship' || field.type === 'upload') && !wrapped.has(field.validate ?? {})) {
      field.validate = readableByWriter(field.validate as Validate | undefined)
    }
    if (field.type === 'tabs') for (const tab of field.tabs) wrapFields(tab.fields)
    else if (field.type === 'blocks') for (const block of field.blocks) wrapFields(block.fields)
    else if ('fields' in field && Array.isArray(field.fields)) wrapFields(field.fields)
  }
}

/**
 * Applies `readableByWriter` to every relationship and upload field of the app's collections and
 * globals (Payload's own `payload-*` collections manage their references themselves), so that no
 * field, present or added later, lets someone point at a row they may not see: another customer's
 * transfer receipt as their proof, another customer as a device's holder. Runs on the sanitized
 * config, after every plugin has added its fields.
 */
export function requireReadableRelationships(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    if (!collection.slug.startsWith('payload-')) wrapFields(collection.fields)
  }
  for (const global of config.globals) {
    wrapFields(global.fields)
    global.hooks = {
      ...global.hooks,
      beforeOperation: [...(global.hooks?.beforeOperation ?? []), rememberGlobalOverride],
    }
  }
  return config
}
