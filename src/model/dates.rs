//! How dates and times read in text ("2 March 2026", "Tue 3 Mar", "09:30").
//! Written out by hand rather than with `chrono`'s format strings, whose
//! parser would add tens of kilobytes to the app.
//!
//! Nothing here panics, whatever the date: `chrono` panics when a time near
//! the ends of its calendar (year ±262,143) is read in a zone that pushes it
//! past them, so the local reading is computed with checked arithmetic (and
//! falls back to the UTC reading) and conversions between zones go through
//! [`in_zone`].

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike, Weekday,
};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn weekday(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn month(d: &impl Datelike) -> &'static str {
    MONTHS[d.month0() as usize]
}

/// `date` moved by `days`, stopping at the calendar's ends instead of
/// panicking (stored data may hold any date).
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let d = chrono::Duration::try_days(days).unwrap_or(chrono::Duration::MAX);
    date.checked_add_signed(d).unwrap_or(if days < 0 { NaiveDate::MIN } else { NaiveDate::MAX })
}

/// "2 March 2026"
pub fn long(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month(&d), d.year())
}

/// "2 Mar 2026"
pub fn short(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), &month(&d)[..3], d.year())
}

/// "Monday 2 March 2026"
pub fn with_weekday(d: NaiveDate) -> String {
    format!("{} {}", weekday(d.weekday()), long(d))
}

/// "09:30"
pub fn time<T: Timelike>(t: &T) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// The wall-clock reading of `t` in its own zone, computed without
/// panicking (at the calendar's ends, the UTC reading).
pub fn local<Tz: TimeZone>(t: &DateTime<Tz>) -> NaiveDateTime {
    let utc = t.naive_utc();
    utc.checked_add_offset(t.offset().fix()).unwrap_or(utc)
}

/// The calendar date of `t` in its own zone (never panics).
pub fn local_date<Tz: TimeZone>(t: &DateTime<Tz>) -> NaiveDate {
    local(t).date()
}

/// The same instant read at `offset` (as a device in that zone shows it).
/// Never panics; near the calendar's ends the wall-clock reading falls back
/// as [`local`] does.
pub fn in_zone<Tz: TimeZone>(t: &DateTime<Tz>, offset: FixedOffset) -> DateTime<FixedOffset> {
    DateTime::from_naive_utc_and_offset(t.naive_utc(), offset)
}

/// "Monday 2 March 2026, 09:30" in the time's own zone.
pub fn date_time<Tz: TimeZone>(t: &DateTime<Tz>) -> String {
    let l = local(t);
    format!("{}, {}", with_weekday(l.date()), time(&l))
}

/// "2026-03-02-0930", for file names.
pub fn stamp<Tz: TimeZone>(t: &DateTime<Tz>) -> String {
    let l = local(t);
    format!("{}-{:02}{:02}", l.date(), l.hour(), l.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        assert_eq!(long(d), "2 March 2026");
        assert_eq!(short(d), "2 Mar 2026");
        assert_eq!(with_weekday(d), "Monday 2 March 2026");
        let t: DateTime<chrono::FixedOffset> = "2026-03-02T09:05:00+01:00".parse().expect("time");
        assert_eq!(date_time(&t), "Monday 2 March 2026, 09:05");
        assert_eq!(stamp(&t), "2026-03-02-0905");
    }

    #[test]
    fn the_calendars_ends_read_in_any_zone_without_panicking() {
        let east = FixedOffset::east_opt(14 * 3600).expect("offset");
        let west = FixedOffset::west_opt(12 * 3600).expect("offset");
        for t in [DateTime::<chrono::Utc>::MAX_UTC, DateTime::<chrono::Utc>::MIN_UTC] {
            for zone in [east, west] {
                let here = in_zone(&t, zone);
                let _ = (date_time(&here), stamp(&here), local_date(&here), time(&here));
                let _ =
                    (long(local_date(&here)), short(NaiveDate::MIN), with_weekday(NaiveDate::MAX));
            }
        }
        assert_eq!(add_days(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(add_days(NaiveDate::MIN, i64::MIN), NaiveDate::MIN);
    }
}
