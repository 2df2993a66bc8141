//! A mentorship's layout — its title and section navigation — and its
//! overview page: the details, editing them, deleting the mentorship.

use crate::components::dynamic::{dynamic, dynamic_text};
use crate::components::when::When;
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;

use crate::components::button::Button;
use crate::components::confirm::ConfirmButton;
use crate::components::details::Detail;
use crate::components::mentorship_form::MentorshipFormView;
use crate::components::next_step::NextStepCard;
use crate::components::page::{page_title, section_title};
use crate::model::mentorship::{Mentorship, MentorshipForm};
use crate::model::{dates, insights, Record};
use crate::paths;
use crate::state::actions::mentorships;
use crate::state::{use_current, use_store, ActionResult, Current};

/// Builds a section's link from the mentorship's id.
type Link = fn(Uuid) -> String;

/// The sections of a mentorship, as its navigation lists them.
const SECTIONS: [(&str, Link); 8] = [
    ("Overview", paths::mentorship),
    ("Expectations", paths::conversation),
    ("Agreement", paths::agreement),
    ("Goals", paths::goals),
    ("Action items", paths::actions),
    ("Sessions", paths::sessions),
    ("Review", paths::review),
    ("Exchange", paths::exchange),
];

#[component]
pub fn MentorshipLayout() -> impl IntoView {
    let store = use_store();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|p| p.get(paths::param::ID)).and_then(|s| Uuid::parse_str(&s).ok())
    });
    let current = Current::provide(store, id);
    let href = move |f: fn(Uuid) -> String| move || f(current.id());
    view! {
        <When
            when=move || current.exists()
            fallback=|| {
                page_title(|| "Mentorship not found".into());
                view! {
                    <h1>"Mentorship not found"</h1>
                    <p>
                        "It may have been deleted, or the link is incomplete. "
                        <A href=paths::HOME>"See your mentorships"</A> "."
                    </p>
                }
            }
        >
            <p class="eyebrow no-print">{dynamic_text(move || current.title())}</p>
            <When when=move || current.read_only()>
                <p class="banner banner-info" role="status">
                    "This mentorship is closed and archived: you can read and export it, not change it. Reopen it from Review."
                </p>
            </When>
            {dynamic(move || {
                let open = current
                    .with(|d| d.conflicts.iter().filter(|c| c.is_live()).count())
                    .unwrap_or(0);
                (open > 0)
                    .then(|| {
                        view! {
                            <p class="banner banner-warn" role="status" data-conflict-banner>
                                {format!(
                                    "{} written on both devices at once: choose which version to keep on the ",
                                    crate::model::counting::count(open, "text"),
                                )}
                                <A href=paths::exchange(current.id())>"Exchange page"</A>
                                "."
                            </p>
                        }
                    })
            })}
            <nav aria-label="Mentorship" class="section-nav">
                <ul>
                    {SECTIONS
                        .iter()
                        .map(|(name, link)| {
                            let exact = *name == "Overview";
                            // The overview's path is a prefix of every section's.
                            view! {
                                <li>
                                    <A href=href(*link) exact>
                                        {*name}
                                    </A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <Outlet />
        </When>
    }
}

#[component]
pub fn Overview() -> impl IntoView {
    section_title("Overview");
    let store = use_store();
    let current = use_current();
    let editing = RwSignal::new(false);
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
    let confirm_delete = Callback::new(move |()| {
        mentorships::delete(&store, current.id_untracked());
        navigate(paths::HOME, Default::default());
    });
    let save = move |form: MentorshipForm| -> ActionResult {
        mentorships::update(&store, current.id_untracked(), &form)?;
        editing.set(false);
        Ok(())
    };
    let step = Signal::derive(move || {
        let now = crate::browser::now();
        current.with(|d| insights::next_step(d, now)).filter(|_| !current.read_only())
    });
    view! {
        <h1>"Overview"</h1>
        <NextStepCard step m=Signal::derive(move || current.id()) />
        <When
            when=move || editing.get()
            fallback=move || {
                view! {
                    {dynamic(move || mentorship().map(|m| view! { <MentorshipDetails m /> }))}
                    <When when=move || !current.read_only()>
                        <div class="actions-row">
                            <Button secondary=true on_click=move |()| editing.set(true)>
                                "Edit details"
                            </Button>
                            <ConfirmButton
                                label="Delete mentorship"
                                message=delete_message
                                confirm_label="Delete this mentorship"
                                on_confirm=confirm_delete
                            />
                        </div>
                    </When>
                }
            }
        >
            <h2>"Edit details"</h2>
            {dynamic(move || {
                mentorship()
                    .map(|m| {
                        view! {
                            <MentorshipFormView
                                initial=MentorshipForm::from_mentorship(&m)
                                submit_label="Save details"
                                on_submit=save
                                on_cancel=move |()| editing.set(false)
                            />
                        }
                    })
            })}
        </When>
    }
}

/// What the mentorship is: who, since when, until when, its standing and
/// focus.
#[component]
fn MentorshipDetails(m: Mentorship) -> impl IntoView {
    view! {
        <dl class="details card">
            <Detail term="Mentee" text=m.mentee.clone() />
            <Detail term="Mentor" text=m.mentor.clone() />
            <Detail term="On this device" text=format!("You, the {}", m.my_role.label()) />
            <Detail term="Started" text=dates::long(m.start_date) />
            <Detail
                term="Planned end"
                text=m.planned_end.map(dates::long).unwrap_or_default()
                missing="Not set"
            />
            <dt>"Status"</dt>
            <dd>
                <strong>{m.status.label()}</strong>
                {format!(" — {}", m.status.explain())}
            </dd>
            <Detail term="Focus" text=m.focus.clone() missing="Not set" />
        </dl>
    }
}
