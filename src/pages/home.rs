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

use crate::components::button::Button;
use crate::components::card::Card;
use crate::components::dashboard_card::DashboardCard;
use crate::components::mentorship_form::MentorshipFormView;
use crate::components::page::page_title;
use crate::model::mentorship::Status;
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
