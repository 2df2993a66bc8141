// The chunks' loader's makeLoad, as Tandem ships it: scripts/split.mjs puts
// it in place of the one wasm-split-cli writes (which reports a failed load
// to the Rust side, and that aborts the whole app).
//
// A load never fails. A chunk that cannot be fetched (offline before the
// service worker has stored it, a dropped connection, a server error) is
// asked for again after 1, 2, 4… up to 30 seconds, or as soon as the browser
// is back online; the page being opened waits, and the app says so
// (src/components/page_loading.rs).
//
// A chunk the server answers for but cannot give (404 or 410, an HTML page
// in its place, a module that does not link with this build) belongs to a version of
// Tandem that is no longer deployed: another tab applied an update and its
// worker deleted the old cache, or the site was deployed while this tab had
// no worker. Reloading is the only way on, so the window gets a
// `tandem:code-gone` event (src/pwa.rs offers the reload); the load keeps
// trying meanwhile, in case the answer came from a captive portal.

/** A chunk the server no longer has in the form this build needs. */
class CodeGone extends Error {}

/** Fetches and instantiates a chunk, telling "gone" apart from "not yet". */
async function instantiateChunk(src, imports) {
    const response = await src; // a rejection is the network: not yet
    // Gone for good: not found, or a page (a host's fallback) in its place.
    // Anything else (a server error, a proxy, a limit) may pass: not yet.
    if (response.status === 404 || response.status === 410) {
        throw new CodeGone(`${response.url}: HTTP ${response.status}`);
    }
    if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
    if ((response.headers.get("content-type") ?? "").startsWith("text/html")) {
        throw new CodeGone(`${response.url}: a page, not wasm`);
    }
    try {
        return await WebAssembly.instantiateStreaming(response, imports);
    } catch (e) {
        // A module that does not link is another build's; one that does not
        // compile may have been cut short by the network.
        throw e instanceof WebAssembly.LinkError ? new CodeGone(`${response.url}: ${e}`) : e;
    }
}

function makeLoad(fetcher, deps) {
    const attempt = async () => {
        const instantiate = fetcher(); // fetches alongside the chunks it needs
        await Promise.all(deps.map((load) => load()));
        return instantiate(getSharedImports());
    };
    const nextTry = (ms) => new Promise((resolve) => {
        const go = () => { clearTimeout(timer); removeEventListener("online", go); resolve(); };
        const timer = setTimeout(go, ms);
        addEventListener("online", go);
    });
    let loading = undefined;
    return () => loading ??= (async () => {
        for (let wait = 1000; ; wait = Math.min(2 * wait, 30000)) {
            try {
                return await attempt();
            } catch (e) {
                console.warn("Tandem: a page's code did not load; trying again", e);
                if (e instanceof CodeGone) dispatchEvent(new Event("tandem:code-gone"));
                await nextTry(wait);
            }
        }
    })();
}
