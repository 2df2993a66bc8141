//! The lock's small JSON records (the key record, a protected file's header,
//! the lock's settings) read field by field in one pass.
//!
//! Each record once had its own serde-derived reader, run twice (the
//! version first, then the rest): three readers of a few fields each, about
//! 10 KiB of wasm (issue 14's size budget). They now share this one. It
//! keeps only the fields the record names, and at most a string of each:
//! whatever else a hostile file holds (nested arrays, a million keys) is
//! skipped as it is read, never built in memory.
//!
//! What it reads as the derived readers did, and where it differs (none of
//! these is anything Tandem writes):
//! - a field named twice makes the record unreadable, as before (after its
//!   version was checked, unless the version is the field named twice);
//! - an unknown field is skipped unread, then refuses the record, after
//!   its version was checked (so a newer record is still named newer);
//! - the array form of a record (`[1, "PBKDF2-SHA256", …]`), which derived
//!   readers also accepted, is refused;
//! - a record's own field holding a string that is not Unicode (a lone
//!   `\ud800`) makes it unreadable even when its version is newer.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::VaultError;

/// Reads a versioned record, the `what` of the messages ("the lock's
/// record"): its field `version_field`, a whole number, must be no higher
/// than `newest` (else it is [`VaultError::Newer`]), and its fields exactly
/// `names`, each of the kind `read` asks for; else it is damaged.
pub fn read_versioned<T>(
    text: &str,
    what: &str,
    (version_field, newest): (&str, u32),
    names: &[&str],
    read: impl FnOnce(&Fields, u32) -> Option<T>,
) -> Result<T, VaultError> {
    let unreadable = || VaultError::Damaged(format!("{what} is not readable"));
    let fields = Fields::parse(text, names).ok_or_else(unreadable)?;
    let version = fields.number(version_field).ok_or_else(unreadable)?;
    if version > newest {
        return Err(VaultError::Newer(version));
    }
    fields.exact().then(|| read(&fields, version)).flatten().ok_or_else(unreadable)
}

/// One field's value, as much of it as a record can use.
enum Scalar {
    Number(u64),
    Text(String),
    Null,
    /// Anything else (a negative or fractional number, a boolean, an array,
    /// an object): read past, not kept.
    Other,
}

/// A JSON object's fields of the names asked for.
pub struct Fields {
    known: Vec<(String, Scalar)>,
    /// Names asked for that it has more than once: none of their values is
    /// believed.
    twice: Vec<String>,
    /// It has a field of another name.
    unknown: bool,
}

impl Fields {
    /// The fields of `text` named in `names`, if it is a JSON object.
    /// Never panics.
    pub fn parse(text: &str, names: &[&str]) -> Option<Fields> {
        let mut reader = serde_json::Deserializer::from_str(text);
        let fields = reader.deserialize_map(FieldsOf(names)).ok()?;
        reader.end().ok()?;
        Some(fields)
    }

    fn get(&self, name: &str) -> Option<&Scalar> {
        if self.twice.iter().any(|n| n == name) {
            return Some(&Scalar::Other);
        }
        self.known.iter().find(|(n, _)| n == name).map(|(_, value)| value)
    }

    /// The field `name`, if it is a whole number from 0 to `u32::MAX`.
    pub fn number(&self, name: &str) -> Option<u32> {
        match self.get(name)? {
            Scalar::Number(n) => u32::try_from(*n).ok(),
            _ => None,
        }
    }

    /// The field `name`, if it is a string.
    pub fn text(&self, name: &str) -> Option<String> {
        match self.get(name)? {
            Scalar::Text(text) => Some(text.clone()),
            _ => None,
        }
    }

    /// The field `name`: absent or `null` is `Some(None)`, a string
    /// `Some(Some(..))`, anything else `None`.
    pub fn optional_text(&self, name: &str) -> Option<Option<&str>> {
        match self.get(name) {
            None | Some(Scalar::Null) => Some(None),
            Some(Scalar::Text(text)) => Some(Some(text)),
            Some(_) => None,
        }
    }

    /// Whether it names no field twice.
    pub fn none_twice(&self) -> bool {
        self.twice.is_empty()
    }

    /// Whether it names no field twice, and none but those it was read for.
    pub fn exact(&self) -> bool {
        self.none_twice() && !self.unknown
    }
}

/// Reads an object, keeping the fields of these names.
struct FieldsOf<'a>(&'a [&'a str]);

impl<'de> Visitor<'de> for FieldsOf<'_> {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Fields, M::Error> {
        let mut fields = Fields { known: Vec::new(), twice: Vec::new(), unknown: false };
        while let Some(name) = map.next_key::<String>()? {
            if !self.0.contains(&name.as_str()) {
                fields.unknown = true;
                map.next_value::<IgnoredAny>()?;
            } else if fields.get(&name).is_some() {
                map.next_value::<IgnoredAny>()?;
                fields.twice.push(name);
            } else {
                let value = map.next_value_seed(ScalarSeed)?;
                fields.known.push((name, value));
            }
        }
        Ok(fields)
    }
}

struct ScalarSeed;

impl<'de> DeserializeSeed<'de> for ScalarSeed {
    type Value = Scalar;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_u64<E>(self, n: u64) -> Result<Scalar, E> {
        Ok(Scalar::Number(n))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Scalar, E> {
        Ok(u64::try_from(n).map_or(Scalar::Other, Scalar::Number))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }

    fn visit_str<E>(self, text: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(text))
    }

    fn visit_unit<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Scalar, S::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Scalar, M::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_by_kind_and_range() {
        let names = ["n", "big", "neg", "f", "s", "z", "deep"];
        let text = r#"{"n": 7, "big": 4294967296, "neg": -1, "f": 1.5, "s": "x", "z": null,
            "deep": [[{"a": [1]}]]}"#;
        let f = Fields::parse(text, &names).expect("an object");
        assert_eq!((f.number("n"), f.number("big"), f.number("neg")), (Some(7), None, None));
        assert_eq!((f.number("f"), f.number("s"), f.number("none")), (None, None, None));
        assert_eq!((f.text("s").as_deref(), f.text("n"), f.text("deep")), (Some("x"), None, None));
        assert_eq!(f.optional_text("z"), Some(None));
        assert_eq!(f.optional_text("none"), Some(None));
        assert_eq!(f.optional_text("s"), Some(Some("x")));
        assert_eq!(f.optional_text("n"), None);
        assert!(f.exact());
        assert!(!Fields::parse(text, &["n"]).expect("an object").exact());
        for not_an_object in ["[1]", "\"x\"", "7", "null", "{", "", "{} x"] {
            assert!(Fields::parse(not_an_object, &names).is_none(), "{not_an_object}");
        }
        // A field named twice: not one of them is believed.
        let f = Fields::parse(r#"{"n": 1, "s": "x", "n": 2}"#, &names).expect("an object");
        assert_eq!((f.number("n"), f.text("s").as_deref(), f.exact()), (None, Some("x"), false));
        // Escaped names are what they say; `-0` is no whole number to
        // serde_json (nor was it to the derived readers).
        let f = Fields::parse(r#"{"\u006e": 3, "z": -0}"#, &names).expect("an object");
        assert_eq!((f.number("n"), f.number("z")), (Some(3), None));
    }

    /// Whatever a hostile file holds beside a record's fields is read past,
    /// not kept: deep nesting, long arrays, many keys.
    #[test]
    fn what_is_not_asked_for_is_skipped() {
        let deep = format!("{{\"v\": 1, \"x\": {}0{}}}", "[".repeat(100_000), "]".repeat(100_000));
        let f = Fields::parse(&deep, &["v"]).expect("an object");
        assert_eq!((f.number("v"), f.exact()), (Some(1), false));
        let wide = format!("{{\"v\": 1, \"x\": [{}0]}}", "0,".repeat(1_000_000));
        assert_eq!(Fields::parse(&wide, &["v", "x"]).and_then(|f| f.number("v")), Some(1));
        let keys: String = (0..100_000).map(|i| format!(",\"k{i}\": {i}")).collect();
        let many = format!("{{\"v\": 1{keys}}}");
        let f = Fields::parse(&many, &["v"]).expect("an object");
        assert_eq!((f.known.len(), f.exact()), (1, false));
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
            Just(json!(1.0)),
            Just(json!([1, "a"])),
            Just(json!([[[[[{"a": [1]}]]]]])),
            Just(json!({"a": 1})),
        ]
        .boxed()
    }

    /// The text of an object with `fields`, each drawn from its strategy,
    /// sometimes with one of them named twice (first).
    pub fn object(fields: Vec<(&'static str, BoxedStrategy<Value>)>) -> BoxedStrategy<String> {
        let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
        let twice = proptest::option::weighted(0.1, (proptest::sample::select(names), any_kind()));
        let fields: Vec<_> = fields
            .into_iter()
            .map(|(name, value)| {
                let value = prop_oneof![24 => value, 1 => any_kind()];
                (Just(name), proptest::option::weighted(0.97, value))
            })
            .collect();
        let extra = proptest::option::weighted(0.1, ("[a-z_]{1,10}", any_kind()));
        (fields, extra, twice)
            .prop_map(|(fields, extra, twice)| {
                let mut map = Map::new();
                for (name, value) in fields {
                    if let Some(value) = value {
                        map.insert(name.to_string(), value);
                    }
                }
                if let Some((name, value)) = extra {
                    map.insert(name, value);
                }
                let text = Value::Object(map).to_string();
                match twice {
                    Some((name, value)) if text != "{}" => {
                        format!("{{\"{name}\":{value},{}", &text[1..])
                    }
                    _ => text,
                }
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

    /// Mostly one of `valid`, sometimes any small number.
    pub fn one_of(valid: &[u32]) -> BoxedStrategy<Value> {
        prop_oneof![
            12 => proptest::sample::select(valid.to_vec()).prop_map(Value::from),
            1 => (0u32..100).prop_map(Value::from),
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
