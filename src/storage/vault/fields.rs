//! The lock's small JSON records (the key record, a protected file's header,
//! the lock's settings) read field by field from one parsed object.
//!
//! Each record once had its own serde-derived reader, read twice (the
//! version first, then the rest): three readers of a few fields each, about
//! 10 KiB of wasm (issue 14's size budget). They now share the app's one
//! reader of any JSON value.

use serde_json::{Map, Value};

use super::VaultError;

/// Reads a versioned record, the `what` of the messages ("the lock's
/// record"): its `version` field, a whole number, must be no higher than
/// `newest` (else it is [`VaultError::Newer`]), and its fields exactly
/// `names`, each of the kind `read` asks for; else it is damaged.
pub fn read_versioned<T>(
    text: &str,
    what: &str,
    (version, newest): (&str, u32),
    names: &[&str],
    read: impl FnOnce(&Fields, u32) -> Option<T>,
) -> Result<T, VaultError> {
    let unreadable = || VaultError::Damaged(format!("{what} is not readable"));
    let fields = Fields::parse(text).ok_or_else(unreadable)?;
    let version = fields.number(version).ok_or_else(unreadable)?;
    if version > newest {
        return Err(VaultError::Newer(version));
    }
    fields.only(names).then(|| read(&fields, version)).flatten().ok_or_else(unreadable)
}

/// A JSON object's fields.
pub struct Fields(Map<String, Value>);

impl Fields {
    /// The fields of `text`, if it is a JSON object. Never panics.
    pub fn parse(text: &str) -> Option<Fields> {
        match serde_json::from_str(text).ok()? {
            Value::Object(map) => Some(Fields(map)),
            _ => None,
        }
    }

    /// The field `name`, if it is a whole number from 0 to `u32::MAX`.
    pub fn number(&self, name: &str) -> Option<u32> {
        self.0.get(name)?.as_u64()?.try_into().ok()
    }

    /// The field `name`, if it is a string.
    pub fn text(&self, name: &str) -> Option<String> {
        self.0.get(name)?.as_str().map(str::to_owned)
    }

    /// The field `name`: absent or `null` is `Some(None)`, a string
    /// `Some(Some(..))`, anything else `None`.
    pub fn optional_text(&self, name: &str) -> Option<Option<&str>> {
        match self.0.get(name) {
            None | Some(Value::Null) => Some(None),
            Some(Value::String(text)) => Some(Some(text)),
            Some(_) => None,
        }
    }

    /// Whether every field is one of `names`.
    pub fn only(&self, names: &[&str]) -> bool {
        self.0.keys().all(|key| names.contains(&key.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_by_kind_and_range() {
        let f = Fields::parse(
            r#"{"n": 7, "big": 4294967296, "neg": -1, "f": 1.5, "s": "x", "z": null}"#,
        )
        .expect("an object");
        assert_eq!((f.number("n"), f.number("big"), f.number("neg")), (Some(7), None, None));
        assert_eq!((f.number("f"), f.number("s"), f.number("none")), (None, None, None));
        assert_eq!((f.text("s").as_deref(), f.text("n")), (Some("x"), None));
        assert_eq!(f.optional_text("z"), Some(None));
        assert_eq!(f.optional_text("none"), Some(None));
        assert_eq!(f.optional_text("s"), Some(Some("x")));
        assert_eq!(f.optional_text("n"), None);
        assert!(f.only(&["n", "big", "neg", "f", "s", "z"]) && !f.only(&["n"]));
        for not_an_object in ["[1]", "\"x\"", "7", "null", "{", ""] {
            assert!(Fields::parse(not_an_object).is_none(), "{not_an_object}");
        }
    }
}

/// Objects for property tests: each named field present or not, holding a
/// value its strategy gives or a value of another kind, and sometimes a
/// field of no record.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub mod objects {
    use proptest::prelude::*;
    use serde_json::{json, Map, Value};

    /// A value of any kind: what a record's field must refuse.
    fn any_kind() -> BoxedStrategy<Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(|f| json!(f)),
            ".{0,8}".prop_map(Value::from),
            Just(json!([1, "a"])),
            Just(json!({"a": 1})),
        ]
        .boxed()
    }

    /// The text of an object with `fields`, each drawn from its strategy.
    pub fn object(fields: Vec<(&'static str, BoxedStrategy<Value>)>) -> BoxedStrategy<String> {
        let fields: Vec<_> = fields
            .into_iter()
            .map(|(name, value)| {
                let value = prop_oneof![24 => value, 1 => any_kind()];
                (Just(name), proptest::option::weighted(0.97, value))
            })
            .collect();
        let extra = proptest::option::weighted(0.1, ("[a-z_]{1,10}", any_kind()));
        (fields, extra)
            .prop_map(|(fields, extra)| {
                let mut map = Map::new();
                for (name, value) in fields {
                    if let Some(value) = value {
                        map.insert(name.to_string(), value);
                    }
                }
                if let Some((name, value)) = extra {
                    map.insert(name, value);
                }
                Value::Object(map).to_string()
            })
            .boxed()
    }

    /// A whole number around `low..=high`: often in it, sometimes just out.
    pub fn number(low: u32, high: u32) -> BoxedStrategy<Value> {
        prop_oneof![
            12 => (low..=high).prop_map(Value::from),
            1 => Just(Value::from(low.saturating_sub(1))),
            1 => Just(Value::from(u64::from(high) + 1)),
            1 => Just(Value::from(u64::from(u32::MAX) + 1)),
            1 => Just(Value::from(-1)),
        ]
        .boxed()
    }

    /// Base64url of `n` bytes, sometimes of one byte more or less.
    pub fn bytes(n: usize) -> BoxedStrategy<Value> {
        let of = |n: usize| crate::model::base64url::encode(&vec![7; n]);
        text(of(n), vec![of(n + 1), of(n.saturating_sub(1))])
    }

    /// Mostly `valid`, sometimes one of `near` (a length off by one, a
    /// date that is no date) or any short text.
    pub fn text(valid: String, near: Vec<String>) -> BoxedStrategy<Value> {
        let near = if near.is_empty() { vec![String::new()] } else { near };
        prop_oneof![
            12 => Just(Value::from(valid)),
            1 => proptest::sample::select(near).prop_map(Value::from),
            1 => "[A-Za-z0-9_-]{0,30}".prop_map(Value::from),
        ]
        .boxed()
    }
}
