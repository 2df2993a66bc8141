//! Every action item of a mentorship, across all sessions: filter by owner,
//! status and overdue; sorted by due date; done with one click; due dates
//! moved with the change kept; links back to the session that made them.

use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use super::mentorship::use_current;
use crate::browser;
use crate::model::task::{self, ActionItem, ItemFilter, StatusFilter};
use crate::model::{dates, Side};
use crate::paths;
use crate::state::actions::items as actions;
use crate::state::use_store;

#[component]
pub fn Actions() -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let owner = RwSignal::new(String::new());
    let status = RwSignal::new("open".to_string());
    let overdue = RwSignal::new(false);
    let today = browser::today();
    let filter = move || ItemFilter {
        owner: Side::parse(&owner.get()),
        status: match status.get().as_str() {
            "done" => StatusFilter::Done,
            "dropped" => StatusFilter::Dropped,
            "all" => StatusFilter::All,
            _ => StatusFilter::Open,
        },
        overdue_only: overdue.get(),
    };
    let ids = Memo::new(move |_| {
        let f = filter();
        current
            .with(|d| {
                task::filtered(&d.actions, f, today)
                    .into_iter()
                    .map(|i| i.meta.id)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let names = move |side: Side| {
        current
            .mentorship
            .with(|m| m.as_ref().map(|m| m.name(side).to_string()).unwrap_or_default())
    };
    // Adding an item that was not made at a session.
    let text = RwSignal::new(String::new());
    let new_owner = RwSignal::new("mentee".to_string());
    let due = RwSignal::new(String::new());
    let goal = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let goals = Memo::new(move |_| {
        current
            .with(|d| {
                d.goals
                    .iter()
                    .filter(|g| !g.meta.deleted && g.is_active())
                    .map(|g| (g.meta.id.to_string(), g.title.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let who = Side::parse(&new_owner.get_untracked()).unwrap_or_default();
        let goal_id = Uuid::parse_str(&goal.get_untracked()).ok();
        match actions::add(
            &store,
            current.id_untracked(),
            &text.get_untracked(),
            who,
            &due.get_untracked(),
            goal_id,
        ) {
            Ok(_) => {
                text.set(String::new());
                due.set(String::new());
                goal.set(String::new());
                error.set(None);
            }
            Err(e) => {
                error.set(Some(e.into_iter().map(|e| e.message).collect::<Vec<_>>().join(" ")))
            }
        }
    };
    view! {
        <h1>"Action items"</h1>
        <form
            class="filters card"
            on:submit=|ev| ev.prevent_default()
            aria-label="Filter action items"
        >
            <div class="field">
                <label for="filter-owner">"Owner"</label>
                <select id="filter-owner" on:change:target=move |ev| owner.set(ev.target().value())>
                    <option value="">"Both"</option>
                    <option value="mentee">
                        {move || format!("{} (mentee)", names(Side::Mentee))}
                    </option>
                    <option value="mentor">
                        {move || format!("{} (mentor)", names(Side::Mentor))}
                    </option>
                </select>
            </div>
            <div class="field">
                <label for="filter-status">"Status"</label>
                <select
                    id="filter-status"
                    on:change:target=move |ev| status.set(ev.target().value())
                >
                    <option value="open" selected>
                        "Open"
                    </option>
                    <option value="done">"Done"</option>
                    <option value="dropped">"Dropped"</option>
                    <option value="all">"All"</option>
                </select>
            </div>
            <label class="radio" for="filter-overdue">
                <input
                    type="checkbox"
                    id="filter-overdue"
                    prop:checked=move || overdue.get()
                    on:change:target=move |ev| overdue.set(ev.target().checked())
                />
                "Overdue only"
            </label>
        </form>
        <p class="muted" role="status" data-count>
            {move || format!("{} action items, by due date", ids.with(|i| i.len()))}
        </p>
        <ul class="plain-list items">
            <For each=move || ids.get() key=|id| *id let:id>
                <ItemRow id />
            </For>
        </ul>
        <Show when=move || !current.read_only()>
            <form class="card new-item" on:submit=add novalidate>
                <h2>"Add an action item"</h2>
                <div class="field">
                    <label for="new-item-text">"What needs doing"</label>
                    <input id="new-item-text" type="text" bind:value=text />
                </div>
                <div class="grid-2">
                    <div class="field">
                        <label for="new-item-owner">"Who"</label>
                        <select
                            id="new-item-owner"
                            on:change:target=move |ev| new_owner.set(ev.target().value())
                        >
                            <option value="mentee">
                                {move || format!("{} (mentee)", names(Side::Mentee))}
                            </option>
                            <option value="mentor">
                                {move || format!("{} (mentor)", names(Side::Mentor))}
                            </option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="new-item-due">"By when"</label>
                        <input id="new-item-due" type="date" bind:value=due />
                    </div>
                </div>
                <Show when=move || !goals.with(|g| g.is_empty())>
                    <div class="field">
                        <label for="new-item-goal">"Goal (optional)"</label>
                        <select
                            id="new-item-goal"
                            prop:value=move || goal.get()
                            on:change:target=move |ev| goal.set(ev.target().value())
                        >
                            <option value="">"— none —"</option>
                            {move || {
                                goals
                                    .get()
                                    .into_iter()
                                    .map(|(id, title)| view! { <option value=id>{title}</option> })
                                    .collect_view()
                            }}
                        </select>
                    </div>
                </Show>
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
                <button type="submit" class="secondary">
                    "Add action item"
                </button>
            </form>
        </Show>
    }
}

#[component]
fn ItemRow(id: Uuid) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let item = Memo::new(move |_| {
        current.with(|d| d.actions.iter().find(|i| i.meta.id == id).cloned()).flatten()
    });
    let session = Memo::new(move |_| {
        let sid = item.with(|i| i.as_ref().and_then(|i| i.session))?;
        current
            .with(|d| {
                d.sessions
                    .iter()
                    .find(|s| s.meta.id == sid && !s.meta.deleted)
                    .map(|s| (s.meta.id, s.local_date()))
            })
            .flatten()
    });
    let today = browser::today();
    let error = RwSignal::new(None::<String>);
    let get = move |f: fn(&ActionItem) -> String| {
        move || item.with(|i| i.as_ref().map(f).unwrap_or_default())
    };
    let owner = move || {
        let side = item.with(|i| i.as_ref().map(|i| i.owner)).unwrap_or_default();
        current
            .mentorship
            .with(|m| m.as_ref().map(|m| m.name(side).to_string()).unwrap_or_default())
    };
    let done = move || item.with(|i| i.as_ref().is_some_and(|i| i.is_done()));
    let overdue = move || item.with(|i| i.as_ref().is_some_and(|i| i.is_overdue(today)));
    let cb = format!("done-{id}");
    let due_id = format!("due-{id}");
    view! {
        <li class="card item" class:overdue=overdue data-item=get(|i| i.text.clone())>
            <div class="item-main">
                <input
                    type="checkbox"
                    id=cb.clone()
                    prop:checked=done
                    disabled=move || {
                        current.read_only()
                            || item.with(|i| i.as_ref().is_some_and(|i| i.is_dropped()))
                    }
                    on:change=move |_| actions::toggle_done(&store, current.id_untracked(), id)
                />
                <label for=cb class:done=done>
                    <strong>{owner}</strong>
                    ": "
                    {get(|i| i.text.clone())}
                </label>
            </div>
            <div class="item-meta">
                <span class="chip">{get(|i| i.status.label().to_string())}</span>
                {move || {
                    overdue()
                        .then(|| view! { <span class="chip status-todiscuss">"Overdue"</span> })
                }}
                {move || {
                    item.with(|i| {
                            i.as_ref()
                                .and_then(|i| match &i.status {
                                    task::ItemStatus::Done { on } => {
                                        Some(format!("Done {}", dates::short(*on)))
                                    }
                                    task::ItemStatus::Dropped { reason, .. } => {
                                        Some(format!("Dropped: {reason}"))
                                    }
                                    _ => None,
                                })
                        })
                        .map(|t| view! { <span class="muted">{t}</span> })
                }}
                {move || {
                    session
                        .get()
                        .map(|(sid, date)| {
                            view! {
                                <A href=paths::session(
                                    &current.id_untracked().to_string(),
                                    &sid.to_string(),
                                )>{format!("From the session of {}", dates::short(date))}</A>
                            }
                        })
                }}
            </div>
            <div class="field due">
                <label for=due_id.clone()>"Due"</label>
                <input
                    id=due_id
                    type="date"
                    disabled=move || current.read_only()
                    prop:value=move || {
                        item.with(|i| {
                            i.as_ref()
                                .and_then(|i| i.due)
                                .map(|d| d.to_string())
                                .unwrap_or_default()
                        })
                    }
                    on:change:target=move |ev| {
                        error
                            .set(
                                actions::change_due(
                                        &store,
                                        current.id_untracked(),
                                        id,
                                        &ev.target().value(),
                                    )
                                    .err()
                                    .and_then(|e| e.first().map(|e| e.message.clone())),
                            )
                    }
                />
            </div>
            {move || {
                item.with(|i| i.as_ref().map(|i| i.due_changes.clone()))
                    .filter(|c| !c.is_empty())
                    .map(|changes| {
                        view! {
                            <p class="muted due-history">
                                {changes
                                    .iter()
                                    .map(|c| {
                                        format!(
                                            "Moved on {} from {} to {}.",
                                            dates::short(c.on),
                                            c
                                                .from
                                                .map(dates::short)
                                                .unwrap_or_else(|| "no date".into()),
                                            c.to.map(dates::short).unwrap_or_else(|| "no date".into()),
                                        )
                                    })
                                    .collect::<Vec<_>>()
                                    .join(" ")}
                            </p>
                        }
                    })
            }}
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
        </li>
    }
}
