//! Everything the app reads out of a library: every text renderer
//! (`src/export/*`), every date reading and the dashboard's figures, in
//! several time zones. The renderers take their zone from the times they are
//! given (a session's own offset, or the device's, which the session page
//! applies with `browser::here`), so a zone is simulated by reading each time
//! at that offset, as a device there shows it. Used by the corpus and the
//! property tests: it must never panic on data a restore accepted.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use tandem::export::{agenda, agreement, final_summary, ics, mailto, summary};
use tandem::model::checkin;
use tandem::model::dates;
use tandem::model::expectations;
use tandem::model::insights;
use tandem::model::record::Record;
use tandem::model::review::{agenda_items, items_to_review};
use tandem::model::session::{self, Session};
use tandem::model::task::{self, ItemFilter};
use tandem::model::terms::Terms;
use tandem::model::{agreement_text, Library, MentorshipDoc, Side};

/// The zones a device may be in (UTC−12 to UTC+14, half and quarter hours)
/// and the extremes an offset in the data may hold (±23:59).
pub fn zones() -> Vec<FixedOffset> {
    [-(23 * 60 + 59), -12 * 60, -(3 * 60 + 30), 0, 5 * 60 + 45, 14 * 60, 23 * 60 + 59]
        .into_iter()
        .filter_map(|minutes| FixedOffset::east_opt(minutes * 60))
        .collect()
}

/// Three of [`zones`], far apart: for tests that render many libraries.
pub fn few_zones() -> Vec<FixedOffset> {
    [-12 * 60, 5 * 60 + 45, 23 * 60 + 59]
        .into_iter()
        .filter_map(|minutes| FixedOffset::east_opt(minutes * 60))
        .collect()
}

/// Every date reading of one day.
fn day(d: NaiveDate) -> usize {
    dates::long(d).len() + dates::short(d).len() + dates::with_weekday(d).len()
}

/// Every reading of one instant, as a device at `zone` shows it.
fn instant<Tz: chrono::TimeZone>(t: &DateTime<Tz>, zone: FixedOffset) -> usize {
    let here = dates::in_zone(t, zone);
    dates::date_time(&here).len()
        + dates::stamp(&here).len()
        + dates::time(&here).len()
        + day(dates::local_date(&here))
}

/// `s` as a device at `zone` would plan it (same instant, that offset).
fn moved(s: &Session, zone: FixedOffset) -> Session {
    let mut out = s.clone();
    out.starts_at = dates::in_zone(&s.starts_at, zone);
    out.summary.next_meeting = s.summary.next_meeting.map(|t| dates::in_zone(&t, zone));
    out
}

fn session_texts(doc: &MentorshipDoc, s: &Session, now: DateTime<Utc>) -> usize {
    let m = &doc.mentorship;
    let pulled = agenda_items(s, &doc.sessions, &doc.actions);
    let plain = agenda::plain(s, m, &pulled);
    let mut n = plain.len() + agenda::markdown(s, m, &pulled).len() + agenda::when(s).len();
    n += summary::plain(s, m, &doc.actions).len() + summary::markdown(s, m, &doc.actions).len();
    n += ics::session_file(s, m, &plain, now).len() + ics::file_name(s).len();
    n += mailto::link("", &format!("Agenda, {}", dates::date_time(&s.starts_at)), &plain).len();
    n += items_to_review(s, &doc.actions).len();
    n
}

/// Reads everything in one document as devices in `zones` show it; returns
/// a size so nothing is optimised away.
pub fn document(doc: &MentorshipDoc, now: DateTime<Utc>, zones: &[FixedOffset]) -> usize {
    let m = &doc.mentorship;
    let mut n = m.title().len() + day(m.start_date) + m.planned_end.map_or(0, day);
    let terms = Terms::from_themes(&doc.themes);
    let all = expectations::all_themes(m.meta.id, &doc.themes);
    n += expectations::unsettled(&all).len() + expectations::progress(&all).total();
    for t in &all {
        n +=
            t.differences().len() + t.unresolved().len() + usize::from(t.common_ground().is_some());
    }
    let generated = agreement_text::generate(m, &doc.themes, &doc.goals);
    n += generated.len();
    for v in doc.agreements.iter().filter(|v| v.is_live()) {
        n += agreement::markdown(v).len() + v.fingerprint().len() + v.signed_on().map_or(0, day);
        // What the conversation changed since, and the draft brought up to date.
        n += v.drift(&generated).changed.len();
        n += v.clone().bring_up_to_date(&generated, now).map_or(0, |kept| kept.len());
        for side in Side::BOTH {
            n += v.signature(side).map_or(0, |s| day(s.date()) + instant(&s.signed_at, zones[0]));
        }
    }
    for g in doc.goals.iter().filter(|g| g.is_live()) {
        n += g.progress(&doc.actions).percent() as usize + g.target_date.map_or(0, day);
        for ms in &g.milestones {
            n += ms.due.map_or(0, day) + ms.done_on.map_or(0, day);
        }
    }
    for item in &doc.actions {
        n += item.due.map_or(0, day) + item.due_changes.iter().map(|c| day(c.on)).sum::<usize>();
    }
    let upcoming: Vec<(&Session, String)> = session::upcoming(&doc.sessions, now)
        .into_iter()
        .map(|s| (s, agenda::plain(s, m, &agenda_items(s, &doc.sessions, &doc.actions))))
        .collect();
    n += ics::calendar_file(&upcoming, m, now).len();
    n += session::past(&doc.sessions, now).len();
    for s in doc.sessions.iter().filter(|s| s.is_live()) {
        n += s.notice_hours(now).unsigned_abs() as usize % 7
            + usize::from(s.agenda_late(u32::MAX, now));
        n += s.agenda_due_by(terms.agenda_lead_hours).timestamp() as usize % 7;
        for c in &s.changes {
            n += c.describe(terms.notice_hours).len();
        }
        for &zone in zones {
            n += instant(&s.starts_at, zone) + instant(&s.ends_at(), zone);
            n += s.agenda.sent_at.map_or(0, |t| instant(&t, zone));
            n += session_texts(doc, &moved(s, zone), now);
        }
    }
    for c in doc.checkins.iter().filter(|c| c.is_live()) {
        n += day(c.on) + c.average() as usize;
    }
    // The dashboard and the lists on days around now and at the window's ends.
    let today = now.date_naive();
    for on in [today, dates::add_days(today, 400), NaiveDate::MIN, NaiveDate::MAX] {
        let card = insights::card(doc, now, on);
        n += card.rhythm.sentence().len() + card.agreement.label().len() + card.goals.len();
        n += task::filtered(&doc.actions, ItemFilter::default(), on).len();
        n += task::follow_through(&doc.actions, on, 3650).1;
        n += day(session::suggest_next(&doc.sessions, terms.cadence_days, on));
        n += final_summary::markdown(doc, on).len();
        for side in Side::BOTH {
            n += day(checkin::next_due(&doc.checkins, side, m.start_date, terms.checkin_weeks));
            n += checkin::history(&doc.checkins, side).len();
        }
    }
    n += format!("{:?}", insights::next_step(doc, now)).len() + doc.counts().in_words().len();
    n += insights::due_from_me(doc, now, now.date_naive());
    n
}

/// Reads everything in a library at `now`, as devices in `zones` show it.
pub fn library(lib: &Library, now: DateTime<Utc>, zones: &[FixedOffset]) -> usize {
    lib.live().map(|doc| document(doc, now, zones)).sum::<usize>() + lib.profile.name.len()
}

/// [`library`] in every one of [`zones`], at `now`, a day later and a year
/// later.
pub fn library_over_time(lib: &Library, now: DateTime<Utc>) -> usize {
    [Duration::zero(), Duration::days(1), Duration::days(366)]
        .into_iter()
        .map(|later| library(lib, now + later, &zones()))
        .sum()
}
