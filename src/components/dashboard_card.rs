//! A mentorship's card on the home dashboard: what is next for it — the
//! next session and its agenda, action items due, the meeting rhythm,
//! follow-through, the agreement, goals' progress.
//!
//! With the `split` feature its code (and the summaries it shows:
//! `model::insights`, the agreement's fingerprint) is a chunk of its own: a
//! first visit has no card to show, and fetches it after the first paint. A
//! returning visit waits for it before the app starts (`app::mount`; the
//! service worker has it), so cards never pop in.

use std::sync::OnceLock;

use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use crate::browser;
use crate::components::next_step;
use crate::components::progress_bar::ProgressBar;
use crate::model::insights::{self, Card, ItemCounts, NextStep};
use crate::model::mentorship::{Mentorship, Status};
use crate::model::session_notes::AgendaState;
use crate::model::{counting, dates};
use crate::paths;
use crate::state::use_store;

/// Makes the card of a mentorship.
type MakeCard = fn(Uuid) -> AnyView;

static MAKE_CARD: OnceLock<MakeCard> = OnceLock::new();

/// The card's maker (made here, so that the card's code goes where this
/// function goes).
#[cfg_attr(feature = "split", leptos::lazy)]
fn make() -> MakeCard {
    |id| view! { <MentorshipCard id /> }.into_any()
}

/// Fetches the cards' code the first time (a fetch that fails is tried
/// again until it succeeds).
pub async fn load() -> MakeCard {
    #[cfg(not(feature = "split"))]
    return *MAKE_CARD.get_or_init(make);
    #[cfg(feature = "split")]
    {
        if let Some(made) = MAKE_CARD.get() {
            return *made;
        }
        let made = make().await;
        *MAKE_CARD.get_or_init(|| made)
    }
}

/// The card of mentorship `id`: at once when its code is here, else as
/// soon as it is.
#[component]
pub fn DashboardCard(id: Uuid) -> impl IntoView {
    Suspend::new(async move { load().await(id) })
}

fn counts_text(name: &str, c: ItemCounts) -> Option<String> {
    let mut parts = Vec::new();
    if c.overdue > 0 {
        parts.push(format!("{} overdue", c.overdue));
    }
    if c.due_this_week > 0 {
        parts.push(format!("{} due this week", c.due_this_week));
    }
    (!parts.is_empty()).then(|| format!("{name}: {}", parts.join(", ")))
}

#[component]
fn MentorshipCard(id: Uuid) -> impl IntoView {
    let store = use_store();
    let data = Memo::new(move |_| {
        let now = browser::now();
        let today = browser::today();
        store.library().with(|lib| {
            lib.get(id).map(|d| {
                (d.mentorship.clone(), insights::card(d, now, today), insights::next_step(d, now))
            })
        })
    });
    move || data.get().map(|(m, card, step)| view! { <CardBody m card step /> })
}

#[component]
fn CardBody(m: Mentorship, card: Card, step: NextStep) -> impl IntoView {
    let mid = m.meta.id;
    let href = paths::mentorship(mid);
    let title = m.title();
    let heading = title.clone();
    let closed = m.status == Status::Closed;
    let next_step = next_step::describe(step, mid);
    let next = card.next_session.clone().map(|s| {
        let state = card.agenda_state.unwrap_or(AgendaState::NotStarted);
        let late = card.agenda_late;
        let shref = paths::session(mid, s.meta.id);
        view! {
            <p class="next-session">
                "Next session: " <A href=shref>{dates::date_time(&browser::here(&s.starts_at))}</A>
                " "
                <span
                    class=if state == AgendaState::Sent { "chip status-settled" } else { "chip" }
                    data-agenda
                >
                    {state.label()}
                </span>
                {late
                    .then(|| {
                        view! {
                            " "
                            <span class="chip status-todiscuss" data-agenda-late>
                                "Agenda late"
                            </span>
                        }
                    })}
            </p>
        }
        .into_any()
    });
    let items: Vec<String> =
        [counts_text(&m.mentee, card.mentee_items), counts_text(&m.mentor, card.mentor_items)]
            .into_iter()
            .flatten()
            .collect();
    let (ft_done, ft_due) = card.follow_through;
    let follow = if ft_due == 0 {
        "Follow-through: no action items were due in the last 90 days.".to_string()
    } else {
        format!(
            "Follow-through: {}% — {ft_done} of {} due in the last 90 days done on time.",
            counting::percent(ft_done, ft_due),
            counting::count(ft_due, "action item"),
        )
    };
    let checkins: Vec<String> = card
        .checkins_due
        .iter()
        .map(|side| format!("{} ({})", m.name(*side), side.label()))
        .collect();
    view! {
        <li class="card mentorship-card" class:closed=closed data-mentorship=title>
            <h2>
                <A href=href>{heading}</A>
            </h2>
            <p class="muted">
                {format!(
                    "You are the {} · {} · since {}",
                    m.my_role.label(),
                    m.status.label(),
                    dates::short(m.start_date),
                )}
            </p>
            {(!m.focus.is_empty()).then(|| view! { <p class="focus">{m.focus.clone()}</p> })}
            {next_step
                .filter(|_| !closed)
                .map(|(title, _, href)| {
                    view! {
                        <p class="next-step">
                            <A href=href>{format!("Next step: {} →", title.to_lowercase())}</A>
                        </p>
                    }
                })}
            {(!closed)
                .then(|| {
                    view! {
                        {next
                            .unwrap_or_else(|| {
                                view! { <p class="next-session muted">"No session planned."</p> }
                                    .into_any()
                            })}
                        <p data-items>
                            {if items.is_empty() {
                                "No action items overdue or due this week.".to_string()
                            } else {
                                format!("Action items — {}.", items.join("; "))
                            }}
                        </p>
                        <p data-rhythm class:behind=card.rhythm.behind>
                            {card.rhythm.sentence()}
                            {card.rhythm.behind.then_some(" Time to meet.")}
                        </p>
                        <p data-follow-through>{follow}</p>
                        {(!checkins.is_empty())
                            .then(|| {
                                view! {
                                    <p data-checkin-due>
                                        {format!("Check-in due: {}.", checkins.join(", "))}
                                    </p>
                                }
                            })}
                    }
                })}
            <p data-agreement>{format!("Agreement: {}", card.agreement.label())}</p>
            {(!card.goals.is_empty())
                .then(|| {
                    view! {
                        <ul class="plain-list goal-progress">
                            {card
                                .goals
                                .iter()
                                .map(|(title, p)| {
                                    let p = *p;
                                    let t = title.clone();
                                    view! {
                                        <li>
                                            <span>{title.clone()}</span>
                                            <ProgressBar
                                                progress=Signal::derive(move || p)
                                                label=Signal::derive(move || {
                                                    format!("Progress on “{t}”")
                                                })
                                            />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </li>
    }
}
