//! The reactive store's saving, in the browser: debounced saves, failures
//! kept pending and reported by severity.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use tandem::state::Store;
use tandem::storage::memory::MemoryBackend;
use tandem::storage::repository::doc_key;
use tandem::storage::SaveError;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;

use support::doc;

#[wasm_bindgen_test]
fn a_flush_with_mixed_failures_keeps_retrying_what_did_not_fit() {
    let owner = Owner::new();
    owner.with(|| {
        let backend = MemoryBackend::new();
        let unreadable = doc("Unreadable");
        backend.plant(&doc_key(unreadable.id()), "damaged");
        let store = Store::open(Box::new(backend.clone()));
        // One save fails because storage is full, another because the stored
        // copy must not be overwritten: the full one must not be forgotten.
        backend.set_quota(Some(backend.used() + 10));
        store.insert(doc("Too big to fit"));
        store.insert(unreadable);
        store.flush();
        let status = store.status.get_untracked();
        assert_eq!(status.save_error, Some(SaveError::Full), "the most serious failure is shown");
        assert_eq!(status.pending, 1, "the document that did not fit is still pending");

        backend.set_quota(None);
        store.flush();
        let status = store.status.get_untracked();
        assert_eq!(status.save_error, None);
        assert_eq!(status.pending, 0);
        assert!(status.last_saved.is_some());
    });
}

#[wasm_bindgen_test]
fn changes_to_a_closed_mentorship_are_refused() {
    let owner = Owner::new();
    owner.with(|| {
        let store = Store::open(Box::new(MemoryBackend::new()));
        let mut d = doc("Archived");
        d.mentorship.status = tandem::model::mentorship::Status::Closed;
        let id = d.id();
        store.insert(d);
        assert_eq!(store.change(id, |doc, _| doc.mentorship.focus = "edited".into()), None);
        assert!(store
            .change_closed(id, |doc, _| doc.mentorship.focus = "reopening".into())
            .is_some());
    });
}
