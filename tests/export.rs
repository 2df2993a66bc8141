//! What leaves the app: agenda and summary text (golden files), `mailto:`
//! links, and `.ics` files read back by a real iCalendar parser.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, FixedOffset, Utc};
use icalendar::{
    Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike,
};
use tandem::export::{agenda, ics, summary};
use tandem::model::mentorship::Mentorship;
use tandem::model::review::{agenda_items, apply_review};
use tandem::model::session::{Session, SessionStatus};
use tandem::model::session_notes::{ReviewOutcome, Topic};
use tandem::model::task::ActionItem;
use tandem::model::{Meta, Side};
use uuid::Uuid;

mod support;

use support::{golden, now};

fn at(s: &str) -> DateTime<FixedOffset> {
    s.parse().expect("time")
}

/// Last week's held session, this week's planned one with a full agenda, and
/// action items of both partners.
fn fixture() -> (Mentorship, Vec<Session>, Vec<ActionItem>) {
    let m = support::mentorship();
    let last = Session {
        meta: Meta::with_id(Uuid::from_u128(10), now()),
        starts_at: at("2026-03-02T10:00:00+01:00"),
        status: SessionStatus::Held,
        ..Default::default()
    };
    let mut next = Session {
        meta: Meta::with_id(Uuid::from_u128(11), now()),
        starts_at: at("2026-03-09T10:00:00+01:00"),
        duration_minutes: 60,
        topic: "Choosing the project, and asking for it".into(),
        place: "Café Babbage, 12 Rue de l'Engin; 2nd floor".into(),
        link: "https://meet.example.org/ada-charles?room=1,2".into(),
        ..Default::default()
    };
    next.agenda.update = "Talked to my manager; she is open to it.".into();
    next.agenda.topics = vec![
        Topic { id: Uuid::from_u128(20), text: "Which of the two projects?".into() },
        Topic { id: Uuid::from_u128(21), text: "How to ask, and when".into() },
    ];
    next.agenda.input_needed = "Your experience of a first lead role.".into();
    next.agenda.timeline = "10 min update, 40 min topics, 10 min actions".into();
    next.agenda.desired_outcomes = "A choice, and a plan to ask.".into();
    let mut items = vec![
        ActionItem::new(
            "Draft the project proposal",
            Side::Mentee,
            "2026-03-08".parse().ok(),
            now(),
        ),
        ActionItem::new(
            "Send two articles on retrospectives",
            Side::Mentor,
            "2026-03-06".parse().ok(),
            now(),
        ),
        ActionItem::new("Read chapter 3", Side::Mentee, None, now()),
    ];
    for (k, item) in items.iter_mut().enumerate() {
        item.meta.id = Uuid::from_u128(30 + k as u128);
    }
    items[0].session = Some(last.meta.id);
    items[1].session = Some(last.meta.id);
    (m, vec![last, next], items)
}

#[test]
fn the_agenda_renders_as_markdown_and_plain_text() {
    let (m, sessions, items) = fixture();
    let pulled = agenda_items(&sessions[1], &sessions, &items);
    golden("agenda.md", &agenda::markdown(&sessions[1], &m, &pulled));
    golden("agenda.txt", &agenda::plain(&sessions[1], &m, &pulled));
}

#[test]
fn the_summary_renders_with_reviews_and_new_items() {
    let (m, mut sessions, mut items) = fixture();
    let s = &mut sessions[1];
    s.status = SessionStatus::Held;
    s.summary.notes = "We compared the billing rewrite and the search revamp.".into();
    s.summary.decisions = "Go for the billing rewrite.".into();
    s.summary.resources = "The Manager's Path, chapter 3".into();
    s.summary.next_meeting = Some(at("2026-03-16T10:00:00+01:00"));
    apply_review(s, &mut items[0], ReviewOutcome::Done, "sent on Friday", None);
    apply_review(
        s,
        &mut items[1],
        ReviewOutcome::CarriedOver,
        "next week",
        "2026-03-13".parse().ok(),
    );
    let mut new_item = ActionItem::new(
        "Ask for the billing project",
        Side::Mentee,
        "2026-03-12".parse().ok(),
        now(),
    );
    new_item.meta.id = Uuid::from_u128(40);
    new_item.session = Some(s.meta.id);
    items.push(new_item);
    golden("summary.md", &summary::markdown(s, &m, &items));
    golden("summary.txt", &summary::plain(s, &m, &items));
    // Carried over: still open, with the moved due date kept.
    assert!(items[1].is_open() && items[1].due_changes.len() == 1);
    assert!(items[0].is_done());
}

fn parse(text: &str) -> Calendar {
    text.parse::<Calendar>().unwrap_or_else(|e| panic!("a parser reads it back: {e}\n{text}"))
}

fn events(cal: &Calendar) -> Vec<&icalendar::Event> {
    cal.components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn utc_of(d: Option<DatePerhapsTime>) -> DateTime<Utc> {
    match d {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t,
        other => panic!("expected a UTC date-time, got {other:?}"),
    }
}

#[test]
fn a_session_event_reads_back_field_by_field() {
    let (m, sessions, items) = fixture();
    let s = &sessions[1];
    let description = agenda::plain(s, &m, &agenda_items(s, &sessions, &items));
    let text = ics::session_file(s, &m, &description, now());

    // Every physical line is at most 75 octets and ends in CRLF.
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line of {} octets: {line:?}", line.len());
    }
    assert!(text.contains("\r\n "), "long lines are folded");
    assert!(!text.replace("\r\n", "").contains('\n'), "no bare newlines");

    let cal = parse(&text);
    let ev = events(&cal);
    assert_eq!(ev.len(), 1);
    let e = ev[0];
    assert_eq!(
        e.get_uid(),
        Some(format!("{}@tandem.app", s.meta.id).as_str()),
        "the UID is stable per session"
    );
    assert_eq!(
        utc_of(e.get_start()),
        "2026-03-09T09:00:00Z".parse::<DateTime<Utc>>().expect("t"),
        "10:00 at UTC+1 is 09:00Z"
    );
    assert_eq!(utc_of(e.get_end()), "2026-03-09T10:00:00Z".parse::<DateTime<Utc>>().expect("t"));
    assert_eq!(
        e.get_summary(),
        Some("Mentoring — Ada Lovelace & Charles Babbage: Choosing the project, and asking for it")
    );
    assert_eq!(
        e.get_location(),
        Some("Café Babbage, 12 Rue de l'Engin; 2nd floor"),
        "commas and semicolons survive"
    );
    assert_eq!(e.get_url(), Some("https://meet.example.org/ada-charles?room=1,2"));
    assert_eq!(
        e.get_description().map(|d| d.replace("\r\n", "\n")),
        Some(description.trim().to_string()),
        "the agenda, newlines and all"
    );
    assert_eq!(e.property_value("STATUS"), Some("CONFIRMED"));
    assert_eq!(e.property_value("SEQUENCE"), Some("0"));

    // The reminder alarm.
    let unfolded = icalendar::parser::unfold(&text);
    let raw = icalendar::parser::read_calendar(&unfolded).expect("low-level parse");
    let vevent = raw.components.iter().find(|c| c.name == "VEVENT").expect("vevent");
    let alarm = vevent.components.iter().find(|c| c.name == "VALARM").expect("a VALARM");
    let trigger = alarm.properties.iter().find(|p| p.name == "TRIGGER").expect("trigger");
    assert_eq!(trigger.val.as_str(), "-PT30M");
}

#[test]
fn the_same_session_keeps_its_uid_and_a_move_raises_the_sequence() {
    let (m, sessions, _) = fixture();
    let mut s = sessions[1].clone();
    let before = parse(&ics::session_file(&s, &m, "", now()));
    s.reschedule(at("2026-03-10T10:00:00+01:00"), Side::Mentor, "Travel", 24, now())
        .expect("upcoming");
    let after = parse(&ics::session_file(&s, &m, "", now()));
    let (b, a) = (events(&before)[0], events(&after)[0]);
    assert_eq!(b.get_uid(), a.get_uid());
    assert_eq!(a.property_value("SEQUENCE"), Some("1"));
    assert_eq!(utc_of(a.get_start()), "2026-03-10T09:00:00Z".parse::<DateTime<Utc>>().expect("t"));
    s.cancel(Side::Mentee, "", 24, now()).expect("still upcoming");
    let cancelled = parse(&ics::session_file(&s, &m, "", now()));
    assert_eq!(events(&cancelled)[0].property_value("STATUS"), Some("CANCELLED"));
}

#[test]
fn escaping_and_folding_follow_rfc_5545() {
    assert_eq!(ics::escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    // Folding never splits a multi-byte character.
    let line = format!("DESCRIPTION:{}", "é".repeat(60));
    let folded = ics::fold(&line);
    for part in folded.trim_end_matches("\r\n").split("\r\n") {
        assert!(part.len() <= 75);
        assert!(std::str::from_utf8(part.as_bytes()).is_ok());
    }
    assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
}

#[test]
fn a_calendar_of_upcoming_sessions_holds_one_event_each() {
    let (m, sessions, _) = fixture();
    let list: Vec<(&Session, String)> = sessions.iter().map(|s| (s, String::new())).collect();
    let cal = parse(&ics::calendar_file(&list, &m, now()));
    let ev = events(&cal);
    assert_eq!(ev.len(), 2);
    assert_ne!(ev[0].get_uid(), ev[1].get_uid());
    assert_eq!(cal.get_name(), Some("Mentoring — Ada Lovelace & Charles Babbage"));
}

#[test]
fn the_final_summary_counts_action_items_one_way() {
    use tandem::export::final_summary;
    use tandem::model::goal::Goal;
    let mut doc = support::doc("Ada Lovelace");
    let day = |d: i64| support::today() + chrono::Duration::days(d);
    // Three items: one with no due date done, one done late, one open and past due.
    let mut no_date = ActionItem::new("Read the book", Side::Mentee, None, now());
    no_date.mark_done(day(3));
    let mut late = ActionItem::new("Send the plan", Side::Mentee, Some(day(2)), now());
    late.mark_done(day(5));
    let open = ActionItem::new("Book a room", Side::Mentor, Some(day(4)), now());
    doc.actions = vec![no_date, late, open];
    let goal =
        Goal { meta: Meta::new(now()), title: "Lead a project".into(), ..Default::default() };
    let goal_id = goal.meta.id;
    doc.goals.push(goal);
    let mut conclusion = tandem::model::conclusion::Conclusion::default();
    conclusion.set_outcome(goal_id, "Led the billing rewrite.");
    doc.conclusion = Some(conclusion);

    let text = final_summary::markdown(&doc, day(10));
    assert!(text.contains("3 action items: 2 done, 0 dropped, 1 still open"), "{text}");
    // "On time" means by the due date, the same in both lines: the late
    // one and the open one are not.
    assert!(
        text.contains("Follow-through: 0% — 0 of the 2 action items with a due date"),
        "{text}"
    );
    assert!(!text.contains("of them on time"), "{text}");
    // The goal's outcome is its own sentence, not run into the goal line.
    assert!(text.contains("0 steps done. What was achieved: Led the billing rewrite."), "{text}");
}
