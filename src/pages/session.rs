//! One session: when and where, moving or cancelling it, the agenda before
//! (and sending it), the summary after (and sending it), and a private note.

use crate::components::dynamic::{dynamic, dynamic_text};
use crate::components::when::When;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;

use crate::browser;
use crate::components::agenda_editor::AgendaEditor;
use crate::components::button::Button;
use crate::components::card::Card;
use crate::components::confirm::ConfirmButton;
use crate::components::field::{Binding, TextArea};
use crate::components::page::page_title;
use crate::components::schedule_controls::ScheduleControls;
use crate::components::send_panel::{CalendarFile, Outgoing, SendPanel};
use crate::components::session_form::SessionFormView;
use crate::components::summary_editor::SummaryEditor;
use crate::export::{agenda, ics, summary};
use crate::model::private_note;
use crate::model::review::{agenda_items, AgendaItems};
use crate::model::session::{safe_link, Session, SessionStatus};
use crate::model::session_form::SessionForm;
use crate::model::terms::Terms;
use crate::model::{dates, Record};
use crate::paths;
use crate::state::actions::sessions as actions;
use crate::state::{use_current, use_store, ActionResult};

/// The one name for recording that the pair met.
const HOLD: &str = "Mark as held: write the summary";

#[component]
pub fn SessionPage() -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let params = use_params_map();
    let navigate = use_navigate();
    let sid = Memo::new(move |_| {
        params
            .with(|p| p.get(paths::param::SESSION))
            .and_then(|s| Uuid::parse_str(&s).ok())
            .unwrap_or_default()
    });
    let session = Memo::new(move |_| current.session(sid.get()));
    page_title(move || {
        let day = session
            .with(|s| s.as_ref().map(|s| dates::short(browser::here(&s.starts_at).date_naive())));
        format!("Session of {} · {}", day.unwrap_or_default(), current.title())
    });
    let items = Memo::new(move |_| {
        session
            .with(|s| {
                s.as_ref().and_then(|s| current.with(|d| agenda_items(s, &d.sessions, &d.actions)))
            })
            .unwrap_or_default()
    });
    let lead = Signal::derive(move || current.terms().agenda_lead_hours);
    let notice = Signal::derive(move || current.terms().notice_hours);
    let read_only = Signal::derive(move || current.read_only());
    let status = move || session.with(|s| s.as_ref().map(|s| s.status));
    let cancelled = move || status() == Some(SessionStatus::Cancelled);
    let can_hold =
        move || status().is_some_and(|s| s != SessionStatus::Held && s != SessionStatus::Cancelled);
    let started = move || {
        let now = browser::now();
        session.with(|s| s.as_ref().is_some_and(|s| s.starts_at.with_timezone(&chrono::Utc) <= now))
    };
    // One detail of the session, "—" when it is not set.
    let detail = move |f: fn(&Session) -> String| {
        move || session.with(|s| s.as_ref().map(f).filter(|v| !v.is_empty()).unwrap_or("—".into()))
    };
    let editing = RwSignal::new(false);
    let sessions_href = move || paths::sessions(current.id());

    let agenda_out = Signal::derive(move || {
        let (Some(s), Some(m)) = (session.get(), current.mentorship()) else {
            return Outgoing::default();
        };
        let pulled: AgendaItems = items.get();
        let plain = agenda::plain(&s, &m, &pulled);
        Outgoing {
            subject: format!(
                "Agenda for our mentoring session, {}",
                dates::date_time(&s.starts_at)
            ),
            markdown: agenda::markdown(&s, &m, &pulled),
            ics: Some(CalendarFile {
                label: "Calendar event (.ics)",
                name: ics::file_name(&s),
                text: ics::session_file(&s, &m, &plain, browser::now()),
            }),
            plain,
        }
    });
    let summary_out = Signal::derive(move || {
        let (Some(s), Some(m)) = (session.get(), current.mentorship()) else {
            return Outgoing::default();
        };
        let all = current.with(|d| d.actions.clone()).unwrap_or_default();
        let next = current
            .with(|d| {
                d.sessions
                    .iter()
                    .find(|x| {
                        x.is_live()
                            && x.status.is_upcoming()
                            && Some(x.starts_at) == s.summary.next_meeting
                    })
                    .cloned()
            })
            .flatten();
        let ics = next.map(|n| CalendarFile {
            label: "Next session's calendar event (.ics)",
            name: ics::file_name(&n),
            text: ics::session_file(&n, &m, "", browser::now()),
        });
        Outgoing {
            subject: format!(
                "Summary of our mentoring session, {}",
                dates::date_time(&s.starts_at)
            ),
            plain: summary::plain(&s, &m, &all),
            markdown: summary::markdown(&s, &m, &all),
            ics,
        }
    });
    let sent_text = |at: Option<chrono::DateTime<chrono::Utc>>| {
        at.map(|t| format!("Sent on {}.", dates::date_time(&browser::here(&t.fixed_offset()))))
    };
    let agenda_sent = Signal::derive(move || {
        session.with(|s| s.as_ref().and_then(|s| sent_text(s.agenda.sent_at)))
    });
    let summary_sent = Signal::derive(move || {
        session.with(|s| s.as_ref().and_then(|s| sent_text(s.summary.sent_at)))
    });
    let m_id = move || current.id_untracked();
    let on_agenda_sent =
        move |sent| actions::mark_agenda_sent(&store, m_id(), sid.get_untracked(), sent);
    let on_summary_sent =
        move |sent| actions::mark_summary_sent(&store, m_id(), sid.get_untracked(), sent);
    let hold = move |()| actions::set_held(&store, m_id(), sid.get_untracked(), true);
    let late = move || {
        session.with(|s| s.as_ref().is_some_and(|s| s.agenda_late(lead.get(), browser::now())))
    };
    // Only the note of this device's side: one the partner wrote (come with a
    // restored backup) is never shown as mine.
    let private_note = Memo::new(move |_| {
        current
            .with(|d| {
                private_note::mine(&d.private_notes, sid.get(), d.mentorship.my_role)
                    .map(|n| n.text.clone())
            })
            .flatten()
            .unwrap_or_default()
    });
    let save_details = move |form: SessionForm| -> ActionResult {
        actions::edit_details(&store, m_id(), sid.get_untracked(), &form)?;
        editing.set(false);
        Ok(())
    };
    let delete = Callback::new(move |()| {
        actions::delete(&store, m_id(), sid.get_untracked());
        navigate(&paths::sessions(m_id()), Default::default());
    });

    view! {
        <When
            when=move || session.with(|s| s.is_some())
            fallback=move || {
                view! {
                    <h1>"Session not found"</h1>
                    <p>
                        <A href=sessions_href>"Back to the sessions"</A>
                    </p>
                }
            }
        >
            <div class="page-head">
                <h1>
                    {dynamic_text(move || {
                        session
                            .with(|s| {
                                s.as_ref()
                                    .map(|s| {
                                        format!(
                                            "Session — {}",
                                            dates::with_weekday(
                                                dates::local_date(&browser::here(&s.starts_at)),
                                            ),
                                        )
                                    })
                            })
                    })}
                </h1>
                <span class="chip" data-session-status>
                    {dynamic_text(move || session.with(|s| s.as_ref().map(|s| s.status.label())))}
                </span>
            </div>
            <dl class="details card">
                <dt>"When"</dt>
                <dd>{dynamic_text(move || session.with(|s| s.as_ref().map(agenda::when)))}</dd>
                <dt>"Topic"</dt>
                <dd>{detail(|s| s.topic.clone())}</dd>
                <dt>"Place"</dt>
                <dd>{detail(|s| s.place.clone())}</dd>
                <dt>"Video link"</dt>
                <dd>
                    {dynamic(move || {
                        let link = session.with(|s| s.as_ref().map(|s| s.link.clone()));
                        match link.filter(|l| !l.trim().is_empty()) {
                            None => "—".into_any(),
                            Some(l) => {
                                match safe_link(&l) {
                                    Some(href) => {
                                        let href = href.to_string();
                                        // Only a web link becomes an href (never `javascript:`),
                                        // whatever the stored data says; anything else shows as text.
                                        view! {
                                            <a href=href rel="noopener noreferrer" target="_blank">
                                                {l}
                                            </a>
                                        }
                                            .into_any()
                                    }
                                    None => l.into_any(),
                                }
                            }
                        }
                    })}
                </dd>
            </dl>
            <ScheduleControls session notice_hours=notice read_only />
            <When when=move || !read_only.get()>
                <div class="actions-row">
                    // Once it has started, marking it held is the next thing to
                    // do; before that it is asked about first.
                    <When when=move || can_hold() && started()>
                        <Button on_click=hold>{HOLD}</Button>
                    </When>
                    <When when=move || can_hold() && !started()>
                        <ConfirmButton
                            label=HOLD
                            message=Signal::derive(move || {
                                format!(
                                    "This session has not started yet: it is on {}. Mark it as held already?",
                                    session
                                        .with(|s| s.as_ref().map(agenda::when))
                                        .unwrap_or_default(),
                                )
                            })
                            confirm_label="Mark it as held"
                            on_confirm=hold
                        />
                    </When>
                    <When when=move || {
                        session
                            .with(|s| s.as_ref().is_some_and(|s| s.status == SessionStatus::Held))
                    }>
                        <Button
                            secondary=true
                            on_click=move |()| actions::set_held(
                                &store,
                                m_id(),
                                sid.get_untracked(),
                                false,
                            )
                        >
                            "Mark as not held"
                        </Button>
                    </When>
                    <Button secondary=true on_click=move |()| editing.set(true)>
                        "Edit details"
                    </Button>
                    <ConfirmButton
                        label="Delete session"
                        message="Delete this session with its agenda and summary? Action items made at it stay on the action item list. Use “Cancel session” instead to keep a record that it was cancelled."
                        confirm_label="Delete session"
                        on_confirm=delete
                    />
                </div>
            </When>
            <When when=move || {
                editing.get()
            }>
                {dynamic(move || {
                    session
                        .get()
                        .map(|s| {
                            view! {
                                <SessionFormView
                                    initial=SessionForm::from_session(&s)
                                    with_time=false
                                    submit_label="Save details"
                                    on_submit=save_details
                                    on_cancel=move |()| editing.set(false)
                                />
                            }
                        })
                })}
            </When>

            <section class="card" aria-labelledby="agenda-title">
                <div class="page-head">
                    <h2 id="agenda-title">"Before: the agenda"</h2>
                    <span class="chip" data-agenda-state>
                        {dynamic_text(move || {
                            session.with(|s| s.as_ref().map(|s| s.agenda.state().label()))
                        })}
                    </span>
                    <When when=move || {
                        session.with(|s| s.as_ref().is_some_and(|s| s.agenda.changed_since_sent()))
                    }>
                        <span class="chip status-todiscuss" data-agenda-changed>
                            "Changed since it was sent: send it again"
                        </span>
                    </When>
                </div>
                <p class="muted">"Written by the mentee and sent before the meeting."</p>
                <When when=late>
                    <p class="banner banner-warn" role="status" data-agenda-late>
                        {dynamic_text(move || {
                            format!(
                                "The agenda is not sent yet, and {} to send it at least {} hours before the session.",
                                Terms::said(current.terms().agenda_lead_agreed),
                                lead.get(),
                            )
                        })}
                    </p>
                </When>
                // A cancelled session has no meeting to prepare for.
                <When
                    when=move || !cancelled()
                    fallback=|| {
                        view! {
                            <p class="muted">
                                "The session was cancelled: there is no agenda to send."
                            </p>
                        }
                    }
                >
                    <AgendaEditor session items read_only />
                    <SendPanel
                        what="agenda"
                        outgoing=agenda_out
                        mark_sent=on_agenda_sent
                        sent=agenda_sent
                    />
                </When>
            </section>

            <Card id="summary-title" title="After: the summary">
                <When
                    when=move || {
                        session
                            .with(|s| s.as_ref().is_some_and(|s| s.status == SessionStatus::Held))
                    }
                    fallback=|| {
                        view! {
                            <p class="muted">
                                "Once you have met, mark the session as held (“Mark as held”) to write its summary."
                            </p>
                        }
                    }
                >
                    <SummaryEditor session read_only />
                    <SendPanel
                        what="summary"
                        outgoing=summary_out
                        mark_sent=on_summary_sent
                        sent=summary_sent
                    />
                </When>
            </Card>

            <Card id="private-title" title="Private note" class="private">
                <p class="muted">
                    "Only on this device. Never in the agenda, the summary, the calendar file or anything you send."
                </p>
                <TextArea
                    id="private-note"
                    label="Your note on this session"
                    rows=3
                    disabled=read_only
                    value=Binding::live(
                        move || private_note.get(),
                        move |v: String| actions::set_private_note(
                            &store,
                            m_id(),
                            sid.get_untracked(),
                            &v,
                        ),
                    )
                />
            </Card>
            <p>
                <A href=sessions_href>"← All sessions"</A>
            </p>
        </When>
    }
}
