//! Moving or cancelling a session, with who, why and how much notice — and
//! the record of every change, flagged where the notice was shorter than
//! agreed.

use crate::components::dynamic::{dynamic, dynamic_text};
use crate::components::when::When;
use leptos::prelude::*;

use super::action_item::owner_options;
use super::button::Button;
use super::error_message::ErrorMessage;
use super::field::{RadioGroup, TextField};
use super::form::{focus_on_open, submitted};
use crate::model::counting::count;
use crate::model::dates;
use crate::model::session::Session;
use crate::model::terms::Terms;
use crate::state::actions::sessions as actions;
use crate::state::{use_current, use_store, ActionError};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Idle,
    Moving,
    Cancelling,
}

#[component]
pub fn ScheduleControls(
    session: Memo<Option<Session>>,
    notice_hours: Signal<u32>,
    read_only: Signal<bool>,
) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let mode = RwSignal::new(Mode::Idle);
    let by = RwSignal::new(current.my_role());
    let reason = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let time = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ActionError>);
    let errors = Signal::derive(move || error.get().map(|e| e.field_errors()).unwrap_or_default());
    let sid = move || session.with_untracked(|s| s.as_ref().map(|s| s.meta.id).unwrap_or_default());
    let upcoming = move || session.with(|s| s.as_ref().is_some_and(|s| s.status.is_upcoming()));
    let submit = submitted(move || {
        let (m, s, who, why) =
            (current.id_untracked(), sid(), by.get_untracked(), reason.get_untracked());
        let result = if mode.get_untracked() == Mode::Moving {
            let (d, t) = (date.get_untracked(), time.get_untracked());
            actions::reschedule(&store, m, s, &d, &t, who, &why)
        } else {
            actions::cancel(&store, m, s, who, &why)
        };
        match result {
            Ok(_) => {
                mode.set(Mode::Idle);
                reason.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    });
    // Before anything is confirmed: does this change give less notice than
    // agreed? (hours given, hours wanted)
    let short_notice = move || {
        let now = crate::browser::now();
        let wanted = notice_hours.get();
        session
            .with(|s| s.as_ref().map(|s| s.notice_hours(now)))
            .filter(|given| *given < i64::from(wanted))
            .map(|given| (given, wanted))
    };
    let start_moving = move |_| {
        if let Some(s) = session.get_untracked() {
            date.set(s.starts_at.date_naive().to_string());
            time.set(dates::time(&s.starts_at));
        }
        mode.set(Mode::Moving);
    };
    let changes = move || {
        session.get().map(|s| {
            s.changes
                .iter()
                .map(|c| {
                    let short = c.is_short_notice(notice_hours.get());
                    view! {
                        <li class:short-notice=short data-change>
                            {c.describe(notice_hours.get())}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="schedule">
            <ul class="plain-list changes">{changes}</ul>
            <When when=move || upcoming() && !read_only.get() && mode.get() == Mode::Idle>
                <div class="actions-row">
                    <Button secondary=true on_click=start_moving>
                        "Move"
                    </Button>
                    <Button secondary=true on_click=move |()| mode.set(Mode::Cancelling)>
                        "Cancel session"
                    </Button>
                </div>
            </When>
            <When when=move || mode.get() != Mode::Idle>
                <form class="card" on:submit=submit novalidate node_ref=focus_on_open()>
                    <When when=move || mode.get() == Mode::Moving>
                        <div class="grid-2">
                            <TextField
                                id="move-date"
                                label="New date"
                                kind="date"
                                value=date
                                field="date"
                                errors
                            />
                            <TextField
                                id="move-time"
                                label="New time"
                                kind="time"
                                value=time
                                field="time"
                                errors
                            />
                        </div>
                    </When>
                    <RadioGroup
                        name="change-by"
                        legend="Who asks for it?"
                        value=by
                        options=owner_options()
                    />
                    <TextField
                        id="change-reason"
                        label="Reason"
                        value=reason
                        field="reason"
                        errors
                        hint=Signal::derive(move || {
                            format!(
                                "Notice: {} at least {} hours, and to propose a new time.",
                                Terms::said(current.terms().notice_agreed),
                                notice_hours.get(),
                            )
                        })
                    />
                    // A live region that exists before it speaks, so a screen
                    // reader announces the warning as soon as it applies.
                    <div role="status" aria-live="polite">
                        {dynamic(move || {
                            short_notice()
                                .map(|(given, wanted)| {
                                    let agreed = current.terms().notice_agreed;
                                    view! {
                                        <p class="banner banner-warn" data-short-notice>
                                            {format!(
                                                "Short notice: the session starts in {} — less than the {wanted} hours' notice {}. It will be recorded as short notice.",
                                                count(usize::try_from(given.max(0)).unwrap_or(0), "hour"),
                                                if agreed { "you agreed" } else { "suggested" },
                                            )}
                                        </p>
                                    }
                                })
                        })}
                    </div>
                    <ErrorMessage error />
                    <div class="actions-row">
                        <button type="submit">
                            {dynamic_text(move || {
                                if mode.get() == Mode::Moving {
                                    "Move the session"
                                } else {
                                    "Cancel the session"
                                }
                            })}
                        </button>
                        <Button secondary=true on_click=move |()| mode.set(Mode::Idle)>
                            "Keep it as it is"
                        </Button>
                    </div>
                </form>
            </When>
        </div>
    }
}
