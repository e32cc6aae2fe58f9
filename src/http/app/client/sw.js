// The field app's service worker, served at /app/sw.js with scope /app/ and no-cache. The server
// prepends one line, `self.CASEBOOK_SHELL = { version, assets: [hashed URLs] }`, so this file
// changes (and the browser updates the worker) whenever an asset does. The caching of the app
// shell and the last-seen lists is the offline work's (issue 8 point 4).
self.addEventListener('install', () => {
  self.skipWaiting()
})
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim())
})
