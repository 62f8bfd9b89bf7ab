/**
 * Messages written as `Indonesian / English` (field checks and errors across the code) shown in the
 * reader's language only. The admin offers Indonesian and English; Indonesian is the default.
 */
export type AdminLanguage = 'id' | 'en'

type WithLanguage = { i18n?: { language?: string } | null } | null | undefined

/** The reader's admin language from a request (or anything carrying `i18n.language`). */
export function languageOf(req: WithLanguage): AdminLanguage {
  return req?.i18n?.language === 'en' ? 'en' : 'id'
}

/**
 * The half of a bilingual `Indonesian / English` message in the given language. A message without
 * exactly one ` / ` separator is returned as it is (it is one language already).
 */
export function pickLanguage(message: string, language: AdminLanguage): string {
  const parts = message.split(' / ')
  if (parts.length !== 2) return message
  const [indonesian, english] = parts
  // Both halves must read as prose: a path or a list like `A / B` is left alone.
  if (!/\s/.test(indonesian) || !/\s/.test(english)) return message
  return (language === 'en' ? english : indonesian).trim()
}

/** Indonesian and English renderings of Payload's own English-only upload messages. */
const PAYLOAD_ENGLISH: { pattern: RegExp; id: (m: RegExpMatchArray) => string }[] = [
  {
    pattern: /^File type (\S+) \(from extension (\S*)\) is not allowed\.$/,
    id: (m) => `Jenis berkas ${m[1]} (ekstensi ${m[2]}) tidak diizinkan.`,
  },
  { pattern: /^Invalid or corrupted PDF file\.$/, id: () => 'Berkas PDF rusak atau tidak valid.' },
  { pattern: /^Invalid PDF file\.$/, id: () => 'Berkas PDF tidak valid.' },
  { pattern: /^File size limit has been reached$/i, id: () => 'Berkas terlalu besar.' },
  { pattern: /^No files were uploaded\.?$/i, id: () => 'Tidak ada berkas yang diunggah.' },
  {
    pattern: /^The following field is invalid: (.*)$/,
    id: (m) => `Isian berikut tidak valid: ${translatePayloadEnglish(m[1], 'id')}`,
  },
  {
    pattern: /^The following fields are invalid: (.*)$/,
    id: (m) => `Isian-isian berikut tidak valid: ${translatePayloadEnglish(m[1], 'id')}`,
  },
]

/** A message in the reader's language: bilingual messages split, Payload's English ones translated. */
export function translatePayloadEnglish(message: string, language: AdminLanguage): string {
  const picked = pickLanguage(message, language)
  if (language === 'en') return picked
  // `file (File type … is not allowed.)`: translate the part in brackets too.
  const bracketed = picked.match(/^(\S+) \((.*)\)$/)
  if (bracketed) return `${bracketed[1]} (${translatePayloadEnglish(bracketed[2], language)})`
  for (const { pattern, id } of PAYLOAD_ENGLISH) {
    const match = picked.match(pattern)
    if (match) return id(match)
  }
  return picked
}

/**
 * The admin language of a raw HTTP request, the way Payload picks it: the `payload-lng` cookie
 * first, else the first supported language in Accept-Language, else Indonesian.
 */
export function languageFromHeaders(cookie: string | undefined, acceptLanguage: string | undefined): AdminLanguage {
  const chosen = /(?:^|;\s*)payload-lng=([a-z]{2})/.exec(cookie ?? '')?.[1]
  if (chosen === 'en' || chosen === 'id') return chosen
  for (const part of (acceptLanguage ?? '').split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase()
    if (code === 'en' || code === 'id') return code
  }
  return 'id'
}
