import type { AfterErrorHook, Field, Validate } from 'payload'

import { languageOf, translatePayloadEnglish } from '../../lib/language'

type ValidateArgs = Parameters<Validate>[1]

/** A field check whose message is shown in the reader's admin language only. */
function inReadersLanguage(validate: Validate): Validate {
  return (value, args: ValidateArgs) => {
    const language = languageOf((args as { req?: Parameters<typeof languageOf>[0] })?.req)
    const translate = (result: unknown) =>
      typeof result === 'string' ? translatePayloadEnglish(result, language) : result
    const result = validate(value, args)
    return (result instanceof Promise ? result.then(translate) : translate(result)) as ReturnType<Validate>
  }
}

/**
 * Wraps every custom field check so that its `Indonesian / English` message reaches the reader in
 * their admin language only. Runs over nested fields (rows, tabs, groups, arrays, blocks).
 */
export function localizeFieldChecks(fields: Field[]): Field[] {
  return fields.map((field) => {
    const next = { ...field } as Field & {
      validate?: Validate
      fields?: Field[]
      tabs?: { fields: Field[] }[]
      blocks?: { fields: Field[] }[]
    }
    if (typeof next.validate === 'function') next.validate = inReadersLanguage(next.validate)
    if (Array.isArray(next.fields)) next.fields = localizeFieldChecks(next.fields)
    if (Array.isArray(next.tabs))
      next.tabs = next.tabs.map((tab) => ({ ...tab, fields: localizeFieldChecks(tab.fields) }))
    if (Array.isArray(next.blocks))
      next.blocks = next.blocks.map((block) => ({ ...block, fields: localizeFieldChecks(block.fields) }))
    return next as Field
  })
}

type ErrorBody = { errors?: { message?: string; data?: unknown }[] } & Record<string, unknown>

function translateData(data: unknown, language: 'id' | 'en'): unknown {
  if (!data || typeof data !== 'object') return data
  const list = Array.isArray(data) ? data : (data as { errors?: unknown[] }).errors
  if (!Array.isArray(list)) return data
  const translated = list.map((item) =>
    item && typeof item === 'object' && typeof (item as { message?: unknown }).message === 'string'
      ? { ...item, message: translatePayloadEnglish((item as { message: string }).message, language) }
      : item,
  )
  return Array.isArray(data) ? translated : { ...(data as object), errors: translated }
}

/**
 * Error answers in the reader's language: `Indonesian / English` messages keep one half, and
 * Payload's English-only upload messages ("File type … is not allowed.") are translated.
 */
export const localizeErrorAnswer: AfterErrorHook = ({ req, result }) => {
  const body = result as ErrorBody | undefined
  if (!body || !Array.isArray(body.errors)) return
  const language = languageOf(req)
  const errors = body.errors.map((error) => ({
    ...error,
    ...(typeof error.message === 'string' ? { message: translatePayloadEnglish(error.message, language) } : {}),
    ...(error.data !== undefined ? { data: translateData(error.data, language) } : {}),
  }))
  return { response: { ...body, errors } as Parameters<AfterErrorHook>[0]['result'] & Record<string, unknown> }
}
