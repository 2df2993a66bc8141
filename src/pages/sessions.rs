//! A mentorship's sessions: plan the next one (suggested from the agreed
//! cadence), the upcoming ones with their agenda's state, the past ones, and
//! the upcoming sessions as a calendar file.

use crate::components::dynamic::dynamic_text;
use crate::components::when::When;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::browser;
use crate::components::button::Button;
use crate::components::error_message::ErrorMessage;
use crate::components::page::{section_title, PageHead};
use crate::components::session_form::SessionFormView;
use crate::model::dates;
use crate::model::session::{self, Session, SessionStatus};
use crate::model::session_form::SessionForm;
use crate::model::session_notes::AgendaState;
use crate::model::terms::Terms;
use crate::paths;
use crate::state::actions::sessions as actions;
use crate::state::{use_current, use_store, ActionError, ActionResult};

#[component]
pub fn Sessions() -> impl IntoView {
    section_title("Sessions");
    let store = use_store();
    let current = use_current();
    let navigate = use_navigate();
    let planning = RwSignal::new(false);
    let now = browser::now();
    let terms = Signal::derive(move || current.terms());
    let upcoming = current.memo(move |d| {
        session::upcoming(&d.sessions, now).into_iter().cloned().collect::<Vec<_>>()
    });
    let past = current
        .memo(move |d| session::past(&d.sessions, now).into_iter().cloned().collect::<Vec<_>>());
    let suggested = move || {
        current
            .with(|d| {
                let t = Terms::from_themes(&d.themes);
                let date = session::suggest_next(&d.sessions, t.cadence_days, browser::today());
                let last =
                    d.sessions.iter().filter(|s| s.is_live_session()).max_by_key(|s| s.starts_at);
                SessionForm::suggested(date, &t, last)
            })
            .unwrap_or_default()
    };
    // Say so when the form copies the last session's time, place and link.
    let prefilled_note = move || {
        let last = current.with(|d| {
            d.sessions.iter().filter(|s| s.is_live_session()).max_by_key(|s| s.starts_at).cloned()
        });
        last.flatten().map(|s| {
            format!(
                "The time, place and video link are copied from the session of {}, and the length is {}; change them as you need.",
                dates::short(browser::here(&s.starts_at).date_naive()),
                if current.terms().agreed { "the one you agreed" } else { "the suggested one" },
            )
        })
    };
    let plan = move |form: SessionForm| -> ActionResult {
        let id = actions::plan(&store, current.id_untracked(), &form)?;
        planning.set(false);
        navigate(&paths::session(current.id_untracked(), id), Default::default());
        Ok(())
    };
    let calendar_error = RwSignal::new(None::<ActionError>);
    let export_calendar = move |_| {
        calendar_error.set(actions::download_calendar(&store, current.id_untracked()).err())
    };
    view! {
        <PageHead title="Sessions" add="Plan a session" adding=planning />
        <p class="muted" data-rhythm>
            {dynamic_text(move || {
                let t = terms.get();
                let source = if t.agreed {
                    "as agreed"
                } else {
                    "suggested until you agree it in the expectations conversation"
                };
                format!(
                    "Rhythm: {}, {} minutes ({source}). The mentee schedules and sends the agenda at least {} hours before.",
                    t.cadence_label,
                    t.length_minutes,
                    t.agenda_lead_hours,
                )
            })}
        </p>
        <When when=move || planning.get()>
            <section aria-labelledby="plan-title">
                <h2 id="plan-title">"Plan a session"</h2>
                <SessionFormView
                    initial=suggested()
                    note=prefilled_note()
                    submit_label="Plan session"
                    on_submit=plan.clone()
                    on_cancel=move |()| planning.set(false)
                />
            </section>
        </When>
        <section aria-labelledby="upcoming-title">
            <div class="page-head">
                <h2 id="upcoming-title">"Upcoming"</h2>
                <When when=move || !upcoming.with(|u| u.is_empty())>
                    <Button secondary=true on_click=export_calendar>
                        "Download as calendar (.ics)"
                    </Button>
                </When>
            </div>
            <ErrorMessage error=calendar_error />
            <SessionList
                sessions=upcoming
                terms
                empty="No session planned. The mentee plans the next one."
            />
        </section>
        <section aria-labelledby="past-title">
            <h2 id="past-title">"Past"</h2>
            <SessionList sessions=past terms empty="Nothing yet." />
        </section>
    }
}

/// A list of sessions, or what to say when there is none.
#[component]
fn SessionList(
    sessions: Memo<Vec<Session>>,
    terms: Signal<Terms>,
    empty: &'static str,
) -> impl IntoView {
    view! {
        <When when=move || sessions.with(Vec::is_empty)>
            <p class="muted">{empty}</p>
        </When>
        <ul class="session-list plain-list">
            <For each=move || sessions.get() key=|s| (s.meta.id, s.meta.updated_at) let:s>
                <SessionRow s terms />
            </For>
        </ul>
    }
}

#[component]
fn SessionRow(s: Session, terms: Signal<Terms>) -> impl IntoView {
    let current = use_current();
    let href = paths::session(current.id_untracked(), s.meta.id);
    let state = s.agenda.state();
    let late = s.agenda_late(terms.get_untracked().agenda_lead_hours, browser::now());
    let summary = match s.status {
        SessionStatus::Held if s.summary.sent_at.is_some() => Some("Summary sent"),
        SessionStatus::Held if !s.summary.is_blank() => Some("Summary in draft"),
        SessionStatus::Held => Some("No summary yet"),
        _ => None,
    };
    view! {
        <li class="card session-row" data-status=s.status.label()>
            <div>
                <A href=href>
                    <strong>{dates::date_time(&browser::here(&s.starts_at))}</strong>
                </A>
                {(!s.topic.is_empty())
                    .then(|| view! { <span>{format!(" — {}", s.topic)}</span> })}
            </div>
            <div class="chips">
                <span class="chip">{s.status.label()}</span>
                {s
                    .status
                    .is_upcoming()
                    .then(|| {
                        view! {
                            <span class=if state == AgendaState::Sent {
                                "chip status-settled"
                            } else {
                                "chip"
                            }>{state.label()}</span>
                        }
                    })}
                {late.then(|| view! { <span class="chip status-todiscuss">"Agenda late"</span> })}
                {summary.map(|t| view! { <span class="chip">{t}</span> })}
            </div>
        </li>
    }
}
