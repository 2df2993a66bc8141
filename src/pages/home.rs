//! The home dashboard: every mentorship on this device and what is next for
//! each — the next session and its agenda, action items due, goals' progress,
//! the meeting rhythm, follow-through, the agreement — and, for a new pair,
//! the next step to take.

use crate::components::dynamic::each_id;
use crate::components::when::When;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use crate::browser;
use crate::components::button::Button;
use crate::components::card::Card;
use crate::components::mentorship_form::MentorshipFormView;
use crate::components::next_step;
use crate::components::page::page_title;
use crate::components::progress_bar::ProgressBar;
use crate::model::insights::{self, Card, ItemCounts, NextStep};
use crate::model::mentorship::{Mentorship, Status};
use crate::model::session_notes::AgendaState;
use crate::model::{counting, dates};
use crate::paths;
use crate::state::actions::mentorships;
use crate::state::{use_store, ActionResult};

#[component]
pub fn Home() -> impl IntoView {
    page_title(|| "Your mentorships".into());
    let store = use_store();
    let creating = RwSignal::new(false);
    let navigate = use_navigate();
    // Ids only: a card follows its own mentorship, so an edit elsewhere does
    // not rebuild the whole page.
    let ids = Memo::new(move |_| {
        store.library().with(|lib| {
            let (open, closed): (Vec<_>, Vec<_>) =
                lib.live().partition(|d| d.mentorship.status != Status::Closed);
            (
                open.iter().map(|d| d.id()).collect::<Vec<Uuid>>(),
                closed.iter().map(|d| d.id()).collect::<Vec<Uuid>>(),
            )
        })
    });
    // The home page is on screen, cards and all (read by `make bench`).
    Effect::new(move |_| crate::pwa::mark("tandem:home-rendered"));
    let create = move |form| -> ActionResult {
        let id = mentorships::create(&store, &form)?;
        creating.set(false);
        navigate(&paths::mentorship(id), Default::default());
        Ok(())
    };
    view! {
        <div class="page-head">
            <h1>"Your mentorships"</h1>
            <When when=move || !creating.get()>
                <Button on_click=move |()| creating.set(true)>"Start a mentorship"</Button>
            </When>
        </div>
        <When when=move || creating.get()>
            <section aria-labelledby="new-mentorship">
                <h2 id="new-mentorship">"Start a mentorship"</h2>
                <MentorshipFormView
                    initial=mentorships::new_form(&store)
                    submit_label="Start mentorship"
                    on_submit=create.clone()
                    on_cancel=move |()| creating.set(false)
                />
            </section>
        </When>
        <When when=move || {
            ids.with(|(open, closed)| open.is_empty() && closed.is_empty()) && !creating.get()
        }>
            <FirstSteps />
        </When>
        <ul class="mentorship-list">
            {each_id(move || ids.get().0, move |id| view! { <DashboardCard id /> }.into_any())}
        </ul>
        <When when=move || ids.with(|(open, _)| !open.is_empty())>
            <p class="muted">
                <A href=paths::RECEIVE_PAGE>"Receive what your partner sent"</A>
                " — a link, a message or a file."
            </p>
        </When>
        <When when=move || ids.with(|(_, closed)| !closed.is_empty())>
            <h2>"Archived"</h2>
            <ul class="mentorship-list archived">
                {each_id(move || ids.get().1, move |id| view! { <DashboardCard id /> }.into_any())}
            </ul>
        </When>
    }
}

/// The four steps Tandem walks a pair through.
const STEPS: [(&str, &str); 4] = [
    ("Start a mentorship", " — the two of you, and which one uses this device."),
    (
        "Have the expectations conversation",
        " — each says what you expect, theme by theme, and you agree.",
    ),
    ("Sign the agreement", " — written from what you agreed, signed by both."),
    ("Plan the first session", " — the mentee sends an agenda before and a summary after."),
];

/// What a first-time user sees: the four steps Tandem walks a pair through.
#[component]
fn FirstSteps() -> impl IntoView {
    view! {
        <Card id="first-steps" title="How Tandem works" class="first-steps">
            <ol>
                {STEPS
                    .iter()
                    .map(|(step, what)| {
                        view! {
                            <li>
                                <strong>{*step}</strong>
                                {*what}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <p class="muted">
                "Everything stays on this device. Nothing is sent anywhere unless you export or share it."
            </p>
            <p>
                "Did your partner start it and send you an invitation? "
                <A href=paths::RECEIVE_PAGE>"Open the invitation"</A>
                " — or simply open the link they sent."
            </p>
        </Card>
    }
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
fn DashboardCard(id: Uuid) -> impl IntoView {
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
