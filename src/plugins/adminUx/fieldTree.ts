import type { Field } from 'payload'

type Container = Field & { fields?: Field[]; tabs?: { fields: Field[] }[] }

/**
 * Rewrites a field list at every depth (rows, tabs, collapsibles, groups): `visit` returns the
 * fields that replace each one (itself, changed, or with others beside it).
 */
export function rewriteFields(fields: Field[], visit: (field: Field) => Field[]): Field[] {
  return fields.flatMap((field) => {
    const next = { ...field } as Container
    if (Array.isArray(next.fields) && next.type !== 'array' && next.type !== 'blocks')
      next.fields = rewriteFields(next.fields, visit)
    if (Array.isArray(next.tabs))
      next.tabs = next.tabs.map((tab) => ({ ...tab, fields: rewriteFields(tab.fields, visit) }))
    return visit(next as Field)
  })
}

export const fieldNamed = (field: Field, name: string): boolean => 'name' in field && field.name === name

const DATE_FORMATS: Record<string, string> = {
  dayOnly: 'd MMM yyyy',
  monthOnly: 'MMMM yyyy',
  timeOnly: 'HH:mm',
  dayAndTime: 'd MMM yyyy HH:mm',
}

/**
 * Every date field shows its year (`1 Feb 2026`, not Payload's `Feb 01`) and a 24-hour clock,
 * unless the field sets its own display format. Walks arrays and blocks too.
 */
export function datesWithYear(fields: Field[]): Field[] {
  return fields.map((field) => {
    const next = { ...field } as Container & { blocks?: { fields: Field[] }[] }
    if (Array.isArray(next.fields)) next.fields = datesWithYear(next.fields)
    if (Array.isArray(next.tabs)) next.tabs = next.tabs.map((tab) => ({ ...tab, fields: datesWithYear(tab.fields) }))
    if (Array.isArray(next.blocks))
      next.blocks = next.blocks.map((block) => ({ ...block, fields: datesWithYear(block.fields) }))
    if (next.type === 'date') {
      const date = next.admin?.date ?? {}
      if (!date.displayFormat) {
        const appearance = date.pickerAppearance ?? 'dayAndTime'
        next.admin = {
          ...next.admin,
          date: { ...date, displayFormat: DATE_FORMATS[appearance] ?? DATE_FORMATS.dayAndTime },
        }
      }
    }
    return next as Field
  })
}

/** Money fields outside `moneyField` (kept with their own checks), by name. */
const MONEY_NAMES = new Set(['monthlyPrice'])

/**
 * Money columns in lists read as Rupiah (`Rp350.000`): every field built by `moneyField`
 * (recognised by its whole-Rupiah check) and the few money fields named above.
 */
export function rupiahCells(fields: Field[], isMoneyCheck: (validate: unknown) => boolean, cell: string): Field[] {
  return fields.map((field) => {
    const next = { ...field } as Container & { blocks?: { fields: Field[] }[]; validate?: unknown }
    if (Array.isArray(next.fields)) next.fields = rupiahCells(next.fields, isMoneyCheck, cell)
    if (Array.isArray(next.tabs))
      next.tabs = next.tabs.map((tab) => ({ ...tab, fields: rupiahCells(tab.fields, isMoneyCheck, cell) }))
    if (
      next.type === 'number' &&
      !('hasMany' in next && next.hasMany) &&
      (isMoneyCheck(next.validate) || MONEY_NAMES.has((next as { name: string }).name))
    ) {
      const admin = (next.admin ?? {}) as { components?: Record<string, unknown> }
      if (!admin.components?.Cell)
        next.admin = { ...admin, components: { ...admin.components, Cell: cell } } as typeof next.admin
    }
    return next as Field
  })
}
