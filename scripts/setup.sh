#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing, and says what
# it installs. Safe to run again: it is quick when everything is in place.
#
#   scripts/setup.sh          build tools (wasm target, trunk, wasm-bindgen, wasm-split, wasm-opt)
#   scripts/setup.sh browser  the same, plus Chromium and ChromeDriver for the tests
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
LEPTOSFMT_VERSION=0.1.33
WASM_SPLIT_VERSION=0.2.4
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# The wasm-bindgen CLI must match the library in Cargo.lock exactly.
wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ -z "$wasm_bindgen_version" ]; then
  echo "setup: could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
trunk_pin=$(awk -F'"' '/^wasm_bindgen *=/ { print $2 }' Trunk.toml)
if [ "$trunk_pin" != "$wasm_bindgen_version" ]; then
  echo "setup: Trunk.toml pins wasm_bindgen = \"$trunk_pin\" but Cargo.lock has $wasm_bindgen_version." >&2
  echo "       Set [tools] wasm_bindgen = \"$wasm_bindgen_version\" in Trunk.toml." >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown
fi

# The shipped wasm's toolchain (Makefile: WASM_TOOLCHAIN), with the
# standard library's source, which the release build compiles.
wasm_toolchain=${WASM_TOOLCHAIN:-$(awk '/^export WASM_TOOLCHAIN/ { print $4 }' Makefile)}
if ! rustup component list --toolchain "$wasm_toolchain" --installed 2>/dev/null | grep -q '^rust-src'; then
  say "Installing Rust $wasm_toolchain with the standard library's source (builds the shipped wasm)"
  rustup toolchain install "$wasm_toolchain" --profile minimal --component rust-src
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "Adding the Rust $component component"
    rustup component add "$component"
  fi
done

if ! leptosfmt --version 2>/dev/null | grep -q " $LEPTOSFMT_VERSION\$"; then
  say "Installing leptosfmt $LEPTOSFMT_VERSION (formats view! macros; about 1 minute)"
  cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "Installing trunk $TRUNK_VERSION (a cold build takes about 8 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $wasm_bindgen_version\$"; then
  say "Installing wasm-bindgen-cli $wasm_bindgen_version (about 2 minutes)"
  # No --locked: its lock file pins a crate the registry here does not serve.
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version" --force
fi

# Cuts the shipped wasm at its lazy routes (scripts/split.mjs).
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "Installing wasm-split-cli $WASM_SPLIT_VERSION (splits the wasm by page; about 2 minutes)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

if ! node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version 132" \
    || [ ! -f node_modules/axe-core/axe.min.js ] \
    || [ ! -x node_modules/.bin/esbuild ]; then
  say "Installing wasm-opt (npm binaryen 132), esbuild (minifies the glue) and axe-core (the accessibility check)"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "browser" ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "Installing Chromium and ChromeDriver (Debian packages)"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver
  fi
fi

# Trunk builds offline (Trunk.toml), so the crates must already be here:
# the app's, and those of the standard library the release build compiles.
cargo fetch --quiet
cargo +"$wasm_toolchain" fetch --quiet \
  --manifest-path "$(rustc +"$wasm_toolchain" --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
