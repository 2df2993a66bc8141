// Tandem's service-worker kill switch. It is NOT used by a normal deploy.
//
// If a deployed service worker ever misbehaves (serves a broken or stale app
// and will not let go), deploy the site with this file in place of sw.js:
//
//     cp dist/sw-kill.js dist/sw.js    # then upload dist/ as usual
//
// Every browser that has Tandem installed fetches sw.js when it next opens the
// app (or checks for an update), installs this worker, and this worker at
// once deletes Tandem's caches, unregisters itself and reloads the open tabs.
// The pages then come straight from the host with no worker in between, so
// the app works online only. The person's data (localStorage) is not touched:
// Tandem saves as it goes and when a page is left (only a form not yet
// submitted is lost).
//
// The tabs are reloaded, not asked to reload: while another tab is still
// controlled, a tab that reloads and registers sw.js again revives this
// registration (seen in Chromium), and the worker would stay.
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
      .then(() => self.clients.matchAll({ type: "window" }))
      .then((tabs) => Promise.all(tabs.map((tab) => tab.navigate(tab.url).catch(() => null))))
  );
});

// No fetch handler: every request goes to the network as if there were no
// worker at all.
