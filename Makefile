# Tandem: `make serve` to run the app, `make test` to run every test.
# Each target installs what it needs first (scripts/setup.sh).

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
export CHROME_BIN := /usr/bin/chromium

# The shipped wasm is built with a pinned nightly Rust that compiles the
# standard library for size and makes a panic abort at once, without the
# formatting machinery panic messages need (41 KiB gzip less; issue 15).
# Everything else — lints, native and wasm tests — builds with stable Rust.
# scripts/setup.sh installs it (rustup, with the library's source).
export WASM_TOOLCHAIN := nightly-2026-05-20
# The linker keeps its relocations (--emit-relocs) for the split step that
# cuts the wasm at its lazy routes (scripts/split.mjs; issue 15).
RELEASE_BUILD := RUSTUP_TOOLCHAIN=$(WASM_TOOLCHAIN) CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Clink-args=--emit-relocs"

.PHONY: serve build test lint fmt test-native test-wasm test-e2e bench size size-whole setup setup-browser clean

## Build the app and serve it on http://127.0.0.1:8080
serve: setup
	$(RELEASE_BUILD) trunk serve --release

## Build the release app into dist/
build: setup
	$(RELEASE_BUILD) trunk build --release

## Check the style, then run all three levels of tests: native, wasm in
## Chromium, end-to-end journeys
test: setup-browser
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory test-native
	@$(MAKE) --no-print-directory test-wasm
	@$(MAKE) --no-print-directory test-e2e
	@echo "All tests passed."

## One style, checked by a machine: formatting (leptosfmt for view! bodies,
## then rustfmt) and clippy with warnings as errors, native and wasm.
lint: setup
	@echo "==> Lint (leptosfmt, rustfmt, clippy)"
	leptosfmt --check --quiet src tests benches
	cargo fmt --check
	cargo clippy --all-targets --features e2e -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --bins --features split -- -D warnings

## Format the whole tree the way `make lint` wants it (twice: each tool's
## output can move what the other formats).
fmt: setup
	leptosfmt --quiet src tests benches && cargo fmt
	leptosfmt --quiet src tests benches && cargo fmt

test-native:
	@echo "==> Native tests (model, storage rules, renderers)"
	cargo test --lib --tests

test-wasm:
	@echo "==> Browser-API tests (wasm-bindgen-test in headless Chromium)"
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target wasm32-unknown-unknown --lib --tests

test-e2e: build
	@echo "==> End-to-end journeys (release build in Chromium via ChromeDriver)"
	cargo test --features e2e --test e2e -- --test-threads=2

## Print the figures: shipped size, cold start, large-data load and save
bench: setup-browser build
	cargo bench --profile dev --features e2e --bench figures

## Where the shipped wasm's bytes are: the total (wasm+js, raw and gzip), then
## code by crate, the largest functions and the functions copied for many
## types, read from the release build with its names kept (scripts/size.mjs);
## and what the lock adds to the first visit (scripts/share.mjs)
size: build
	node scripts/size.mjs
	node scripts/share.mjs "the lock (issue 14: budget 15 KiB gzip)" '$(LOCK_CODE)'

## The same for the whole app, unsplit: every page's code, as if it were one
## download.
size-whole: build
	node scripts/size.mjs --whole
	node scripts/share.mjs "the lock" '$(LOCK_CODE)' target/size/whole.named.wasm

## The lock's code, all of it: its storage and crypto, its state, its screen,
## its settings and protected files on the Data page, and its actions.
LOCK_CODE := tandem::(storage::vault|pages::lock|state::lock|components::(lock_settings|protect_form)|state::actions::lock)

setup:
	@scripts/setup.sh

setup-browser:
	@scripts/setup.sh browser

clean:
	cargo clean
	rm -rf dist node_modules
