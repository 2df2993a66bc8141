// `make size`: where the bytes of the shipped wasm are.
//
// The release build leaves wasm-bindgen's output with its names still in it:
// the main module of the split (scripts/split.mjs), what a first visit
// downloads, at target/split/bindgen/tandem-<hash>_bg.wasm, and the whole
// app unsplit at target/wasm-bindgen/release/tandem_bg.wasm (`--whole`,
// kept with its names at target/size/whole.named.wasm).
// This script runs the build's wasm-opt pass over it with -g, so the names
// survive, then reads the binary and prints:
//   - the shipped total (first visit: main wasm, JS glue and the chunks'
//     loader; then the other pages' chunks; raw and gzip -9);
//   - the wasm's sections;
//   - code bytes by crate (the first path segment of each function's name;
//     `<T as Trait>::f` counts for T's crate);
//   - the largest functions;
//   - the largest generic families: one function copied for many types
//     (names without their generic arguments and hash), with the copy count.
//
//   node scripts/size.mjs [--whole] [--top N] [--save FILE] [--against FILE]
//
// `--save` keeps the families of this build in FILE; `--against` a later
// build prints what grew or shrank most since: what a change costs.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const root = new URL("..", import.meta.url).pathname;
const top = Number(process.argv[process.argv.indexOf("--top") + 1]) || 25;
const kib = (n) => (n / 1024).toFixed(1).padStart(8);
// GNU gzip -9, as `make bench` measures (zlib's level 9 comes out ~0.6% larger).
const gz = (buf) => {
  try {
    return execFileSync("gzip", ["-9", "-c"], { input: buf, maxBuffer: 1 << 30 }).length;
  } catch {
    return gzipSync(buf, { level: 9 }).length;
  }
};

// --- shipped total -------------------------------------------------------
// What a first visit downloads (the main wasm, its glue, the chunks' loader),
// then the other pages' chunks (scripts/split.mjs).
const dist = join(root, "dist");
let raw = 0;
let zipped = 0;
let chunks = [0, 0, 0];
console.log("== shipped (dist/) ==");
for (const name of readdirSync(dist).sort()) {
  if (name.startsWith("split-")) {
    for (const chunk of readdirSync(join(dist, name))) {
      const bytes = readFileSync(join(dist, name, chunk));
      if (chunk.endsWith(".js")) {
        raw += bytes.length;
        zipped += gz(bytes);
        console.log(`${kib(bytes.length)} KiB raw ${kib(gz(bytes))} KiB gzip  ${name}/${chunk}`);
      } else {
        chunks = [chunks[0] + 1, chunks[1] + bytes.length, chunks[2] + gz(bytes)];
      }
    }
  }
  if (!(name.endsWith(".wasm") || (name.endsWith(".js") && name.startsWith("tandem-")))) continue;
  const bytes = readFileSync(join(dist, name));
  raw += bytes.length;
  zipped += gz(bytes);
  console.log(`${kib(bytes.length)} KiB raw ${kib(gz(bytes))} KiB gzip  ${name}`);
}
console.log(`${kib(raw)} KiB raw ${kib(zipped)} KiB gzip  first visit (budget 350 KiB gzip, goal 250)`);
console.log(`${kib(chunks[1])} KiB raw ${kib(chunks[2])} KiB gzip  the other pages, ${chunks[0]} chunks`);

// --- the same wasm with names kept ---------------------------------------
const splitGlue = join(root, "target/split/bindgen");
const mainModule = existsSync(splitGlue)
  ? readdirSync(splitGlue).find((n) => n.endsWith("_bg.wasm"))
  : undefined;
const bindgen =
  process.argv.includes("--whole") || !mainModule
    ? join(root, "target/wasm-bindgen/release/tandem_bg.wasm")
    : join(splitGlue, mainModule);
console.log(`\n(reading ${bindgen.slice(root.length)})`);
if (!existsSync(bindgen)) {
  console.error(`size: ${bindgen} is missing; run \`trunk build --release\` first`);
  process.exit(1);
}
// The level scripts/split.mjs shrinks every shipped module with.
const WASM_OPT = ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int"];
const outDir = join(root, "target/size");
mkdirSync(outDir, { recursive: true });
const whole = bindgen.endsWith("release/tandem_bg.wasm");
const named = join(outDir, whole ? "whole.named.wasm" : "tandem_bg.named.wasm");
execFileSync("wasm-opt", [...WASM_OPT, "-g", whole ? withoutRelocations(bindgen) : bindgen, "-o", named], {
  stdio: "inherit",
});
const wasm = readFileSync(named);

/** The unsplit module without the linker's sections (`--emit-relocs` leaves
 * them for the split; binaryen cannot handle a module that has them). */
function withoutRelocations(file) {
  const bytes = readFileSync(file);
  const kept = [bytes.subarray(0, 8)];
  let at = 8;
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return value;
    }
  };
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    const end = leb() + at;
    const name = id === 0 ? bytes.toString("utf8", at + 1, at + 1 + bytes[at]) : "";
    if (!(name === "linking" || name.startsWith("reloc."))) kept.push(bytes.subarray(start, end));
    at = end;
  }
  const out = join(outDir, "whole.stripped.wasm");
  writeFileSync(out, Buffer.concat(kept));
  return out;
}

// --- a minimal wasm reader -----------------------------------------------
let pos = 0;
const u8 = () => wasm[pos++];
function leb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = u8();
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return result;
  }
}
const str = () => {
  const len = leb();
  const s = wasm.toString("utf8", pos, pos + len);
  pos += len;
  return s;
};
const SECTION = ["custom", "type", "import", "function", "table", "memory", "global", "export",
  "start", "element", "code", "data", "datacount", "tag"];

pos = 8;
let importedFunctions = 0;
const bodies = []; // [size]
const names = new Map();
const sections = [];
while (pos < wasm.length) {
  const id = u8();
  const size = leb();
  const start = pos;
  const end = pos + size;
  let label = SECTION[id] ?? `#${id}`;
  if (id === 0) label = `custom "${str()}"`;
  if (id === 2) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      str();
      str();
      const kind = u8();
      if (kind === 0) {
        leb();
        importedFunctions++;
      } else if (kind === 1) {
        u8();
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 2) {
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 3) {
        u8();
        u8();
      } else {
        u8();
        leb();
      }
    }
  } else if (id === 10) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      const len = leb();
      bodies.push(len + 1);
      pos += len;
    }
  } else if (label === 'custom "name"') {
    while (pos < end) {
      const sub = u8();
      const len = leb();
      const subEnd = pos + len;
      if (sub === 1) {
        const count = leb();
        for (let i = 0; i < count; i++) {
          const idx = leb();
          names.set(idx, str());
        }
      }
      pos = subEnd;
    }
  }
  sections.push([label, size]);
  pos = end;
  void start;
}

console.log("\n== sections of the wasm (names kept; the shipped file has no name section) ==");
for (const [label, size] of sections.sort((a, b) => b[1] - a[1])) {
  console.log(`${kib(size)} KiB  ${label}`);
}

// --- attribution ---------------------------------------------------------
// `core[c5930c85a12de822]::fmt::write::h0123…` -> `core::fmt::write` (the
// crate disambiguator is printed without leading zeros: 1 to 16 digits)
const stripHash = (n) => n.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{1,16}\]/g, "");
function crateOf(name) {
  let n = stripHash(name).trim();
  // `<T as tachys::view::any_view::IntoAny>::into_any::build`: a blanket
  // impl over a type parameter (or `()`) belongs to the trait's crate.
  const blanket = n.match(/^<(?:&(?:mut )?)?(?:[A-Z][A-Za-z0-9]?|\(\)) as ([A-Za-z_][A-Za-z0-9_]*)::/);
  if (blanket) return blanket[1];
  // `<T as Trait>::f`, `<&mut T as …>`, `<[T] as …>`, `<(A, B) as …>`
  while (/^[<&*\[( ]|^mut |^const |^dyn /.test(n)) {
    n = n.replace(/^(<|&|\*|\[|\(| |mut |const |dyn )/, "");
  }
  const m = n.match(/^([A-Za-z_][A-Za-z0-9_]*)(::|<|$)/);
  if (!m) return "(other)";
  if (m[2] !== "::") return "(wasm-bindgen glue, allocator shims)";
  return m[1];
}
// Drop every `<…>` group (generic arguments and qualified-path heads stay
// readable): `leptos::x::Foo<T>::build` -> `leptos::x::Foo::build`.
function family(name) {
  let n = stripHash(name);
  if (n.startsWith("<")) {
    // Keep the `<T as Trait>` head but erase the generics inside T and Trait.
    let depth = 0;
    let i = 0;
    for (; i < n.length; i++) {
      if (n[i] === "<") depth++;
      if (n[i] === ">" && --depth === 0) break;
    }
    const head = n.slice(1, i);
    const rest = n.slice(i + 1);
    const parts = head.split(" as ");
    return `<${parts.map(eraseGenerics).join(" as ")}>${eraseGenerics(rest)}`;
  }
  return eraseGenerics(n);
}
function eraseGenerics(s) {
  let out = "";
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "<" && !s.startsWith("<impl ", i)) depth++;
    if (depth === 0) out += c;
    if (c === ">" && depth > 0) depth--;
  }
  return out;
}

// The app's own code by module (`tandem::pages::data`, `tandem::model::goal`…).
function moduleOf(name) {
  const n = stripHash(name).replace(/^<+/, "");
  const m = n.match(/^tandem::([a-z_0-9]+)(?:::([a-z_0-9]+))?/);
  return m ? `tandem::${m[1]}${m[2] ? `::${m[2]}` : ""}` : null;
}
const byModule = new Map();
const byCrate = new Map();
const byFamily = new Map();
const fns = [];
let code = 0;
bodies.forEach((size, i) => {
  const name = names.get(importedFunctions + i) ?? `func[${importedFunctions + i}]`;
  code += size;
  fns.push([size, stripHash(name)]);
  const crate = crateOf(name);
  const c = byCrate.get(crate) ?? [0, 0];
  byCrate.set(crate, [c[0] + size, c[1] + 1]);
  const mod = crate === "tandem" ? moduleOf(name) : null;
  if (mod) {
    const m = byModule.get(mod) ?? [0, 0];
    byModule.set(mod, [m[0] + size, m[1] + 1]);
  }
  const fam = family(name);
  const f = byFamily.get(fam) ?? [0, 0];
  byFamily.set(fam, [f[0] + size, f[1] + 1]);
});

const pct = (n) => `${((100 * n) / code).toFixed(1).padStart(5)}%`;
console.log(`\n== code by crate (${(code / 1024).toFixed(1)} KiB of function bodies, ${bodies.length} functions) ==`);
for (const [crate, [size, count]] of [...byCrate].sort((a, b) => b[1][0] - a[1][0]).slice(0, top)) {
  console.log(`${kib(size)} KiB ${pct(size)} ${String(count).padStart(6)} fns  ${crate}`);
}
console.log(`\n== the app's own code by module (what was inlined into it counts too) ==`);
for (const [mod, [size, count]] of [...byModule].sort((a, b) => b[1][0] - a[1][0]).slice(0, top)) {
  console.log(`${kib(size)} KiB ${pct(size)} ${String(count).padStart(6)} fns  ${mod}`);
}
const cut = (s) => (s.length > 150 ? `${s.slice(0, 147)}...` : s);
console.log(`\n== largest functions ==`);
for (const [size, name] of fns.sort((a, b) => b[0] - a[0]).slice(0, top)) {
  console.log(`${kib(size)} KiB  ${cut(name)}`);
}
console.log(`\n== largest generic families (one function, many copies) ==`);
for (const [fam, [size, count]] of [...byFamily]
  .filter(([, [, count]]) => count > 1)
  .sort((a, b) => b[1][0] - a[1][0])
  .slice(0, top)) {
  console.log(`${kib(size)} KiB ${String(count).padStart(5)}×  ${cut(fam)}`);
}

// --- what a change costs ---------------------------------------------------
// `--save FILE` keeps this build's families; `--against FILE` prints the
// families that grew or shrank most since the build saved there.
const option = (flag) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : null);
const save = option("--save");
if (save) {
  writeFileSync(save, JSON.stringify(Object.fromEntries(byFamily)));
  console.log(`\n(families saved to ${save})`);
}
const against = option("--against");
if (against) {
  const before = new Map(Object.entries(JSON.parse(readFileSync(against, "utf8"))));
  const keys = new Set([...before.keys(), ...byFamily.keys()]);
  const delta = [...keys].map((k) => {
    const [was, wasCount] = before.get(k) ?? [0, 0];
    const [now, nowCount] = byFamily.get(k) ?? [0, 0];
    return [now - was, nowCount - wasCount, k];
  });
  const total = delta.reduce((sum, [d]) => sum + d, 0);
  console.log(`\n== since ${against}: ${(total / 1024).toFixed(1)} KiB of function bodies ==`);
  for (const [d, n, k] of delta.sort((a, b) => Math.abs(b[0]) - Math.abs(a[0])).slice(0, top)) {
    const sign = d > 0 ? "+" : "";
    console.log(`${(sign + (d / 1024).toFixed(1)).padStart(8)} KiB ${(n > 0 ? "+" : "") + n}×`.padEnd(22) + `  ${cut(k)}`);
  }
}
