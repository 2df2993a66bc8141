//! Browser-API behaviour of the app shell, in headless Chromium
//! (`make test-wasm`).
#![cfg(target_arch = "wasm32")]

use leptos::task::tick;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn performance_marks_are_recorded_for_the_benchmarks() {
    tandem::pwa::mark("tandem:test-mark");
    let perf = web_sys::window().and_then(|w| w.performance()).expect("performance API");
    let entries = perf.get_entries_by_name("tandem:test-mark");
    assert_eq!(entries.length(), 1);
}

#[wasm_bindgen_test]
fn the_router_base_follows_the_document_base() {
    // The test page has no <base>: the app lives at the origin's root.
    let base = tandem::pwa::router_base();
    assert!(!base.ends_with('/'), "no trailing slash: {base:?}");
}

#[wasm_bindgen_test]
async fn the_app_mounts_with_its_landmarks() {
    // As main.rs does: the lock decides what shows (no passphrase here: the app).
    tandem::app::mount();
    tick().await;
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let main = document.query_selector("main#main").ok().flatten().expect("a <main> landmark");
    assert!(main.text_content().unwrap_or_default().contains("Your mentorships"));
    assert!(document.query_selector("a.skip-link").ok().flatten().is_some());
    assert!(document.query_selector("nav[aria-label='Main']").ok().flatten().is_some());
}
