import { inflateSync } from 'node:zlib'

import PDFDocument from 'pdfkit'

/**
 * The letterhead's logo, prepared once and embedded in every PDF from that preparation.
 *
 * pdfkit (under react-pdf) embeds a PNG with an alpha channel, which is what logos usually are,
 * by inflating its pixels, unfiltering them in JavaScript, splitting colour from alpha and
 * deflating both planes: for every document, although the logo is the same on all of them. That
 * is about a quarter of a tagihan's render (~6–7 of ~27 ms for a 320×320 logo). `prepareLogo` does it
 * once per logo with pdfkit's own code and keeps the two deflated planes; a document that draws
 * those very bytes then embeds the kept planes. The PDF is byte for byte what pdfkit writes
 * itself (tests/int/billing-documents.test.ts compares them).
 *
 * Only bytes passed to `prepareLogo` are affected, looked up by identity; any other image, and any
 * PNG pdfkit already embeds without decoding (no alpha, palette or transparency key), goes
 * pdfkit's ordinary way. This reaches into pdfkit 0.20 (the version react-pdf pins, a direct
 * dependency at the same version so both are one copy): after an upgrade the tests that compare
 * the bytes with pdfkit's own and count the prepared embeds say whether it still holds.
 */

/** What pdfkit's PNGImage holds and uses in embed()/finalize() (pdfkit 0.20). */
type PngImage = {
  label: string
  width: number
  height: number
  obj: unknown
  image: {
    hasAlphaChannel: boolean
    palette: number[]
    transparency: { grayscale?: number; rgb?: number[]; indexed?: number[] }
    imgData: Uint8Array
  } | null
  imgData: Uint8Array | null
  alphaChannel?: Uint8Array
  finalize(): void
  splitAlphaChannel(): void
}

type Prepared = {
  prototype: object
  image: NonNullable<PngImage['image']>
  width: number
  height: number
  /** Deflated colour plane and alpha plane, exactly as pdfkit's splitAlphaChannel makes them. */
  imgData: Uint8Array
  alphaChannel: Uint8Array
}

type DocumentLike = {
  _imageCount: number
  _imageRegistry: Record<string, unknown>
  /** The letterhead logos this document has opened, each drawn from one image object. */
  letterheadLogos?: Map<Uint8Array, PngImage>
}
type OpenImage = (this: DocumentLike, src: unknown) => PngImage

/** Logos passed to prepareLogo: their prepared planes, or 'ordinary' where pdfkit embeds them without decoding. */
const logos = new WeakMap<Uint8Array, Prepared | 'ordinary'>()
const preparing = new WeakMap<Uint8Array, Promise<boolean>>()
let embeds = 0

const documentPrototype = PDFDocument.prototype as { openImage: OpenImage & { preparedLogos?: true } }
const pdfkitOpenImage: OpenImage = documentPrototype.openImage

if (!documentPrototype.openImage.preparedLogos) {
  const openImage: OpenImage & { preparedLogos?: true } = function (this: DocumentLike, src: unknown) {
    const logo = src instanceof Uint8Array ? logos.get(src) : undefined
    if (!logo) return pdfkitOpenImage.call(this, src)
    // One image object per document, however many pages draw the logo (a bulk print): pdfkit
    // embeds it once and every page refers to it.
    const opened = (this.letterheadLogos ??= new Map())
    let image = opened.get(src as Uint8Array)
    if (!image) {
      image = logo === 'ordinary' ? pdfkitOpenImage.call(this, src) : openPrepared(this, logo)
      opened.set(src as Uint8Array, image)
    }
    return image
  }
  openImage.preparedLogos = true
  documentPrototype.openImage = openImage
}

/**
 * A PNGImage of this document whose alpha split is already done: pdfkit's embed() writes the image
 * dictionary when the page draws it, and its finalize() the planes and the soft mask once the
 * pages are written, where pdfkit's own split (waiting for zlib) would write them, so every
 * object keeps its number and place.
 */
function openPrepared(document: DocumentLike, logo: Prepared): PngImage {
  embeds++
  const image = Object.create(logo.prototype) as PngImage
  Object.assign(image, {
    label: `I${++document._imageCount}`,
    image: logo.image,
    width: logo.width,
    height: logo.height,
    imgData: logo.imgData,
    obj: null,
  })
  image.splitAlphaChannel = () => {
    setImmediate(() => {
      image.alphaChannel = logo.alphaChannel
      image.finalize()
    })
  }
  return image
}

/**
 * Prepares a logo so that documents drawing these bytes embed it without decoding it again. Safe
 * to call for every render: the work is done once per Buffer. Resolves to false when the bytes are
 * a PNG whose pixels cannot be read (the document is then drawn without the logo) and true
 * otherwise, prepared or not needed (JPEG, PNG without alpha, not an image at all: those go
 * pdfkit's ordinary way, and react-pdf leaves out what it cannot read).
 */
export function prepareLogo(bytes: Uint8Array): Promise<boolean> {
  let done = preparing.get(bytes)
  if (!done) {
    done = prepare(bytes)
    preparing.set(bytes, done)
  }
  return done
}

async function prepare(bytes: Uint8Array): Promise<boolean> {
  let image: PngImage
  try {
    // pdfkit's own PNGImage for these bytes (a JPEG or anything else is not prepared).
    image = pdfkitOpenImage.call({ _imageCount: 0, _imageRegistry: {} }, bytes)
  } catch {
    return true // not an image pdfkit reads: react-pdf leaves it out
  }
  const png = image.image
  if (!png || typeof image.splitAlphaChannel !== 'function') {
    logos.set(bytes, 'ordinary') // a JPEG: embedded as it is
    return true
  }
  const splitByPdfkit = png.hasAlphaChannel && png.palette.length === 0 && !hasTransparencyKey(png.transparency)
  // pdfkit inflates the pixels in a zlib callback that throws on bad data, out of reach of any
  // caller: check them here first.
  try {
    inflateSync(new Uint8Array(png.imgData))
  } catch {
    return false
  }
  if (!splitByPdfkit) {
    logos.set(bytes, 'ordinary')
    return true
  }
  const planes = await new Promise<{ imgData: Uint8Array; alphaChannel: Uint8Array }>((resolve) => {
    image.finalize = () => resolve({ imgData: image.imgData!, alphaChannel: image.alphaChannel! })
    image.splitAlphaChannel()
  })
  logos.set(bytes, {
    prototype: Object.getPrototypeOf(image) as object,
    image: png,
    width: image.width,
    height: image.height,
    ...planes,
  })
  return true
}

function hasTransparencyKey(transparency: NonNullable<PngImage['image']>['transparency']): boolean {
  return transparency.grayscale != null || transparency.rgb != null || transparency.indexed != null
}

/** How many images were embedded from a prepared logo in this process (tests, the bench). */
export function preparedLogoEmbeds(): number {
  return embeds
}
