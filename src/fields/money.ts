import type { FieldAccess, NumberField, NumberFieldSingleValidation } from 'payload'
import { number } from 'payload/shared'

type MoneyFieldOptions = {
  name: string
  label: { en: string; id: string }
  required?: boolean
  /** Lowest allowed value; discounts and credits may go below 0. */
  min?: number
  defaultValue?: number
  access?: { read?: FieldAccess; create?: FieldAccess; update?: FieldAccess }
  admin?: NumberField['admin']
  index?: boolean
}

/** Whole Rupiah: stored as `numeric` (never a float), validated as an integer. */
export const wholeRupiah: NumberFieldSingleValidation = (value, args) =>
  value !== null && value !== undefined && !Number.isInteger(value)
    ? 'Jumlah harus bilangan bulat Rupiah / Amount must be whole Rupiah'
    : number(value, args)

/** A Rupiah amount field (whole numbers, stored as numeric). */
export const moneyField = ({
  name,
  label,
  required,
  min = 0,
  defaultValue,
  access,
  admin,
  index,
}: MoneyFieldOptions): NumberField => ({
  name,
  type: 'number',
  label,
  required,
  min,
  max: 100_000_000_000,
  defaultValue,
  index,
  validate: wholeRupiah,
  access,
  admin: { step: 1000, ...admin },
})
