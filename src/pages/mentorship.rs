//! A mentorship's layout — its title and section navigation — and its
//! overview page: the details, editing them, deleting the mentorship.

use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;

use crate::components::confirm::Confirm;
use crate::components::mentorship_form::MentorshipFormView;
use crate::model::dates;
use crate::model::mentorship::{Mentorship, MentorshipForm};
use crate::model::{MentorshipDoc, Side};
use crate::paths;
use crate::state::actions::mentorships;
use crate::state::{use_store, Store};

/// The mentorship the current route is about, for the pages inside it.
/// Pages read the parts they show through [`Current::with`] (inside their own
/// memos), so a keystroke never copies the whole mentorship.
#[derive(Clone, Copy)]
pub struct Current {
    pub id: Memo<Option<Uuid>>,
    /// Its header record (names, roles, status).
    pub mentorship: Memo<Option<Mentorship>>,
    store: Store,
}

impl Current {
    /// The current mentorship's id (nil if the route has none).
    pub fn id(&self) -> Uuid {
        self.id.get().unwrap_or_default()
    }

    pub fn id_untracked(&self) -> Uuid {
        self.id.get_untracked().unwrap_or_default()
    }

    /// Reads the mentorship (tracked: the caller re-runs when it changes).
    pub fn with<R>(&self, f: impl FnOnce(&MentorshipDoc) -> R) -> Option<R> {
        let id = self.id.get()?;
        self.store.library.with(|lib| lib.get(id).map(f))
    }

    /// Reads the mentorship without subscribing (in event handlers).
    pub fn with_untracked_doc<R>(&self, f: impl FnOnce(&MentorshipDoc) -> R) -> Option<R> {
        let id = self.id.get_untracked()?;
        self.store.library.with_untracked(|lib| lib.get(id).map(f))
    }

    /// Whether it is closed and read-only.
    pub fn read_only(&self) -> bool {
        self.mentorship.with(|m| m.as_ref().is_some_and(|m| m.is_read_only()))
    }

    /// Which partner uses this device.
    pub fn my_role(&self) -> Side {
        self.mentorship.with(|m| m.as_ref().map(|m| m.my_role).unwrap_or_default())
    }
}

pub fn use_current() -> Current {
    expect_context::<Current>()
}

#[component]
pub fn MentorshipLayout() -> impl IntoView {
    let store = use_store();
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get("id")).and_then(|s| Uuid::parse_str(&s).ok()));
    let mentorship = Memo::new(move |_| {
        id.get().and_then(|id| store.library.with(|lib| lib.get(id).map(|d| d.mentorship.clone())))
    });
    provide_context(Current { id, mentorship, store });
    let href = move |f: fn(&str) -> String| move || f(&id.get().unwrap_or_default().to_string());
    view! {
        <Show
            when=move || mentorship.with(|m| m.is_some())
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
            <p class="eyebrow no-print">
                {move || mentorship.with(|m| m.as_ref().map(|m| m.title()))}
            </p>
            <Show when=move || mentorship.with(|m| m.as_ref().is_some_and(|m| m.is_read_only()))>
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
    let mentorship = move || current.mentorship.get();
    let delete_message = Signal::derive(move || {
        current.with(|d| {
            let c = d.counts();
            format!(
                "Delete “{}” from this device? This deletes its {} sessions, {} goals, {} action items, {} agreement versions, {} check-ins and {} private notes. It cannot be undone: download a backup first (Data & privacy) if you may need them.",
                d.mentorship.title(), c.sessions, c.goals, c.actions, c.agreements, c.checkins, c.private_notes
            )
        })
        .unwrap_or_default()
    });
    let confirm_delete = move || {
        let title = current
            .mentorship
            .with_untracked(|m| m.as_ref().map(|m| m.title()))
            .unwrap_or_default();
        mentorships::delete(&store, current.id.get_untracked().unwrap_or_default());
        store.set_notice(Some(format!("“{title}” was deleted from this device.")));
        navigate(paths::HOME, Default::default());
    };
    let save = move |form: MentorshipForm| {
        mentorships::update(&store, current.id.get_untracked().unwrap_or_default(), &form)?;
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
