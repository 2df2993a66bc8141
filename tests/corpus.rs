//! The corpora of hostile and extreme backups (`tests/fixtures/bad-backups/`,
//! `tests/fixtures/extreme-backups/`): every file is in its folder's table
//! and every row has its file; each bad file is refused for the reason its
//! row gives, with a sentence a person can act on; each extreme file is
//! accepted, renders everywhere in every zone, and restores to the same data
//! when exported and restored again.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::Path;

use tandem::storage::backup::{self, ImportError};

mod support;

use support::{now, picked, FIXTURES};

/// The rows of a folder's `README.md` table: `(file, expected outcome)`.
fn table(folder: &str) -> Vec<(String, String)> {
    let readme = support::fixture(&format!("{folder}/README.md"));
    readme
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            (cells[0].trim_start_matches("| ").trim_matches('`').to_string(), cells[1].to_string())
        })
        .collect()
}

/// The table and the folder list the same files.
fn same_files(folder: &str, rows: &[(String, String)]) {
    let listed: BTreeSet<&str> = rows.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(listed.len(), rows.len(), "{folder}: a file listed twice");
    let present: BTreeSet<String> = std::fs::read_dir(format!("{FIXTURES}{folder}"))
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md")
        .collect();
    let present: BTreeSet<&str> = present.iter().map(String::as_str).collect();
    let missing: Vec<_> = listed.difference(&present).collect();
    let unlisted: Vec<_> = present.difference(&listed).collect();
    assert!(missing.is_empty(), "{folder}: listed but missing: {missing:?}");
    assert!(unlisted.is_empty(), "{folder}: not in the table: {unlisted:?}");
}

fn reason(e: &ImportError) -> &'static str {
    match e {
        ImportError::Empty => "empty",
        ImportError::TooLarge { .. } => "too-large",
        ImportError::Utf16 => "utf-16",
        ImportError::Truncated => "truncated",
        ImportError::NotJson(_) => "not-json",
        ImportError::TrailingContent { .. } => "trailing",
        ImportError::DuplicateKey { .. } => "duplicate-key",
        ImportError::NotOurs(_) => "not-ours",
        ImportError::Newer(_) => "newer",
        ImportError::BadVersion => "bad-version",
        ImportError::WrongShape(_) => "wrong-shape",
        ImportError::TooMany(_) => "too-many",
        ImportError::DuplicateIds(_) => "duplicate-ids",
        ImportError::Invalid(_) => "invalid",
    }
}

fn refused_as(text: &str, expected: &str, name: &str) {
    let err = backup::parse_at(text, now()).expect_err(name);
    assert_eq!(reason(&err), expected, "{name}: {err}");
    let message = err.to_string();
    assert!(message.len() > 20 && message.ends_with('.'), "{name}: a sentence: {message}");
    assert!(
        !message.chars().any(|c| c.is_control() || tandem::model::validate::is_bidi_control(c)),
        "{name}: the message shows no control or direction characters: {message:?}"
    );
}

#[test]
fn every_bad_file_is_listed_and_refused_for_its_reason() {
    let rows = table("bad-backups");
    same_files("bad-backups", &rows);
    for (name, outcome) in &rows {
        assert!(name.starts_with(&format!("{outcome}--")), "{name}: named for its outcome");
        let text = picked(&Path::new(FIXTURES).join("bad-backups").join(name));
        refused_as(&text, outcome, name);
    }
    assert!(rows.len() >= 60, "the corpus holds {} files", rows.len());
}

#[test]
fn files_too_big_to_keep_in_the_corpus_are_refused_too() {
    let base = support::fixture("backups/valid-schema-1.json");
    let long_agreement = base.replacen(
        "\"body\": \"# Mentoring agreement",
        &format!("\"body\": \"{}# Mentoring agreement", "x".repeat(1_000_001)),
        1,
    );
    refused_as(&long_agreement, "invalid", "an agreement of 1,000,001 characters");
    let huge =
        format!("{{\"format\":\"tandem-backup\",\"pad\":\"{}\"}}", "x".repeat(backup::MAX_BYTES));
    refused_as(&huge, "too-large", "over 20 MB");
}

#[test]
fn the_brief_cases_say_which_record_and_why() {
    let text =
        picked(&Path::new(FIXTURES).join("bad-backups/invalid--session-in-the-year-262142.json"));
    let message = backup::parse_at(&text, now()).expect_err("refused").to_string();
    assert!(
        message.contains(
            "A session in “Ada Lovelace & Charles Babbage”: the start is out of range (year 262142"
        ),
        "{message}"
    );
    let text =
        picked(&Path::new(FIXTURES).join("bad-backups/invalid--updated-at-at-the-maximum.json"));
    let message = backup::parse_at(&text, now()).expect_err("refused").to_string();
    assert!(
        message.contains("Goal “Lead a team project” in “Ada Lovelace & Charles Babbage”: the time it was last changed is out of range (year 262142"),
        "{message}"
    );
}

#[test]
fn every_extreme_file_is_accepted_renders_everywhere_and_restores_the_same() {
    let rows = table("extreme-backups");
    same_files("extreme-backups", &rows);
    assert!(rows.len() >= 10, "{} files", rows.len());
    for (name, outcome) in &rows {
        assert_eq!(outcome, "accepted", "{name}");
        let text = picked(&Path::new(FIXTURES).join("extreme-backups").join(name));
        let b = backup::parse_at(&text, now()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(support::render::library_over_time(&b.library, now()) > 0, "{name}");
        let here = tandem::model::Library::default();
        let _ = tandem::storage::restore::preview(&here, &b, &BTreeSet::new());
        let again = backup::parse_at(&backup::export(&b.library, now()), now())
            .unwrap_or_else(|e| panic!("{name} exported again: {e}"));
        assert_eq!(again.library, b.library, "{name}: a second restore changes nothing");
        assert_eq!(again.clamped, 0, "{name}");
        assert_eq!(b.library.merge(&b.library), b.library, "{name}: merging with itself");
    }
}

/// An extreme file, restored.
fn restored(name: &str) -> backup::Backup {
    let text = picked(&Path::new(FIXTURES).join("extreme-backups").join(name));
    backup::parse_at(&text, now()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn what_a_restore_puts_right_is_put_right() {
    use tandem::model::private_note;
    use tandem::model::record::Record;
    use tandem::model::Side;

    let b = restored("control-and-direction-characters-in-text.json");
    let doc = &b.library.mentorships[0];
    assert_eq!(doc.mentorship.title(), "Ada Lovelace & Charles Babbage");
    assert_eq!(b.library.profile.name, "Ada");
    assert_eq!(
        doc.goals.iter().find(|g| g.title.contains("team")).map(|g| g.title.as_str()),
        Some("Lead a team project")
    );
    assert!(doc.sessions.iter().all(|s| !s
        .summary
        .notes
        .chars()
        .any(|c| c.is_control() && c != '\n')));

    let b = restored("recorded-times-in-the-future.json");
    assert!(b.clamped >= 5, "{}", b.clamped);
    let doc = &b.library.mentorships[0];
    assert!(doc.goals.iter().all(|g| g.meta.updated_at <= now()));
    assert!(doc.agreements[0].is_frozen(), "a clamped signing time keeps the signature");

    let b = restored("legacy-random-ids.json");
    let doc = &b.library.mentorships[0];
    assert_eq!(doc.agreements.len(), 1, "two copies of version 1 are one version");
    assert!(doc.agreements[0].is_frozen(), "signed by both, from either copy");
    let id = doc.id();
    assert!(doc
        .themes
        .iter()
        .filter(|t| t.key != "custom")
        .all(|t| t.id() == tandem::model::expectations::entry_id(id, &t.key)));

    let b = restored("deleted-records-with-leftover-content.json");
    let gone = b.library.mentorships.iter().find(|d| d.is_deleted()).expect("tombstone");
    assert!(
        gone.goals.is_empty() && gone.mentorship.mentee.is_empty(),
        "a tombstone carries nothing"
    );
    let doc = b.library.live().next().expect("live");
    assert!(doc
        .sessions
        .iter()
        .all(|s| !s.is_live() && s.topic.is_empty() && s.agenda.update.is_empty()));
    assert!(doc.conclusion.as_ref().is_some_and(|c| c.stay_in_touch.is_empty()));

    let b = restored("mentor-device-with-the-mentees-notes.json");
    let doc = &b.library.mentorships[0];
    assert_eq!(doc.mentorship.my_role, Side::Mentor);
    for s in &doc.sessions {
        if let Some(n) = private_note::mine(&doc.private_notes, s.id(), Side::Mentor) {
            assert!(n.text.starts_with("Written before"), "only the mentor's own: {}", n.text);
        }
    }
}
