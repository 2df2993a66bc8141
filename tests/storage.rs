//! The storage rules, natively, over an in-memory backend that behaves like
//! `localStorage` (quota in UTF-16 units, shared between "tabs").
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, Utc};
use tandem::model::goal::GoalStatus;
use tandem::model::mentorship::Status;
use tandem::model::record::{self, Record};
use tandem::model::session::SessionStatus;
use tandem::model::task::{ActionItem, ItemStatus};
use tandem::model::{sample, MentorshipDoc, Side};
use tandem::storage::encode_doc;
use tandem::storage::memory::MemoryBackend;
use tandem::storage::repository::{doc_key, META, PROFILE};
use tandem::storage::{External, Problem, Repository, SaveError};

mod support;

use support::{doc, now};

fn later(minutes: i64) -> DateTime<Utc> {
    now() + chrono::Duration::minutes(minutes)
}

const FIXTURE_ID: &str = "0b7c6a4e-6f0e-4a53-9d2b-6c1f4f1e2a10";

/// A file of `tests/fixtures/schema-1/`.
fn fixture(name: &str) -> String {
    support::fixture(&format!("schema-1/{name}"))
}

#[test]
fn a_saved_library_loads_back_the_same() {
    let backend = MemoryBackend::new();
    let (mut repo, loaded) = Repository::open(backend.clone());
    assert!(loaded.problems.is_empty() && loaded.library.mentorships.is_empty());
    let lib = sample::library(3, 10, now());
    for d in &lib.mentorships {
        assert_eq!(repo.save_doc(d), Ok(None));
    }
    repo.save_profile(&lib.profile).expect("profile");
    let (_, again) = Repository::open(backend.clone());
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    let mut expected = lib.clone();
    expected.sort();
    assert_eq!(again.library, expected);
    assert!(backend.raw(META).is_some_and(|m| m.contains("\"schema\":1")));
}

fn check_fixture_doc(doc: &MentorshipDoc) {
    assert_eq!(doc.id().to_string(), FIXTURE_ID);
    let m = &doc.mentorship;
    assert_eq!(
        (m.mentee.as_str(), m.mentor.as_str(), m.my_role, m.status),
        ("Ada Lovelace", "Charles Babbage", Side::Mentee, Status::Active)
    );
    assert_eq!(m.planned_end.map(|d| d.to_string()).as_deref(), Some("2026-07-05"));
    assert_eq!(doc.themes.len(), 2);
    assert_eq!(doc.themes[0].consensus.value("cadence"), Some("weekly"));
    assert_eq!(doc.themes[1].title(), "Writing");
    let agreement = &doc.agreements[0];
    assert!(agreement.is_frozen(), "the fixture's agreement is signed by both");
    assert_eq!(agreement.fingerprint(), "E256-F96D-1A68-9845");
    assert_eq!(doc.goals[0].milestones.len(), 2);
    assert!(matches!(doc.goals[1].status, GoalStatus::Dropped { .. }));
    assert_eq!(doc.actions.len(), 3);
    assert!(matches!(doc.actions[0].status, ItemStatus::Done { .. }));
    assert_eq!(doc.actions[0].due_changes.len(), 1);
    assert!(!doc.actions[2].is_live(), "a tombstone stays a tombstone");
    assert_eq!(doc.sessions[0].status, SessionStatus::Held);
    assert_eq!(doc.sessions[0].starts_at.offset().local_minus_utc(), 3600);
    assert_eq!(doc.sessions[0].mentee_feedback.as_ref().map(|f| f.rating), Some(5));
    assert_eq!(doc.sessions[1].changes[0].notice_hours, 25);
    assert_eq!(doc.checkins[0].ratings, vec![5, 4, 4, 5, 5]);
    assert_eq!(doc.private_notes[0].text, "Ask about salary bands next time.");
}

#[test]
fn schema_1_fixtures_load_plain_and_packed() {
    for file in ["mentorship.json", "mentorship.packed.txt"] {
        let backend = MemoryBackend::new();
        backend.plant(META, &fixture("meta.json"));
        backend.plant(PROFILE, &fixture("profile.json"));
        backend.plant(&format!("tandem.m.{FIXTURE_ID}"), &fixture(file));
        let (mut repo, loaded) = Repository::open(backend.clone());
        assert!(loaded.problems.is_empty(), "{file}: {:?}", loaded.problems);
        assert_eq!(loaded.library.profile.name, "Ada Lovelace");
        assert_eq!(loaded.library.mentorships.len(), 1, "{file}");
        check_fixture_doc(&loaded.library.mentorships[0]);
        // It saves back in the current form and still reads the same.
        repo.save_doc(&loaded.library.mentorships[0]).expect("save");
        let (_, again) = Repository::open(backend);
        check_fixture_doc(&again.library.mentorships[0]);
    }
}

#[test]
fn corrupted_values_are_reported_kept_untouched_and_offered_raw() {
    let backend = MemoryBackend::new();
    let good = doc("Ada Lovelace");
    let (mut repo, _) = Repository::open(backend.clone());
    repo.save_doc(&good).expect("save");
    let broken_id = uuid::Uuid::new_v4();
    let broken_key = doc_key(broken_id);
    let cases = [
        "{\"schema\":1,\"doc\":{\"mentorship\":{\"mentee\":42}}}", // wrong shape
        "{\"schema\":1,\"doc\":",                                  // truncated JSON
        "TZ1:50:abc",                                              // truncated packing
        "<html>not ours</html>",                                   // foreign
    ];
    for raw in cases {
        backend.plant(&broken_key, raw);
        let (mut repo, loaded) = Repository::open(backend.clone());
        assert_eq!(loaded.library.mentorships.len(), 1, "the readable one still loads ({raw})");
        let problem = loaded
            .problems
            .iter()
            .find(|p| p.key() == Some(broken_key.as_str()))
            .expect("reported");
        assert!(matches!(problem, Problem::Corrupt { .. }), "{problem:?}");
        assert!(problem.message().contains("left untouched"));
        // Saving other data never touches it, and it is offered as it is.
        repo.save_doc(&loaded.library.mentorships[0]).expect("save other");
        assert_eq!(backend.raw(&broken_key).as_deref(), Some(raw));
        assert_eq!(repo.raw(&broken_key).as_deref(), Some(raw));
        // A document with its id cannot overwrite it either.
        let mut same_id = doc("Someone");
        same_id.mentorship.meta.id = broken_id;
        assert_eq!(repo.save_doc(&same_id), Err(SaveError::Protected));
        assert_eq!(backend.raw(&broken_key).as_deref(), Some(raw));
    }
    // Only on request is it discarded.
    let (mut repo, _) = Repository::open(backend.clone());
    repo.discard(&broken_key).expect("discard");
    assert_eq!(backend.raw(&broken_key), None);
}

#[test]
fn data_from_a_newer_version_is_left_alone() {
    let backend = MemoryBackend::new();
    let key = doc_key(uuid::Uuid::new_v4());
    let newer = "{\"schema\":99,\"doc\":{\"whatever\":true}}";
    backend.plant(&key, newer);
    let (_, loaded) = Repository::open(backend.clone());
    assert!(matches!(loaded.problems[0], Problem::Newer { version: 99, .. }));
    assert_eq!(backend.raw(&key).as_deref(), Some(newer));

    // A newer header makes the whole store read-only here.
    let newer_header = "{\"format\":\"tandem\",\"schema\":99,\"epoch\":\"x\"}";
    backend.plant(META, newer_header);
    let (mut repo, loaded) = Repository::open(backend.clone());
    assert!(loaded.problems.iter().any(|p| matches!(p, Problem::Newer { version: 99, .. })));
    assert_eq!(repo.save_doc(&doc("Ada")), Err(SaveError::ReadOnly(99)));
    assert_eq!(backend.raw(META).as_deref(), Some(newer_header));
}

#[test]
fn a_full_store_refuses_the_save_and_keeps_what_was_stored_whole() {
    let backend = MemoryBackend::new();
    let (mut repo, _) = Repository::open(backend.clone());
    let mut d = sample::mentorship(1, 20, now());
    repo.save_doc(&d).expect("fits");
    let before = backend.raw(&doc_key(d.id())).expect("stored");
    backend.set_quota(Some(backend.used() + 50));
    // An edit that makes the document bigger than the space left.
    for s in &mut d.sessions {
        // Random ids: text that does not compress.
        s.summary
            .notes
            .push_str(&(0..4).map(|_| uuid::Uuid::new_v4().to_string()).collect::<String>());
        s.meta.touch(later(1));
    }
    assert_eq!(repo.save_doc(&d), Err(SaveError::Full));
    assert_eq!(backend.raw(&doc_key(d.id())), Some(before), "nothing truncated");
    // With space again, the same save goes through.
    backend.set_quota(None);
    repo.save_doc(&d).expect("saves once there is space");
}

#[test]
fn unavailable_storage_is_reported_and_saves_fail_cleanly() {
    let backend = MemoryBackend::new();
    backend.set_unavailable(true);
    let (mut repo, loaded) = Repository::open(backend.clone());
    assert!(matches!(loaded.problems.as_slice(), [Problem::Unavailable(_)]));
    assert!(matches!(repo.save_doc(&doc("Ada")), Err(SaveError::Unavailable(_))));

    // Storage that reads but refuses every write (old Safari private mode).
    let zero = MemoryBackend::with_quota(0);
    let (_, loaded) = Repository::open(zero);
    assert!(matches!(loaded.problems.as_slice(), [Problem::Unavailable(_)]));
}

#[test]
fn two_tabs_editing_different_records_keep_both_changes() {
    let backend = MemoryBackend::new();
    let (mut tab_a, _) = Repository::open(backend.clone());
    let mut base = doc("Ada Lovelace");
    base.actions.push(ActionItem::new("one", Side::Mentee, None, now()));
    base.actions.push(ActionItem::new("two", Side::Mentor, None, now()));
    tab_a.save_doc(&base).expect("save");
    let (mut tab_b, loaded) = Repository::open(backend.clone());
    let mut in_b = loaded.library.mentorships[0].clone();
    let mut in_a = base.clone();

    let (one, two) = (in_a.actions[0].id(), in_a.actions[1].id());
    record::update(&mut in_a.actions, one, later(1), |i| i.text = "one, edited in A".into());
    record::update(&mut in_b.actions, two, later(2), |i| i.text = "two, edited in B".into());
    in_b.actions.push(ActionItem::new("three, added in B", Side::Mentee, None, later(2)));

    assert_eq!(tab_a.save_doc(&in_a), Ok(None));
    // B has not seen A's write: its save merges instead of overwriting.
    let merged = tab_b.save_doc(&in_b).expect("save").expect("B adopts the merge");
    let mut texts: Vec<&str> = merged.actions.iter().map(|i| i.text.as_str()).collect();
    texts.sort();
    assert_eq!(texts, ["one, edited in A", "three, added in B", "two, edited in B"]);

    // A hears about B's write (the storage event) and gets the same document.
    let key = doc_key(base.id());
    match tab_a.external(&key, backend.raw(&key).as_deref()) {
        External::Doc(theirs) => assert_eq!(in_a.merge(&theirs), merged),
        other => panic!("expected a document, got {other:?}"),
    }
    let (_, stored) = Repository::open(backend);
    assert_eq!(stored.library.mentorships[0], merged);
}

#[test]
fn deleting_everything_in_one_tab_stops_the_other_from_writing_it_back() {
    let backend = MemoryBackend::new();
    let (mut tab_a, _) = Repository::open(backend.clone());
    let d = doc("Ada Lovelace");
    tab_a.save_doc(&d).expect("save");
    let (mut tab_b, _) = Repository::open(backend.clone());
    // Something unreadable is deleted too.
    backend.plant("tandem.m.broken", "garbage");
    tab_a.delete_all().expect("delete");
    assert!(backend.raw(&doc_key(d.id())).is_none());
    assert!(backend.raw("tandem.m.broken").is_none());
    assert_eq!(tab_b.save_doc(&d), Err(SaveError::EpochChanged));
    assert_eq!(tab_b.external(META, backend.raw(META).as_deref()), External::Reload);
    assert!(backend.raw(&doc_key(d.id())).is_none(), "not resurrected");
    let loaded = tab_b.load();
    assert!(loaded.library.mentorships.is_empty());
    tab_b.save_doc(&doc("New start")).expect("after reloading, B saves again");
}

#[test]
fn replacing_everything_is_all_or_nothing() {
    let backend = MemoryBackend::new();
    let (mut repo, _) = Repository::open(backend.clone());
    let old = doc("Old One");
    repo.save_doc(&old).expect("save");
    let before = backend.raw(&doc_key(old.id()));

    let big = sample::library(4, 30, now());
    backend.set_quota(Some(backend.used() + 2_000));
    assert_eq!(repo.replace_all(&big), Err(SaveError::Full));
    assert_eq!(backend.raw(&doc_key(old.id())), before, "the old data is back");
    for d in &big.mentorships {
        assert!(backend.raw(&doc_key(d.id())).is_none(), "no half-written replacement");
    }

    backend.set_quota(None);
    repo.replace_all(&big).expect("replace");
    let (_, loaded) = Repository::open(backend.clone());
    assert_eq!(loaded.library.mentorships.len(), 4);
    assert!(backend.raw(&doc_key(old.id())).is_none());
}

#[test]
fn usage_counts_utf16_units_and_warns_at_80_percent() {
    let backend = MemoryBackend::new();
    backend.plant("other-app", &"x".repeat(4_100_000));
    let (mut repo, _) = Repository::open(backend.clone());
    let usage = repo.usage();
    assert_eq!(usage.used, "other-app".len() + 4_100_000);
    assert!(usage.is_high(), "{}%", usage.percent());
    repo.save_doc(&doc("Ada")).expect("save");
    assert_eq!(repo.usage().used, backend.used());
    assert_eq!(repo.measure_usage().used, backend.used());
}

#[test]
fn the_large_data_set_fits_the_quota_with_room_to_spare() {
    let lib = sample::library(20, 150, now());
    let used: usize = lib
        .mentorships
        .iter()
        .map(|d| tandem::storage::codec::utf16_len(&encode_doc(d)) + doc_key(d.id()).len())
        .sum();
    assert!(
        used < tandem::storage::QUOTA / 2,
        "20 × 150 sessions take {used} of {} units",
        tandem::storage::QUOTA
    );
}

#[test]
fn an_unreadable_stored_profile_is_not_written_over() {
    let backend = MemoryBackend::new();
    let (mut repo, loaded) = Repository::open(backend.clone());
    let mut profile = loaded.library.profile;
    profile.name = "Ada".into();
    repo.save_profile(&profile).expect("save");
    // Damaged (or written by a newer app) after this tab loaded it.
    let damaged = "{\"schema\":1,\"profile\":{\"name\":42}}";
    backend.plant(PROFILE, damaged);
    profile.name = "Ada Lovelace".into();
    assert_eq!(repo.save_profile(&profile), Err(SaveError::Protected));
    assert_eq!(backend.raw(PROFILE).as_deref(), Some(damaged));
}

#[test]
fn replacing_restores_a_mentorship_whose_stored_copy_is_unreadable() {
    let backend = MemoryBackend::new();
    let good = doc("Ada Lovelace");
    let key = doc_key(good.id());
    backend.plant(&key, "damaged");
    let untouched = doc_key(uuid::Uuid::new_v4());
    backend.plant(&untouched, "also damaged, not in the backup");
    let (mut repo, loaded) = Repository::open(backend.clone());
    assert_eq!(loaded.problems.len(), 2);
    let mut lib = tandem::model::Library::default();
    lib.mentorships.push(good.clone());
    repo.replace_all(&lib).expect("replace");
    let (_, again) = Repository::open(backend.clone());
    assert_eq!(again.library.mentorships, vec![good]);
    assert_eq!(
        backend.raw(&untouched).as_deref(),
        Some("also damaged, not in the backup"),
        "what the backup lacks stays"
    );
    assert_eq!(again.problems.len(), 1);
}

#[test]
fn a_store_that_refuses_writes_still_shows_what_it_holds() {
    struct ReadOnly(MemoryBackend);
    impl tandem::storage::Backend for ReadOnly {
        fn get(&self, key: &str) -> Result<Option<String>, tandem::storage::StorageError> {
            self.0.get(key)
        }
        fn set(&self, _: &str, _: &str) -> Result<(), tandem::storage::StorageError> {
            Err(tandem::storage::StorageError::Other("UnknownError: the disk is damaged".into()))
        }
        fn remove(&self, key: &str) -> Result<(), tandem::storage::StorageError> {
            self.0.remove(key)
        }
        fn keys(&self) -> Result<Vec<String>, tandem::storage::StorageError> {
            self.0.keys()
        }
    }
    let backend = MemoryBackend::new();
    let (mut repo, _) = Repository::open(backend.clone());
    repo.save_doc(&doc("Ada Lovelace")).expect("save");
    let (mut repo, loaded) = Repository::open(ReadOnly(backend));
    assert!(matches!(loaded.problems.as_slice(), [Problem::Unavailable(_)]));
    assert_eq!(
        loaded.library.mentorships.len(),
        1,
        "readable data is shown (and can be backed up)"
    );
    assert!(matches!(
        repo.save_doc(&loaded.library.mentorships[0]),
        Err(SaveError::Unavailable(_))
    ));
}

#[test]
fn a_value_made_readable_again_by_another_tab_is_no_longer_held_back() {
    let backend = MemoryBackend::new();
    let d = doc("Ada Lovelace");
    let key = doc_key(d.id());
    backend.plant(&key, "damaged");
    let (mut repo, _) = Repository::open(backend.clone());
    assert_eq!(repo.save_doc(&d), Err(SaveError::Protected));
    // Another tab restores it from a backup.
    let good = encode_doc(&d);
    backend.plant(&key, &good);
    assert!(matches!(repo.external(&key, Some(&good)), External::Doc(_)));
    assert_eq!(repo.save_doc(&d), Ok(None));
}
