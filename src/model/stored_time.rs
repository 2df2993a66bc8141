//! How dates and instants are stored in JSON, by hand, in the forms chrono
//! writes them (`2026-03-02`, `2026-03-02T09:30:00.250Z`, `…+01:00`).
//! Reading does without chrono's general text parser, which is 12 KiB of the
//! wasm every first visit downloads; writing without its formatting
//! machinery, which took a fifth of a large mentorship's save. The stored
//! form is chrono's, to the byte.
//!
//! Each module is for `#[serde(with = "…")]` on a field of its type. What is
//! read is a subset of what chrono reads, with the same value, and what is
//! written is what chrono writes (property tests check both); anything else
//! is refused with serde's usual message.

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone,
    Timelike, Utc,
};
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

/// A number of only ASCII digits, as many as `len` allows (at most nine, so
/// it fits). Read digit by digit: a large load reads hundreds of thousands.
fn number(text: &str, len: std::ops::RangeInclusive<usize>) -> Option<u32> {
    if !len.contains(&text.len()) || text.len() > 9 {
        return None;
    }
    text.bytes().try_fold(0u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

/// A date as chrono writes it: `YYYY-MM-DD`, or with a sign and at least
/// four digits for a year outside 0 to 9999 (`+10000-01-01`, `-0001-12-31`).
pub fn date_text(date: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_date(&mut out, date);
    out
}

/// An instant as chrono writes it (RFC 3339): the date, `T`, `HH:MM:SS`, the
/// fraction in milli-, micro- or nanoseconds when there is one, then `Z` for
/// UTC or the offset `±HH:MM` (rounded to the minute).
pub fn instant_text<Tz: TimeZone>(instant: &DateTime<Tz>) -> String {
    let offset = instant.offset().fix().local_minus_utc();
    let mut out = String::with_capacity(32);
    push_instant(&mut out, instant.naive_local(), offset);
    out
}

fn push_date(out: &mut String, date: NaiveDate) {
    let year = date.year();
    if (0..=9999).contains(&year) {
        push_digits(out, year as u32, 4);
    } else {
        out.push(if year < 0 { '-' } else { '+' });
        push_digits(out, year.unsigned_abs(), 4);
    }
    out.push('-');
    push_digits(out, date.month(), 2);
    out.push('-');
    push_digits(out, date.day(), 2);
}

fn push_instant(out: &mut String, local: NaiveDateTime, offset: i32) {
    push_date(out, local.date());
    out.push('T');
    let (mut second, mut nanos) = (local.second(), local.nanosecond());
    // A leap second is kept as nanoseconds past 1e9; chrono writes it as 60.
    if nanos >= 1_000_000_000 {
        second += 1;
        nanos -= 1_000_000_000;
    }
    push_digits(out, local.hour(), 2);
    out.push(':');
    push_digits(out, local.minute(), 2);
    out.push(':');
    push_digits(out, second, 2);
    if nanos != 0 {
        out.push('.');
        match (nanos % 1_000_000, nanos % 1_000) {
            (0, _) => push_digits(out, nanos / 1_000_000, 3),
            (_, 0) => push_digits(out, nanos / 1_000, 6),
            _ => push_digits(out, nanos, 9),
        }
    }
    if offset == 0 {
        out.push('Z');
        return;
    }
    out.push(if offset < 0 { '-' } else { '+' });
    let minutes = (offset.unsigned_abs() + 30) / 60;
    push_digits(out, minutes / 60, 2);
    out.push(':');
    push_digits(out, minutes % 60, 2);
}

/// `value` in decimal, zero-padded to at least `width` digits.
fn push_digits(out: &mut String, value: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let (mut rest, mut start) = (value, digits.len());
    while rest > 0 || start + width > digits.len() {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    out.extend(digits[start..].iter().map(|d| char::from(*d)));
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

/// A value stored as text: dates and instants.
trait AsText {
    fn text(&self) -> String;
}

impl AsText for NaiveDate {
    fn text(&self) -> String {
        date_text(*self)
    }
}

impl<Tz: TimeZone> AsText for DateTime<Tz> {
    fn text(&self) -> String {
        instant_text(self)
    }
}

/// Writes a value as a JSON string, an optional one as that or `null`.
fn write<S: Serializer, T: AsText>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&value.text())
}

fn write_optional<S: Serializer, T: AsText>(value: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => s.serialize_some(value.text().as_str()),
        None => s.serialize_none(),
    }
}

/// A module for `#[serde(with = "…")]` on a field of type `$ty`: written by
/// `$write` (as chrono writes it), read by `$read`.
macro_rules! stored_as_text {
    ($(#[$doc:meta])* $name:ident: $ty:ty => $write:ident, |$d:ident| $read:expr) => {
        $(#[$doc])*
        pub mod $name {
            use super::*;

            pub fn serialize<S: Serializer>(value: &$ty, s: S) -> Result<S::Ok, S::Error> {
                $write(value, s)
            }

            pub fn deserialize<'de, D: Deserializer<'de>>($d: D) -> Result<$ty, D::Error> {
                $read
            }
        }
    };
}

stored_as_text!(
    /// A `NaiveDate` field.
    date: NaiveDate => write, |d| d.deserialize_str(Text(read_date, A_DATE))
);
stored_as_text!(
    /// An `Option<NaiveDate>` field.
    optional_date: Option<NaiveDate> => write_optional, |d| optional(d, read_date, A_DATE)
);
stored_as_text!(
    /// A `DateTime<Utc>` field.
    instant: DateTime<Utc> => write, |d| d.deserialize_str(Text(utc, AN_INSTANT))
);
stored_as_text!(
    /// An `Option<DateTime<Utc>>` field.
    optional_instant: Option<DateTime<Utc>> => write_optional, |d| optional(d, utc, AN_INSTANT)
);
stored_as_text!(
    /// A `DateTime<FixedOffset>` field (a time as its writer's clock showed it).
    local_instant: DateTime<FixedOffset> => write, |d| d.deserialize_str(Text(read_instant, AN_INSTANT))
);
stored_as_text!(
    /// An `Option<DateTime<FixedOffset>>` field.
    optional_local_instant: Option<DateTime<FixedOffset>> => write_optional, |d| optional(d, read_instant, AN_INSTANT)
);
