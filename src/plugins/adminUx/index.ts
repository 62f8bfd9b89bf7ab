import type { CollectionConfig, Config, GlobalConfig, Plugin } from 'payload'

import { switchable } from '../wiring'
import { CustomerImportKeys, CustomerImports } from './collections/CustomerImports'
import { bulkEndpoints } from './endpoints/bulk'
import { customerImportEndpoints } from './endpoints/customerImport'
import { adminSearchEndpoint } from './endpoints/search'
import { importCustomersTask } from './tasks/importCustomers.task'
import { wholeRupiah } from '../../fields/money'
import { datesWithYear, fieldNamed, rewriteFields, rupiahCells } from './fieldTree'
import { localizeErrorAnswer, localizeFieldChecks } from './messages'
import { entityVisibleTo } from './roles'
import type { AdminUxPluginOptions } from './types'

const COMPONENTS = '/src/plugins/adminUx/components'

const RUPIAH_CELL = `${COMPONENTS}/RupiahCell#RupiahCell`
const isMoney = (validate: unknown) => validate === wholeRupiah

type Hidden = NonNullable<NonNullable<CollectionConfig['admin']>['hidden']>
type HiddenArgs = { user: Parameters<typeof entityVisibleTo>[1] }

/** Hidden when the entity was hidden already, or is not part of the signed-in role's work. */
function hiddenByRole(slug: string, existing: Hidden | undefined): Hidden {
  return ((args: HiddenArgs) => {
    if (existing === true) return true
    if (typeof existing === 'function' && (existing as (a: HiddenArgs) => boolean)(args)) return true
    return !entityVisibleTo(slug, args.user)
  }) as Hidden
}

/** List cells that show trigger keys by their names instead of `invoice_issued`. */
function readableTriggerCells(collection: CollectionConfig): CollectionConfig {
  const cellFor: Record<string, string> = { messages: 'trigger', 'message-templates': 'key' }
  const fieldName = cellFor[collection.slug]
  if (!fieldName) return collection
  return {
    ...collection,
    // The key sits in a row beside the name: look at every depth.
    fields: rewriteFields(collection.fields, (field) =>
      'name' in field && field.name === fieldName
        ? [
            {
              ...field,
              admin: {
                ...field.admin,
                components: {
                  ...(field.admin as { components?: object } | undefined)?.components,
                  Cell: `${COMPONENTS}/TriggerCell#TriggerCell`,
                },
              },
            } as typeof field,
          ]
        : [field],
    ),
  }
}

const BULK_ACTION: Record<string, string> = {
  tickets: `${COMPONENTS}/BulkActions#AssignTicketsAction`,
  invoices: `${COMPONENTS}/BulkActions#PrintInvoicesAction`,
  customers: `${COMPONENTS}/BulkActions#SendTemplateAction`,
}

/** Bulk actions above the list table (each shows itself only to the roles its endpoint allows). */
function bulkActions(collection: CollectionConfig): CollectionConfig {
  const component = BULK_ACTION[collection.slug]
  if (!component) return collection
  const components = collection.admin?.components
  return {
    ...collection,
    admin: {
      ...collection.admin,
      components: { ...components, beforeListTable: [...(components?.beforeListTable ?? []), component] },
    },
  }
}

/**
 * The customer form: billing tables that reload after an action on the page, and a warning when
 * the name and address match another customer's.
 */
function customerFormAids(collection: CollectionConfig): CollectionConfig {
  if (collection.slug !== 'customers') return collection
  return {
    ...collection,
    fields: rewriteFields(collection.fields, (field) => {
      if (field.type === 'join' && (fieldNamed(field, 'payments') || fieldNamed(field, 'invoices')))
        return [
          {
            ...field,
            admin: {
              ...field.admin,
              components: {
                ...field.admin?.components,
                Field: `${COMPONENTS}/RefreshingJoinField#RefreshingJoinField`,
              },
            },
          },
        ]
      if (fieldNamed(field, 'address'))
        return [
          field,
          {
            name: 'duplicateWarning',
            type: 'ui',
            admin: { components: { Field: `${COMPONENTS}/DuplicateCustomerWarning#DuplicateCustomerWarning` } },
          },
        ]
      return [field]
    }),
  }
}

/**
 * Relationship columns read a populated row too (join tables hand over the row, not its id), and
 * a message's variables read as a labelled list instead of raw JSON.
 */
function readableRelationsAndVariables(collection: CollectionConfig): CollectionConfig {
  return {
    ...collection,
    fields: rewriteFields(collection.fields, (field) => {
      if (
        field.type === 'relationship' &&
        typeof field.relationTo === 'string' &&
        !field.hasMany &&
        !field.admin?.components?.Cell
      )
        return [
          {
            ...field,
            admin: {
              ...field.admin,
              components: { ...field.admin?.components, Cell: `${COMPONENTS}/RelationTitleCell#RelationTitleCell` },
            },
          },
        ]
      if (collection.slug === 'messages' && field.type === 'json' && fieldNamed(field, 'variables'))
        return [
          {
            ...field,
            admin: {
              ...field.admin,
              components: { ...field.admin?.components, Field: `${COMPONENTS}/VariablesField#VariablesField` },
            },
          },
        ]
      return [field]
    }),
  }
}

/** A ticket's resolution notes sit with its status in the sidebar, which a phone shows first. */
function ticketNotesBesideStatus(collection: CollectionConfig): CollectionConfig {
  if (collection.slug !== 'tickets') return collection
  return {
    ...collection,
    fields: rewriteFields(collection.fields, (field) =>
      fieldNamed(field, 'resolution') && field.type === 'textarea'
        ? [{ ...field, admin: { ...field.admin, position: 'sidebar' } }]
        : [field],
    ),
  }
}

/**
 * The admin as each role's office: a dashboard of today's figures per role (a technician lands on
 * their own work), the menu ordered by the role's work with collections it does not use hidden,
 * the ISP's name and logo instead of Payload's, and every message in the reader's language
 * (field checks, error answers, Payload's upload messages).
 */
export const adminUxPlugin =
  (options: AdminUxPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    if (options.enabled === false)
      return {
        ...config,
        // The import's records stay (the schema does not change); its job answers "disabled".
        collections: [...(config.collections ?? []), CustomerImports, CustomerImportKeys],
        jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), switchable(importCustomersTask, false)] },
      }
    const collections = [...(config.collections ?? []), CustomerImports, CustomerImportKeys].map((collection) =>
      bulkActions(
        readableTriggerCells(
          ticketNotesBesideStatus(
            readableRelationsAndVariables(
              customerFormAids({
                ...collection,
                fields: datesWithYear(localizeFieldChecks(rupiahCells(collection.fields, isMoney, RUPIAH_CELL))),
                admin: { ...collection.admin, hidden: hiddenByRole(collection.slug, collection.admin?.hidden) },
                // Payload's bulk upload answers in English only ("Successfully saved 1 files").
                ...(collection.upload
                  ? {
                      upload: {
                        ...(typeof collection.upload === 'object' ? collection.upload : {}),
                        bulkUpload: false,
                      },
                    }
                  : {}),
              }),
            ),
          ),
        ),
      ),
    )
    const globals = (config.globals ?? []).map((global): GlobalConfig => ({
      ...global,
      fields: datesWithYear(localizeFieldChecks(global.fields)),
      admin: {
        ...global.admin,
        hidden: hiddenByRole(global.slug, global.admin?.hidden as Hidden | undefined) as NonNullable<
          GlobalConfig['admin']
        >['hidden'],
      },
    }))
    return {
      ...config,
      collections,
      globals,
      endpoints: [...(config.endpoints ?? []), adminSearchEndpoint, ...customerImportEndpoints, ...bulkEndpoints],
      jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), switchable(importCustomersTask, true)] },
      hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), localizeErrorAnswer] },
      i18n: {
        ...config.i18n,
        translations: {
          ...config.i18n?.translations,
          id: {
            ...(config.i18n?.translations as Record<string, object> | undefined)?.id,
            // Payload shows an empty relationship as `<Tidak ada Teknisi>`; a dash reads as "none".
            general: { noLabel: '–' },
          },
          en: {
            ...(config.i18n?.translations as Record<string, object> | undefined)?.en,
            general: { noLabel: '–' },
          },
        },
      },
      admin: {
        ...config.admin,
        components: {
          ...config.admin?.components,
          Nav: `${COMPONENTS}/RoleNav#RoleNav`,
          actions: [...(config.admin?.components?.actions ?? []), `${COMPONENTS}/GlobalSearch#GlobalSearch`],
          graphics: {
            ...config.admin?.components?.graphics,
            Logo: `${COMPONENTS}/Brand#BrandLogo`,
            Icon: `${COMPONENTS}/Brand#BrandIcon`,
          },
          afterNavLinks: [
            ...(config.admin?.components?.afterNavLinks ?? []),
            `${COMPONENTS}/MyWorkNavLink#MyWorkNavLink`,
            `${COMPONENTS}/MyWorkNavLink#CustomerImportNavLink`,
          ],
          views: {
            ...config.admin?.components?.views,
            dashboard: { Component: `${COMPONENTS}/RoleDashboard#RoleDashboard` },
            myWork: { Component: `${COMPONENTS}/MyWorkView#MyWorkView`, path: '/pekerjaan-saya', exact: true },
            customerImport: {
              Component: `${COMPONENTS}/CustomerImportView#CustomerImportView`,
              path: '/impor-pelanggan',
              exact: true,
            },
          },
        },
      },
    }
  }
