//! Backups: export → restore round trips, previews say what will change, the
//! text a restore is given (byte order mark, UTF-16, keys twice, content
//! after the end, times in the future). The corpora of bad and extreme files
//! are in `tests/corpus.rs`.
#![cfg(not(target_arch = "wasm32"))]

use tandem::model::record::{self, Record};
use tandem::model::{sample, Library};
use tandem::storage::backup::{self, ImportError};

mod support;

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

    let preview = backup::preview(&here, &file);
    assert_eq!(preview.mentorships.len(), 2);
    let p0 = &preview.mentorships[0];
    assert!(!p0.is_new);
    assert_eq!(p0.newer_here, 2, "the edited session and the deleted item are newer here");
    assert_eq!((p0.added, p0.updated), (0, 0));
    let p1 = &preview.mentorships[1];
    assert_eq!(p1.added, 1, "the goal {} comes back", goal.title);
    assert_eq!(preview.only_here, vec![here.mentorships[2].mentorship.title()]);
    assert_eq!(preview.totals.sessions, 12);

    // Merging keeps the newer edits here and adds what the file has.
    let merged: Library = here.merge(&file.library);
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

    let preview = backup::preview(&here, &file);
    assert!(preview.mentorships[0].deleted_in_file && !preview.mentorships[0].is_new);
    assert_eq!(preview.mentorships[1].newer_here, 1, "the item deleted in the file is kept here");

    let merged = here.merge(&backup::for_merge(&here, &file.library));
    assert!(merged.get(here.mentorships[0].id()).is_some(), "the mentorship is still here");
    let kept = merged.get(here.mentorships[1].id()).expect("kept");
    assert!(kept.actions.iter().any(|a| a.id() == item && a.is_live()), "the item is still here");
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
    let _ = backup::preview(&lib, &b);
    let _ = backup::for_merge(&lib, &b.library);
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
}
