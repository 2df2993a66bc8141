//! The envelope around every stored value — `{"schema": n, "<field>": …}`,
//! packed by [`super::codec`] — and reading it back through the migrations.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::codec;
use super::migrate::{self, MigrateError, SCHEMA};
use crate::model::{profile::Profile, MentorshipDoc};

/// Why one stored value could not be read.
pub(crate) enum ReadError {
    Corrupt(String),
    Newer(u32),
}

/// Reads an envelope `{"schema": n, "<field>": …}` and brings its payload to
/// the current schema. Data already at the current schema is read straight
/// into its type (the fast path every load takes); older data goes through
/// the JSON migrations.
pub(crate) fn read_envelope<T: for<'de> Deserialize<'de>>(raw: &str, field: &str) -> Result<T, ReadError> {
    let json = codec::decode(raw).map_err(|e| ReadError::Corrupt(e.0))?;
    let parts: std::collections::BTreeMap<&str, &serde_json::value::RawValue> =
        serde_json::from_str(&json).map_err(|e| ReadError::Corrupt(format!("it is not valid JSON: {e}")))?;
    let version = parts
        .get("schema")
        .and_then(|v| v.get().parse::<u32>().ok())
        .filter(|v| *v >= 1)
        .ok_or_else(|| ReadError::Corrupt(MigrateError::Unknown.to_string()))?;
    let payload = parts.get(field).ok_or_else(|| ReadError::Corrupt(format!("it has no “{field}”")))?;
    if version == SCHEMA {
        return serde_json::from_str(payload.get()).map_err(|e| ReadError::Corrupt(format!("unexpected content: {e}")));
    }
    let value: Value = serde_json::from_str(payload.get()).map_err(|e| ReadError::Corrupt(format!("it is not valid JSON: {e}")))?;
    let value = migrate::upgrade(value, version).map_err(|e| match e {
        MigrateError::Newer(v) => ReadError::Newer(v),
        other => ReadError::Corrupt(other.to_string()),
    })?;
    migrate::into_typed(&value).map_err(|e| ReadError::Corrupt(format!("unexpected content: {e}")))
}

pub fn read_doc(raw: &str) -> Result<MentorshipDoc, String> {
    read_envelope::<MentorshipDoc>(raw, "doc").map_err(|e| match e {
        ReadError::Corrupt(why) => why,
        ReadError::Newer(v) => MigrateError::Newer(v).to_string(),
    })
}

/// The stored form of a mentorship.
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
