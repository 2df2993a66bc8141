//! Storage against the browser's real `localStorage`, in headless Chromium:
//! round trips, a store filled to its quota, corrupted values.
#![cfg(target_arch = "wasm32")]

use tandem::model::sample;
use tandem::storage::web::BrowserStorage;
use tandem::storage::{Backend, Loaded, Namespace, Problem, Repository, SaveError, StorageError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;

use support::{doc, now};

fn local_storage() -> web_sys::Storage {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).expect("localStorage")
}

/// What `localStorage` holds under `key`.
fn stored(key: &str) -> Option<String> {
    local_storage().get_item(key).ok().flatten()
}

/// Opens the root deployment's storage, as the app at `/` does.
fn open() -> (Repository<BrowserStorage>, Loaded) {
    Repository::open(BrowserStorage, Namespace::root())
}

/// Where a mentorship is stored at the root before any replace.
fn doc_key(id: uuid::Uuid) -> String {
    Namespace::root().doc(0, id)
}

/// Each test starts from an empty store (the tests share one origin).
fn clear() {
    local_storage().clear().expect("clear");
}

#[wasm_bindgen_test]
fn a_library_round_trips_through_real_local_storage() {
    clear();
    let (mut repo, loaded) = open();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let lib = sample::library(2, 20, now());
    for d in &lib.mentorships {
        repo.save_doc(d).expect("save");
    }
    let (_, again) = open();
    let mut expected = lib.mentorships.clone();
    expected.sort_by_key(|d| (d.mentorship.meta.created_at, d.id()));
    assert_eq!(again.library.mentorships, expected);
    // What is stored is the packed form, and the header says which schema.
    let packed = stored(&doc_key(lib.mentorships[0].id())).expect("stored");
    assert!(packed.starts_with("TZ1:"));
    assert!(stored(&Namespace::root().meta()).is_some_and(|m| m.contains("\"schema\":1")));
    clear();
}

#[wasm_bindgen_test]
fn a_full_store_gives_a_quota_error_and_loses_nothing() {
    clear();
    let (mut repo, _) = open();
    let mut d = doc("Ada Lovelace");
    repo.save_doc(&d).expect("save");
    let key = doc_key(d.id());
    let before = stored(&key).expect("stored");

    // Fill what is left of the origin's quota.
    let storage = local_storage();
    let mut chunk = "x".repeat(1 << 20);
    let mut n = 0;
    loop {
        match storage.set_item(&format!("filler-{n}"), &chunk) {
            Ok(()) => n += 1,
            Err(_) if chunk.len() > 64 => chunk.truncate(chunk.len() / 2),
            Err(_) => break,
        }
    }
    assert_eq!(
        BrowserStorage.set("probe", &"y".repeat(1000)),
        Err(StorageError::QuotaExceeded),
        "the browser's error is recognised"
    );

    // A bigger edit no longer fits: a clear error, the stored copy whole.
    d.mentorship.focus = (0..60).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    d.mentorship.meta.touch(now());
    assert_eq!(repo.save_doc(&d), Err(SaveError::Full));
    assert_eq!(stored(&key), Some(before));
    let (_, loaded) = open();
    assert_eq!(loaded.library.mentorships.len(), 1, "still readable");
    assert!(loaded.problems.contains(&Problem::Full), "{:?}", loaded.problems);
    clear();
}

#[wasm_bindgen_test]
fn a_corrupted_value_is_kept_aside_and_the_rest_still_loads() {
    clear();
    let (mut repo, _) = open();
    let good = doc("Ada Lovelace");
    repo.save_doc(&good).expect("save");
    let key = doc_key(good.id());
    // Damage the stored value: cut it in half.
    let whole = stored(&key).expect("stored");
    let damaged: String = whole.chars().take(whole.chars().count() / 2).collect();
    local_storage().set_item(&key, &damaged).expect("damage");
    // The tab that had it open cannot write over the damaged value either.
    assert_eq!(repo.save_doc(&good), Err(SaveError::Protected));
    let other = doc("Grace Hopper");
    repo.save_doc(&other).expect("another mentorship saves");

    let (mut repo3, loaded) = open();
    assert_eq!(loaded.library.mentorships.len(), 1);
    assert_eq!(loaded.library.mentorships[0].mentorship.mentee, "Grace Hopper");
    assert!(
        matches!(&loaded.problems[..], [Problem::Corrupt { key: k, .. }] if *k == key),
        "{:?}",
        loaded.problems
    );
    assert_eq!(repo3.save_doc(&good), Err(SaveError::Protected));
    assert_eq!(stored(&key), Some(damaged.clone()));
    assert_eq!(repo3.raw(&key), Some(damaged));
    clear();
}

#[wasm_bindgen_test]
fn the_device_keeps_its_id_and_exchanges_apart_from_the_library() {
    clear();
    let (mut repo, _) = open();
    assert!(repo.stored_device().is_none(), "nothing is written until it is needed");
    let mut device = repo.device();
    let key = Namespace::root().device();
    assert!(stored(&key).is_some(), "a new device's id is stored at once");
    let mentorship = uuid::Uuid::from_u128(7);
    device.heard_from(mentorship, uuid::Uuid::from_u128(8), tandem::model::Side::Mentor);
    repo.save_device(&device).expect("save");
    let (mut again, loaded) = open();
    assert!(loaded.problems.is_empty(), "the device key is not data: {:?}", loaded.problems);
    assert_eq!(again.device(), device, "the same id and what it heard, after a reload");

    // Unreadable: a new id, stored in its place; nothing else is touched.
    local_storage().set_item(&key, "damaged").expect("plant");
    let fresh = again.device();
    assert_ne!(fresh.id, device.id);
    assert_eq!(again.stored_device(), Some(fresh));

    // Deleting everything deletes it too.
    again.delete_all().expect("delete");
    assert!(stored(&key).is_none());
    clear();
}
