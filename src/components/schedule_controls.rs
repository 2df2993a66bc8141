//! Moving or cancelling a session, with who, why and how much notice — and
//! the record of every change, flagged where the notice was shorter than
//! agreed.

use leptos::prelude::*;

use super::field::RadioGroup;
use crate::model::session::Session;
use crate::model::Side;
use crate::pages::mentorship::use_current;
use crate::state::actions::sessions as actions;
use crate::state::use_store;

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
    let by = RwSignal::new(current.my_role().label().to_string());
    let reason = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let time = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sid = move || session.with_untracked(|s| s.as_ref().map(|s| s.meta.id).unwrap_or_default());
    let upcoming = move || session.with(|s| s.as_ref().is_some_and(|s| s.status.is_upcoming()));
    let who = move || Side::parse(&by.get_untracked()).unwrap_or_default();
    let done = move |result: Result<
        crate::model::session::ScheduleChange,
        Vec<crate::model::validate::FieldError>,
    >| match result {
        Ok(_) => {
            mode.set(Mode::Idle);
            reason.set(String::new());
            error.set(None);
        }
        Err(e) => error.set(Some(e.into_iter().map(|e| e.message).collect::<Vec<_>>().join(" "))),
    };
    let move_it = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done(actions::reschedule(
            &store,
            current.id_untracked(),
            sid(),
            &date.get_untracked(),
            &time.get_untracked(),
            who(),
            &reason.get_untracked(),
        ));
    };
    let cancel_it = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done(actions::cancel(
            &store,
            current.id_untracked(),
            sid(),
            who(),
            &reason.get_untracked(),
        ));
    };
    let start_moving = move |_| {
        if let Some(s) = session.get_untracked() {
            date.set(s.starts_at.date_naive().to_string());
            time.set(crate::model::dates::time(&s.starts_at));
        }
        mode.set(Mode::Moving);
    };
    let names = move |side: Side| {
        current
            .mentorship
            .with(|m| m.as_ref().map(|m| m.name(side).to_string()).unwrap_or_default())
    };
    let who_options = move || {
        vec![
            ("mentee".to_string(), format!("{} (mentee)", names(Side::Mentee))),
            ("mentor".to_string(), format!("{} (mentor)", names(Side::Mentor))),
        ]
    };
    view! {
        <div class="schedule">
            <ul class="plain-list changes">
                {move || {
                    session
                        .get()
                        .map(|s| {
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
                }}
            </ul>
            <Show when=move || upcoming() && !read_only.get() && mode.get() == Mode::Idle>
                <div class="actions-row">
                    <button type="button" class="secondary" on:click=start_moving>
                        "Move"
                    </button>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| mode.set(Mode::Cancelling)
                    >
                        "Cancel session"
                    </button>
                </div>
            </Show>
            <Show when=move || mode.get() != Mode::Idle>
                <form
                    class="card"
                    on:submit=move |ev| {
                        if mode.get_untracked() == Mode::Moving {
                            move_it(ev)
                        } else {
                            cancel_it(ev)
                        }
                    }
                    novalidate
                >
                    <Show when=move || mode.get() == Mode::Moving>
                        <div class="grid-2">
                            <div class="field">
                                <label for="move-date">"New date"</label>
                                <input id="move-date" type="date" bind:value=date />
                            </div>
                            <div class="field">
                                <label for="move-time">"New time"</label>
                                <input id="move-time" type="time" bind:value=time />
                            </div>
                        </div>
                    </Show>
                    <RadioGroup
                        name="change-by"
                        legend="Who asks for it?"
                        value=by
                        options=who_options()
                    />
                    <div class="field">
                        <label for="change-reason">"Reason"</label>
                        <span class="hint" id="change-reason-hint">
                            {move || {
                                format!(
                                    "You agreed to give at least {} hours' notice and to propose a new time.",
                                    notice_hours.get(),
                                )
                            }}
                        </span>
                        <input
                            id="change-reason"
                            type="text"
                            aria-describedby="change-reason-hint"
                            bind:value=reason
                        />
                    </div>
                    {move || {
                        error
                            .get()
                            .map(|e| {
                                view! {
                                    <p class="field-error" role="alert">
                                        {e}
                                    </p>
                                }
                            })
                    }}
                    <div class="actions-row">
                        <button type="submit">
                            {move || {
                                if mode.get() == Mode::Moving {
                                    "Move the session"
                                } else {
                                    "Cancel the session"
                                }
                            }}
                        </button>
                        <button
                            type="button"
                            class="secondary"
                            on:click=move |_| mode.set(Mode::Idle)
                        >
                            "Keep it as it is"
                        </button>
                    </div>
                </form>
            </Show>
        </div>
    }
}
