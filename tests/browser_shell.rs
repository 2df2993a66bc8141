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

#[wasm_bindgen_test]
async fn a_form_at_work_waits_refuses_a_second_submit_then_shows_its_errors() {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use leptos::prelude::*;
    use tandem::components::form::Working;
    use tandem::state::ActionError;

    let work = Working::new();
    // The work ends when the test says so (as a key derivation would).
    let resolve = Rc::new(RefCell::new(None::<js_sys::Function>));
    let promise = {
        let resolve = resolve.clone();
        js_sys::Promise::new(&mut |done, _| *resolve.borrow_mut() = Some(done))
    };
    let (started, outcome) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(None::<bool>)));
    let start = {
        let started = started.clone();
        move || -> tandem::components::form::Work {
            started.set(started.get() + 1);
            Box::pin(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                Err(ActionError::field("passphrase", "That passphrase does not open the file."))
            })
        }
    };
    let told = outcome.clone();
    work.run(start, move |ok| told.set(Some(ok)));
    assert!(work.busy().get_untracked(), "busy while the work runs");
    work.run(|| unreachable!("a second submit while busy starts nothing"), |_| ());
    assert_eq!(started.get(), 1);

    let done = resolve.borrow_mut().take().expect("the promise's resolver");
    let _ = done.call0(&wasm_bindgen::JsValue::NULL);
    for _ in 0..5 {
        tick().await;
    }
    assert!(!work.busy().get_untracked(), "free again once done");
    assert_eq!(outcome.get(), Some(false));
    let errors = work.errors().get_untracked();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "passphrase");
}
