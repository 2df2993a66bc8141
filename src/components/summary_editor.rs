//! The outcome summary of a held session: the review of earlier action items
//! (done / carried over / dropped, each with a word), notes, decisions, new
//! action items, resources, each side's feedback, the next meeting.

use super::dynamic::each_id;
use crate::components::when::When;
use leptos::prelude::*;
use uuid::Uuid;

use super::action_item::{ActionItemForm, ActionItemRow};
use super::button::Button;
use super::error_message::ErrorMessage;
use super::field::{Binding, Select, TextArea, TextField};
use super::rating::RatingScale;
use crate::model::dates;
use crate::model::review::items_to_review;
use crate::model::session::Session;
use crate::model::session_notes::ReviewOutcome;
use crate::model::session_notes::SummaryField;
use crate::model::{Record, Side};
use crate::state::actions::sessions as actions;
use crate::state::{use_current, use_store, ActionError};

/// The id of the session shown (nil while there is none).
fn session_id(session: Memo<Option<Session>>) -> Uuid {
    session.with_untracked(|s| s.as_ref().map(|s| s.meta.id).unwrap_or_default())
}

#[component]
pub fn SummaryEditor(session: Memo<Option<Session>>, read_only: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let text = move |f: SummaryField| {
        let read = move || session.with(|s| s.as_ref().map(|s| s.summary.text(f).to_string()));
        let write = move |v: String| {
            actions::set_summary(&store, current.id_untracked(), session_id(session), f, &v)
        };
        Binding::live(move || read().unwrap_or_default(), write)
    };
    let review_ids = Memo::new(move |_| {
        let Some(s) = session.get() else {
            return Vec::new();
        };
        current
            .with(|d| {
                items_to_review(&s, &d.actions).into_iter().map(|i| i.meta.id).collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let created = Memo::new(move |_| {
        let id = session.with(|s| s.as_ref().map(|s| s.meta.id));
        current
            .with(|d| {
                d.actions
                    .iter()
                    .filter(|i| i.is_live() && i.session == id)
                    .map(|i| i.id())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let this_session = Signal::derive(move || session.with(|s| s.as_ref().map(|s| s.meta.id)));
    view! {
        <section class="summary-editor">
            <h3>"Review of earlier action items"</h3>
            <When when=move || review_ids.with(|r| r.is_empty())>
                <p class="muted">"No action items were open."</p>
            </When>
            <ul class="plain-list reviews">
                {each_id(
                    move || review_ids.get(),
                    move |id| view! { <ReviewRow session item=id read_only /> }.into_any(),
                )}
            </ul>
            <TextArea
                id="summary-notes"
                label="Notes"
                value=text(SummaryField::Notes)
                disabled=read_only
            />
            <TextArea
                id="summary-decisions"
                label="Decisions"
                value=text(SummaryField::Decisions)
                disabled=read_only
            />
            <h3>"New action items"</h3>
            <ul class="plain-list new-items items">
                {each_id(
                    move || created.get(),
                    move |id| view! { <ActionItemRow id show_session=false /> }.into_any(),
                )}
            </ul>
            <When when=move || !read_only.get()>
                <ActionItemForm prefix="item" session=this_session />
            </When>
            <TextArea
                id="summary-resources"
                label=current.naming(Side::Mentor, |name| format!("Resources {name} suggested"))
                value=text(SummaryField::Resources)
                disabled=read_only
            />
            <h3>"Feedback"</h3>
            <div class="feedback-grid">
                {Side::BOTH
                    .into_iter()
                    .map(|side| view! { <FeedbackBox session side read_only /> })
                    .collect_view()}
            </div>
            <NextMeeting session read_only />
        </section>
    }
}

#[component]
fn ReviewRow(session: Memo<Option<Session>>, item: Uuid, read_only: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let action = current.memo(move |d| d.actions.iter().find(|i| i.id() == item).cloned());
    let review = Memo::new(move |_| {
        session.with(|s| {
            s.as_ref().and_then(|s| s.summary.reviews.iter().find(|r| r.item == item).cloned())
        })
    });
    let outcome = move || review.with(|r| r.as_ref().map(|r| r.outcome));
    let note = RwSignal::new(
        review.with_untracked(|r| r.as_ref().map(|r| r.note.clone()).unwrap_or_default()),
    );
    let new_due = RwSignal::new(String::new());
    let save = move |outcome: Option<ReviewOutcome>| {
        let Some(outcome) = outcome else { return };
        let due = crate::model::validate::parse_date(&new_due.get_untracked());
        let note = note.get_untracked();
        actions::review_item(
            &store,
            current.id_untracked(),
            session_id(session),
            item,
            outcome,
            &note,
            due,
        );
    };
    let label = move || {
        action.with(|a| {
            a.as_ref()
                .map(|a| {
                    let due =
                        a.due.map(|d| format!(" (due {})", dates::short(d))).unwrap_or_default();
                    format!("{}: {}{due}", current.name(a.owner), a.text)
                })
                .unwrap_or_default()
        })
    };
    let outcomes = vec![
        (None, "— not reviewed —".to_string()),
        (Some(ReviewOutcome::Done), ReviewOutcome::Done.label().to_string()),
        (Some(ReviewOutcome::CarriedOver), ReviewOutcome::CarriedOver.label().to_string()),
        (Some(ReviewOutcome::Dropped), ReviewOutcome::Dropped.label().to_string()),
    ];
    // Each item under review has the same controls: name them after it.
    let of_item = Signal::derive(move || {
        format!(
            " for “{}”",
            action.with(|a| a.as_ref().map(|a| a.text.clone()).unwrap_or_default())
        )
    });
    view! {
        <li class="review-row card">
            <p class="review-item">{label}</p>
            <div class="grid-2">
                <Select
                    id=format!("review-{item}")
                    label="Outcome"
                    context=of_item
                    value=Binding::live(outcome, save)
                    options=outcomes
                    disabled=read_only
                />
                <TextField
                    id=format!("review-note-{item}")
                    label="A word on it"
                    context=of_item
                    value=note
                    disabled=read_only
                    on_commit=move |_| save(outcome())
                />
            </div>
            <When when=move || outcome() == Some(ReviewOutcome::CarriedOver) && !read_only.get()>
                <TextField
                    id=format!("review-due-{item}")
                    label="New due date (optional)"
                    context=of_item
                    kind="date"
                    value=new_due
                    on_commit=move |_| save(Some(ReviewOutcome::CarriedOver))
                />
            </When>
        </li>
    }
}

/// One side's "was this useful?" and comment.
#[component]
fn FeedbackBox(
    session: Memo<Option<Session>>,
    side: Side,
    read_only: Signal<bool>,
) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    // Once exchanged, each gives only their own feedback.
    let read_only = Signal::derive(move || read_only.get() || !current.owns(side));
    let existing = move || session.with(|s| s.as_ref().and_then(|s| s.feedback(side).cloned()));
    let comment = RwSignal::new(existing().map(|f| f.comment).unwrap_or_default());
    let rating = Signal::derive(move || existing().map(|f| f.rating).unwrap_or(0));
    let save = move |r: u8| {
        let comment = comment.get_untracked();
        actions::set_feedback(
            &store,
            current.id_untracked(),
            session_id(session),
            side,
            r,
            &comment,
        )
    };
    view! {
        <div class="feedback" data-side=side.label()>
            <RatingScale
                name=format!("rating-{}", side.label())
                legend=Signal::derive(move || {
                    format!("{}: was this session useful?", current.name_and_side(side))
                })
                value=rating
                on_pick=save
                scale="1 = not at all, 5 = very"
                disabled=read_only
            />
            <TextField
                id=format!("feedback-{}", side.label())
                label=format!("{}'s comment", current.name(side))
                value=comment
                disabled=read_only
                on_commit=move |_| {
                    let r = rating.get_untracked();
                    if r > 0 {
                        save(r)
                    }
                }
            />
        </div>
    }
}

#[component]
fn NextMeeting(session: Memo<Option<Session>>, read_only: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let next = move || session.with(|s| s.as_ref().and_then(|s| s.summary.next_meeting));
    let date = RwSignal::new(next().map(|t| t.date_naive().to_string()).unwrap_or_default());
    let time = RwSignal::new(next().map(|t| dates::time(&t)).unwrap_or_else(|| {
        session
            .with_untracked(|s| s.as_ref().map(|s| dates::time(&s.starts_at)).unwrap_or_default())
    }));
    let error = RwSignal::new(None::<ActionError>);
    let planned = RwSignal::new(false);
    let save = move |_| {
        let (m, s) = (current.id_untracked(), session_id(session));
        error.set(
            actions::set_next_meeting(&store, m, s, &date.get_untracked(), &time.get_untracked())
                .err(),
        )
    };
    let plan =
        move |_| match actions::plan_next(&store, current.id_untracked(), session_id(session)) {
            Ok(_) => {
                planned.set(true);
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        };
    view! {
        <h3>"Next meeting"</h3>
        <div class="grid-2">
            <TextField
                id="next-date"
                label="Date"
                kind="date"
                value=date
                disabled=read_only
                on_commit=save
            />
            <TextField
                id="next-time"
                label="Time"
                kind="time"
                value=time
                disabled=read_only
                on_commit=save
            />
        </div>
        <ErrorMessage error />
        <When when=move || next().is_some() && !read_only.get()>
            <Button secondary=true on_click=plan>
                "Plan it as the next session"
            </Button>
        </When>
        <When when=move || planned.get()>
            <p role="status">"Planned: it is on the sessions list."</p>
        </When>
    }
}
