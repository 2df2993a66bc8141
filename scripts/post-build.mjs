// Trunk post_build hook. Runs in the staging directory Trunk is about to move
// to dist/ and (Trunk runs the hooks of one stage at once, so this one hook
// does it all, in order):
//  0. splits the wasm at its lazy routes (scripts/split.mjs);
//  1. writes the precache list and a content-hash cache version into sw.js;
//  2. puts the hash of each inline bootstrap <script> into the CSP of index.html;
//  3. writes 404.html (a copy of index.html) for static hosts that serve it on
//     unknown paths, so deep links open the app;
//  4. writes that same CSP into _headers (the headers Netlify and Cloudflare
//     Pages send), which adds what a <meta> policy cannot carry.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run me from Trunk)");
  process.exit(1);
}

// 0. The split renames the wasm and its glue: everything below reads its names.
await import("./split.mjs");

const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8");

// 2. CSP: hash every inline script exactly as it appears.
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`
);
if (!html.includes("__BOOTSTRAP_HASH__")) {
  console.error("post-build: index.html has no __BOOTSTRAP_HASH__ placeholder in its CSP");
  process.exit(1);
}
html = html.replace("__BOOTSTRAP_HASH__", hashes.join(" "));
writeFileSync(indexPath, html);
writeFileSync(join(staging, "404.html"), html);

// 4. The host's CSP header is the page's policy plus frame-ancestors.
const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
const headersPath = join(staging, "_headers");
const headers = readFileSync(headersPath, "utf8");
if (!csp || !headers.includes("__CSP__")) {
  console.error("post-build: need the CSP <meta> in index.html and __CSP__ in _headers");
  process.exit(1);
}
writeFileSync(headersPath, headers.replace("__CSP__", csp[1]));

// 1. Precache list: every file of the build except the worker itself, the
// copy of the page for unknown paths, and what only deployers use (the host's
// headers and the kill switch, which must never be served from the cache).
const notPrecached = new Set(["sw.js", "404.html", "_headers", "sw-kill.js"]);
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const files = walk(staging)
  .map((path) => relative(staging, path).split(sep).join("/"))
  .filter((path) => !notPrecached.has(path))
  .sort();
const version = createHash("sha256");
for (const file of files) {
  version.update(file);
  version.update(readFileSync(join(staging, file)));
}
const swPath = join(staging, "sw.js");
const sw = readFileSync(swPath, "utf8")
  .replace("__CACHE_VERSION__", version.digest("hex").slice(0, 16))
  .replace("__PRECACHE__", JSON.stringify(files, null, 2));
writeFileSync(swPath, sw);
console.log(`post-build: ${files.length} files precached, ${hashes.length} inline script hash(es) in the CSP`);
