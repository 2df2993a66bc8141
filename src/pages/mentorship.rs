//! A mentorship's layout — its title and section navigation — and its
//! overview page: the details, editing them, deleting the mentorship.

use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;

use crate::components::confirm::Confirm;
use crate::components::mentorship_form::MentorshipFormView;
use crate::model::dates;
use crate::model::mentorship::MentorshipForm;
use crate::paths;
use crate::state::actions::mentorships;
use crate::state::{use_current, use_store, ActionResult, Current};

#[component]
pub fn MentorshipLayout() -> impl IntoView {
    let store = use_store();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get(paths::param::ID))
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    let current = Current::provide(store, id);
    let href = move |f: fn(Uuid) -> String| move || f(current.id());
    view! {
        <Show
            when=move || current.exists()
            fallback=|| {
                view! {
                    <h1>"Mentorship not found"</h1>
                    <p>
                        "It may have been deleted, or the link is incomplete. "
                        <A href=paths::HOME>"See your mentorships"</A> "."
                    </p>
                }
            }
        >
            <p class="eyebrow no-print">{move || current.title()}</p>
            <Show when=move || current.read_only()>
                <p class="banner banner-info" role="status">
                    "This mentorship is closed and archived: you can read and export it, not change it. Reopen it from Review."
                </p>
            </Show>
            <nav aria-label="Mentorship" class="section-nav">
                <ul>
                    <li>
                        <A href=href(paths::mentorship) exact=true>
                            "Overview"
                        </A>
                    </li>
                    <li>
                        <A href=href(paths::conversation)>"Expectations"</A>
                    </li>
                    <li>
                        <A href=href(paths::agreement)>"Agreement"</A>
                    </li>
                    <li>
                        <A href=href(paths::goals)>"Goals"</A>
                    </li>
                    <li>
                        <A href=href(paths::actions)>"Action items"</A>
                    </li>
                    <li>
                        <A href=href(paths::sessions)>"Sessions"</A>
                    </li>
                    <li>
                        <A href=href(paths::review)>"Review"</A>
                    </li>
                </ul>
            </nav>
            <Outlet />
        </Show>
    }
}

#[component]
pub fn Overview() -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let editing = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let navigate = use_navigate();
    let mentorship = move || current.mentorship();
    let delete_message = Signal::derive(move || {
        current
            .with(|d| {
                format!(
                    "Delete “{}” from this device? This deletes its {}. It cannot be undone: download a backup first (Data & privacy) if you may need them.",
                    d.mentorship.title(),
                    d.counts().in_words(),
                )
            })
            .unwrap_or_default()
    });
    let confirm_delete = move || {
        mentorships::delete(&store, current.id_untracked());
        navigate(paths::HOME, Default::default());
    };
    let save = move |form: MentorshipForm| -> ActionResult {
        mentorships::update(&store, current.id_untracked(), &form)?;
        editing.set(false);
        Ok(())
    };
    view! {
        <h1>"Overview"</h1>
        <Show
            when=move || editing.get()
            fallback=move || {
                view! {
                    {move || {
                        mentorship()
                            .map(|m| {
                                view! {
                                    <dl class="details card">
                                        <dt>"Mentee"</dt>
                                        <dd>{m.mentee.clone()}</dd>
                                        <dt>"Mentor"</dt>
                                        <dd>{m.mentor.clone()}</dd>
                                        <dt>"On this device"</dt>
                                        <dd>{format!("You, the {}", m.my_role.label())}</dd>
                                        <dt>"Started"</dt>
                                        <dd>{dates::long(m.start_date)}</dd>
                                        <dt>"Planned end"</dt>
                                        <dd>
                                            {m
                                                .planned_end
                                                .map(dates::long)
                                                .unwrap_or_else(|| "Not set".into())}
                                        </dd>
                                        <dt>"Status"</dt>
                                        <dd>{m.status.label()}</dd>
                                        <dt>"Focus"</dt>
                                        <dd>
                                            {if m.focus.is_empty() {
                                                "Not set".to_string()
                                            } else {
                                                m.focus.clone()
                                            }}
                                        </dd>
                                    </dl>
                                }
                            })
                    }}
                    <Show when=move || !current.read_only()>
                        <div class="actions-row">
                            <button
                                type="button"
                                class="secondary"
                                on:click=move |_| editing.set(true)
                            >
                                "Edit details"
                            </button>
                            <button
                                type="button"
                                class="secondary"
                                on:click=move |_| deleting.set(true)
                            >
                                "Delete mentorship"
                            </button>
                        </div>
                    </Show>
                }
            }
        >
            <h2>"Edit details"</h2>
            {move || {
                mentorship()
                    .map(|m| {
                        view! {
                            <MentorshipFormView
                                initial=MentorshipForm::from_mentorship(&m)
                                submit_label="Save details"
                                on_submit=save
                                on_cancel=Box::new(move || editing.set(false))
                            />
                        }
                    })
            }}
        </Show>
        <Show when=move || deleting.get()>
            <Confirm
                message=delete_message
                confirm_label="Delete this mentorship"
                on_confirm=confirm_delete.clone()
                on_cancel=move || deleting.set(false)
            />
        </Show>
    }
}
