//! The mentee's agenda for a session: last time's action items first (pulled
//! in automatically, both partners'), the update, topics in priority order
//! (movable with buttons, so with the keyboard too), input needed, timeline,
//! desired outcomes. Saved as typed.

use crate::components::dynamic::{dynamic_text, each_id};
use crate::components::when::When;
use leptos::prelude::*;
use uuid::Uuid;

use super::error_message::ErrorMessage;
use super::field::{Binding, TextArea, TextField};
use super::form::submitted;
use crate::export::agenda::item_line;
use crate::model::review::AgendaItems;
use crate::model::session::Session;
use crate::model::session_notes::AgendaField;
use crate::model::task::ActionItem;
use crate::model::Side;
use crate::state::actions::sessions as actions;
use crate::state::{use_current, use_store, ActionError};

/// Action items pulled into the agenda, as lines ("Priya: Draft the plan —
/// due 3 Mar"), or `empty` when there are none.
#[component]
fn PulledItems(#[prop(into)] items: Signal<Vec<ActionItem>>, empty: &'static str) -> impl IntoView {
    let current = use_current();
    move || {
        let Some(m) = current.mentorship() else {
            return ().into_any();
        };
        items.with(|list| {
            if list.is_empty() {
                view! { <p class="muted">{empty}</p> }.into_any()
            } else {
                let lines =
                    list.iter().map(|i| view! { <li>{item_line(i, &m)}</li> }).collect_view();
                view! { <ul class="pulled-items">{lines}</ul> }.into_any()
            }
        })
    }
}

#[component]
pub fn AgendaEditor(
    session: Memo<Option<Session>>,
    items: Memo<AgendaItems>,
    read_only: Signal<bool>,
) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let sid = move || session.with_untracked(|s| s.as_ref().map(|s| s.meta.id).unwrap_or_default());
    let text = move |f: AgendaField| {
        let read = move || session.with(|s| s.as_ref().map(|s| s.agenda.text(f).to_string()));
        let write =
            move |v: String| actions::set_agenda(&store, current.id_untracked(), sid(), f, &v);
        Binding::live(move || read().unwrap_or_default(), write)
    };
    // Topics are listed by id so typing in one never rebuilds the others.
    let topic_ids = Memo::new(move |_| {
        session.with(|s| {
            s.as_ref()
                .map(|s| s.agenda.topics.iter().map(|t| t.id).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let new_topic = RwSignal::new(String::new());
    let topic_error = RwSignal::new(None::<ActionError>);
    let add_topic = submitted(move || {
        match actions::add_topic(&store, current.id_untracked(), sid(), &new_topic.get_untracked())
        {
            Ok(()) => {
                new_topic.set(String::new());
                topic_error.set(None);
            }
            Err(e) => topic_error.set(Some(e)),
        }
    });
    view! {
        <div class="agenda-editor">
            <h3>"Review of last time's action items"</h3>
            <PulledItems
                items=Signal::derive(move || items.with(|i| i.from_last_time.clone()))
                empty="Nothing open from last time."
            />
            <TextArea
                id="agenda-update"
                label="Update since the last meeting"
                value=text(AgendaField::Update)
                rows=3
                disabled=read_only
            />
            <h3 id="topics-title">"Questions and topics, in priority order"</h3>
            <ol class="topics" aria-labelledby="topics-title">
                {each_id(
                    move || topic_ids.get(),
                    move |id| view! { <TopicRow session id read_only /> }.into_any(),
                )}
            </ol>
            <When when=move || !read_only.get()>
                <form class="add-topic" on:submit=add_topic>
                    <TextField id="new-topic" label="Add a question or topic" value=new_topic />
                    <button type="submit" class="secondary">
                        "Add"
                    </button>
                    <ErrorMessage error=topic_error />
                </form>
            </When>
            <TextArea
                id="agenda-input"
                label=current.naming(Side::Mentor, |name| format!("Input needed from {name}"))
                value=text(AgendaField::InputNeeded)
                rows=3
                disabled=read_only
            />
            <TextArea
                id="agenda-timeline"
                label="Timeline for the meeting"
                hint="e.g. 10 min update, 35 min topics, 15 min action items"
                value=text(AgendaField::Timeline)
                rows=3
                disabled=read_only
            />
            <TextArea
                id="agenda-outcomes"
                label="Desired outcomes"
                value=text(AgendaField::DesiredOutcomes)
                rows=3
                disabled=read_only
            />
            <h3>"Other open action items"</h3>
            <PulledItems
                items=Signal::derive(move || items.with(|i| i.other_open.clone()))
                empty="None."
            />
        </div>
    }
}

#[component]
fn TopicRow(session: Memo<Option<Session>>, id: Uuid, read_only: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let sid = move || session.with_untracked(|s| s.as_ref().map(|s| s.meta.id).unwrap_or_default());
    let position = move || {
        session.with(|s| {
            s.as_ref().and_then(|s| s.agenda.topics.iter().position(|t| t.id == id)).unwrap_or(0)
        })
    };
    let count = move || session.with(|s| s.as_ref().map(|s| s.agenda.topics.len()).unwrap_or(0));
    let text = move || {
        session.with(|s| {
            s.as_ref()
                .and_then(|s| s.agenda.topics.iter().find(|t| t.id == id).map(|t| t.text.clone()))
                .unwrap_or_default()
        })
    };
    let input_id = format!("topic-{id}");
    let moved = move |by: isize| {
        actions::move_topic(&store, current.id_untracked(), sid(), id, by);
        // Keep the keyboard on the button that moved it; at the top or the
        // bottom that button is disabled, so the other arrow takes focus.
        let at = position() as isize;
        let last = count() as isize - 1;
        let which = match (by < 0, at) {
            (true, 0) => "down",
            (true, _) => "up",
            (false, a) if a >= last => "up",
            (false, _) => "down",
        };
        request_animation_frame(move || crate::browser::focus(&format!("topic-{id}-{which}")));
    };
    view! {
        <li class="topic">
            <label for=input_id.clone() class="visually-hidden">
                {dynamic_text(move || format!("Topic {}", position() + 1))}
            </label>
            <input
                id=input_id
                type="text"
                disabled=read_only
                prop:value=text
                on:input:target=move |ev| actions::set_topic(
                    &store,
                    current.id_untracked(),
                    sid(),
                    id,
                    &ev.target().value(),
                )
            />
            <When when=move || !read_only.get()>
                <button
                    type="button"
                    class="secondary small"
                    id=format!("topic-{id}-up")
                    disabled=move || position() == 0
                    aria-label=move || format!("Move topic {} up", position() + 1)
                    on:click=move |_| moved(-1)
                >
                    "↑"
                </button>
                <button
                    type="button"
                    class="secondary small"
                    id=format!("topic-{id}-down")
                    disabled=move || { position() + 1 >= count() }
                    aria-label=move || format!("Move topic {} down", position() + 1)
                    on:click=move |_| moved(1)
                >
                    "↓"
                </button>
                <button
                    type="button"
                    class="secondary small"
                    aria-label=move || format!("Remove topic {}", position() + 1)
                    on:click=move |_| {
                        actions::remove_topic(&store, current.id_untracked(), sid(), id);
                        request_animation_frame(|| crate::browser::focus("new-topic"));
                    }
                >
                    "Remove"
                </button>
            </When>
        </li>
    }
}
