//! Schema versions of stored data and the migrations between them.
//!
//! Every stored document and every backup says which schema it was written
//! with. Older data is brought forward one version at a time, in order; data
//! from a newer version than this app is refused (never "fixed" or
//! overwritten), so an older tab or an older copy of the app cannot damage it.
//!
//! | schema | what changed |
//! | ------ | ------------ |
//! | 1      | first version: one document per mentorship, profile, meta |
//!
//! To change the stored shape: bump [`SCHEMA`], add a step to [`STEPS`] that
//! turns version N's JSON into N+1's, and add `tests/fixtures/schema-N+1/`.

use serde_json::Value;

/// The schema this app reads and writes.
pub const SCHEMA: u32 = 1;

/// One migration step: turns a document of version `from` into `from + 1`.
struct Step {
    from: u32,
    apply: fn(&mut Value) -> Result<(), String>,
}

/// Every step, oldest first. Empty while there is only schema 1.
const STEPS: &[Step] = &[];

/// Why stored data could not be brought to the current schema.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MigrateError {
    /// Written by a newer app: refuse, don't touch.
    #[error("it was saved by a newer version of Tandem (data version {0}; this app reads up to {SCHEMA}). Reload or update the app to open it")]
    Newer(u32),
    /// No schema number, or an impossible one.
    #[error("it has no valid data version")]
    Unknown,
    #[error("it could not be upgraded from data version {from}: {reason}")]
    Failed { from: u32, reason: String },
}

/// Turns migrated JSON into its type. Goes through text on purpose: the app
/// then carries one deserializer per type (from text) instead of two, which
/// keeps about 100 KB out of the wasm. Only older data takes this path.
pub fn into_typed<T: for<'de> serde::Deserialize<'de>>(
    value: &Value,
) -> Result<T, serde_json::Error> {
    serde_json::from_str(&value.to_string())
}

/// Reads the `schema` number of a stored envelope.
pub fn version_of(value: &Value) -> Result<u32, MigrateError> {
    let v = value.get("schema").and_then(Value::as_u64).ok_or(MigrateError::Unknown)?;
    u32::try_from(v).ok().filter(|v| *v >= 1).ok_or(MigrateError::Unknown)
}

/// Brings `payload` (the document inside an envelope of version `from`) to
/// [`SCHEMA`].
pub fn upgrade(mut payload: Value, from: u32) -> Result<Value, MigrateError> {
    if from > SCHEMA {
        return Err(MigrateError::Newer(from));
    }
    let mut version = from;
    while version < SCHEMA {
        let step = STEPS.iter().find(|s| s.from == version).ok_or(MigrateError::Failed {
            from: version,
            reason: "no migration is known".into(),
        })?;
        (step.apply)(&mut payload)
            .map_err(|reason| MigrateError::Failed { from: version, reason })?;
        version += 1;
    }
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    #[allow(clippy::reversed_empty_ranges)] // empty while the schema is 1
    fn every_older_version_has_a_step() {
        for v in 1..SCHEMA {
            assert!(STEPS.iter().any(|s| s.from == v), "no migration from schema {v}");
        }
    }

    #[test]
    fn newer_and_unknown_versions_are_refused() {
        assert_eq!(upgrade(json!({}), SCHEMA + 1), Err(MigrateError::Newer(SCHEMA + 1)));
        let said = MigrateError::Newer(SCHEMA + 1).to_string();
        assert!(
            said.contains(&format!("data version {}; this app reads up to {SCHEMA}", SCHEMA + 1))
        );
        assert_eq!(version_of(&json!({"schema": 0})), Err(MigrateError::Unknown));
        assert_eq!(version_of(&json!({"schema": "1"})), Err(MigrateError::Unknown));
        assert_eq!(version_of(&json!({"schema": 1})), Ok(1));
    }
}
