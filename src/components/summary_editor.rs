//! The outcome summary of a held session: the review of earlier action items
//! (done / carried over / dropped, each with a word), notes, decisions, new
//! action items, resources, each side's feedback, the next meeting.

use leptos::prelude::*;
use uuid::Uuid;

use crate::model::dates;
use crate::model::review::items_to_review;
use crate::model::session::Session;
use crate::model::session_notes::ReviewOutcome;
use crate::model::task::ActionItem;
use crate::model::Side;
use crate::pages::mentorship::use_current;
use crate::state::actions::sessions::{self as actions, SummaryField};
use crate::state::use_store;

#[component]
pub fn SummaryEditor(session: Memo<Option<Session>>, read_only: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let sid = move || session.with_untracked(|s| s.as_ref().map(|s| s.meta.id).unwrap_or_default());
    let field_text = move |f: SummaryField| {
        move || {
            session.with(|s| {
                s.as_ref()
                    .map(|s| match f {
                        SummaryField::Notes => s.summary.notes.clone(),
                        SummaryField::Decisions => s.summary.decisions.clone(),
                        SummaryField::Resources => s.summary.resources.clone(),
                    })
                    .unwrap_or_default()
            })
        }
    };
    let area = move |id: &'static str, label: String, f: SummaryField| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <textarea
                    id=id
                    rows="4"
                    disabled=read_only
                    prop:value=field_text(f)
                    on:input:target=move |ev| actions::set_summary(
                        &store,
                        current.id_untracked(),
                        sid(),
                        f,
                        &ev.target().value(),
                    )
                ></textarea>
            </div>
        }
    };
    let review_ids = Memo::new(move |_| {
        let Some(s) = session.get() else {
            return Vec::new();
        };
        current
            .with(|d| {
                items_to_review(&s, &d.actions).into_iter().map(|i| i.meta.id).collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let created = Memo::new(move |_| {
        let id = session.with(|s| s.as_ref().map(|s| s.meta.id));
        current
            .with(|d| {
                d.actions
                    .iter()
                    .filter(|i| !i.meta.deleted && i.session == id)
                    .cloned()
                    .collect::<Vec<ActionItem>>()
            })
            .unwrap_or_default()
    });
    let mentor = move || {
        current.mentorship.with(|m| m.as_ref().map(|m| m.mentor.clone()).unwrap_or_default())
    };
    view! {
        <section class="summary-editor">
            <h3>"Review of earlier action items"</h3>
            <Show when=move || review_ids.with(|r| r.is_empty())>
                <p class="muted">"No action items were open."</p>
            </Show>
            <ul class="plain-list reviews">
                <For each=move || review_ids.get() key=|id| *id let:id>
                    <ReviewRow session item=id read_only />
                </For>
            </ul>
            {area("summary-notes", "Notes".into(), SummaryField::Notes)}
            {area("summary-decisions", "Decisions".into(), SummaryField::Decisions)}
            <h3>"New action items"</h3>
            <ul class="plain-list new-items">
                {move || {
                    let m = current.mentorship.get();
                    created
                        .get()
                        .into_iter()
                        .map(|i| {
                            let owner = m
                                .as_ref()
                                .map(|m| m.name(i.owner).to_string())
                                .unwrap_or_default();
                            let due = i
                                .due
                                .map(|d| format!(" — due {}", dates::short(d)))
                                .unwrap_or_default();
                            view! { <li>{format!("{owner}: {}{due}", i.text)}</li> }
                        })
                        .collect_view()
                }}
            </ul>
            <Show when=move || !read_only.get()>
                <NewItemForm session />
            </Show>
            {move || area(
                "summary-resources",
                format!("Resources {} suggested", mentor()),
                SummaryField::Resources,
            )}
            <h3>"Feedback"</h3>
            <div class="feedback-grid">
                {Side::BOTH
                    .into_iter()
                    .map(|side| view! { <FeedbackBox session side read_only /> })
                    .collect_view()}
            </div>
            <NextMeeting session read_only />
        </section>
    }
}

#[component]
fn ReviewRow(session: Memo<Option<Session>>, item: Uuid, read_only: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let sid = move || session.with_untracked(|s| s.as_ref().map(|s| s.meta.id).unwrap_or_default());
    let action = Memo::new(move |_| {
        current.with(|d| d.actions.iter().find(|i| i.meta.id == item).cloned()).flatten()
    });
    let review = Memo::new(move |_| {
        session.with(|s| {
            s.as_ref().and_then(|s| s.summary.reviews.iter().find(|r| r.item == item).cloned())
        })
    });
    let outcome_value = move || {
        review.with(|r| match r.as_ref().map(|r| r.outcome) {
            Some(ReviewOutcome::Done) => "done",
            Some(ReviewOutcome::CarriedOver) => "carried_over",
            Some(ReviewOutcome::Dropped) => "dropped",
            None => "",
        })
    };
    let note = RwSignal::new(
        review.with_untracked(|r| r.as_ref().map(|r| r.note.clone()).unwrap_or_default()),
    );
    let new_due = RwSignal::new(String::new());
    let save = move |outcome: &str| {
        let outcome = match outcome {
            "done" => ReviewOutcome::Done,
            "carried_over" => ReviewOutcome::CarriedOver,
            "dropped" => ReviewOutcome::Dropped,
            _ => return,
        };
        let due = crate::model::validate::parse_date(&new_due.get_untracked());
        actions::review_item(
            &store,
            current.id_untracked(),
            sid(),
            item,
            outcome,
            &note.get_untracked(),
            due,
        );
    };
    let label = move || {
        let m = current.mentorship.get();
        action.with(|a| match (a, m) {
            (Some(a), Some(m)) => {
                let due = a.due.map(|d| format!(" (due {})", dates::short(d))).unwrap_or_default();
                format!("{}: {}{due}", m.name(a.owner), a.text)
            }
            _ => String::new(),
        })
    };
    let select_id = format!("review-{item}");
    let note_id = format!("review-note-{item}");
    view! {
        <li class="review-row card">
            <p class="review-item">{label}</p>
            <div class="grid-2">
                <div class="field">
                    <label for=select_id.clone()>"Outcome"</label>
                    <select
                        id=select_id
                        disabled=read_only
                        prop:value=outcome_value
                        on:change:target=move |ev| save(&ev.target().value())
                    >
                        <option value="" selected=move || outcome_value().is_empty()>
                            "— not reviewed —"
                        </option>
                        <option value="done" selected=move || outcome_value() == "done">
                            "Done"
                        </option>
                        <option
                            value="carried_over"
                            selected=move || outcome_value() == "carried_over"
                        >
                            "Carried over"
                        </option>
                        <option value="dropped" selected=move || outcome_value() == "dropped">
                            "Dropped"
                        </option>
                    </select>
                </div>
                <div class="field">
                    <label for=note_id.clone()>"A word on it"</label>
                    <input
                        id=note_id
                        type="text"
                        disabled=read_only
                        bind:value=note
                        on:change=move |_| {
                            let o = outcome_value();
                            save(o);
                        }
                    />
                </div>
            </div>
            <Show when=move || outcome_value() == "carried_over" && !read_only.get()>
                <div class="field">
                    <label for=format!("review-due-{item}")>"New due date (optional)"</label>
                    <input
                        id=format!("review-due-{item}")
                        type="date"
                        bind:value=new_due
                        on:change=move |_| save("carried_over")
                    />
                </div>
            </Show>
        </li>
    }
}

#[component]
fn NewItemForm(session: Memo<Option<Session>>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let text = RwSignal::new(String::new());
    let owner = RwSignal::new(Side::Mentee.label().to_string());
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
    let names = move |side: Side| {
        current
            .mentorship
            .with(|m| m.as_ref().map(|m| m.name(side).to_string()).unwrap_or_default())
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(sid) = session.with_untracked(|s| s.as_ref().map(|s| s.meta.id)) else {
            return;
        };
        let owner = Side::parse(&owner.get_untracked()).unwrap_or_default();
        let goal_id = uuid::Uuid::parse_str(&goal.get_untracked()).ok();
        match actions::add_item(
            &store,
            current.id_untracked(),
            sid,
            &text.get_untracked(),
            owner,
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
        <form class="card new-item" on:submit=add novalidate>
            <div class="field">
                <label for="item-text">"What needs doing"</label>
                <input id="item-text" type="text" bind:value=text />
            </div>
            <div class="grid-2">
                <div class="field">
                    <label for="item-owner">"Who"</label>
                    <select
                        id="item-owner"
                        on:change:target=move |ev| owner.set(ev.target().value())
                        prop:value=move || owner.get()
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
                    <label for="item-due">"By when"</label>
                    <input id="item-due" type="date" bind:value=due />
                </div>
            </div>
            <Show when=move || !goals.with(|g| g.is_empty())>
                <div class="field">
                    <label for="item-goal">"Goal (optional)"</label>
                    <select
                        id="item-goal"
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
    }
}

#[component]
fn FeedbackBox(
    session: Memo<Option<Session>>,
    side: Side,
    read_only: Signal<bool>,
) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let sid = move || session.with_untracked(|s| s.as_ref().map(|s| s.meta.id).unwrap_or_default());
    let existing = move || session.with(|s| s.as_ref().and_then(|s| s.feedback(side).cloned()));
    let comment = RwSignal::new(existing().map(|f| f.comment).unwrap_or_default());
    let rating = move || existing().map(|f| f.rating).unwrap_or(0);
    let save = move |r: u8| {
        actions::set_feedback(
            &store,
            current.id_untracked(),
            sid(),
            side,
            r,
            &comment.get_untracked(),
        )
    };
    let name = move || {
        current
            .mentorship
            .with(|m| m.as_ref().map(|m| m.name(side).to_string()).unwrap_or_default())
    };
    let group = format!("rating-{}", side.label());
    view! {
        <fieldset class="feedback" data-side=side.label()>
            <legend>
                {move || format!("{} ({}): was this session useful?", name(), side.label())}
            </legend>
            <div class="rating">
                {(1..=5u8)
                    .map(|r| {
                        let id = format!("{group}-{r}");
                        let label_for = id.clone();
                        view! {
                            <label for=label_for class="radio">
                                <input
                                    type="radio"
                                    id=id
                                    name=group.clone()
                                    value=r.to_string()
                                    disabled=read_only
                                    prop:checked=move || rating() == r
                                    on:change=move |_| save(r)
                                />
                                {r.to_string()}
                            </label>
                        }
                    })
                    .collect_view()} <span class="muted">"1 = not at all, 5 = very"</span>
            </div>
            <div class="field">
                <label for=format!("feedback-{}", side.label())>"Comment"</label>
                <input
                    id=format!("feedback-{}", side.label())
                    type="text"
                    disabled=read_only
                    bind:value=comment
                    on:change=move |_| {
                        let r = rating();
                        if r > 0 {
                            save(r)
                        }
                    }
                />
            </div>
        </fieldset>
    }
}

#[component]
fn NextMeeting(session: Memo<Option<Session>>, read_only: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let sid = move || session.with_untracked(|s| s.as_ref().map(|s| s.meta.id).unwrap_or_default());
    let next = move || session.with(|s| s.as_ref().and_then(|s| s.summary.next_meeting));
    let date = RwSignal::new(next().map(|t| t.date_naive().to_string()).unwrap_or_default());
    let time = RwSignal::new(next().map(|t| dates::time(&t)).unwrap_or_else(|| {
        session
            .with_untracked(|s| s.as_ref().map(|s| dates::time(&s.starts_at)).unwrap_or_default())
    }));
    let error = RwSignal::new(None::<String>);
    let planned = RwSignal::new(false);
    let save = move || {
        error.set(
            actions::set_next_meeting(
                &store,
                current.id_untracked(),
                sid(),
                &date.get_untracked(),
                &time.get_untracked(),
            )
            .err()
            .map(|e| e.into_iter().map(|e| e.message).collect::<Vec<_>>().join(" ")),
        )
    };
    view! {
        <h3>"Next meeting"</h3>
        <div class="grid-2">
            <div class="field">
                <label for="next-date">"Date"</label>
                <input
                    id="next-date"
                    type="date"
                    disabled=read_only
                    bind:value=date
                    on:change=move |_| save()
                />
            </div>
            <div class="field">
                <label for="next-time">"Time"</label>
                <input
                    id="next-time"
                    type="time"
                    disabled=read_only
                    bind:value=time
                    on:change=move |_| save()
                />
            </div>
        </div>
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
        <Show when=move || next().is_some() && !read_only.get()>
            <button
                type="button"
                class="secondary"
                on:click=move |_| {
                    planned.set(actions::plan_next(&store, current.id_untracked(), sid()).is_some())
                }
            >
                "Plan it as the next session"
            </button>
        </Show>
        <Show when=move || planned.get()>
            <p role="status">"Planned: it is on the sessions list."</p>
        </Show>
    }
}
