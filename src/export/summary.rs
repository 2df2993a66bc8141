//! The outcome summary as text, for the email and the clipboard: notes,
//! decisions, the review of earlier action items, new action items, resources,
//! next meeting. Feedback ratings and private notes stay in the app.

use super::agenda::{item_line, session_outline};
use super::outline::{Outline, Section};
use crate::model::dates;
use crate::model::mentorship::Mentorship;
use crate::model::session::Session;
use crate::model::task::ActionItem;

/// The summary of `session`; `items` is the mentorship's action items.
pub fn outline(session: &Session, m: &Mentorship, items: &[ActionItem]) -> Outline {
    let s = &session.summary;
    let mut out = session_outline("Summary", session, m);
    out.push(Section::new("Notes").text(&s.notes));
    out.push(Section::new("Decisions").text(&s.decisions));
    let mut review = Section::new("Review of earlier action items");
    for r in &s.reviews {
        if let Some(item) = items.iter().find(|i| i.meta.id == r.item) {
            let note = if r.note.is_empty() { String::new() } else { format!(" — {}", r.note) };
            review = review.item(format!(
                "{}: {} — {}{note}",
                m.name(item.owner),
                item.text,
                r.outcome.label().to_lowercase()
            ));
        }
    }
    out.push(review);
    let mut new_items = Section::new("New action items");
    let mut created: Vec<&ActionItem> =
        items.iter().filter(|i| !i.meta.deleted && i.session == Some(session.meta.id)).collect();
    crate::model::order::sort_by_key(&mut created, |i| i.due_order());
    for i in created {
        new_items = new_items.item(item_line(i, m));
    }
    out.push(new_items);
    out.push(Section::new(&format!("Resources {} suggested", m.mentor)).text(&s.resources));
    if let Some(next) = s.next_meeting {
        out.push(Section::new("Next meeting").text(&dates::date_time(&next)));
    }
    out
}

pub fn markdown(session: &Session, m: &Mentorship, items: &[ActionItem]) -> String {
    outline(session, m, items).to_markdown()
}

pub fn plain(session: &Session, m: &Mentorship, items: &[ActionItem]) -> String {
    outline(session, m, items).to_plain()
}
