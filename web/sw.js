// vpcplan's service worker: once the planner has been opened online, it opens
// again without a network (a training room with bad Wi-Fi, a train).
//
// Each build is cached whole, as one snapshot, when this worker installs:
// `offline-files.json` lists every file of the build, and the build id below
// is stamped by `cargo xtask post-build` (a trunk post-build hook), so a
// new build means a new worker, a new snapshot, and the old one deleted.
// Files named by their content (trunk's `name-<hash>.ext`) never change, so
// they come from the snapshot. Pages and files with fixed names (the
// exporter's worker) are fetched from the network first, so a new build shows
// as soon as it is deployed, and from the snapshot when the network fails or
// is too slow.
const BUILD = '__VPCPLAN_BUILD__';
const CACHE = `vpcplan-${BUILD}`;
const PAGE = './';
/** How long a page request may wait for the network when a copy is cached. */
const NETWORK_PATIENCE_MS = 4000;
/** trunk's `name-<16 hex digits>.ext`: a new content is a new name. */
const NAMED_BY_CONTENT = /-[0-9a-f]{16}(_bg)?\.[a-z0-9]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const listing = await fetch('offline-files.json', { cache: 'no-store' });
      if (!listing.ok) throw new Error(`offline-files.json: HTTP ${listing.status}`);
      const { files } = await listing.json();
      const cache = await caches.open(CACHE);
      await cache.addAll(files.map((file) => new Request(file, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('vpcplan-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, PAGE));
  } else if (NAMED_BY_CONTENT.test(new URL(request.url).pathname)) {
    event.respondWith(snapshotFirst(request));
  } else {
    event.respondWith(networkFirst(request, request));
  }
});

/** The network's answer, or the snapshot's copy of `key` when the network fails or keeps us waiting. */
async function networkFirst(request, key) {
  const cached = await (await caches.open(CACHE)).match(key, { ignoreSearch: true });
  const network = fetch(request);
  if (!cached) return network;
  const patience = new Promise((resolve) => setTimeout(resolve, NETWORK_PATIENCE_MS, cached));
  return Promise.race([network.then((response) => (response.ok ? response : cached), () => cached), patience]);
}

async function snapshotFirst(request) {
  return (await (await caches.open(CACHE)).match(request, { ignoreSearch: true })) ?? fetch(request);
}
