/**
 * Message templates use named variables (`Halo {{nama}}, tagihan {{bulan}} …`). WhatsApp approves
 * the same text with positional parameters (`{{1}}`, `{{2}}`), numbered by first appearance; these
 * functions keep the two in step.
 */
const VARIABLE = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g

export type TemplateVariables = Record<string, string | number | null | undefined>

/** The distinct variable names in order of first appearance (= the provider's `{{1}}`, `{{2}}`, …). */
export function templateVariables(...texts: (string | null | undefined)[]): string[] {
  const names: string[] = []
  for (const text of texts)
    for (const m of (text ?? '').matchAll(VARIABLE)) if (!names.includes(m[1]!)) names.push(m[1]!)
  return names
}

/** Variables the text needs that are missing or empty. */
export function missingVariables(text: string, variables: TemplateVariables): string[] {
  return templateVariables(text).filter(
    (name) => variables[name] === undefined || variables[name] === null || String(variables[name]).trim() === '',
  )
}

export class MissingVariablesError extends Error {
  constructor(readonly missing: string[]) {
    super(`Variabel template belum diisi: ${missing.join(', ')}`)
    this.name = 'MissingVariablesError'
  }
}

/** Fills the variables in; throws MissingVariablesError rather than send a message with holes in it. */
export function renderTemplate(text: string, variables: TemplateVariables): string {
  const missing = missingVariables(text, variables)
  if (missing.length) throw new MissingVariablesError(missing)
  return text.replace(VARIABLE, (_, name: string) => String(variables[name]).trim())
}

/** The positional body parameters for the provider, in `{{1}}`, `{{2}}` order. */
export function bodyParameters(body: string, variables: TemplateVariables): string[] {
  const missing = missingVariables(body, variables)
  if (missing.length) throw new MissingVariablesError(missing)
  // WhatsApp refuses parameters with newlines/tabs or more than 4 spaces in a row (132000 family).
  return templateVariables(body).map((name) =>
    String(variables[name])
      .trim()
      .replace(/[\n\t]+/g, ' ')
      .replace(/ {4,}/g, '   '),
  )
}

/** The same text with `{{nama}}` replaced by `{{1}}` …: what is submitted to Meta for approval. */
export function providerBody(body: string): string {
  const names = templateVariables(body)
  return body.replace(VARIABLE, (_, name: string) => `{{${names.indexOf(name) + 1}}}`)
}
