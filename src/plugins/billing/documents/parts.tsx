import { Image, StyleSheet, type Styles, Text, View } from '@react-pdf/renderer'
import { Children, type ReactNode } from 'react'

import type { IspProfile } from './types'

/** Built-in PDF fonts: nothing is fetched or embedded, and they cover the Latin text users write. */
export const FONT = 'Helvetica'
export const FONT_BOLD = 'Helvetica-Bold'
export const FONT_ITALIC = 'Helvetica-Oblique'

export const colors = {
  text: '#1f2933',
  muted: '#616e7c',
  line: '#cbd2d9',
  band: '#f0f4f8',
  accent: '#0b4f8a',
  paid: '#1e7b34',
  void: '#b42318',
}

// react-pdf hyphenates with English patterns, which splits Indonesian words wrongly; lines break at spaces only.
const wholeWords = (word: string): string[] => [word]

/** One react-pdf style object. */
export type Style = Styles[string]

// Characters WinAnsi (the encoding of the built-in fonts) has beyond ASCII and Latin-1.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')
const inWinAnsi = (char: string) => {
  const code = char.codePointAt(0)!
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char)
}

/**
 * Text the built-in Helvetica can draw: letters it lacks lose their accents (`Nguyễn` → `Nguyen`),
 * and what still does not fit (emoji, other scripts) becomes `?` instead of wrong glyphs.
 */
export function toWinAnsi(text: string): string {
  let out = ''
  for (const char of text) {
    if (inWinAnsi(char) || char === '\n') out += char
    else {
      const base = [...char.normalize('NFKD')].filter((part) => !/\p{M}/u.test(part)).join('')
      out += base && [...base].every(inWinAnsi) ? base : '?'
    }
  }
  return out
}

const drawable = (children: ReactNode): ReactNode =>
  Children.map(children, (child) => (typeof child === 'string' ? toWinAnsi(child) : child))

type TProps = {
  children?: ReactNode
  style?: Style | Style[]
  fixed?: boolean
  render?: (props: { pageNumber: number; totalPages: number }) => ReactNode
}

/** `Text` without hyphenation, limited to what the built-in fonts can draw. */
export function T({ children, style, fixed, render }: TProps) {
  return (
    // react-pdf treats a Text with a `render` prop as dynamic even when it is undefined: pass it only when given.
    <Text
      style={style}
      fixed={fixed}
      {...(render ? { render: (props) => drawable(render(props)) } : {})}
      hyphenationCallback={wholeWords}
    >
      {drawable(children)}
    </Text>
  )
}

export const base = StyleSheet.create({
  page: {
    fontFamily: FONT,
    fontSize: 9.5,
    color: colors.text,
    paddingTop: 36,
    paddingBottom: 54,
    paddingHorizontal: 40,
    lineHeight: 1.35,
  },
  bold: { fontFamily: FONT_BOLD },
  muted: { color: colors.muted },
  footer: {
    position: 'absolute',
    left: 40,
    right: 40,
    flexDirection: 'row',
    justifyContent: 'space-between',
    fontSize: 7.5,
    color: colors.muted,
    borderTopWidth: 0.5,
    borderTopColor: colors.line,
    paddingTop: 4,
  },
})

/** Which image format the bytes are, judged by their signature, or null when neither PNG nor JPEG. */
export function logoFormat(logo: Buffer | null | undefined): 'png' | 'jpg' | null {
  if (!logo || logo.length < 4) return null
  if (logo[0] === 0x89 && logo[1] === 0x50 && logo[2] === 0x4e && logo[3] === 0x47) return 'png'
  if (logo[0] === 0xff && logo[1] === 0xd8 && logo[2] === 0xff) return 'jpg'
  return null
}

/** Logo, name, address, contact and NPWP of the ISP. */
export function IspHeader({ isp }: { isp: IspProfile }) {
  const format = logoFormat(isp.logo)
  const contact = [isp.phone && `Telp. ${isp.phone}`, isp.email].filter(Boolean).join(' · ')
  return (
    <View style={{ flexDirection: 'row', alignItems: 'flex-start', flexGrow: 1, flexShrink: 1 }}>
      {format && isp.logo ? (
        <Image
          // The Buffer itself, which react-pdf hands to pdfkit as it is: the renderer prepared this
          // very Buffer (letterheadLogo.ts). As { data, format } react-pdf would key it by its bytes
          // (a text decode of the whole logo per document) and might hand over an equal copy.
          src={isp.logo}
          style={{ width: 56, height: 56, objectFit: 'contain', marginRight: 10 }}
        />
      ) : null}
      <View style={{ flexShrink: 1 }}>
        <T style={[base.bold, { fontSize: 13, color: colors.accent }]}>{isp.name}</T>
        {isp.address ? <T style={base.muted}>{isp.address}</T> : null}
        {contact ? <T style={base.muted}>{contact}</T> : null}
        {isp.npwp ? <T style={base.muted}>NPWP: {isp.npwp}</T> : null}
      </View>
    </View>
  )
}

/** Label–value rows in the document's top-right block. */
export function InfoRows({ rows }: { rows: [string, string][] }) {
  return (
    <View style={{ marginTop: 4 }}>
      {rows.map(([label, value]) => (
        <View key={label} style={{ flexDirection: 'row' }}>
          <T style={[base.muted, { width: 62 }]}>{label}</T>
          <T style={{ flexShrink: 1 }}>: {value}</T>
        </View>
      ))}
    </View>
  )
}

/** A rotated, bordered word (LUNAS, BATAL), placed by its parent. */
export function Stamp({ word, color }: { word: string; color: string }) {
  return (
    <View
      style={{
        borderWidth: 3,
        borderColor: color,
        borderRadius: 6,
        paddingVertical: 4,
        paddingHorizontal: 14,
        transform: 'rotate(-14deg)',
        opacity: 0.85,
      }}
    >
      <T style={{ fontFamily: FONT_BOLD, fontSize: 30, lineHeight: 1.2, color, letterSpacing: 3 }}>{word}</T>
    </View>
  )
}

/** Page heights in points, for placing the footer. */
export const PAGE_HEIGHT = { portrait: 841.89, landscape: 595.28 }

/** Footer on every page: the ISP's note, the document's number and the page count. */
export function PageFooter({
  isp,
  label,
  note,
  pageHeight = PAGE_HEIGHT.portrait,
}: {
  isp: IspProfile
  label: string
  note?: string
  pageHeight?: number
}) {
  // Placed from the top: in react-pdf 4.9 a `render` text inside a box placed with `bottom` is drawn off the page.
  return (
    <View style={[base.footer, { top: pageHeight - 44 }]} fixed>
      <T style={{ flex: 1, marginRight: 12 }}>{[isp.footerNote, note].filter(Boolean).join(' ')}</T>
      <T
        style={{ width: 170, textAlign: 'right' }}
        render={({ pageNumber, totalPages }) => `${label} · Halaman ${pageNumber} dari ${totalPages}`}
      />
    </View>
  )
}

/** First letter upper case, for a sentence such as the terbilang line. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
