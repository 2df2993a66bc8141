// Tandem's service worker: precaches the app shell so the app opens offline,
// answers navigations with index.html (deep links work offline), and waits for
// the page to say "skip-waiting" before a new version takes over. To take it
// out of every browser, deploy sw-kill.js in its place (README, "Deploying").
//
// scripts/post-build.mjs replaces the two placeholders below at build time.
const CACHE_VERSION = "__CACHE_VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = `tandem-shell-${CACHE_VERSION}`;
const CACHE_PREFIX = "tandem-shell-";

// Every URL is resolved against the worker's scope, so the app can be served
// under a sub-path.
const scoped = (path) => new URL(path, self.registration.scope).href;

// Only a whole, same-origin, direct answer is worth keeping: never an error
// page, an opaque or cross-origin answer, or a redirect (a navigation refuses
// a redirected response, so a cached one would break every page load).
const keepable = (response) =>
  response.status === 200 && response.type === "basic" && !response.redirected;

// Trunk names the wasm, its script and the stylesheet after their content
// (`tandem-1a2b…_bg.wasm`), and the pages' chunks sit in a directory named
// after theirs (`split-1a2b…/chunk_3.wasm`, scripts/split.mjs): what is
// stored under such a name never changes.
const contentHashed = (url) =>
  /-[0-9a-f]{12,16}(_bg)?\.(wasm|js|css)$|\/split-[0-9a-f]{16}\/[^/]+\.(wasm|js)$/.test(
    new URL(url).pathname,
  );

// Fetches one file of this version for the precache. `cache: "reload"` goes
// past the browser's HTTP cache: with a host's `max-age` that cache may still
// hold the previous deploy's index.html, which would pair this worker with
// old files. A content-hashed file cannot be stale, so the copy the page has
// just downloaded is taken from the HTTP cache: a first visit on mobile data
// does not download the app twice. A host that redirects (e.g. `/index.html`
// to `/`) gets the final body stored under the name asked for, as a fresh,
// unredirected response.
async function fetchForPrecache(url) {
  const cache = contentHashed(url) ? "default" : "reload";
  const response = await fetch(new Request(url, { cache }));
  if (response.status !== 200 || response.type !== "basic") {
    throw new Error(`precache: ${url} answered ${response.status} (${response.type})`);
  }
  if (!response.redirected) return response;
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

// Every file is fetched before any is stored: one failure fails the install,
// so a half-cached version never takes over.
self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const urls = PRECACHE.map(scoped);
      const responses = await Promise.all(urls.map(fetchForPrecache));
      const cache = await caches.open(CACHE);
      await Promise.all(responses.map((response, i) => cache.put(urls[i], response)));
    })()
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

// What the share sheet sends the installed app (the manifest's
// `share_target`) arrives as a form POST to receive. It is answered here, so
// it never reaches the network: the bundle found in it goes on to the receive
// page in the fragment, which the app reads and takes off the address at once.
async function shared(request) {
  const parts = [];
  try {
    const form = await request.formData();
    for (const value of form.values()) {
      parts.push(typeof value === "string" ? value : await value.text());
    }
  } catch (_) {
    // Not a form: the page says nothing was found.
  }
  const found = parts.join(" ").match(/TB[0-9]+\.[A-Za-z0-9_-]+/);
  return Response.redirect(scoped("receive") + "#" + (found ? found[0] : ""), 303);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method === "POST" && request.url === scoped("receive")) {
    event.respondWith(shared(request));
    return;
  }
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
            if (keepable(response)) {
              cache.put(request, response.clone());
            }
            return response;
          })
      )
    )
  );
});
