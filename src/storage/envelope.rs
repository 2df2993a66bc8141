//! The envelope around every stored value — `{"schema": n, "<field>": …}`,
//! packed by [`super::codec`] — and reading it back through the migrations.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::codec;
use super::doc_code;
use super::migrate::{self, MigrateError, SCHEMA};
use super::SaveError;
use crate::model::{profile::Profile, MentorshipDoc};

/// Why one stored value could not be read.
pub(crate) enum ReadError {
    Corrupt(String),
    Newer(u32),
    /// The code that reads stored values has not arrived yet
    /// ([`super::doc_code`]): nothing is known about the value.
    NotReady,
}

/// Reads an envelope `{"schema": n, "<field>": …}` and brings its payload to
/// the current schema. Data already at the current schema is read straight
/// into its type (the fast path every load takes); older data goes through
/// the JSON migrations.
pub(crate) fn read_envelope<T: for<'de> Deserialize<'de>>(
    raw: &str,
    field: &str,
) -> Result<T, ReadError> {
    let json = codec::decode(raw).map_err(|e| ReadError::Corrupt(e.0))?;
    if let Some(value) = read_current::<T>(&json, field) {
        return Ok(value);
    }
    let parts: std::collections::BTreeMap<&str, &serde_json::value::RawValue> =
        serde_json::from_str(&json)
            .map_err(|e| ReadError::Corrupt(format!("it is not valid JSON: {e}")))?;
    let version = parts
        .get("schema")
        .and_then(|v| v.get().parse::<u32>().ok())
        .filter(|v| *v >= 1)
        .ok_or_else(|| ReadError::Corrupt(MigrateError::Unknown.to_string()))?;
    let payload =
        parts.get(field).ok_or_else(|| ReadError::Corrupt(format!("it has no “{field}”")))?;
    if version == SCHEMA {
        return serde_json::from_str(payload.get())
            .map_err(|e| ReadError::Corrupt(format!("unexpected content: {e}")));
    }
    let value: Value = serde_json::from_str(payload.get())
        .map_err(|e| ReadError::Corrupt(format!("it is not valid JSON: {e}")))?;
    let value = migrate::upgrade(value, version).map_err(|e| match e {
        MigrateError::Newer(v) => ReadError::Newer(v),
        other => ReadError::Corrupt(other.to_string()),
    })?;
    migrate::into_typed(&value).map_err(|e| ReadError::Corrupt(format!("unexpected content: {e}")))
}

/// The fast path: an envelope exactly as this app writes it,
/// `{"schema":<current>,"<field>":…}`, parsed in one pass. Anything else —
/// another layout, an older schema, damage — returns `None` and takes the
/// general path, which also words the error.
fn read_current<T: for<'de> Deserialize<'de>>(json: &str, field: &str) -> Option<T> {
    let head = format!("{{\"schema\":{SCHEMA},\"{field}\":");
    let payload = json.strip_prefix(head.as_str())?.strip_suffix('}')?;
    serde_json::from_str(payload).ok()
}

/// The stored form of a mentorship (the app writes it through
/// [`super::doc_code`]).
pub fn encode_doc(doc: &MentorshipDoc) -> String {
    #[derive(Serialize)]
    struct Envelope<'a> {
        schema: u32,
        doc: &'a MentorshipDoc,
    }
    codec::encode(&serde_json::to_string(&Envelope { schema: SCHEMA, doc }).unwrap_or_default())
}

pub(crate) fn encode_profile(profile: &Profile) -> String {
    #[derive(Serialize)]
    struct Envelope<'a> {
        schema: u32,
        profile: &'a Profile,
    }
    codec::encode(&serde_json::to_string(&Envelope { schema: SCHEMA, profile }).unwrap_or_default())
}

/// A value Tandem stores under a key: its stored form, and reading that form
/// back. A save checks that the one gives the other (see
/// `Repository::write_value`).
pub(crate) trait Storable: PartialEq + Sized {
    /// Its stored form (`NotReady` until the code that writes it is here).
    fn encode(&self) -> Result<String, SaveError>;
    fn decode(raw: &str) -> Result<Self, ReadError>;
}

/// Both go through [`doc_code`], whose code may not have arrived yet: the
/// repository reads and writes nothing until it has.
impl Storable for MentorshipDoc {
    fn encode(&self) -> Result<String, SaveError> {
        Ok((doc_code::get().ok_or(SaveError::NotReady)?.write_doc)(self))
    }

    fn decode(raw: &str) -> Result<Self, ReadError> {
        (doc_code::get().ok_or(ReadError::NotReady)?.read_doc)(raw)
    }
}

impl Storable for Profile {
    fn encode(&self) -> Result<String, SaveError> {
        Ok((doc_code::get().ok_or(SaveError::NotReady)?.write_profile)(self))
    }

    fn decode(raw: &str) -> Result<Self, ReadError> {
        (doc_code::get().ok_or(ReadError::NotReady)?.read_profile)(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::now;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn read_doc(raw: &str) -> Result<MentorshipDoc, String> {
        read_envelope::<MentorshipDoc>(raw, "doc").map_err(|e| match e {
            ReadError::Corrupt(why) => why,
            ReadError::Newer(v) => MigrateError::Newer(v).to_string(),
            ReadError::NotReady => "not ready".into(),
        })
    }

    fn doc() -> MentorshipDoc {
        crate::model::sample::mentorship(3, 4, now())
    }

    #[test]
    fn what_this_app_writes_reads_back() -> TestResult {
        let doc = doc();
        assert_eq!(read_doc(&encode_doc(&doc)), Ok(doc));
        Ok(())
    }

    #[test]
    fn other_layouts_of_the_current_schema_still_read() -> TestResult {
        let doc = doc();
        let body = serde_json::to_string(&doc)?;
        for json in [
            format!("{{\"doc\":{body},\"schema\":{SCHEMA}}}"),
            format!("{{ \"schema\": {SCHEMA}, \"doc\": {body} }}"),
            format!("{{\"schema\":{SCHEMA},\"doc\":{body},\"note\":\"written by hand\"}}"),
        ] {
            assert_eq!(read_doc(&codec::encode(&json)).as_ref(), Ok(&doc), "{json:.60}");
            assert_eq!(read_doc(&json).as_ref(), Ok(&doc), "plain {json:.60}");
        }
        Ok(())
    }

    #[test]
    fn a_damaged_current_envelope_is_reported_not_guessed() {
        let json = format!("{{\"schema\":{SCHEMA},\"doc\":{{\"id\":42}}}}");
        let err = read_doc(&json).expect_err("refused");
        assert!(err.starts_with("unexpected content"), "{err}");
    }
}
