//! The home page: every mentorship on this device and the way to start one.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::mentorship_form::MentorshipFormView;
use crate::model::{dates, MentorshipDoc};
use crate::paths;
use crate::state::actions::mentorships;
use crate::state::use_store;

#[component]
pub fn Home() -> impl IntoView {
    let store = use_store();
    let creating = RwSignal::new(false);
    let navigate = use_navigate();
    let docs = Memo::new(move |_| store.library.with(|lib| lib.live().cloned().collect::<Vec<MentorshipDoc>>()));
    let create = move |form| {
        let id = mentorships::create(&store, &form)?;
        creating.set(false);
        navigate(&paths::mentorship(&id.to_string()), Default::default());
        Ok(())
    };
    view! {
        <div class="page-head">
            <h1>"Your mentorships"</h1>
            <Show when=move || !creating.get()>
                <button type="button" on:click=move |_| creating.set(true)>"Start a mentorship"</button>
            </Show>
        </div>
        <Show when=move || creating.get()>
            <section aria-labelledby="new-mentorship">
                <h2 id="new-mentorship">"Start a mentorship"</h2>
                <MentorshipFormView
                    initial=mentorships::new_form(&store)
                    submit_label="Start mentorship"
                    on_submit=create.clone()
                    on_cancel=Box::new(move || creating.set(false))
                />
            </section>
        </Show>
        <Show when=move || docs.with(|d| d.is_empty()) && !creating.get()>
            <FirstSteps/>
        </Show>
        <ul class="mentorship-list">
            <For each=move || docs.get() key=|d| (d.id(), d.mentorship.meta.updated_at) let:doc>
                <MentorshipCard doc/>
            </For>
        </ul>
    }
}

/// What a first-time user sees: the four steps Tandem walks a pair through.
#[component]
fn FirstSteps() -> impl IntoView {
    view! {
        <section class="card first-steps" aria-labelledby="first-steps">
            <h2 id="first-steps">"How Tandem works"</h2>
            <ol>
                <li><strong>"Start a mentorship"</strong>" — the two of you, and which one uses this device."</li>
                <li><strong>"Have the expectations conversation"</strong>" — each says what you expect, theme by theme, and you agree."</li>
                <li><strong>"Sign the agreement"</strong>" — written from what you agreed, signed by both."</li>
                <li><strong>"Plan the first session"</strong>" — the mentee sends an agenda before and a summary after."</li>
            </ol>
            <p class="muted">"Everything stays on this device. Nothing is sent anywhere unless you export or share it."</p>
        </section>
    }
}

#[component]
fn MentorshipCard(doc: MentorshipDoc) -> impl IntoView {
    let m = doc.mentorship.clone();
    let href = paths::mentorship(&m.meta.id.to_string());
    let title = m.title();
    view! {
        <li class="card mentorship-card">
            <h2><A href=href>{title}</A></h2>
            <p class="muted">
                {format!("You are the {} · {} · started {}", m.my_role.label(), m.status.label(), dates::short(m.start_date))}
            </p>
            {(!m.focus.is_empty()).then(|| view! { <p>{m.focus.clone()}</p> })}
        </li>
    }
}
