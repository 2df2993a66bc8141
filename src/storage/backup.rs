//! Full backups: one JSON file with everything on this device (private notes
//! included — it is the owner's own copy), and reading one back: checked
//! completely before anything changes. Restoring it — previewed, then merged
//! or replacing — is [`super::restore`].
//!
//! ```json
//! {"format": "tandem-backup", "schema": 1, "exported_at": "…", "app_version": "0.1.0",
//!  "profile": {…}, "mentorships": [{…}, …]}
//! ```
//!
//! # What a restore accepts
//! [`parse`] reads the text the file picker gives (UTF-8; a byte order mark
//! is skipped; UTF-16 is recognised and refused with a message saying so),
//! refuses JSON that names one key twice in an object (which would keep one
//! of them silently) or has anything after its end, then checks the
//! envelope, the shape, the ids, and every record with the model's rules
//! (`MentorshipDoc::validate`) after putting the data in its normal form
//! (`MentorshipDoc::normalize`: tombstones empty, derived ids, clean text).
//! Every step is linear in the file's size (maps and sets, never a search
//! inside a loop), so a large hostile file cannot hang the tab.
//!
//! # Times in the future
//! Merging keeps the version changed last, so a record stamped in the future
//! (a device whose clock was wrong, or a hand-edited file) would win every
//! merge for ever. A restore keeps such data but brings every recorded time
//! more than a day ahead of this device's clock back to now
//! (`MentorshipDoc::clamp_future`; [`Backup::clamped`] says how many).
//! Planned times (sessions, due dates) are not recorded times and stay.

use chrono::{DateTime, Utc};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::{Map, Number, Value};

use super::migrate::{self, MigrateError, SCHEMA};
use crate::model::counting::one_decimal;
use crate::model::integrity::future_limit;
use crate::model::record::{repeated, Record};
use crate::model::validate::{instant_in_window, shown, Errors};
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
    super::json_indent::indent(&serde_json::to_string(&out).unwrap_or_default())
}

/// The file name for a backup made at `now`.
pub fn file_name(now: DateTime<Utc>) -> String {
    format!("tandem-backup-{}.json", crate::model::dates::stamp(&now))
}

/// Why a file was refused. Current data is never touched.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("The file is empty: there is nothing to restore.")]
    Empty,
    #[error("The file is too large to be a Tandem backup ({} MB; the limit is {} MB).", one_decimal(*bytes as u64, 1_048_576), MAX_BYTES / 1_048_576)]
    TooLarge { bytes: usize },
    /// UTF-16 text (the file picker reads every file as UTF-8).
    #[error("This file is UTF-16 text; save it as UTF-8 (in most editors: Save as… and choose the encoding UTF-8), then restore it.")]
    Utf16,
    #[error("The file ends too early: it looks truncated (an incomplete download or copy?).")]
    Truncated,
    #[error("The file is not JSON, so it is not a Tandem backup ({0}).")]
    NotJson(String),
    /// Something after the end of the JSON: at this line and column.
    #[error("The file goes on after the end of the backup (line {line}, column {column}): two files joined, or one edited by hand, so it is not restored.")]
    TrailingContent { line: usize, column: usize },
    /// An object names this key twice (at this line).
    #[error("The backup names the field “{}” twice in one place (line {line}), so Tandem cannot tell which to keep: it was damaged or edited by hand.", shown(key))]
    DuplicateKey { key: String, line: usize },
    #[error("This is not a Tandem backup ({0}).")]
    NotOurs(String),
    #[error("This backup was made by a newer version of Tandem (data version {0}; this app reads up to {SCHEMA}). Update the app, then restore it.")]
    Newer(u32),
    #[error("The backup has no valid data version.")]
    BadVersion,
    #[error("The backup is damaged: {0}.")]
    WrongShape(String),
    #[error(
        "The backup lists {0} mentorships, more than a real backup holds ({MAX_MENTORSHIPS})."
    )]
    TooMany(usize),
    #[error("The backup is damaged: these ids appear more than once: {}.", .0.join(", "))]
    DuplicateIds(Vec<String>),
    #[error("The backup holds data Tandem cannot accept: {}", .0.join(" "))]
    Invalid(Vec<String>),
}

/// A backup that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    pub exported_at: Option<DateTime<Utc>>,
    /// The schema it was written with (older ones were migrated).
    pub schema: u32,
    pub library: Library,
    /// How many recorded times were more than a day ahead of this device's
    /// clock and were brought back to now (see the module doc).
    pub clamped: usize,
}

/// Reads and checks a backup file's text, against this device's clock.
pub fn parse(text: &str) -> Result<Backup, ImportError> {
    parse_at(text, Utc::now())
}

/// JSON as a [`Value`], refusing an object that names a key twice
/// (`serde_json` would keep the last one silently).
struct Strict(Value);

/// How the duplicate-key error is told apart from other data errors.
const DUPLICATE: &str = "tandem: duplicate key ";

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!("{DUPLICATE}{key}")));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// The text without a byte order mark; UTF-16 refused. The file picker
/// (`File.text()`) reads every file as UTF-8: UTF-16 arrives as replacement
/// characters for its byte order mark and a NUL beside every ASCII letter.
fn plain_text(text: &str) -> Result<&str, ImportError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let head: Vec<char> = text.chars().take(256).collect();
    let nuls = head.iter().filter(|c| **c == '\0').count();
    let utf16 = text.starts_with('\u{FFFE}')
        || text.starts_with("\u{FFFD}\u{FFFD}")
        || (head.len() >= 2 && nuls * 4 >= head.len());
    if utf16 {
        Err(ImportError::Utf16)
    } else {
        Ok(text)
    }
}

/// Reads the JSON: one value, no key twice in an object, nothing after it.
fn read_json(text: &str) -> Result<Value, ImportError> {
    let syntax = |e: serde_json::Error| {
        let message = e.to_string();
        if e.is_eof() {
            ImportError::Truncated
        } else if let Some(rest) = message.strip_prefix(DUPLICATE) {
            let key = rest.rsplit_once(" at line ").map_or(rest, |(k, _)| k);
            ImportError::DuplicateKey { key: key.to_string(), line: e.line() }
        } else {
            ImportError::NotJson(format!("line {}, column {}", e.line(), e.column()))
        }
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let Strict(value) = Strict::deserialize(&mut de).map_err(syntax)?;
    de.end().map_err(|e| ImportError::TrailingContent { line: e.line(), column: e.column() })?;
    Ok(value)
}

/// Reads and checks a backup file's text; `now` is this device's clock
/// (recorded times more than a day after it are brought back to it).
pub fn parse_at(text: &str, now: DateTime<Utc>) -> Result<Backup, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let text = plain_text(text)?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let value = read_json(text)?;
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
    let mut exported_at = match obj.get("exported_at") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_str()
                .and_then(crate::model::stored_time::read_instant)
                .map(|t| t.with_timezone(&Utc))
                .ok_or_else(|| {
                    ImportError::WrongShape("“exported_at” is not a date and time".into())
                })?,
        ),
    };
    if let Some(at) = exported_at.filter(|t| !instant_in_window(t)) {
        let mut e = Errors::default();
        e.instant("exported_at", "The date the backup was made", &at);
        return Err(ImportError::Invalid(e.0.into_iter().map(|e| e.message).collect()));
    }
    let mut clamped = 0;
    if exported_at.is_some_and(|t| t > future_limit(now)) {
        exported_at = Some(now);
        clamped += 1;
    }
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
    // Ids written twice are refused; then ids made the derived ones by the
    // normal form are checked again across the whole file.
    check_ids(&library)?;
    library.normalize();
    check_ids(&library)?;
    let mut problems = Vec::new();
    for doc in &library.mentorships {
        if let Err(errors) = doc.validate() {
            problems.extend(errors.into_iter().take(3).map(|e| e.message));
        }
    }
    if let Err(errors) = library.profile.validate() {
        problems.extend(errors.into_iter().map(|e| e.message));
    }
    if !problems.is_empty() {
        problems.truncate(6);
        return Err(ImportError::Invalid(problems));
    }
    clamped += library.clamp_future(now);
    Ok(Backup { exported_at, schema, library, clamped })
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

/// No id twice in the whole file (linear: one pass with a set).
fn check_ids(library: &Library) -> Result<(), ImportError> {
    let ids = library.mentorships.iter().flat_map(|doc| {
        std::iter::once(doc.id())
            .chain(doc.themes.iter().map(Record::id))
            .chain(doc.agreements.iter().map(Record::id))
            .chain(doc.goals.iter().map(Record::id))
            .chain(doc.actions.iter().map(Record::id))
            .chain(doc.sessions.iter().map(Record::id))
            .chain(doc.checkins.iter().map(Record::id))
            .chain(doc.private_notes.iter().map(Record::id))
    });
    let dups: Vec<String> = repeated(ids).into_iter().take(5).map(|id| id.to_string()).collect();
    if dups.is_empty() {
        Ok(())
    } else {
        Err(ImportError::DuplicateIds(dups))
    }
}
