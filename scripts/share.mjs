// `make size`, last part: what one part of the app adds to the first visit.
//
// Reads the main module with its names kept (target/size/tandem_bg.named.wasm,
// which scripts/size.mjs writes), empties the body of every function whose
// name matches a pattern (it returns at once, a zero if it returns a
// number), lets binaryen drop what only they used, and compares the gzip
// size with the module as built, both shrunk the same way. A part's
// functions are named after its modules, so a pattern of module paths is
// the part.
//
// Emptied, not made `unreachable`: binaryen inlines an unreachable body
// into its callers and drops all that follows the call, the callers' own
// code included, which counted three times what the part weighs.
//
//   node scripts/share.mjs NAME PATTERN [FILE]
//
// FILE is another module to read instead (`make size-whole` gives it the
// whole app, unsplit).
import binaryen from "binaryen";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [name, pattern, other] = process.argv.slice(2);
if (!name || !pattern) {
  console.error("usage: node scripts/share.mjs NAME PATTERN");
  process.exit(1);
}
const file = other ?? join(new URL("..", import.meta.url).pathname, "target/size/tandem_bg.named.wasm");
if (!existsSync(file)) {
  console.error(`share: ${file} is missing; run scripts/size.mjs first`);
  process.exit(1);
}
const part = new RegExp(pattern);
const kib = (n) => (n / 1024).toFixed(1);
const gzip = (bytes) => execFileSync("gzip", ["-9", "-c"], { input: bytes, maxBuffer: 1 << 30 }).length;

/** The module, shrunk, with the bodies of `cut` functions emptied first. */
function shrunk(cut) {
  const module = binaryen.readBinary(readFileSync(file));
  module.setFeatures(binaryen.Features.All);
  let count = 0;
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const fn = module.getFunctionByIndex(i);
    const info = binaryen.getFunctionInfo(fn);
    // `tandem[3bc2…]::storage::…`: the crate's disambiguator is not matched.
    if (info.body && cut(info.name.replace(/\[[0-9a-f]+\]/g, ""))) {
      binaryen._BinaryenFunctionSetBody(fn, returnAtOnce(module, info.results));
      count++;
    }
  }
  binaryen.setOptimizeLevel(2);
  binaryen.setShrinkLevel(2);
  module.optimize();
  const bytes = module.emitBinary();
  module.dispose();
  return { count, bytes };
}

/** A body that returns at once: nothing, or a zero of the result's type. */
function returnAtOnce(module, type) {
  switch (type) {
    case binaryen.none:
      return module.nop();
    case binaryen.i32:
      return module.i32.const(0);
    case binaryen.i64:
      return module.i64.const(0, 0);
    case binaryen.f32:
      return module.f32.const(0);
    case binaryen.f64:
      return module.f64.const(0);
    default:
      return module.unreachable();
  }
}

const built = shrunk(() => false);
const without = shrunk((n) => part.test(n));
console.log(
  `\n== what ${name} adds to ${other ? "the whole app" : "the first visit"}: ${kib(gzip(built.bytes) - gzip(without.bytes))} KiB gzip ` +
    `(${kib(built.bytes.length - without.bytes.length)} KiB raw; ${without.count} functions and what only they use) ==`,
);
