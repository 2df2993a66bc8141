//! Backups: export → restore round trips, previews say what the merge will
//! do (and a property test that they always do), the text a restore is given
//! (byte order mark, UTF-16, keys twice, content after the end, times in the
//! future). The corpora of bad and extreme files are in `tests/corpus.rs`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use proptest::prelude::*;
use tandem::model::record::{self, Record};
use tandem::model::{sample, Library, MentorshipDoc};
use tandem::storage::backup::{self, Backup, ImportError};
use tandem::storage::json_indent;
use tandem::storage::restore::{self, Changes, Outcome};
use uuid::Uuid;

mod support;

use support::edits::{apply, op, Op};
use support::{fixture, now};

#[test]
fn a_backup_restores_exactly_what_was_exported() {
    let mut lib = sample::library(3, 12, now());
    // A deleted mentorship travels as a tombstone.
    lib.mentorships[2].tombstone(now());
    let text = backup::export(&lib, now());
    let restored = backup::parse_at(&text, now()).expect("our own backup");
    // The same data, in its normal form (records in one order).
    let mut expected = lib.clone();
    expected.normalize();
    assert_eq!(restored.library, expected);
    assert_eq!(restored.exported_at, Some(now()));
    assert_eq!(backup::file_name(now()), "tandem-backup-2026-03-01-1000.json");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The backup is the pretty JSON serde would write, byte for byte,
    /// whatever the texts in it (quotes, brackets, escapes, any plane).
    #[test]
    fn a_backup_is_indented_exactly_as_serde_would(
        name in any::<String>(),
        focus in "[\\\"{}\\[\\]:, \n\t\u{1F600}a-z]{0,40}",
    ) {
        let mut lib = sample::library(1, 2, now());
        lib.profile.name = name;
        lib.mentorships[0].mentorship.focus = focus;
        for whole in [serde_json::to_value(&lib).expect("json"), serde_json::json!(lib.mentorships)] {
            let compact = serde_json::to_string(&whole).expect("json");
            let pretty = serde_json::to_string_pretty(&whole).expect("json");
            prop_assert_eq!(json_indent::indent(&compact), pretty);
        }
        let pretty = serde_json::to_string_pretty(&lib.mentorships[0]).expect("json");
        prop_assert_eq!(json_indent::indent(&serde_json::to_string(&lib.mentorships[0]).expect("json")), pretty);
        // And the backup reads back as what was written.
        let text = backup::export(&lib, now());
        prop_assert!(backup::parse_at(&text, now()).is_ok());
    }
}

#[test]
fn backups_of_every_schema_version_restore() {
    let text = fixture("backups/valid-schema-1.json");
    let b = backup::parse(&text).expect("schema 1 backup");
    assert_eq!(b.schema, 1);
    assert_eq!(b.library.profile.name, "Ada Lovelace");
    assert_eq!(b.library.mentorships[0].sessions.len(), 2);
}

#[test]
fn absurd_sizes_are_refused_before_reading() {
    let huge =
        format!("{{\"format\":\"tandem-backup\",\"pad\":\"{}\"}}", "x".repeat(backup::MAX_BYTES));
    assert!(matches!(backup::parse(&huge), Err(ImportError::TooLarge { .. })));
    let many = format!(
        "{{\"format\":\"tandem-backup\",\"schema\":1,\"mentorships\":[{}]}}",
        vec!["{}"; backup::MAX_MENTORSHIPS + 1].join(",")
    );
    assert!(matches!(backup::parse(&many), Err(ImportError::TooMany(_))));
}

#[test]
fn the_preview_says_what_a_restore_will_change() {
    let lib = sample::library(2, 6, now());
    let file = backup::parse(&backup::export(&lib, now())).expect("backup");

    // Here: one mentorship edited since the backup, one new one only here.
    let mut here = lib.clone();
    let later = now() + chrono::Duration::hours(1);
    let first = &mut here.mentorships[0];
    let session = first.sessions[0].id();
    record::update(&mut first.sessions, session, later, |s| s.topic = "changed here".into());
    let item = first.actions[0].id();
    record::remove(&mut first.actions, item, later);
    here.mentorships.push(sample::mentorship(99, 2, now()));
    // And one record the file has that is gone from here entirely.
    let goal = here.mentorships[1].goals.remove(0);

    let preview = restore::preview(&here, &file, &BTreeSet::new());
    assert_eq!(preview.mentorships.len(), 2);
    let newer_here = Changes { added: 0, updated: 0, newer_here: 2 };
    assert_eq!(
        preview.mentorships[0].outcome,
        Outcome::Merged(newer_here),
        "the edited session and the deleted item are newer here"
    );
    let goal_back = Changes { added: 1, updated: 0, newer_here: 0 };
    assert_eq!(preview.mentorships[1].outcome, Outcome::Merged(goal_back), "{}", goal.title);
    assert_eq!(preview.only_here, vec![here.mentorships[2].mentorship.title()]);
    assert_eq!(preview.totals.sessions, 12);

    // Merging keeps the newer edits here and adds what the file has.
    let merged: Library = restore::merge(&here, &file.library, &BTreeSet::new());
    let m0 = merged.get(here.mentorships[0].id()).expect("kept");
    assert_eq!(
        m0.sessions.iter().find(|s| s.id() == session).map(|s| s.topic.as_str()),
        Some("changed here")
    );
    assert!(
        !m0.actions.iter().any(|a| a.id() == item && a.is_live()),
        "a deletion is not undone by a restore"
    );
    assert!(merged
        .get(here.mentorships[1].id())
        .is_some_and(|d| d.goals.iter().any(|g| g.id() == goal.id())));
    assert_eq!(merged.live().count(), 3);
}

#[test]
fn a_merge_restore_never_deletes_what_is_alive_here() {
    // Device 1 deleted a mentorship and an action item, then made the backup.
    let here = sample::library(2, 4, now());
    let mut device_one = here.clone();
    let later = now() + chrono::Duration::hours(1);
    device_one.mentorships[0].tombstone(later);
    let item = device_one.mentorships[1].actions[0].id();
    record::remove(&mut device_one.mentorships[1].actions, item, later);
    let file = backup::parse(&backup::export(&device_one, later)).expect("backup");

    let preview = restore::preview(&here, &file, &BTreeSet::new());
    assert_eq!(preview.mentorships[0].outcome, Outcome::KeptHere);
    let kept_item = Changes { added: 0, updated: 0, newer_here: 1 };
    assert_eq!(
        preview.mentorships[1].outcome,
        Outcome::Merged(kept_item),
        "the item deleted in the file is kept here"
    );

    let merged = restore::merge(&here, &file.library, &BTreeSet::new());
    assert!(merged.get(here.mentorships[0].id()).is_some(), "the mentorship is still here");
    let kept = merged.get(here.mentorships[1].id()).expect("kept");
    assert!(kept.actions.iter().any(|a| a.id() == item && a.is_live()), "the item is still here");
}

#[test]
fn a_mentorship_deleted_here_is_previewed_as_staying_deleted() {
    // Deleted here after the backup was made: the deletion wins a merge.
    let file = backup::parse(&backup::export(&sample::library(2, 2, now()), now())).expect("ok");
    let mut here = file.library.clone();
    here.mentorships[0].tombstone(now() + chrono::Duration::hours(1));
    let id = here.mentorships[0].id();

    let preview = restore::preview(&here, &file, &BTreeSet::new());
    assert_eq!(preview.mentorships[0].outcome, Outcome::StaysDeleted);
    let merged = restore::merge(&here, &file.library, &BTreeSet::new());
    assert!(merged.get(id).is_none(), "and the merge keeps it deleted");
}

#[test]
fn a_mentorship_unreadable_here_is_previewed_and_left_out_of_the_merge() {
    let file = backup::parse(&backup::export(&sample::library(2, 2, now()), now())).expect("ok");
    // Set aside at load: not in the library, its stored copy held back.
    let mut here = file.library.clone();
    let unreadable = here.mentorships.remove(0).id();
    let set = BTreeSet::from([unreadable]);

    let preview = restore::preview(&here, &file, &set);
    assert_eq!(preview.mentorships[0].outcome, Outcome::UnreadableHere);
    assert_eq!(preview.mentorships[1].outcome, Outcome::Merged(Changes::default()));
    assert!(restore::merge(&here, &file.library, &set).get(unreadable).is_none());
}

/// A copy of one mentorship: whether it exists, the edits to its records,
/// and maybe an edit of its header and its deletion (seconds after now).
#[derive(Clone, Debug)]
struct Copy {
    present: bool,
    edits: Vec<Op>,
    refocus: Option<i64>,
    deleted: Option<i64>,
}

fn copy() -> impl Strategy<Value = Copy> {
    let sometimes = || prop::option::weighted(0.2, 1i64..500);
    (prop::bool::weighted(0.85), prop::collection::vec(op(), 0..5), sometimes(), sometimes())
        .prop_map(|(present, edits, refocus, deleted)| Copy { present, edits, refocus, deleted })
}

/// For each of three mentorships: the copy here, the copy in the file, and
/// whether the copy stored here is unreadable.
fn case() -> impl Strategy<Value = Vec<(Copy, Copy, bool)>> {
    prop::collection::vec((copy(), copy(), prop::bool::weighted(0.15)), 3)
}

/// The copy `copy` describes of `base`, if it exists.
fn made(base: &MentorshipDoc, copy: &Copy, who: &str) -> Option<MentorshipDoc> {
    if !copy.present {
        return None;
    }
    let mut doc = base.clone();
    apply(&mut doc, &copy.edits, who);
    let later = |seconds| now() + chrono::Duration::seconds(seconds);
    if let Some(at) = copy.refocus {
        doc.mentorship.focus = format!("{who} focus");
        doc.mentorship.meta.touch(later(at));
    }
    if let Some(at) = copy.deleted {
        doc.tombstone(later(at));
    }
    Some(doc)
}

fn find(library: &Library, id: Uuid) -> Option<&MentorshipDoc> {
    library.mentorships.iter().find(|d| d.id() == id)
}

fn live(doc: Option<&MentorshipDoc>) -> bool {
    doc.is_some_and(|d| !d.is_deleted())
}

/// Each record of a list as (id, alive, its JSON): compared as text, apart
/// from the code that computes the preview.
fn as_text<T: Record>(records: &[T]) -> Vec<(Uuid, bool, String)> {
    records
        .iter()
        .map(|r| (r.id(), r.is_live(), serde_json::to_string(r).unwrap_or_default()))
        .collect()
}

/// [`as_text`] of each of the lists of `doc` named, after the mentorship's
/// details and its conclusion.
macro_rules! lists_as_text {
    ($doc:expr, $($list:ident),+) => {
        vec![
            as_text(std::slice::from_ref(&$doc.mentorship)),
            as_text($doc.conclusion.as_slice()),
            $(as_text(&$doc.$list)),+
        ]
    };
}

fn every_list(doc: &MentorshipDoc) -> Vec<Vec<(Uuid, bool, String)>> {
    lists_as_text!(doc, themes, agreements, goals, actions, sessions, checkins, private_notes)
}

/// What the merge really did to the records of one mentorship.
fn really_changed(here: &MentorshipDoc, file: &MentorshipDoc, after: &MentorshipDoc) -> Changes {
    let mut c = Changes::default();
    let lists = every_list(here).into_iter().zip(every_list(file)).zip(every_list(after));
    for ((here, file), after) in lists {
        let get = |list: &[(Uuid, bool, String)], id| list.iter().find(|r| r.0 == id).cloned();
        for (id, alive, text) in &after {
            match (get(&here, *id), get(&file, *id)) {
                (None, _) => c.added += usize::from(*alive),
                (Some(h), _) if h.2 != *text => c.updated += usize::from(*alive),
                (Some(h), Some(f)) if f.2 != h.2 && (f.1 || h.1) => c.newer_here += 1,
                _ => {}
            }
        }
    }
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// The preview of a merge says exactly what the merge the restore runs
    /// then does, mentorship by mentorship and record by record.
    #[test]
    fn the_preview_of_a_merge_is_what_the_merge_does(copies in case()) {
        let base = sample::library(3, 4, now());
        let (mut here, mut file) = (Library::default(), Library::default());
        let mut unreadable = BTreeSet::new();
        for (doc, (ours, theirs, unreadable_here)) in base.mentorships.iter().zip(&copies) {
            if let Some(d) = made(doc, theirs, "file") {
                file.mentorships.push(d);
            }
            match made(doc, ours, "here") {
                Some(_) if *unreadable_here => {
                    unreadable.insert(doc.id());
                }
                Some(d) => here.mentorships.push(d),
                None => {}
            }
        }
        let backup = Backup { exported_at: None, schema: 1, library: file, clamped: 0 };
        let preview = restore::preview(&here, &backup, &unreadable);
        let after = restore::merge(&here, &backup.library, &unreadable);

        prop_assert_eq!(preview.mentorships.len(), backup.library.mentorships.len());
        for p in &preview.mentorships {
            let (before, now_) = (find(&here, p.id), find(&after, p.id));
            let in_file = find(&backup.library, p.id);
            let unchanged = before == now_;
            let fits = match p.outcome {
                Outcome::Added => !live(before) && live(now_),
                Outcome::Merged(c) => match (before, in_file, now_) {
                    (Some(b), Some(f), Some(a)) => live(before) && live(now_)
                        && c == really_changed(b, f, a),
                    _ => false,
                },
                Outcome::KeptHere => live(before) && unchanged,
                Outcome::StaysDeleted => before.is_some() && !live(before) && !live(now_),
                Outcome::NothingToRestore => !live(before) && !live(now_),
                Outcome::Deleted => live(before) && !live(now_),
                Outcome::UnreadableHere => unreadable.contains(&p.id) && now_.is_none(),
            };
            prop_assert!(fits, "{:?} for {}: before {:?}", p.outcome, p.id, before.map(|d| d.is_deleted()));
        }
        // What the file does not have is left as it is.
        for doc in here.mentorships.iter().filter(|d| find(&backup.library, d.id()).is_none()) {
            prop_assert_eq!(find(&after, doc.id()), Some(doc));
        }
    }
}

#[test]
fn a_byte_order_mark_is_skipped_and_utf16_is_named() {
    let text = fixture("backups/valid-schema-1.json");
    let plain = backup::parse_at(&text, now()).expect("valid");
    let with_bom = backup::parse_at(&format!("\u{FEFF}{text}"), now()).expect("a BOM is fine");
    assert_eq!(with_bom, plain);
    // What File.text() makes of UTF-16: replacement characters for its byte
    // order mark, a NUL beside every ASCII character.
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let err = backup::parse_at(&String::from_utf8_lossy(&utf16), now()).expect_err("UTF-16");
    assert_eq!(err, ImportError::Utf16);
    assert!(err.to_string().starts_with("This file is UTF-16 text; save it as UTF-8"), "{err}");
    let decoded = String::from_utf16_lossy(&text.encode_utf16().collect::<Vec<_>>());
    let reversed = format!("\u{FFFE}{decoded}");
    assert_eq!(backup::parse_at(&reversed, now()), Err(ImportError::Utf16));
}

#[test]
fn a_key_named_twice_and_content_after_the_end_are_refused() {
    let twice = r#"{"format": "tandem-backup", "schema": 1, "mentorships": [], "schema": 2}"#;
    let err = backup::parse_at(twice, now()).expect_err("refused");
    assert_eq!(err, ImportError::DuplicateKey { key: "schema".into(), line: 1 });
    let after = r#"{"format": "tandem-backup", "schema": 1, "mentorships": []} {}"#;
    assert!(matches!(
        backup::parse_at(after, now()),
        Err(ImportError::TrailingContent { line: 1, .. })
    ));
    let fine = "{\"format\": \"tandem-backup\", \"schema\": 1, \"mentorships\": []}\n\n";
    assert!(backup::parse_at(fine, now()).is_ok(), "whitespace after the end is fine");
}

#[test]
fn recorded_times_far_ahead_come_back_to_now_and_planned_times_stay() {
    let mut lib = sample::library(1, 4, now());
    let far = now() + chrono::Duration::days(365 * 100);
    let doc = &mut lib.mentorships[0];
    doc.goals[0].meta.updated_at = far;
    let soon = now() + chrono::Duration::hours(23);
    doc.goals[1].meta.updated_at = soon;
    let planned = doc.sessions[3].starts_at;
    let b = backup::parse_at(&backup::export(&lib, far), now()).expect("accepted");
    assert_eq!(b.clamped, 2, "the goal's time and the backup's own");
    assert_eq!(b.exported_at, Some(now()));
    let doc = &b.library.mentorships[0];
    let goal = |id| doc.goals.iter().find(|g| g.id() == id).expect("goal");
    assert_eq!(goal(lib.mentorships[0].goals[0].id()).meta.updated_at, now());
    assert_eq!(goal(lib.mentorships[0].goals[1].id()).meta.updated_at, soon, "within a day stays");
    assert!(doc.sessions.iter().any(|s| s.starts_at == planned), "planned times stay");
}

#[test]
fn checks_stay_linear_in_the_file_size() {
    // 30,000 action items with distinct ids: the duplicate check and validation
    // are one pass each (a search inside a loop would take minutes here).
    let mut lib = sample::library(1, 2, now());
    let doc = &mut lib.mentorships[0];
    let item = doc.actions[0].clone();
    doc.actions = (0..30_000u128)
        .map(|k| {
            let mut i = item.clone();
            i.meta.id = uuid::Uuid::from_u128(k + 1);
            i
        })
        .collect();
    let text = backup::export(&lib, now());
    let started = std::time::Instant::now();
    let b = backup::parse_at(&text, now()).expect("accepted");
    let _ = restore::preview(&lib, &b, &BTreeSet::new());
    let _ = restore::merge(&lib, &b.library, &BTreeSet::new());
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
}
