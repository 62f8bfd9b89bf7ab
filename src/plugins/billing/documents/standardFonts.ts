import type { ReactElement } from 'react'

import { renderToBuffer } from '@react-pdf/renderer'
import PDFDocument from 'pdfkit'

/**
 * The built-in fonts' metrics, read once per process for the documents this renderer draws.
 *
 * Our documents print in Helvetica, one of the 14 fonts every PDF reader has. For each document
 * pdfkit rebuilds each such font's glyph widths and kerning pairs from its metrics (~1.5 ms of a
 * ~21 ms tagihan). The table is the same every time and pdfkit only reads it afterwards, so the
 * documents `renderSharingFonts` starts take it from the first one built. The PDF is byte for byte
 * the same (tests/int/billing-documents.test.ts); documents started any other way are left to
 * pdfkit as it is.
 */

const STANDARD_FONTS = new Set([
  'Courier',
  'Courier-Bold',
  'Courier-BoldOblique',
  'Courier-Oblique',
  'Helvetica',
  'Helvetica-Bold',
  'Helvetica-BoldOblique',
  'Helvetica-Oblique',
  'Symbol',
  'Times-Bold',
  'Times-BoldItalic',
  'Times-Italic',
  'Times-Roman',
  'ZapfDingbats',
])

/** What pdfkit's document holds of its fonts (pdfkit 0.20). */
type FontDocument = {
  _font: Record<string, unknown> & { name: string }
  _fontCount: number
  _fontFamilies: Record<string, unknown>
  _registeredFonts: Record<string, unknown>
  /** Set on documents renderSharingFonts started. */
  sharesStandardFonts?: boolean
}
type Hooked<F> = F & { sharesStandardFonts?: true }
type DocumentPrototype = {
  initFonts: Hooked<(this: FontDocument, ...args: unknown[]) => unknown>
  font: Hooked<(this: FontDocument, src: unknown, family?: unknown, size?: unknown) => unknown>
}
type PdfkitDocument = new (options: object) => FontDocument

/** A standard font as pdfkit builds it: its class and every field but the document and the id. */
type SharedFont = { prototype: object; fields: Record<string, unknown> }

const shared = new Map<string, SharedFont>()
let starting = false
let opens = 0

function sharedFont(name: string): SharedFont {
  let found = shared.get(name)
  if (!found) {
    // Built by pdfkit itself, in a document of its own that is never written.
    const wasStarting = starting
    starting = false
    try {
      const scratch = new (PDFDocument as unknown as PdfkitDocument)({ autoFirstPage: false })
      ;(scratch as unknown as { font(name: string): void }).font(name)
      const { document: _document, id: _id, ...fields } = scratch._font
      found = { prototype: Object.getPrototypeOf(scratch._font) as object, fields }
    } finally {
      starting = wasStarting
    }
    shared.set(name, found)
  }
  return found
}

const documentPrototype = PDFDocument.prototype as DocumentPrototype
if (!documentPrototype.font.sharesStandardFonts) {
  const pdfkitInitFonts = documentPrototype.initFonts
  const pdfkitFont = documentPrototype.font
  // Called from pdfkit's document constructor, before it opens its default font.
  const initFonts: DocumentPrototype['initFonts'] = function (this: FontDocument, ...args: unknown[]) {
    if (starting) this.sharesStandardFonts = true
    return pdfkitInitFonts.apply(this, args)
  }
  const font: DocumentPrototype['font'] = function (this: FontDocument, src, family, size) {
    if (
      this.sharesStandardFonts &&
      typeof src === 'string' &&
      STANDARD_FONTS.has(src) &&
      typeof family !== 'string' &&
      !this._registeredFonts[src] &&
      !this._fontFamilies[src]
    ) {
      const { prototype, fields } = sharedFont(src)
      // Where pdfkit keeps a font it has just opened under this name, with the next id: its own
      // font() below then finds it there and goes on as with any font opened before.
      if (fields.name === src) {
        opens++
        this._fontFamilies[src] = Object.assign(Object.create(prototype) as object, fields, {
          document: this,
          id: `F${++this._fontCount}`,
        })
      }
    }
    return pdfkitFont.call(this, src, family, size)
  }
  initFonts.sharesStandardFonts = true
  font.sharesStandardFonts = true
  documentPrototype.initFonts = initFonts
  documentPrototype.font = font
}

/**
 * react-pdf's renderToBuffer, the document sharing the standard fonts' metrics. react-pdf creates
 * pdfkit's document before its first `await`, so it is created while `starting` is set.
 */
export function renderSharingFonts(element: ReactElement): Promise<Buffer> {
  starting = true
  try {
    return renderToBuffer(element as Parameters<typeof renderToBuffer>[0])
  } finally {
    starting = false
  }
}

/** How many standard fonts documents took from the shared metrics in this process (tests, the bench). */
export function sharedFontOpens(): number {
  return opens
}
