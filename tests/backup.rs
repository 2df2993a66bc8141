//! Backups: export → restore round trips, previews say what will change, and a
//! corpus of bad files is refused with the right reason.
#![cfg(not(target_arch = "wasm32"))]

use tandem::model::record::{self, Record};
use tandem::model::{sample, Library};
use tandem::storage::backup::{self, ImportError};

mod support;

use support::{fixture, now, FIXTURES};

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

fn expected_reason(name: &str) -> &str {
    name.split("--").next().unwrap_or("")
}

fn reason(e: &ImportError) -> &'static str {
    match e {
        ImportError::Empty => "empty",
        ImportError::TooLarge { .. } => "too-large",
        ImportError::Utf16 => "utf-16",
        ImportError::Truncated => "truncated",
        ImportError::TrailingContent { .. } => "trailing",
        ImportError::DuplicateKey { .. } => "duplicate-key",
        ImportError::NotJson(_) => "not-json",
        ImportError::NotOurs(_) => "not-ours",
        ImportError::Newer(_) => "newer",
        ImportError::BadVersion => "bad-version",
        ImportError::WrongShape(_) => "wrong-shape",
        ImportError::TooMany(_) => "too-many",
        ImportError::DuplicateIds(_) => "duplicate-ids",
        ImportError::Invalid(_) => "invalid",
    }
}

#[test]
fn every_bad_file_is_refused_for_its_reason() {
    let mut seen = 0;
    for entry in std::fs::read_dir(format!("{FIXTURES}bad-backups")).expect("corpus") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        if name == "README.md" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let err = backup::parse(&text).expect_err(&name);
        assert_eq!(reason(&err), expected_reason(&name), "{name}: {err}");
        let message = err.to_string();
        assert!(
            message.len() > 20 && message.ends_with('.'),
            "{name}: a sentence for a person: {message}"
        );
        seen += 1;
    }
    assert!(seen >= 15, "the corpus is there ({seen} files)");
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
