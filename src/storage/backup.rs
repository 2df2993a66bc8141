//! Full backups: one JSON file with everything on this device (private notes
//! included — it is the owner's own copy), and reading one back: checked
//! completely before anything changes. Restoring it — previewed, then merged
//! or replacing — is [`super::restore`].
//!
//! ```json
//! {"format": "tandem-backup", "schema": 1, "exported_at": "…", "app_version": "0.1.0",
//!  "profile": {…}, "mentorships": [{…}, …]}
//! ```

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use super::migrate::{self, MigrateError, SCHEMA};
use crate::model::record::Record;
use crate::model::{profile::Profile, Library, MentorshipDoc};

pub const FORMAT: &str = "tandem-backup";
/// Backups larger than this are refused before being read.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// More mentorships than this in one file is not a real backup.
pub const MAX_MENTORSHIPS: usize = 1_000;

#[derive(Serialize)]
struct BackupOut<'a> {
    format: &'static str,
    schema: u32,
    exported_at: DateTime<Utc>,
    app_version: &'static str,
    profile: &'a Profile,
    mentorships: Vec<&'a MentorshipDoc>,
}

/// The backup file's text (pretty JSON, so a person can read it).
pub fn export(library: &Library, now: DateTime<Utc>) -> String {
    let out = BackupOut {
        format: FORMAT,
        schema: SCHEMA,
        exported_at: now,
        app_version: env!("CARGO_PKG_VERSION"),
        profile: &library.profile,
        // Tombstones travel too, so a restore cannot resurrect what was deleted.
        mentorships: library.mentorships.iter().collect(),
    };
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

/// The file name for a backup made at `now`.
pub fn file_name(now: DateTime<Utc>) -> String {
    format!("tandem-backup-{}.json", crate::model::dates::stamp(&now))
}

/// Why a file was refused. Current data is never touched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    TooLarge { bytes: usize },
    Truncated,
    NotJson(String),
    NotOurs(String),
    Newer(u32),
    BadVersion,
    WrongShape(String),
    TooMany(usize),
    DuplicateIds(Vec<String>),
    Invalid(Vec<String>),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Empty => write!(f, "The file is empty: there is nothing to restore."),
            ImportError::TooLarge { bytes } => write!(
                f,
                "The file is too large to be a Tandem backup ({:.1} MB; the limit is {} MB).",
                *bytes as f64 / 1_048_576.0,
                MAX_BYTES / 1_048_576
            ),
            ImportError::Truncated => write!(f, "The file ends too early: it looks truncated (an incomplete download or copy?)."),
            ImportError::NotJson(why) => write!(f, "The file is not JSON, so it is not a Tandem backup ({why})."),
            ImportError::NotOurs(what) => write!(f, "This is not a Tandem backup ({what})."),
            ImportError::Newer(v) => write!(
                f,
                "This backup was made by a newer version of Tandem (data version {v}; this app reads up to {SCHEMA}). Update the app, then restore it."
            ),
            ImportError::BadVersion => write!(f, "The backup has no valid data version."),
            ImportError::WrongShape(why) => write!(f, "The backup is damaged: {why}."),
            ImportError::TooMany(n) => write!(f, "The backup lists {n} mentorships, more than a real backup holds ({MAX_MENTORSHIPS})."),
            ImportError::DuplicateIds(ids) => write!(f, "The backup is damaged: these ids appear more than once: {}.", ids.join(", ")),
            ImportError::Invalid(list) => write!(f, "The backup holds data Tandem cannot accept: {}", list.join(" ")),
        }
    }
}

/// A backup that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    pub exported_at: Option<DateTime<Utc>>,
    /// The schema it was written with (older ones were migrated).
    pub schema: u32,
    pub library: Library,
}

/// Reads and checks a backup file's text.
pub fn parse(text: &str) -> Result<Backup, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            ImportError::Truncated
        } else {
            ImportError::NotJson(format!("line {}, column {}", e.line(), e.column()))
        }
    })?;
    let Value::Object(obj) = &value else {
        return Err(ImportError::NotOurs("it is JSON, but not an object".into()));
    };
    match obj.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(ImportError::NotOurs(format!(
                "its format is “{}”",
                other.chars().take(60).collect::<String>()
            )))
        }
        None => return Err(ImportError::NotOurs("it has no “format” field".into())),
    }
    let schema = migrate::version_of(&value).map_err(|_| ImportError::BadVersion)?;
    if schema > SCHEMA {
        return Err(ImportError::Newer(schema));
    }
    let exported_at =
        match obj.get("exported_at") {
            None | Some(Value::Null) => None,
            Some(v) => Some(serde_json::from_value::<DateTime<Utc>>(v.clone()).map_err(|_| {
                ImportError::WrongShape("“exported_at” is not a date and time".into())
            })?),
        };
    let list = match obj.get("mentorships") {
        Some(Value::Array(list)) => list,
        Some(_) => return Err(ImportError::WrongShape("“mentorships” is not a list".into())),
        None => return Err(ImportError::WrongShape("it has no “mentorships”".into())),
    };
    if list.len() > MAX_MENTORSHIPS {
        return Err(ImportError::TooMany(list.len()));
    }
    let mut library = Library::default();
    if let Some(profile) = obj.get("profile") {
        let profile = migrate::upgrade(profile.clone(), schema).map_err(migrate_error)?;
        library.profile = migrate::into_typed(&profile)
            .map_err(|e| ImportError::WrongShape(format!("the profile: {e}")))?;
    }
    for (i, doc) in list.iter().enumerate() {
        let doc = migrate::upgrade(doc.clone(), schema).map_err(migrate_error)?;
        let doc: MentorshipDoc = migrate::into_typed(&doc).map_err(|e| {
            ImportError::WrongShape(format!("mentorship {} of {}: {e}", i + 1, list.len()))
        })?;
        library.mentorships.push(doc);
    }
    check_ids(&library)?;
    let mut problems = Vec::new();
    for doc in &library.mentorships {
        if let Err(errors) = doc.validate() {
            for e in errors.into_iter().take(3) {
                problems.push(format!("“{}”: {}", doc.mentorship.title(), e.message));
            }
        }
    }
    if let Err(errors) = library.profile.validate() {
        problems.extend(errors.into_iter().map(|e| e.message));
    }
    if !problems.is_empty() {
        problems.truncate(6);
        return Err(ImportError::Invalid(problems));
    }
    library.sort();
    Ok(Backup { exported_at, schema, library })
}

fn migrate_error(e: MigrateError) -> ImportError {
    match e {
        MigrateError::Newer(v) => ImportError::Newer(v),
        MigrateError::Unknown => ImportError::BadVersion,
        MigrateError::Failed { from, reason } => {
            ImportError::WrongShape(format!("upgrading from data version {from}: {reason}"))
        }
    }
}

fn check_ids(library: &Library) -> Result<(), ImportError> {
    let mut seen = BTreeSet::new();
    let mut dups: Vec<String> = Vec::new();
    let mut note = |id: Uuid| {
        if !seen.insert(id) && !dups.contains(&id.to_string()) {
            dups.push(id.to_string());
        }
    };
    for doc in &library.mentorships {
        note(doc.id());
        doc.themes.iter().for_each(|r| note(r.id()));
        doc.agreements.iter().for_each(|r| note(r.id()));
        doc.goals.iter().for_each(|r| note(r.id()));
        doc.actions.iter().for_each(|r| note(r.id()));
        doc.sessions.iter().for_each(|r| note(r.id()));
        doc.checkins.iter().for_each(|r| note(r.id()));
        doc.private_notes.iter().for_each(|r| note(r.id()));
    }
    if dups.is_empty() {
        Ok(())
    } else {
        dups.truncate(5);
        Err(ImportError::DuplicateIds(dups))
    }
}
