/* global self, caches, fetch */
/*
 * The customer portal's service worker (scope /portal). Hand-written and small on purpose: it does
 * three things, which a library would add ~20 KB to the first load for.
 * - The app shell (offline page, icons) is cached on install.
 * - Build assets (/_next/static, content-hashed) are served from cache once fetched.
 * - The dashboard and invoice pages are fetched from the network first; the last copy seen is kept
 *   for reading offline. Signing out deletes those copies.
 */
const VERSION = 'v1'
const SHELL = `portal-shell-${VERSION}`
const STATIC = `portal-static-${VERSION}`
const PAGES = 'portal-pages'
const SHELL_URLS = ['/portal/offline.html', '/portal/icons/icon-192.png', '/portal/manifest.webmanifest']
const KEEP_PAGE = /^\/portal(\/tagihan(\/\d+)?|\/pembayaran)?\/?$/

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(SHELL_URLS))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('portal-') && ![SHELL, STATIC, PAGES].includes(k))
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('message', (event) => {
  if (event.data === 'signed-out') event.waitUntil(caches.delete(PAGES))
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return

  if (url.pathname.startsWith('/_next/static/')) {
    event.respondWith(
      caches.open(STATIC).then(async (cache) => {
        const hit = await cache.match(request)
        if (hit) return hit
        const response = await fetch(request)
        if (response.ok) cache.put(request, response.clone())
        return response
      }),
    )
    return
  }

  if (request.mode === 'navigate' && url.pathname.startsWith('/portal')) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          // Only a signed-in page (not a redirect to the sign-in page) is kept.
          if (response.ok && !response.redirected && KEEP_PAGE.test(url.pathname)) {
            const copy = response.clone()
            caches.open(PAGES).then((cache) => cache.put(url.pathname, copy))
          }
          return response
        })
        .catch(async () => (await caches.match(url.pathname)) ?? (await caches.match('/portal/offline.html'))),
    )
  }
})
