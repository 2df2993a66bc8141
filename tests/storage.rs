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
use tandem::storage::{Backend, External, Namespace, Problem, ReplaceError, Repository, SaveError};

mod support;

use support::{doc, now};

/// Opens the root deployment's storage, as the app at `/` does.
fn open<B: Backend>(backend: B) -> (Repository<B>, tandem::storage::Loaded) {
    Repository::open(backend, Namespace::root())
}

/// A mentorship's key at the root, in generation 0 (as data written before
/// generations is stored).
fn doc_key(id: uuid::Uuid) -> String {
    Namespace::root().doc(0, id)
}

fn meta_key() -> String {
    Namespace::root().meta()
}

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
    let (mut repo, loaded) = open(backend.clone());
    assert!(loaded.problems.is_empty() && loaded.library.mentorships.is_empty());
    let lib = sample::library(3, 10, now());
    for d in &lib.mentorships {
        assert_eq!(repo.save_doc(d), Ok(None));
    }
    repo.save_profile(&lib.profile).expect("profile");
    let (_, again) = open(backend.clone());
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    let mut expected = lib.clone();
    expected.sort();
    assert_eq!(again.library, expected);
    assert!(backend.raw(&meta_key()).is_some_and(|m| m.contains("\"schema\":1")));
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
        backend.plant(&meta_key(), &fixture("meta.json"));
        backend.plant(&Namespace::root().profile(0), &fixture("profile.json"));
        backend.plant(&format!("tandem.m.{FIXTURE_ID}"), &fixture(file));
        let (mut repo, loaded) = open(backend.clone());
        assert!(loaded.problems.is_empty(), "{file}: {:?}", loaded.problems);
        assert_eq!(loaded.library.profile.name, "Ada Lovelace");
        assert_eq!(loaded.library.mentorships.len(), 1, "{file}");
        check_fixture_doc(&loaded.library.mentorships[0]);
        // It saves back in the current form and still reads the same.
        repo.save_doc(&loaded.library.mentorships[0]).expect("save");
        let (_, again) = open(backend);
        check_fixture_doc(&again.library.mentorships[0]);
    }
}

/// Storage holding one mentorship of `mentee`'s, saved as the app saves it.
fn saved(mentee: &str) -> (MemoryBackend, MentorshipDoc) {
    let doc = doc(mentee);
    let (backend, _) = tab_that_saved(&doc);
    (backend, doc)
}

/// New storage, and the tab that has just saved `d` in it.
fn tab_that_saved(d: &MentorshipDoc) -> (MemoryBackend, Repository<MemoryBackend>) {
    let backend = MemoryBackend::new();
    let (mut tab, _) = open(backend.clone());
    tab.save_doc(d).expect("save");
    (backend, tab)
}

/// New storage whose copy of `d` is damaged: (the storage, that copy's key).
fn damaged_copy_of(d: &MentorshipDoc) -> (MemoryBackend, String) {
    let backend = MemoryBackend::new();
    let key = doc_key(d.id());
    backend.plant(&key, "damaged");
    (backend, key)
}

#[test]
fn corrupted_values_are_reported_kept_untouched_and_offered_raw() {
    let (backend, _) = saved("Ada Lovelace");
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
        let (mut repo, loaded) = open(backend.clone());
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
    let (mut repo, _) = open(backend.clone());
    repo.discard(&broken_key).expect("discard");
    assert_eq!(backend.raw(&broken_key), None);
}

#[test]
fn data_from_a_newer_version_is_left_alone() {
    let backend = MemoryBackend::new();
    let key = doc_key(uuid::Uuid::new_v4());
    let newer = "{\"schema\":99,\"doc\":{\"whatever\":true}}";
    backend.plant(&key, newer);
    let (_, loaded) = open(backend.clone());
    assert!(matches!(loaded.problems[0], Problem::Newer { version: 99, .. }));
    assert_eq!(backend.raw(&key).as_deref(), Some(newer));

    // A newer header makes the whole store read-only here.
    let newer_header = "{\"format\":\"tandem\",\"schema\":99,\"epoch\":\"x\"}";
    backend.plant(&meta_key(), newer_header);
    let (mut repo, loaded) = open(backend.clone());
    assert!(loaded.problems.iter().any(|p| matches!(p, Problem::Newer { version: 99, .. })));
    assert_eq!(repo.save_doc(&doc("Ada")), Err(SaveError::ReadOnly(99)));
    assert_eq!(backend.raw(&meta_key()).as_deref(), Some(newer_header));
}

#[test]
fn a_full_store_refuses_the_save_and_keeps_what_was_stored_whole() {
    let mut d = sample::mentorship(1, 20, now());
    let (backend, mut repo) = tab_that_saved(&d);
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
    let (mut repo, loaded) = open(backend.clone());
    assert!(matches!(loaded.problems.as_slice(), [Problem::Unavailable(_)]));
    assert!(matches!(repo.save_doc(&doc("Ada")), Err(SaveError::Unavailable(_))));

    // Storage that reads but refuses every write (old Safari private mode).
    let zero = MemoryBackend::with_quota(0);
    let (_, loaded) = open(zero);
    assert!(matches!(loaded.problems.as_slice(), [Problem::Unavailable(_)]));
}

#[test]
fn two_tabs_editing_different_records_keep_both_changes() {
    let mut base = doc("Ada Lovelace");
    base.actions.push(ActionItem::new("one", Side::Mentee, None, now()));
    base.actions.push(ActionItem::new("two", Side::Mentor, None, now()));
    let (backend, mut tab_a) = tab_that_saved(&base);
    let (mut tab_b, loaded) = open(backend.clone());
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
    let (_, stored) = open(backend);
    assert_eq!(stored.library.mentorships[0], merged);
}

#[test]
fn deleting_everything_in_one_tab_stops_the_other_from_writing_it_back() {
    let d = doc("Ada Lovelace");
    let (backend, mut tab_a) = tab_that_saved(&d);
    let (mut tab_b, _) = open(backend.clone());
    // Something unreadable is deleted too.
    backend.plant("tandem.m.broken", "garbage");
    tab_a.delete_all().expect("delete");
    assert!(backend.raw(&doc_key(d.id())).is_none());
    assert!(backend.raw("tandem.m.broken").is_none());
    assert_eq!(tab_b.save_doc(&d), Err(SaveError::EpochChanged));
    assert_eq!(tab_b.external(&meta_key(), backend.raw(&meta_key()).as_deref()), External::Reload);
    assert!(backend.raw(&doc_key(d.id())).is_none(), "not resurrected");
    let loaded = tab_b.load();
    assert!(loaded.library.mentorships.is_empty());
    tab_b.save_doc(&doc("New start")).expect("after reloading, B saves again");
}

#[test]
fn replacing_everything_is_all_or_nothing() {
    let old = doc("Old One");
    let (backend, mut repo) = tab_that_saved(&old);
    let before = backend.raw(&doc_key(old.id()));

    let big = sample::library(4, 30, now());
    backend.set_quota(Some(backend.used() + 2_000));
    let keys_before = backend.keys().expect("keys");
    assert_eq!(repo.replace_all(&big), Err(ReplaceError::NotReplaced(SaveError::Full)));
    assert_eq!(backend.raw(&doc_key(old.id())), before, "the old data is as it was");
    assert_eq!(backend.keys().expect("keys"), keys_before, "nothing of the new copy is left");

    backend.set_quota(None);
    repo.replace_all(&big).expect("replace");
    let (reopened, loaded) = open(backend.clone());
    assert_eq!(loaded.library.mentorships.len(), 4);
    assert!(backend.raw(&doc_key(old.id())).is_none());
    assert_eq!(reopened.generation(), 1, "the new library is a new generation");
    // The tab that replaced saves into the new generation.
    let mut edited = big.mentorships[0].clone();
    edited.mentorship.focus = "edited after the replace".into();
    edited.mentorship.meta.touch(later(1));
    assert_eq!(repo.save_doc(&edited), Ok(None));
    let (_, again) = open(backend);
    assert!(again.library.mentorships.contains(&edited));
}

#[test]
fn usage_counts_utf16_units_and_warns_at_80_percent() {
    let backend = MemoryBackend::new();
    backend.plant("other-app", &"x".repeat(4_100_000));
    let (mut repo, _) = open(backend.clone());
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
    let (mut repo, loaded) = open(backend.clone());
    let mut profile = loaded.library.profile;
    profile.name = "Ada".into();
    repo.save_profile(&profile).expect("save");
    // Damaged (or written by a newer app) after this tab loaded it.
    let damaged = "{\"schema\":1,\"profile\":{\"name\":42}}";
    backend.plant(&Namespace::root().profile(0), damaged);
    profile.name = "Ada Lovelace".into();
    assert_eq!(repo.save_profile(&profile), Err(SaveError::Protected));
    assert_eq!(backend.raw(&Namespace::root().profile(0)).as_deref(), Some(damaged));
}

#[test]
fn replacing_restores_a_mentorship_whose_stored_copy_is_unreadable() {
    let good = doc("Ada Lovelace");
    let (backend, _) = damaged_copy_of(&good);
    let untouched = uuid::Uuid::new_v4();
    backend.plant(&doc_key(untouched), "also damaged, not in the backup");
    let (mut repo, loaded) = open(backend.clone());
    assert_eq!(loaded.problems.len(), 2);
    let mut lib = tandem::model::Library::default();
    lib.mentorships.push(good.clone());
    repo.replace_all(&lib).expect("replace");
    let (reopened, again) = open(backend.clone());
    assert_eq!(again.library.mentorships, vec![good]);
    let moved = reopened.doc_key(untouched);
    assert_eq!(
        backend.raw(&moved).as_deref(),
        Some("also damaged, not in the backup"),
        "what the backup lacks stays, as it is, in the new generation"
    );
    assert_eq!(again.problems.len(), 1);
    assert_eq!(again.problems[0].key(), Some(moved.as_str()), "and is still held back");
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
    let (backend, _) = tab_that_saved(&doc("Ada Lovelace"));
    let (mut repo, loaded) = open(ReadOnly(backend));
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
    let d = doc("Ada Lovelace");
    let (backend, key) = damaged_copy_of(&d);
    let (mut repo, _) = open(backend.clone());
    assert_eq!(repo.save_doc(&d), Err(SaveError::Protected));
    // Another tab restores it from a backup.
    let good = encode_doc(&d);
    backend.plant(&key, &good);
    assert!(matches!(repo.external(&key, Some(&good)), External::Doc(_)));
    assert_eq!(repo.save_doc(&d), Ok(None));
}

/// What a replace starts from: generation-0 data as earlier versions stored
/// it (a profile, two mentorships, one unreadable value the backup will not
/// have), and the library that loads from it.
fn stored_before_a_replace() -> (MemoryBackend, tandem::model::Library) {
    let backend = MemoryBackend::new();
    let (mut repo, loaded) = open(backend.clone());
    let mut profile = loaded.library.profile;
    profile.name = "Ada Lovelace".into();
    repo.save_profile(&profile).expect("profile");
    for d in sample::library(2, 2, now()).mentorships {
        repo.save_doc(&d).expect("save");
    }
    backend.plant(&doc_key(UNREADABLE_ID), UNREADABLE);
    let (_, loaded) = open(backend.clone());
    (backend, loaded.library)
}

const UNREADABLE_ID: uuid::Uuid = uuid::Uuid::from_u128(0xdead);
const UNREADABLE: &str = "TZ1:50:damaged";

/// Every stored key, sorted.
fn stored_keys(backend: &MemoryBackend) -> Vec<String> {
    backend.keys().expect("keys")
}

/// The keys a library in `repo`'s live generation takes, with the header.
fn keys_of(repo: &Repository<MemoryBackend>, library: &tandem::model::Library) -> Vec<String> {
    let mut keys = vec![meta_key(), repo.profile_key(), repo.doc_key(UNREADABLE_ID)];
    keys.extend(library.mentorships.iter().map(|d| repo.doc_key(d.id())));
    keys.sort();
    keys
}

#[test]
fn a_replace_stopped_after_any_number_of_writes_leaves_the_old_or_the_new_library() {
    let mut new = sample::library(3, 2, now());
    new.profile.name = "Grace Hopper".into();
    let writes = {
        let (backend, _) = stored_before_a_replace();
        let (mut repo, _) = open(backend.clone());
        let before = backend.writes();
        repo.replace_all(&new).expect("replace");
        backend.writes() - before
    };
    new.sort();
    let mut seen = (0, 0);
    for reads_stop_too in [false, true] {
        for n in 0..=writes {
            let case =
                format!("stopped after {n} of {writes} writes (reads too: {reads_stop_too})");
            let (backend, old) = stored_before_a_replace();
            let (mut repo, _) = open(backend.clone());
            if reads_stop_too {
                backend.stop_after_writes(Some(n));
            } else {
                backend.fail_writes_after(Some(n));
            }
            let result = repo.replace_all(&new);
            // The tab is started again on the same storage.
            backend.stop_after_writes(None);
            let (reopened, loaded) = open(backend.clone());
            let (is_old, is_new) = (loaded.library == old, loaded.library == new);
            match &result {
                Ok(()) => assert!(is_new, "{case}: replaced"),
                Err(ReplaceError::NotReplaced(_)) => assert!(is_old, "{case}: as it was"),
                Err(ReplaceError::Unknown(_)) => assert!(is_old || is_new, "{case}: one or other"),
            }
            assert!(is_old || is_new, "{case}: never a mix");
            seen.0 += usize::from(is_old);
            seen.1 += usize::from(is_new);
            // The unreadable value is kept, as it is, and still reported.
            assert_eq!(backend.raw(&reopened.doc_key(UNREADABLE_ID)).as_deref(), Some(UNREADABLE));
            assert_eq!(loaded.problems.len(), 1, "{case}: {:?}", loaded.problems);
            // The start removed what the other generation left behind.
            assert_eq!(stored_keys(&backend), keys_of(&reopened, &loaded.library), "{case}");
        }
    }
    assert!(seen.0 > 0 && seen.1 > 0, "both outcomes happen: {seen:?}");
}

#[test]
fn a_replace_reports_not_replaced_only_before_the_switch() {
    let new = sample::library(1, 1, now());
    let (backend, old) = stored_before_a_replace();
    let (mut repo, _) = open(backend.clone());
    // Every write of the new copy goes through, the switch fails, and storage
    // still reads: the header is read again, and it still names the old one.
    let writes_before_the_switch = 1 + new.mentorships.len() + 1;
    backend.fail_writes_after(Some(writes_before_the_switch));
    assert!(matches!(repo.replace_all(&new), Err(ReplaceError::NotReplaced(_))));
    backend.fail_writes_after(None);
    let (_, loaded) = open(backend.clone());
    assert_eq!(loaded.library, old);

    // The switch is written, then storage stops answering: whether it
    // happened cannot be told.
    let (mut repo, _) = open(backend.clone());
    backend.stop_after_writes(Some(writes_before_the_switch + 1));
    assert!(matches!(repo.replace_all(&new), Err(ReplaceError::Unknown(_))));
    backend.stop_after_writes(None);
    let (_, loaded) = open(backend.clone());
    assert_eq!(loaded.library.mentorships, new.mentorships, "it had happened");

    // The switch is written and removing the old copy fails: it is replaced,
    // and the next start removes the rest.
    let (backend, _) = stored_before_a_replace();
    let (mut repo, _) = open(backend.clone());
    backend.fail_writes_after(Some(writes_before_the_switch + 1));
    assert_eq!(repo.replace_all(&new), Ok(()));
    assert!(backend.raw(&doc_key(old.mentorships[0].id())).is_some(), "left behind for now");
    backend.fail_writes_after(None);
    let (reopened, loaded) = open(backend.clone());
    assert_eq!(loaded.library.mentorships, new.mentorships);
    assert_eq!(stored_keys(&backend), keys_of(&reopened, &loaded.library));
}

#[test]
fn deleting_everything_stopped_part_way_leaves_all_or_nothing() {
    let (_, old) = stored_before_a_replace();
    let writes = {
        let (backend, _) = stored_before_a_replace();
        let (mut repo, _) = open(backend.clone());
        let before = backend.writes();
        repo.delete_all().expect("delete");
        backend.writes() - before
    };
    for n in 0..=writes {
        let (backend, _) = stored_before_a_replace();
        let (mut repo, _) = open(backend.clone());
        backend.fail_writes_after(Some(n));
        let result = repo.delete_all();
        backend.fail_writes_after(None);
        let (_, loaded) = open(backend.clone());
        if result.is_ok() {
            assert!(loaded.library.mentorships.is_empty() && loaded.problems.is_empty(), "{n}");
            assert_eq!(stored_keys(&backend), vec![meta_key()], "{n}: only the header is left");
        } else {
            assert_eq!(loaded.library, old, "{n}: nothing was deleted");
        }
    }
}

#[test]
fn schema_1_data_without_a_header_still_loads_and_is_replaced_whole() {
    let backend = MemoryBackend::new();
    backend.plant(&Namespace::root().profile(0), &fixture("profile.json"));
    backend.plant(&format!("tandem.m.{FIXTURE_ID}"), &fixture("mentorship.json"));
    let (mut repo, loaded) = open(backend.clone());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    check_fixture_doc(&loaded.library.mentorships[0]);
    assert_eq!(repo.generation(), 0);
    let new = sample::library(1, 1, now());
    repo.replace_all(&new).expect("replace");
    let (reopened, again) = open(backend.clone());
    assert_eq!(again.library.mentorships, new.mentorships);
    assert_eq!(stored_keys(&backend).len(), 3, "header, profile and one mentorship");
    assert!(backend.raw(&meta_key()).is_some_and(|m| m.contains("\"schema\":2")), "layout 2");
    assert_eq!(reopened.generation(), 1);
}

#[test]
fn two_deployments_on_one_origin_keep_to_their_own_keys() {
    let backend = MemoryBackend::new();
    let (mut root, _) = open(backend.clone());
    let (mut app, _) = Repository::open(backend.clone(), Namespace::for_base("/app/"));
    let (at_root, in_app) = (doc("Ada Lovelace"), doc("Grace Hopper"));
    root.save_doc(&at_root).expect("save at the root");
    app.save_doc(&in_app).expect("save under /app/");
    assert!(app.doc_key(in_app.id()).starts_with("tandem:/app/.m."));
    assert_eq!(root.doc_key(at_root.id()), doc_key(at_root.id()), "the root keeps its keys");

    let only = |backend: &MemoryBackend, ns: Namespace| {
        Repository::open(backend.clone(), ns).1.library.mentorships
    };
    assert_eq!(only(&backend, Namespace::root()), vec![at_root.clone()]);
    assert_eq!(only(&backend, Namespace::for_base("/app")), vec![in_app.clone()]);

    // What a root tab writes means nothing to an /app tab.
    let key = root.doc_key(at_root.id());
    assert_eq!(app.external(&key, backend.raw(&key).as_deref()), External::Ignored);
    assert_eq!(app.external(&meta_key(), backend.raw(&meta_key()).as_deref()), External::Ignored);

    // Replacing or deleting everything in one leaves the other alone.
    let replacement = sample::library(1, 1, now());
    app.replace_all(&replacement).expect("replace under /app/");
    assert_eq!(only(&backend, Namespace::root()), vec![at_root.clone()]);
    root.delete_all().expect("delete at the root");
    assert_eq!(only(&backend, Namespace::for_base("/app/")), replacement.mentorships);
    assert!(only(&backend, Namespace::root()).is_empty());
    assert_eq!(root.save_doc(&doc("New start")), Ok(None));
    assert_eq!(app.save_doc(&replacement.mentorships[0]), Ok(None));
}

#[test]
fn a_stored_mentorship_that_fails_the_models_checks_is_set_aside_untouched() {
    let (backend, good) = saved("Ada Lovelace");
    // Readable, but no mentee's name is 500 characters long.
    let invalid = doc(&"N".repeat(500));
    let key = doc_key(invalid.id());
    let stored = encode_doc(&invalid);
    backend.plant(&key, &stored);

    let (mut repo, loaded) = open(backend.clone());
    assert_eq!(loaded.library.mentorships, vec![good.clone()], "the valid one loads");
    let problem = loaded.problems.iter().find(|p| p.key() == Some(key.as_str())).expect("reported");
    let message = problem.message();
    assert!(message.contains(&format!("the mentorship “{}…”", "N".repeat(60))), "{message}");
    assert!(message.contains("the mentee's name is too long"), "{message}");
    assert!(message.contains("left untouched"), "{message}");
    let mut fixed = invalid.clone();
    fixed.mentorship.mentee = "Nora".into();
    assert_eq!(repo.save_doc(&fixed), Err(SaveError::Protected), "never overwritten");
    assert_eq!(backend.raw(&key).as_deref(), Some(stored.as_str()));

    // Another tab writing an invalid version of a mentorship: set aside too.
    let mut broken = good.clone();
    broken.mentorship.mentor = "M".repeat(500);
    let good_key = doc_key(good.id());
    let written = encode_doc(&broken);
    backend.plant(&good_key, &written);
    match repo.external(&good_key, Some(&written)) {
        External::Unreadable(p) => assert!(p.message().contains("mentor's name is too long")),
        other => panic!("expected it set aside, got {other:?}"),
    }
    assert_eq!(repo.save_doc(&good), Err(SaveError::Protected));
    assert_eq!(backend.raw(&good_key).as_deref(), Some(written.as_str()));
}

#[test]
fn a_value_that_would_not_read_back_as_it_is_is_never_written() {
    let mut d = sample::mentorship(1, 2, now());
    let (backend, mut repo) = tab_that_saved(&d);
    let key = doc_key(d.id());
    let good = backend.raw(&key);
    // An offset with seconds: its stored form cannot say the seconds, so it
    // would read back as another time.
    let odd = chrono::FixedOffset::east_opt(3601).expect("offset");
    d.sessions[0].starts_at = d.sessions[0].starts_at.with_timezone(&odd);
    d.sessions[0].meta.touch(later(1));
    assert!(matches!(repo.save_doc(&d), Err(SaveError::Failed(_))));
    assert_eq!(backend.raw(&key), good, "the good copy stays");
}
