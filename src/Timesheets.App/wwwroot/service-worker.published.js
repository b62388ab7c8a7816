// The app shell offline: every published file is cached when this worker installs (one cache per
// publish, named by the manifest's version), and served from there; pages of the app get index.html.
// Data never goes through here: the API and Identity are other origins, and appsettings.json is
// asked of the network first (the host writes it), the cached copy only when offline.
self.importScripts('./service-worker-assets.js');

const cacheName = 'timesheets-' + self.assetsManifest.version;
const cached = [/\.dll$/, /\.pdb$/, /\.wasm$/, /\.html$/, /\.js$/, /\.json$/, /\.css$/, /\.svg$/, /\.webmanifest$/, /\.dat$/, /\.blat$/];
const skipped = [/^service-worker\.js$/, /^appsettings/]; // appsettings.json: the host's own answer, cached as it comes

self.addEventListener('install', (event) => event.waitUntil((async () => {
  const requests = self.assetsManifest.assets
    .filter((asset) => cached.some((p) => p.test(asset.url)) && !skipped.some((p) => p.test(asset.url)))
    .map((asset) => new Request(asset.url, { integrity: asset.hash, cache: 'no-cache' }));
  await (await caches.open(cacheName)).addAll(requests);
  await self.skipWaiting();
})()));

self.addEventListener('activate', (event) => event.waitUntil((async () => {
  for (const key of await caches.keys()) {
    if (key.startsWith('timesheets-') && key !== cacheName) await caches.delete(key);
  }
  await self.clients.claim();
})()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(cacheName);
    if (url.pathname.endsWith('/appsettings.json')) {
      try {
        const fresh = await fetch(request);
        if (fresh.ok) await cache.put('appsettings.json', fresh.clone());
        return fresh;
      } catch {
        return (await cache.match('appsettings.json')) || Response.error();
      }
    }
    // A page of the app (/, /callback?code=…, /entries/3): the shell, whatever the path.
    const key = request.mode === 'navigate' ? 'index.html' : request;
    return (await cache.match(key)) || fetch(request);
  })());
});
