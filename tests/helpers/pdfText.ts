import { inflateSync } from 'node:zlib'

/**
 * The text drawn on each page of a PDF written by react-pdf (pdfkit underneath), read straight
 * from the file: page order from the page tree, each page's content stream inflated, and the
 * hex strings of its `TJ`/`Tj` operators decoded as WinAnsi (the built-in Helvetica's encoding).
 * Text objects are joined without a separator: react-pdf keeps a word's trailing space in its run
 * (also at a line wrap) and splits runs mid-line (at a script change, or where JSX splits a
 * string), so plain concatenation gives back the strings as written, e.g. `Sisa tagihanRp0`.
 * It understands only what pdfkit writes (direct `/Length`, FlateDecode, no object streams),
 * which is enough to check our own documents without a PDF library.
 */
export function pdfPages(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1')
  const objects = new Map<number, { dict: string; stream?: Buffer }>()
  const objectPattern = /(\d+) 0 obj\s*/g
  let match: RegExpExecArray | null
  while ((match = objectPattern.exec(raw))) {
    const id = Number(match[1])
    const start = match.index + match[0].length
    const end = raw.indexOf('endobj', start)
    const body = raw.slice(start, end)
    const streamAt = body.search(/stream\r?\n/)
    if (streamAt === -1) {
      objects.set(id, { dict: body })
      continue
    }
    const dict = body.slice(0, streamAt)
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1])
    const dataStart = start + streamAt + (body[streamAt + 6] === '\r' ? 8 : 7)
    let stream = pdf.subarray(dataStart, dataStart + length)
    if (/\/Filter\s*\/FlateDecode/.test(dict)) stream = inflateSync(stream)
    objects.set(id, { dict, stream })
    objectPattern.lastIndex = end
  }

  const root = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict) && !/\/Parent /.test(o.dict))
  if (!root) throw new Error('No page tree in PDF')
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(root.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]))

  return kids.map((pageId) => {
    const page = objects.get(pageId)
    const contents = /\/Contents (\d+) 0 R/.exec(page?.dict ?? '')
    const stream = contents ? objects.get(Number(contents[1]))?.stream : undefined
    return stream ? contentText(stream.toString('latin1')) : ''
  })
}

/** All pages' text, one after another. */
export function pdfText(pdf: Buffer): string {
  return pdfPages(pdf).join('')
}

// WinAnsi differs from Latin-1 only in 0x80–0x9F (Node's TextDecoder treats windows-1252 as Latin-1).
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'
const decodeWinAnsi = (bytes: Buffer) =>
  [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? WIN_ANSI_HIGH[b - 0x80] : String.fromCharCode(b))).join('')

function contentText(content: string): string {
  const runs: string[] = []
  for (const block of content.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
    let run = ''
    for (const op of block[1].matchAll(/\[((?:[^\]\\]|\\.)*)\]\s*TJ|(<[0-9a-fA-F]*>|\((?:[^)\\]|\\.)*\))\s*Tj/g)) {
      const strings = op[1] !== undefined ? (op[1].match(/<[0-9a-fA-F]*>|\((?:[^)\\]|\\.)*\)/g) ?? []) : [op[2]]
      for (const s of strings) run += decodeString(s)
    }
    runs.push(run)
  }
  return runs.join('')
}

function decodeString(token: string): string {
  if (token.startsWith('<')) return decodeWinAnsi(Buffer.from(token.slice(1, -1), 'hex'))
  return token.slice(1, -1).replace(/\\([()\\])/g, '$1')
}
