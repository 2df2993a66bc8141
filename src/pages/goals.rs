//! Goals: the mentee's, set with the mentor's input — why each matters, how
//! you'll know, by when, its milestones, its linked action items and its
//! progress.

use crate::components::dynamic::{dynamic, dynamic_text, each_id};
use crate::components::when::When;
use leptos::prelude::*;
use uuid::Uuid;

use crate::components::button::{Button, FormButtons};
use crate::components::confirm::ConfirmButton;
use crate::components::details::Detail;
use crate::components::error_message::ErrorMessage;
use crate::components::field::{Checkbox, TextArea, TextField};
use crate::components::form::{focus_on_open, submitted, ErrorSummary, Form};
use crate::components::page::{section_title, PageHead};
use crate::components::progress_bar::ProgressBar;
use crate::model::goal::{Goal, GoalForm, GoalStatus};
use crate::model::{dates, Record};
use crate::state::actions::goals as actions;
use crate::state::{use_current, use_store, ActionError};

#[component]
pub fn Goals() -> impl IntoView {
    section_title("Goals");
    let current = use_current();
    let adding = RwSignal::new(false);
    let ids = current
        .memo(move |d| d.goals.iter().filter(|g| g.is_live()).map(|g| g.id()).collect::<Vec<_>>());
    view! {
        <PageHead title="Goals" add="Add a goal" adding />
        <p class="lead">
            "The mentee's goals, set with the mentor's input. Progress counts milestones done and linked action items done."
        </p>
        <When when=move || adding.get()>
            <GoalFormView initial=GoalForm::default() on_done=move || adding.set(false) />
        </When>
        <When when=move || ids.with(|i| i.is_empty()) && !adding.get()>
            <p class="card muted">
                "No goals yet. Start with one: what should be different by the end of the mentorship, and how will you know?"
            </p>
        </When>
        <ul class="plain-list goals">
            {each_id(move || ids.get(), move |id| view! { <GoalCard id /> }.into_any())}
        </ul>
    }
}

/// Creates a goal (`editing` None) or edits one.
#[component]
fn GoalFormView(
    initial: GoalForm,
    #[prop(optional)] editing: Option<Uuid>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let form = Form::new(initial);
    let submit = submitted(move || {
        let m = current.id_untracked();
        let saved = form.submit(|values| match editing {
            Some(g) => actions::update(&store, m, g, &values),
            None => actions::create(&store, m, &values).map(|_| ()),
        });
        if saved {
            on_done();
        }
    });
    let prefix = editing.map(|g| g.to_string()).unwrap_or_else(|| "new".into());
    view! {
        <form class="card goal-form" on:submit=submit novalidate node_ref=focus_on_open()>
            <ErrorSummary errors=form.errors() />
            <TextField
                id=format!("goal-title-{prefix}")
                label="Goal"
                value=form.field("title", |f| &mut f.title)
                required=true
            />
            <TextArea
                id=format!("goal-why-{prefix}")
                label="Why it matters"
                value=form.field("why", |f| &mut f.why)
                rows=2
            />
            <TextArea
                id=format!("goal-measure-{prefix}")
                label="How we'll know (the measurable target)"
                value=form.field("measure", |f| &mut f.measure)
                rows=2
            />
            <TextField
                id=format!("goal-date-{prefix}")
                label="Target date"
                kind="date"
                value=form.field("target_date", |f| &mut f.target_date)
            />
            <FormButtons
                submit=if editing.is_some() { "Save goal" } else { "Add goal" }
                on_cancel=move |()| on_done()
            />
        </form>
    }
}

#[component]
fn GoalCard(id: Uuid) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let goal = current.memo(move |d| d.goals.iter().find(|g| g.id() == id).cloned());
    let progress = current.memo(move |d| {
        d.goals.iter().find(|g| g.id() == id).map(|g| g.progress(&d.actions)).unwrap_or_default()
    });
    let linked = current.memo(move |d| {
        d.actions.iter().filter(|i| i.is_live() && i.goal == Some(id)).cloned().collect::<Vec<_>>()
    });
    let editing = RwSignal::new(false);
    let dropping = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let new_ms = RwSignal::new(String::new());
    let new_ms_due = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ActionError>);
    let read_only = move || current.read_only();
    let m = move || current.id_untracked();
    let field =
        move |f: fn(&Goal) -> String| move || goal.with(|g| g.as_ref().map(f).unwrap_or_default());
    let add_ms = submitted(move || {
        match actions::add_milestone(
            &store,
            m(),
            id,
            &new_ms.get_untracked(),
            &new_ms_due.get_untracked(),
        ) {
            Ok(()) => {
                new_ms.set(String::new());
                new_ms_due.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    });
    let status = move || goal.with(|g| g.as_ref().map(|g| g.status.clone()).unwrap_or_default());
    // A control's name with this goal's title: "Edit “Lead a project”" (each
    // goal has the same buttons).
    let named = move |what: &'static str| {
        Signal::derive(move || format!("{what} “{}”", field(|g| g.title.clone())()))
    };
    // A button that says what it does, named with this goal's title.
    let button = move |verb: &'static str, secondary: bool, act: Callback<()>| {
        view! {
            <Button secondary accessible_label=named(verb) on_click=act>
                {verb}
            </Button>
        }
    };
    view! {
        <li class="card goal" data-goal=field(|g| g.title.clone())>
            <When
                when=move || !editing.get()
                fallback=move || {
                    view! {
                        {dynamic(move || {
                            goal.get()
                                .map(|g| {
                                    view! {
                                        <GoalFormView
                                            initial=GoalForm::from_goal(&g)
                                            editing=id
                                            on_done=move || editing.set(false)
                                        />
                                    }
                                })
                        })}
                    }
                }
            >
                <div class="page-head">
                    <h2>{field(|g| g.title.clone())}</h2>
                    <span class="chip" data-goal-status>
                        {dynamic_text(move || match status() {
                            GoalStatus::Active => "Active".to_string(),
                            GoalStatus::Achieved { on } => format!("Achieved {}", dates::short(on)),
                            GoalStatus::Dropped { reason, .. } => format!("Dropped: {reason}"),
                        })}
                    </span>
                </div>
                <ProgressBar
                    progress=Signal::derive(move || progress.get())
                    label=Signal::derive(field(|g| format!("Progress on “{}”", g.title)))
                />
                {dynamic(move || {
                    goal.get()
                        .map(|g| {
                            view! {
                                <dl class="details">
                                    <Detail term="Why it matters" text=g.why.clone() />
                                    <Detail term="How we'll know" text=g.measure.clone() />
                                    <Detail
                                        term="Target date"
                                        text=g.target_date.map(dates::long).unwrap_or_default()
                                    />
                                </dl>
                            }
                        })
                })}
                <h3>"Milestones"</h3>
                <ul class="plain-list milestones">
                    {dynamic(move || {
                        goal.get()
                            .map(|g| {
                                g.milestones
                                    .into_iter()
                                    .map(|ms| {
                                        let done = ms.done_on.is_some();
                                        let due = ms
                                            .due
                                            .map(|d| format!(" — by {}", dates::short(d)))
                                            .unwrap_or_default();
                                        let done_note = ms
                                            .done_on
                                            .map(|d| format!(" (done {})", dates::short(d)))
                                            .unwrap_or_default();
                                        view! {
                                            <li class="milestone">
                                                <Checkbox
                                                    id=format!("ms-{}", ms.id)
                                                    checked=done
                                                    disabled=Signal::derive(read_only)
                                                    on_toggle=move |_| actions::toggle_milestone(
                                                        &store,
                                                        m(),
                                                        id,
                                                        ms.id,
                                                    )
                                                    strike=true
                                                >
                                                    {format!("{}{due}{done_note}", ms.text)}
                                                </Checkbox>
                                                <When when=move || !read_only()>
                                                    <button
                                                        type="button"
                                                        class="secondary small"
                                                        aria-label=format!("Remove milestone {}", ms.text)
                                                        on:click=move |_| actions::remove_milestone(
                                                            &store,
                                                            m(),
                                                            id,
                                                            ms.id,
                                                        )
                                                    >
                                                        "Remove"
                                                    </button>
                                                </When>
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            })
                    })}
                </ul>
                <When when=move || !read_only()>
                    <form class="add-topic" on:submit=add_ms>
                        <TextField
                            id=format!("ms-new-{id}")
                            label="New milestone"
                            context=named(" for")
                            value=new_ms
                        />
                        <TextField
                            id=format!("ms-due-{id}")
                            context=named(" — its date, for")
                            label="By"
                            kind="date"
                            value=new_ms_due
                        />
                        <button
                            type="submit"
                            class="secondary"
                            aria-label=move || named("Add a milestone to").get()
                        >
                            "Add milestone"
                        </button>
                    </form>
                    <ErrorMessage error />
                </When>
                <h3>"Linked action items"</h3>
                {dynamic(move || {
                    let list = linked.get();
                    if list.is_empty() {
                        view! {
                            <p class="muted">
                                "None yet: link action items to this goal when you create them."
                            </p>
                        }
                            .into_any()
                    } else {
                        view! {
                            <ul class="pulled-items">
                                {list
                                    .into_iter()
                                    .map(|i| {
                                        view! {
                                            <li>{format!("{} — {}", i.text, i.status.label())}</li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                })}
                <When when=move || !read_only()>
                    <div class="actions-row">
                        {button("Edit", true, Callback::new(move |()| editing.set(true)))}
                        <When
                            when=move || status() == GoalStatus::Active
                            fallback=move || {
                                let reactivate = move |()| actions::reactivate(&store, m(), id);
                                button("Make active again", true, Callback::new(reactivate))
                            }
                        >
                            {button(
                                "Mark achieved",
                                false,
                                Callback::new(move |()| actions::mark_achieved(&store, m(), id)),
                            )}
                            <Button
                                secondary=true
                                accessible_label=named("Drop")
                                on_click=move |()| dropping.set(true)
                            >
                                "Drop goal"
                            </Button>
                        </When>
                        <ConfirmButton
                            label="Delete"
                            accessible_label=named("Delete")
                            message=Signal::derive(move || {
                                format!(
                                    "Delete the goal “{}” with its milestones? Action items linked to it stay on the list. To keep a record, drop it instead.",
                                    goal
                                        .with(|g| {
                                            g.as_ref().map(|g| g.title.clone()).unwrap_or_default()
                                        }),
                                )
                            })
                            confirm_label="Delete goal"
                            on_confirm=move |()| actions::delete(&store, m(), id)
                        />
                    </div>
                    <When when=move || dropping.get()>
                        <form
                            class="add-topic"
                            node_ref=focus_on_open()
                            on:submit=submitted(move || {
                                match actions::drop_goal(&store, m(), id, &reason.get_untracked()) {
                                    Ok(()) => dropping.set(false),
                                    Err(e) => error.set(Some(e)),
                                }
                            })
                        >
                            <TextField
                                id=format!("drop-{id}")
                                label=named("Why drop")
                                value=reason
                            />
                            <button type="submit" aria-label=move || named("Drop").get()>
                                "Drop goal"
                            </button>
                        </form>
                    </When>
                </When>
            </When>
        </li>
    }
}
