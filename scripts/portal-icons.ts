/**
 * Renders the customer portal's app icons (public/portal/icons) from one SVG with sharp:
 * `npx tsx scripts/portal-icons.ts`. The PNGs are committed; run this again only to change them.
 */
import fs from 'node:fs'
import path from 'node:path'

import sharp from 'sharp'

const dir = path.resolve(import.meta.dirname, '../public/portal/icons')
// A white signal mark on the portal's blue; the maskable variant keeps it inside the safe zone.
const svg = (padding: number) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" fill="#0b5cad"/>
  <g transform="translate(${padding} ${padding}) scale(${(512 - 2 * padding) / 512})" fill="none" stroke="#fff" stroke-linecap="round" stroke-width="36">
    <path d="M96 224a224 224 0 0 1 320 0"/><path d="M152 288a144 144 0 0 1 208 0"/><path d="M208 352a64 64 0 0 1 96 0"/>
  </g>
  <circle cx="256" cy="${256 + 160 * ((512 - 2 * padding) / 512) - 0}" r="${28 * ((512 - 2 * padding) / 512)}" fill="#fff"/>
</svg>`

fs.mkdirSync(dir, { recursive: true })
const targets: [string, number, number][] = [
  ['icon-192.png', 192, 32],
  ['icon-512.png', 512, 32],
  ['maskable-512.png', 512, 96],
  ['apple-touch-icon.png', 180, 32],
]
for (const [name, size, padding] of targets)
  await sharp(Buffer.from(svg(padding)))
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(path.join(dir, name))
console.log(`icons written to ${dir}`)
