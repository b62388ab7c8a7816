// During development the app is always loaded from the network; the published app caches its shell
// (service-worker.published.js replaces this file on publish).
self.addEventListener('fetch', () => { });
