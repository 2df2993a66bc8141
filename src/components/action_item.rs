//! An action item on screen: its row (tick it done, move its due date, edit
//! or delete it, see where it came from) and the form that adds or edits one
//! — the same on the Action items page and in a session's summary.

use crate::components::dynamic::{dynamic, dynamic_text};
use crate::components::when::When;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use super::button::Button;
use super::confirm::ConfirmButton;
use super::error_message::ErrorMessage;
use super::field::{Checkbox, Select, TextField};
use super::form::{focus_on_open, submitted, ErrorSummary, Form};
use crate::browser;
use crate::model::task::{ActionItem, ItemStatus};
use crate::model::{dates, Record, Side};
use crate::paths;
use crate::state::actions::items::{self as actions, ItemForm};
use crate::state::{use_current, use_store, ActionError};

/// The choices of who owns an item: "Priya (mentee)", "Daniel (mentor)".
pub fn owner_options() -> Signal<Vec<(Side, String)>> {
    let current = use_current();
    Signal::derive(move || Side::BOTH.map(|s| (s, current.name_and_side(s))).to_vec())
}

/// The goals an item can serve: the mentorship's active goals, or none.
fn goal_options() -> Memo<Vec<(Option<Uuid>, String)>> {
    let current = use_current();
    Memo::new(move |_| {
        let mut options = vec![(None, "— none —".to_string())];
        current.with(|d| {
            let active = d.goals.iter().filter(|g| g.is_live() && g.is_active());
            options.extend(active.map(|g| (Some(g.id()), g.title.clone())))
        });
        options
    })
}

/// The form that adds an action item (or, with `editing`, changes one).
/// `prefix` starts its controls' ids.
#[component]
pub fn ActionItemForm(
    #[prop(into)] prefix: String,
    /// The session whose summary makes the item, if any.
    #[prop(optional, into)]
    session: Signal<Option<Uuid>>,
    /// A heading inside the form, when it stands alone.
    #[prop(optional)]
    heading: Option<&'static str>,
    /// The item to change and its values, instead of a new one.
    #[prop(optional)]
    editing: Option<(Uuid, ItemForm)>,
    /// Called once the item is saved or the edit is cancelled.
    #[prop(optional, into)]
    on_done: Option<Callback<()>>,
) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let edited = editing.as_ref().map(|(id, _)| *id);
    let form = Form::new(editing.map(|(_, values)| values).unwrap_or_default());
    let goals = goal_options();
    let save = submitted(move || {
        let m = current.id_untracked();
        let saved = form.submit(|values| match edited {
            Some(i) => actions::update(&store, m, i, &values),
            None => {
                let values = ItemForm { session: session.get_untracked(), ..values };
                actions::add(&store, m, &values).map(|_| ())
            }
        });
        if saved && edited.is_none() {
            // Ready for the next one, for the same person.
            form.reset(ItemForm { owner: form.values().owner, ..ItemForm::default() });
        }
        if saved {
            if let Some(done) = on_done {
                done.run(());
            }
        }
    });
    let node = if edited.is_some() { focus_on_open() } else { NodeRef::new() };
    view! {
        <form class="card new-item" on:submit=save novalidate node_ref=node>
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
            <When when=move || goals.with(|g| g.len() > 1)>
                <Select
                    id=format!("{prefix}-goal")
                    label="Goal (optional)"
                    value=form.bind(|f| &mut f.goal)
                    options=goals
                />
            </When>
            <div class="actions-row">
                <button type="submit" class="secondary">
                    {if edited.is_some() { "Save action item" } else { "Add action item" }}
                </button>
                {on_done
                    .filter(|_| edited.is_some())
                    .map(|done| {
                        view! {
                            <Button secondary=true on_click=done>
                                "Cancel"
                            </Button>
                        }
                    })}
            </div>
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

/// One action item: tick it done, move its due date, edit or delete it, see
/// where it came from.
#[component]
pub fn ActionItemRow(
    id: Uuid,
    /// Whether to link to the session that made it.
    #[prop(default = true)]
    show_session: bool,
    /// Told when the item is ticked done or open again (with its text and
    /// whether it is now done), so the page can say so and offer an undo.
    #[prop(optional, into)]
    on_toggled: Option<Callback<(Uuid, String, bool)>>,
) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let item = current.memo(move |d| d.actions.iter().find(|i| i.id() == id).cloned());
    let session = Memo::new(move |_| {
        let sid = item.with(|i| i.as_ref().and_then(|i| i.session))?;
        current.session(sid).map(|s| (s.id(), s.local_date()))
    });
    let today = browser::today();
    let error = RwSignal::new(None::<ActionError>);
    let editing = RwSignal::new(false);
    let read = move |f: fn(&ActionItem) -> String| {
        move || item.with(|i| i.as_ref().map(f).unwrap_or_default())
    };
    let text = read(|i| i.text.clone());
    let owner =
        move || current.name(item.with(|i| i.as_ref().map(|i| i.owner)).unwrap_or_default());
    let done = move || item.with(|i| i.as_ref().is_some_and(ActionItem::is_done));
    let overdue = move || item.with(|i| i.as_ref().is_some_and(|i| i.is_overdue(today)));
    let locked = move || {
        current.read_only() || item.with(|i| i.as_ref().is_some_and(ActionItem::is_dropped))
    };
    let toggle = move |_| {
        actions::toggle_done(&store, current.id_untracked(), id);
        if let Some(told) = on_toggled {
            told.run((id, text(), done()));
        }
    };
    let status_note = move || {
        item.with(|i| match i.as_ref().map(|i| &i.status) {
            Some(ItemStatus::Done { on }) => Some(format!("Done {}", dates::short(*on))),
            Some(ItemStatus::Dropped { reason, .. }) => Some(format!("Dropped: {reason}")),
            _ => None,
        })
    };
    let delete_message = Signal::derive(move || {
        format!("Delete the action item “{}”? It cannot be undone.", text())
    });
    let due_id = format!("due-{id}");
    view! {
        <li class="card item" class:overdue=overdue data-item=text>
            <When
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <div class="item-main">
                            <Checkbox
                                id=format!("done-{id}")
                                checked=Signal::derive(done)
                                disabled=Signal::derive(locked)
                                on_toggle=toggle
                                strike=true
                            >
                                <strong>{owner}</strong>
                                ": "
                                {text}
                            </Checkbox>
                        </div>
                    }
                }
            >
                {dynamic(move || {
                    item.get()
                        .map(|i| {
                            view! {
                                <ActionItemForm
                                    prefix=format!("edit-{id}")
                                    editing=(id, ItemForm::from_item(&i))
                                    on_done=move |()| editing.set(false)
                                />
                            }
                        })
                })}
            </When>
            <div class="item-meta">
                <span class="chip">{read(|i| i.status.label().to_string())}</span>
                {dynamic(move || {
                    overdue()
                        .then(|| view! { <span class="chip status-todiscuss">"Overdue"</span> })
                })}
                {dynamic(move || status_note().map(|t| view! { <span class="muted">{t}</span> }))}
                {dynamic(move || {
                    session
                        .get()
                        .filter(|_| show_session)
                        .map(|(sid, date)| {
                            let href = paths::session(current.id_untracked(), sid);
                            view! {
                                <A href=href>
                                    {format!("From the session of {}", dates::short(date))}
                                </A>
                            }
                        })
                })}
            </div>
            <div class="field due">
                <label for=due_id
                    .clone()>
                    "Due"
                    <span class="visually-hidden">
                        {dynamic_text(move || format!(": “{}”", text()))}
                    </span>
                </label>
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
            <When when=move || !current.read_only() && !editing.get()>
                <div class="actions-row item-actions">
                    <button
                        type="button"
                        class="secondary small"
                        aria-label=move || format!("Edit “{}”", text())
                        on:click=move |_| editing.set(true)
                    >
                        "Edit"
                    </button>
                    <ConfirmButton
                        label="Delete"
                        accessible_label=Signal::derive(move || format!("Delete “{}”", text()))
                        class="secondary small"
                        message=delete_message
                        confirm_label="Delete action item"
                        on_confirm=move |()| actions::delete(&store, current.id_untracked(), id)
                    />
                </div>
            </When>
            {dynamic(move || {
                let history = item.with(|i| i.as_ref().map(due_history)).unwrap_or_default();
                (!history.is_empty()).then(|| view! { <p class="muted due-history">{history}</p> })
            })}
            <ErrorMessage error />
        </li>
    }
}
