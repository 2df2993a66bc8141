//! How dates and times read in text ("2 March 2026", "Tue 3 Mar", "09:30").
//! Written out by hand rather than with `chrono`'s format strings, whose
//! parser would add tens of kilobytes to the app.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike, Weekday};

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

/// "Monday 2 March 2026, 09:30" in the time's own zone.
pub fn date_time<Tz: TimeZone>(t: &DateTime<Tz>) -> String {
    format!("{}, {}", with_weekday(t.date_naive()), time(t))
}

/// "2026-03-02-0930", for file names.
pub fn stamp<Tz: TimeZone>(t: &DateTime<Tz>) -> String {
    format!("{}-{:02}{:02}", t.date_naive(), t.hour(), t.minute())
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
}
