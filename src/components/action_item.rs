//! An action item on screen: its row (tick it done, move its due date, see
//! where it came from) and the form that adds one — the same on the Action
//! items page and in a session's summary.

use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use super::error_message::ErrorMessage;
use super::field::{Checkbox, ErrorSummary, Form, Select, TextField};
use crate::browser;
use crate::model::task::{ActionItem, ItemStatus};
use crate::model::{dates, Record, Side};
use crate::paths;
use crate::state::actions::items::{self as actions, NewItem};
use crate::state::{use_current, use_store, ActionError};

/// The choices of who owns an item: "Priya (mentee)", "Daniel (mentor)".
pub fn owner_options() -> Signal<Vec<(Side, String)>> {
    let current = use_current();
    Signal::derive(move || Side::BOTH.map(|s| (s, current.name_and_side(s))).to_vec())
}

/// The form that adds an action item. `prefix` starts its controls' ids.
#[component]
pub fn ActionItemForm(
    prefix: &'static str,
    /// The session whose summary makes the item, if any.
    #[prop(optional, into)]
    session: Signal<Option<Uuid>>,
    /// A heading inside the form, when it stands alone.
    #[prop(optional)]
    heading: Option<&'static str>,
) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let form = Form::new(NewItem::default());
    let goals = Memo::new(move |_| {
        let mut options = vec![(None, "— none —".to_string())];
        current.with(|d| {
            options.extend(
                d.goals
                    .iter()
                    .filter(|g| g.is_live() && g.is_active())
                    .map(|g| (Some(g.id()), g.title.clone())),
            )
        });
        options
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let m = current.id_untracked();
        let added = form.submit(|new| {
            actions::add(&store, m, &NewItem { session: session.get_untracked(), ..new })
                .map(|_| ())
        });
        if added {
            // Ready for the next one, for the same person.
            let owner = form.values().owner;
            form.reset(NewItem { owner, ..NewItem::default() });
        }
    };
    view! {
        <form class="card new-item" on:submit=add novalidate>
            {heading.map(|h| view! { <h2>{h}</h2> })}
            <ErrorSummary errors=form.errors() />
            <TextField
                id=format!("{prefix}-text")
                label="What needs doing"
                value=form.field("text", |f| &mut f.text)
            />
            <div class="grid-2">
                <Select
                    id=format!("{prefix}-owner")
                    label="Who"
                    value=form.bind(|f| &mut f.owner)
                    options=owner_options()
                />
                <TextField
                    id=format!("{prefix}-due")
                    label="By when"
                    kind="date"
                    value=form.field("due", |f| &mut f.due)
                />
            </div>
            <Show when=move || goals.with(|g| g.len() > 1)>
                <Select
                    id=format!("{prefix}-goal")
                    label="Goal (optional)"
                    value=form.bind(|f| &mut f.goal)
                    options=goals
                />
            </Show>
            <button type="submit" class="secondary">
                "Add action item"
            </button>
        </form>
    }
}

/// "Moved on 3 Mar from 5 Mar to 12 Mar." for each due date change.
fn due_history(item: &ActionItem) -> String {
    let day =
        |d: Option<chrono::NaiveDate>| d.map(dates::short).unwrap_or_else(|| "no date".into());
    item.due_changes
        .iter()
        .map(|c| format!("Moved on {} from {} to {}.", dates::short(c.on), day(c.from), day(c.to)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One action item: tick it done, move its due date, see where it came from.
#[component]
pub fn ActionItemRow(
    id: Uuid,
    /// Whether to link to the session that made it.
    #[prop(default = true)]
    show_session: bool,
) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let item = Memo::new(move |_| {
        current.with(|d| d.actions.iter().find(|i| i.id() == id).cloned()).flatten()
    });
    let session = Memo::new(move |_| {
        let sid = item.with(|i| i.as_ref().and_then(|i| i.session))?;
        current.session(sid).map(|s| (s.id(), s.local_date()))
    });
    let today = browser::today();
    let error = RwSignal::new(None::<ActionError>);
    let read = move |f: fn(&ActionItem) -> String| {
        move || item.with(|i| i.as_ref().map(f).unwrap_or_default())
    };
    let owner =
        move || current.name(item.with(|i| i.as_ref().map(|i| i.owner)).unwrap_or_default());
    let done = move || item.with(|i| i.as_ref().is_some_and(ActionItem::is_done));
    let overdue = move || item.with(|i| i.as_ref().is_some_and(|i| i.is_overdue(today)));
    let locked = move || {
        current.read_only() || item.with(|i| i.as_ref().is_some_and(ActionItem::is_dropped))
    };
    let status_note = move || {
        item.with(|i| match i.as_ref().map(|i| &i.status) {
            Some(ItemStatus::Done { on }) => Some(format!("Done {}", dates::short(*on))),
            Some(ItemStatus::Dropped { reason, .. }) => Some(format!("Dropped: {reason}")),
            _ => None,
        })
    };
    let due_id = format!("due-{id}");
    view! {
        <li class="card item" class:overdue=overdue data-item=read(|i| i.text.clone())>
            <div class="item-main">
                <Checkbox
                    id=format!("done-{id}")
                    checked=Signal::derive(done)
                    disabled=Signal::derive(locked)
                    on_toggle=move |_| actions::toggle_done(&store, current.id_untracked(), id)
                    strike=true
                >
                    <strong>{owner}</strong>
                    ": "
                    {read(|i| i.text.clone())}
                </Checkbox>
            </div>
            <div class="item-meta">
                <span class="chip">{read(|i| i.status.label().to_string())}</span>
                {move || {
                    overdue()
                        .then(|| view! { <span class="chip status-todiscuss">"Overdue"</span> })
                }}
                {move || status_note().map(|t| view! { <span class="muted">{t}</span> })}
                {move || {
                    session
                        .get()
                        .filter(|_| show_session)
                        .map(|(sid, date)| {
                            view! {
                                <A href=paths::session(
                                    current.id_untracked(),
                                    sid,
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
                    prop:value=read(|i| i.due.map(|d| d.to_string()).unwrap_or_default())
                    on:change:target=move |ev| {
                        let due = ev.target().value();
                        error
                            .set(
                                actions::change_due(&store, current.id_untracked(), id, &due).err(),
                            )
                    }
                />
            </div>
            {move || {
                let history = item.with(|i| i.as_ref().map(due_history)).unwrap_or_default();
                (!history.is_empty()).then(|| view! { <p class="muted due-history">{history}</p> })
            }}
            <ErrorMessage error />
        </li>
    }
}
