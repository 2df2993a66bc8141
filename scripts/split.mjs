// Step 0 of Trunk's post_build hook (post-build.mjs imports it first): splits the app's wasm
// so the first visit downloads only what the shell and the home page need.
// Every other page is a lazy route (`#[lazy_route]`, src/app.rs) whose code
// is fetched when the page is first opened (and precached for offline use
// by the service worker, like every other file of the build).
//
// Trunk has no split step (trunk-rs/trunk#1022), so this hook does what
// cargo-leptos does with `--split`, on the wasm cargo linked with
// `--emit-relocs` (the Makefile's RELEASE_BUILD):
//  1. `wasm-split-cli` (wasm_split_cli_support) cuts it into the main module
//     and chunks, and writes the chunks' loader, `__wasm_split.js`;
//  2. wasm-bindgen runs again on the main module (`--keep-lld-exports`, which
//     the chunks link against) and its glue replaces Trunk's, under Trunk's
//     content-hashed names, so index.html's bootstrap loads it unchanged;
//  3. wasm-opt shrinks every module (index.html sets Trunk's own pass off:
//     it would only shrink the unsplit module this hook replaces);
//  4. everything it made is named after a hash of it all: the glue and the
//     main module (`tandem-<hash>`, in place of Trunk's) and the directory
//     of the loader and chunks (`split-<hash>/`), so a new build never pairs
//     with an old piece from a cache; index.html takes the new names and
//     integrity hashes, and preloads the loader;
//  5. the glue and the loader are minified (esbuild, package.json): a
//     quarter less to download on the first visit.
import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { transformSync, version as esbuildVersion } from "esbuild";

/** wasm-opt's level for every shipped module, and the features it may use.
 * `TANDEM_WASM_NAMES=1` keeps the functions' names, for a profiler to show
 * (`BENCH_PROFILE`, benches/figures.rs); never for a build that ships. */
const WASM_OPT = [
  "-Oz",
  "--enable-bulk-memory",
  "--enable-nontrapping-float-to-int",
  ...(process.env.TANDEM_WASM_NAMES === "1" ? ["-g"] : []),
];

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("split: TRUNK_STAGING_DIR is not set (run me from Trunk)");
  process.exit(1);
}
const root = new URL("..", import.meta.url).pathname;
const profile = process.env.TRUNK_PROFILE === "release" ? "release" : "debug";
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const input = join(targetDir, "wasm32-unknown-unknown", profile, "tandem.wasm");
const work = join(targetDir, "split");

const fail = (why) => {
  console.error(`split: ${why}`);
  process.exit(1);
};
// Runs a tool quietly (wasm-opt warns about every chunk's name section);
// what it said is shown when it fails.
const failed = (tool, error, stderr) => {
  if (stderr?.length) console.error(stderr.toString());
  fail(`${tool} failed (${error.message.split("\n")[0]}); \`make setup\` installs it`);
};
const run = (tool, args) => {
  try {
    execFileSync(tool, args, { stdio: ["ignore", "ignore", "pipe"] });
  } catch (e) {
    failed(tool, e, e.stderr);
  }
};
/**
 * The loader with Tandem's makeLoad (scripts/chunk-load.js): a load never
 * fails, and a chunk gone from the server says so.
 */
function keepTrying(loader) {
  const start = loader.indexOf("function makeLoad(fetcher, deps) {");
  const end = loader.indexOf("\n}\n", start);
  if (start < 0 || end < 0) fail("the chunks' loader has no makeLoad to replace (a new wasm-split-cli?)");
  const instantiate = "WebAssembly.instantiateStreaming(src, imports)";
  if (!loader.includes(instantiate)) fail(`the chunks' loader has no ${instantiate} (a new wasm-split-cli?)`);
  const ours = readFileSync(join(root, "scripts", "chunk-load.js"), "utf8").replace(/^\/\/.*\n/gm, "");
  return (loader.slice(0, start) + ours.trim() + loader.slice(end + 2)).replaceAll(
    instantiate,
    "instantiateChunk(src, imports)",
  );
}

const runAsync = (tool, args) =>
  new Promise((resolve) => {
    execFile(tool, args, (error, _stdout, stderr) => {
      if (error) failed(tool, error, stderr);
      resolve();
    });
  });
const sha384 = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

// Trunk's names: tandem-<hash>.js and tandem-<hash>_bg.wasm.
const glue = readdirSync(staging).find((n) => /^tandem-[0-9a-f]+\.js$/.test(n));
if (!glue) fail(`no tandem-<hash>.js in ${staging}`);
const stem = glue.slice(0, -3);

// 1. Split.
rmSync(work, { recursive: true, force: true });
const pieces = join(work, "pieces");
mkdirSync(pieces, { recursive: true });
run("wasm-split-cli", [input, pieces, "--out-name", stem]);
const chunks = readdirSync(pieces).filter((n) => n.endsWith(".wasm") && n !== `${stem}.wasm`);
if (chunks.length === 0) fail("no chunk came out: was the wasm linked with --emit-relocs?");

// 2. The main module's glue.
const bindgen = join(work, "bindgen");
run("wasm-bindgen", [
  "--target", "web", "--keep-lld-exports", "--no-typescript",
  "--out-dir", bindgen, "--out-name", stem, join(pieces, `${stem}.wasm`),
]);

// 3. Shrink every module: the main one in place of Trunk's, the chunks
// aside until their directory is named.
// One wasm-opt per core at a time.
const mainWasm = join(staging, `${stem}_bg.wasm`);
const shrunk = join(work, "shrunk");
mkdirSync(shrunk);
const jobs = [[join(bindgen, `${stem}_bg.wasm`), mainWasm]].concat(
  chunks.map((chunk) => [join(pieces, chunk), join(shrunk, chunk)]),
);
await Promise.all(
  Array.from({ length: availableParallelism() }, async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      await runAsync("wasm-opt", [...WASM_OPT, job[0], "-o", job[1]]);
    }
  }),
);

// 4. Names after content. Trunk named the glue and the main module after
// its unsplit build; the split replaces both, so they, and the directory of
// the loader and chunks, are named after a hash of everything the split
// made: a host may keep a file of such a name for good, and a new build
// never pairs with an old piece.
const shrunkChunks = chunks.sort().map((chunk) => [chunk, readFileSync(join(shrunk, chunk))]);
const glueText = readFileSync(join(bindgen, `${stem}.js`), "utf8");
// The loader's comments (which chunk serves which route) are left out, and
// its makeLoad is ours: a chunk that does not arrive is asked for again, not
// reported, since the Rust side aborts the whole app on a failed load.
const loaderText = keepTrying(
  readFileSync(join(pieces, "__wasm_split.js"), "utf8").replace(/^\/\*.*\*\/\n/gm, ""),
);
// The minifier's version and options count too: they change the bytes
// shipped under these names, which hosts may keep for good.
const MINIFY = { minify: true, format: "esm", legalComments: "none" };
const content = createHash("sha256")
  .update(`esbuild ${esbuildVersion} ${JSON.stringify(MINIFY)}`)
  .update(glueText)
  .update(loaderText)
  .update(readFileSync(mainWasm));
for (const [chunk, bytes] of shrunkChunks) content.update(chunk).update(bytes);
const hash = content.digest("hex").slice(0, 16);
const newStem = `tandem-${hash}`;
const dir = `split-${hash}`;

// 5. Minified: names inside each module shortened, imports and exports kept.
const minify = (code) => transformSync(code, MINIFY).code;
const loader = minify(loaderText.replaceAll(`from "./${stem}.js"`, `from "../${newStem}.js"`));
mkdirSync(join(staging, dir));
writeFileSync(join(staging, dir, "__wasm_split.js"), loader);
for (const [chunk, bytes] of shrunkChunks) writeFileSync(join(staging, dir, chunk), bytes);
const js = minify(
  glueText
    .replaceAll(`from "./__wasm_split.js"`, `from "./${dir}/__wasm_split.js"`)
    .replaceAll(`${stem}_bg.wasm`, `${newStem}_bg.wasm`),
);
rmSync(join(staging, glue));
writeFileSync(join(staging, `${newStem}.js`), js);
renameSync(mainWasm, join(staging, `${newStem}_bg.wasm`));

// index.html: the new names and their integrity, and the loader fetched
// alongside the glue instead of after it.
const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8").replaceAll(stem, newStem);
const integrity = (name, bytes) => {
  const link = new RegExp(`(<link[^>]*href="[^"]*${name.replace(".", "\\.")}"[^>]*integrity=")[^"]*(")`);
  if (!link.test(html)) fail(`index.html has no preload link with integrity for ${name}`);
  html = html.replace(link, `$1${sha384(bytes)}$2`);
};
integrity(`${newStem}.js`, js);
integrity(`${newStem}_bg.wasm`, readFileSync(join(staging, `${newStem}_bg.wasm`)));
const glueLink = html.match(/<link rel="modulepreload"[^>]*>/)?.[0];
if (!glueLink) fail("index.html has no modulepreload link for the glue");
const loaderLink = glueLink
  .replace(`${newStem}.js"`, `${dir}/__wasm_split.js"`)
  .replace(/integrity="[^"]*"/, `integrity="${sha384(loader)}"`);
html = html.replace(glueLink, `${glueLink}\n${loaderLink}`);
writeFileSync(indexPath, html);

const kib = (n) => (n / 1024).toFixed(1);
const chunkBytes = shrunkChunks.reduce((sum, [, bytes]) => sum + bytes.length, 0);
console.log(
  `split: ${newStem}_bg.wasm ${kib(readFileSync(join(staging, `${newStem}_bg.wasm`)).length)} KiB, ` +
    `${chunks.length} chunks ${kib(chunkBytes)} KiB in ${dir}/`,
);
