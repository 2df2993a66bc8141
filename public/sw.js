// Tandem's service worker: precaches the app shell so the app opens offline,
// answers navigations with index.html (deep links work offline), and waits for
// the page to say "skip-waiting" before a new version takes over.
//
// scripts/post-build.mjs replaces the two placeholders below at build time.
const CACHE_VERSION = "__CACHE_VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = `tandem-shell-${CACHE_VERSION}`;
const CACHE_PREFIX = "tandem-shell-";

// Every URL is resolved against the worker's scope, so the app can be served
// under a sub-path.
const scoped = (path) => new URL(path, self.registration.scope).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map(scoped)))
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE)
            .map((key) => caches.delete(key))
        )
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    // The cached app shell answers every navigation (deep links included), so
    // the page always matches the cached wasm and opens offline. A new deploy
    // is picked up by the browser's update check and offered as a prompt.
    event.respondWith(
      caches
        .open(CACHE)
        .then((cache) => cache.match(scoped("index.html")))
        .then((hit) => hit || fetch(request))
    );
    return;
  }

  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            // Only whole, same-origin answers are kept.
            if (response.ok && response.type === "basic") {
              cache.put(request, response.clone());
            }
            return response;
          })
      )
    )
  );
});
