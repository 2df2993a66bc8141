// Tandem's service-worker kill switch. It is NOT used by a normal deploy.
//
// If a deployed service worker ever misbehaves (serves a broken or stale app
// and will not let go), deploy the site with this file in place of sw.js:
//
//     cp dist/sw-kill.js dist/sw.js    # then upload dist/ as usual
//
// Every browser that has Tandem installed fetches sw.js when it next opens the
// app (or checks for an update), installs this worker, and this worker at
// once deletes Tandem's caches and unregisters itself. Open tabs keep running
// what they loaded and say that they must be reloaded; after a reload the page
// comes straight from the host with no worker in between, so it works online
// only. The person's data (localStorage) is not touched.
//
// To go back to normal, deploy a regular build again: its sw.js registers and
// precaches as on a first visit.
const CACHE_PREFIX = "tandem-shell-";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key.startsWith(CACHE_PREFIX)).map((key) => caches.delete(key)))
      )
      .then(() => self.registration.unregister())
  );
});

// No fetch handler: every request goes to the network as if there were no
// worker at all.
