//! How dates and instants are read back from stored JSON: by hand, in the
//! forms chrono writes them (`2026-03-02`, `2026-03-02T09:30:00.250Z`,
//! `…+01:00`), rather than with chrono's general text parser, which is
//! 12 KiB of the wasm every first visit downloads. They are written by chrono
//! as before, so the stored form does not change.
//!
//! Each module is for `#[serde(with = "…")]` on a field of its type. What is
//! read is a subset of what chrono reads, with the same value (a property
//! test checks both); anything else is refused with serde's usual message.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::Serializer;

/// Reads a date as chrono writes it: `YYYY-MM-DD` (months and days of one
/// or two digits, as chrono reads them), or with a signed year of four to six
/// digits outside the years 0 to 9999 (`+10000-01-01`). Whether it is a
/// year Tandem keeps is for the model's checks to say, naming the record.
pub fn read_date(text: &str) -> Option<NaiveDate> {
    let (sign, unsigned, year_digits) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..], 4..=6),
        b'-' => (-1, &text[1..], 4..=6),
        _ => (1, text, 4..=4),
    };
    let mut parts = unsigned.splitn(3, '-');
    let year = sign * i32::try_from(number(parts.next()?, year_digits)?).ok()?;
    let month = number(parts.next()?, 1..=2)?;
    let day = number(parts.next()?, 1..=2)?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Reads an RFC 3339 instant: a date, `T` (or `t` or a space), `HH:MM:SS`,
/// an optional fraction of up to nine digits, and `Z` or an offset `±HH:MM`.
pub fn read_instant(text: &str) -> Option<DateTime<FixedOffset>> {
    let split = text.find(['T', 't', ' '])?;
    let date = read_date(&text[..split])?;
    let rest = &text[split + 1..];
    if rest.get(2..3)? != ":" || rest.get(5..6)? != ":" {
        return None;
    }
    let hour = number(rest.get(..2)?, 2..=2)?;
    let minute = number(rest.get(3..5)?, 2..=2)?;
    let second = number(rest.get(6..8)?, 2..=2)?;
    let mut rest = rest.get(8..)?;
    let mut nanos = 0;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        nanos = number(&fraction[..digits], 1..=9)? * 10u32.pow(9 - digits as u32);
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            if rest.len() != 6 || rest.get(3..4)? != ":" {
                return None;
            }
            let hours = number(rest.get(1..3)?, 2..=2)?;
            let minutes = number(rest.get(4..6)?, 2..=2)?;
            if minutes > 59 {
                return None;
            }
            sign * i32::try_from(hours * 3600 + minutes * 60).ok()?
        }
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    date.and_time(time).and_local_timezone(FixedOffset::east_opt(offset)?).single()
}

/// A number of only ASCII digits, as many as `len` allows.
fn number(text: &str, len: std::ops::RangeInclusive<usize>) -> Option<u32> {
    if !len.contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Reads a JSON string with `read`, or says what was expected.
struct Text<T>(fn(&str) -> Option<T>, &'static str);

impl<T> Visitor<'_> for Text<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.1)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        (self.0)(text).ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))
    }
}

const A_DATE: &str = "a date (YYYY-MM-DD)";
const AN_INSTANT: &str = "a date and time (RFC 3339)";

/// Reads an optional value with `read` (a missing field needs the field's
/// `#[serde(default)]`).
fn optional<'de, D: Deserializer<'de>, T>(
    d: D,
    read: fn(&str) -> Option<T>,
    what: &'static str,
) -> Result<Option<T>, D::Error> {
    struct Maybe<T>(Text<T>);
    impl<'de, T> Visitor<'de> for Maybe<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "{} or null", self.0 .1)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(self.0).map(Some)
        }
    }
    d.deserialize_option(Maybe(Text(read, what)))
}

fn utc(text: &str) -> Option<DateTime<Utc>> {
    read_instant(text).map(|t| t.with_timezone(&Utc))
}

/// A module for `#[serde(with = "…")]` on a field of type `$ty`: written by
/// chrono as before, read by `$read`.
macro_rules! stored_as_text {
    ($(#[$doc:meta])* $name:ident: $ty:ty => |$d:ident| $read:expr) => {
        $(#[$doc])*
        pub mod $name {
            use super::*;

            pub fn serialize<S: Serializer>(value: &$ty, s: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(value, s)
            }

            pub fn deserialize<'de, D: Deserializer<'de>>($d: D) -> Result<$ty, D::Error> {
                $read
            }
        }
    };
}

stored_as_text!(
    /// A `NaiveDate` field.
    date: NaiveDate => |d| d.deserialize_str(Text(read_date, A_DATE))
);
stored_as_text!(
    /// An `Option<NaiveDate>` field.
    optional_date: Option<NaiveDate> => |d| optional(d, read_date, A_DATE)
);
stored_as_text!(
    /// A `DateTime<Utc>` field.
    instant: DateTime<Utc> => |d| d.deserialize_str(Text(utc, AN_INSTANT))
);
stored_as_text!(
    /// An `Option<DateTime<Utc>>` field.
    optional_instant: Option<DateTime<Utc>> => |d| optional(d, utc, AN_INSTANT)
);
stored_as_text!(
    /// A `DateTime<FixedOffset>` field (a time as its writer's clock showed it).
    local_instant: DateTime<FixedOffset> => |d| d.deserialize_str(Text(read_instant, AN_INSTANT))
);
stored_as_text!(
    /// An `Option<DateTime<FixedOffset>>` field.
    optional_local_instant: Option<DateTime<FixedOffset>> => |d| optional(d, read_instant, AN_INSTANT)
);
