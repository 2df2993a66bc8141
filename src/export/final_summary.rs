//! The closing summary of a mentorship, generated from its goals, sessions,
//! action items and the retrospective — Markdown to keep, and a print view.

use super::outline::{Outline, Section};
use crate::model::counting::{count, percent};
use crate::model::dates;
use crate::model::document::MentorshipDoc;
use crate::model::goal::GoalStatus;
use crate::model::record::Record;
use crate::model::session::SessionStatus;
use crate::model::task;
use crate::model::Side;

pub fn outline(doc: &MentorshipDoc, today: chrono::NaiveDate) -> Outline {
    let m = &doc.mentorship;
    let held: Vec<_> =
        doc.sessions.iter().filter(|s| s.is_live() && s.status == SessionStatus::Held).collect();
    let first = held.iter().map(|s| s.local_date()).min();
    let last = held.iter().map(|s| s.local_date()).max();
    let mut facts = vec![format!("Mentee: {} · Mentor: {}", m.mentee, m.mentor)];
    let ended = doc.conclusion.as_ref().and_then(|c| c.closed_on).unwrap_or(today);
    facts.push(format!("From {} to {}", dates::long(m.start_date), dates::long(ended)));
    let mut out = Outline {
        title: format!("Mentorship summary: {}", m.title()),
        facts,
        sections: Vec::new(),
    };

    let c = doc.conclusion.clone().unwrap_or_default();
    let mut goals = Section::new("Goals");
    for g in doc.goals.iter().filter(|g| g.is_live()) {
        let p = g.progress(&doc.actions);
        let status = match &g.status {
            GoalStatus::Achieved { on } => format!("achieved on {}", dates::long(*on)),
            GoalStatus::Dropped { reason, .. } if reason.is_empty() => "dropped".into(),
            GoalStatus::Dropped { reason, .. } => format!("dropped ({reason})"),
            GoalStatus::Active => "still open".into(),
        };
        let outcome = c.outcome(g.id()).trim();
        let outcome = if outcome.is_empty() {
            String::new()
        } else {
            format!(" What was achieved: {outcome}")
        };
        goals = goals.item(format!(
            "**{}** — {status}; {} of {} steps done.{outcome}",
            g.title, p.done, p.total
        ));
    }
    out.push(goals);

    let items: Vec<_> = doc.actions.iter().filter(|i| i.is_live()).collect();
    let done = items.iter().filter(|i| i.is_done()).count();
    let dropped = items.iter().filter(|i| i.is_dropped()).count();
    // One count of "on time" for both lines: items with a due date up to
    // the end, done by it.
    let (ft_done, ft_due) = task::follow_through(&doc.actions, ended, 3650);
    let mut work = Section::new("Meetings and action items");
    work = work.item(match (first, last) {
        (Some(a), Some(b)) => {
            let n = count(held.len(), "session");
            format!("{n} held, from {} to {}", dates::long(a), dates::long(b))
        }
        _ => "No session held".to_string(),
    });
    let cancelled =
        doc.sessions.iter().filter(|s| s.is_live() && s.status == SessionStatus::Cancelled).count();
    if cancelled > 0 {
        work = work.item(format!("{} cancelled", count(cancelled, "session")));
    }
    work = work.item(format!(
        "{}: {done} done, {dropped} dropped, {} still open",
        count(items.len(), "action item"),
        items.len() - done - dropped,
    ));
    if ft_due > 0 {
        work = work.item(format!(
            "Follow-through: {}% — {ft_done} of the {} with a due date were done by it",
            percent(ft_done, ft_due),
            count(ft_due, "action item"),
        ));
    }
    out.push(work);

    for side in Side::BOTH {
        let r = c.reflection(side);
        let name = m.name(side);
        out.push(Section::new(&format!("What {name} learned")).text(&r.learned));
        out.push(Section::new(&format!("What {name} would do differently")).text(&r.differently));
    }
    out.push(Section::new("Staying in touch").text(&c.stay_in_touch));
    out
}

pub fn markdown(doc: &MentorshipDoc, today: chrono::NaiveDate) -> String {
    outline(doc, today).to_markdown()
}
