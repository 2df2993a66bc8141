//! Every action item of a mentorship, across all sessions: filter by owner,
//! status and overdue; sorted by due date; done with one click; due dates
//! moved with the change kept; links back to the session that made them.

use crate::components::dynamic::{dynamic, dynamic_text, each_id};
use crate::components::when::When;
use leptos::prelude::*;
use uuid::Uuid;

use crate::browser;
use crate::components::action_item::{ActionItemForm, ActionItemRow};
use crate::components::button::Button;
use crate::components::field::Select;
use crate::components::page::section_title;
use crate::model::counting::count;
use crate::model::task::{self, ItemFilter, StatusFilter};
use crate::model::Side;
use crate::state::actions::items;
use crate::state::{use_current, use_store};

#[component]
pub fn Actions() -> impl IntoView {
    let store = use_store();
    section_title("Action items");
    let current = use_current();
    let owner = RwSignal::new(None::<Side>);
    let status = RwSignal::new(StatusFilter::Open);
    let overdue = RwSignal::new(false);
    let today = browser::today();
    let ids = Memo::new(move |_| {
        let filter =
            ItemFilter { owner: owner.get(), status: status.get(), overdue_only: overdue.get() };
        current
            .with(|d| {
                task::filtered(&d.actions, filter, today)
                    .into_iter()
                    .map(|i| i.meta.id)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let owners = Signal::derive(move || {
        let mut options = vec![(None, "Both".to_string())];
        options.extend(Side::BOTH.map(|s| (Some(s), current.name_and_side(s))));
        options
    });
    let statuses = vec![
        (StatusFilter::Open, "Open".to_string()),
        (StatusFilter::Done, "Done".to_string()),
        (StatusFilter::Dropped, "Dropped".to_string()),
        (StatusFilter::All, "All".to_string()),
    ];
    // The item last ticked: it may leave the list shown, so say so and offer
    // to take it back.
    let ticked = RwSignal::new(None::<(Uuid, String, bool)>);
    let undo = move |()| {
        if let Some((id, _, _)) = ticked.get_untracked() {
            items::toggle_done(&store, current.id_untracked(), id);
            ticked.set(None);
        }
    };
    view! {
        <h1>"Action items"</h1>
        <When when=move || !current.read_only()>
            <ActionItemForm prefix="new-item" heading="Add an action item" />
        </When>
        <form
            class="filters card"
            on:submit=|ev| ev.prevent_default()
            aria-label="Filter action items"
        >
            <Select id="filter-owner" label="Owner" value=owner options=owners />
            <Select id="filter-status" label="Status" value=status options=statuses />
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
            {dynamic_text(move || {
                format!("{}, by due date", count(ids.with(Vec::len), "action item"))
            })}
        </p>
        <div role="status" class="toggled">
            {dynamic(move || {
                ticked
                    .get()
                    .map(|(_, text, done)| {
                        let what = if done { "marked done" } else { "open again" };
                        view! {
                            <div class="banner banner-info">
                                <p>{format!("“{text}” is {what}.")}</p>
                                <Button secondary=true on_click=undo>
                                    "Undo"
                                </Button>
                            </div>
                        }
                    })
            })}
        </div>
        <ul class="plain-list items">
            {each_id(
                move || ids.get(),
                move |id| {
                    view! { <ActionItemRow id on_toggled=move |t| ticked.set(Some(t)) /> }
                        .into_any()
                },
            )}
        </ul>
    }
}
