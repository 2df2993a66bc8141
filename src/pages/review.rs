//! Review: the periodic "is the relationship working as expected?" check-in
//! from each side with its history, and the no-fault conclusion —
//! retrospective, final summary, closing (read-only, archived), reopening.

use crate::components::dynamic::{dynamic, dynamic_text};
use crate::components::when::When;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser;
use crate::components::button::{Button, FormButtons};
use crate::components::card::Card;
use crate::components::confirm::ConfirmButton;
use crate::components::copy_button::CopyButton;
use crate::components::error_message::ErrorMessage;
use crate::components::field::{Binding, RadioGroup, TextArea, TextField};
use crate::components::form::{focus_on_open, submitted};
use crate::components::markdown_view::MarkdownView;
use crate::components::page::section_title;
use crate::components::print_frame::{printed, PrintFrame};
use crate::components::rating::RatingScale;
use crate::export::final_summary;
use crate::model::checkin::{self, CheckIn, QUESTIONS};
use crate::model::conclusion::Conclusion;
use crate::model::mentorship::Status;
use crate::model::{dates, Record, Side};
use crate::paths;
use crate::state::actions::review as actions;
use crate::state::{use_current, use_store, ActionError};

#[component]
pub fn Review() -> impl IntoView {
    section_title("Review");
    view! {
        <h1>"Check-ins and conclusion"</h1>
        <CheckIns />
        <ConclusionSection />
    }
}

#[component]
fn CheckIns() -> impl IntoView {
    let current = use_current();
    let every = Signal::derive(move || current.terms().checkin_weeks);
    view! {
        <Card id="checkins-title" title="Is the relationship working as expected?">
            <p class="muted">
                {dynamic_text(move || {
                    let review = if current.terms().checkin_agreed {
                        "your agreed review point"
                    } else {
                        "suggested until you agree a review point"
                    };
                    format!(
                        "A quick check every {} weeks ({review}), answered by each of you.",
                        every.get(),
                    )
                })}
            </p>
            <div class="feedback-grid">
                {Side::BOTH
                    .into_iter()
                    .map(|side| view! { <CheckInBox side every /> })
                    .collect_view()}
            </div>
        </Card>
    }
}

/// One check-in as a line of the history.
fn history_line(c: &CheckIn) -> String {
    format!(
        "{}: {} (average {} of 5){}",
        dates::short(c.on),
        if c.working { "working as expected" } else { "not quite working" },
        c.average_text(),
        if c.comment.is_empty() { String::new() } else { format!(" — “{}”", c.comment) },
    )
}

#[component]
fn CheckInBox(side: Side, every: Signal<u32>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let ratings: Vec<RwSignal<u8>> = QUESTIONS.iter().map(|_| RwSignal::new(0)).collect();
    let working = RwSignal::new(None::<bool>);
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ActionError>);
    let open = RwSignal::new(false);
    let history = current.memo(move |d| {
        checkin::history(&d.checkins, side).into_iter().cloned().collect::<Vec<_>>()
    });
    let due = move || {
        current.with(|d| checkin::next_due(&d.checkins, side, d.mentorship.start_date, every.get()))
    };
    let submit = {
        let ratings = ratings.clone();
        submitted(move || {
            let values: Vec<u8> = ratings.iter().map(|r| r.get_untracked()).collect();
            let (w, c) = (working.get_untracked(), comment.get_untracked());
            match actions::add_checkin(&store, current.id_untracked(), side, values, w, &c) {
                Ok(()) => {
                    open.set(false);
                    error.set(None);
                    comment.set(String::new());
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let label = side.label();
    let questions = move || {
        QUESTIONS
            .iter()
            .zip(ratings.clone())
            .enumerate()
            .map(|(qi, ((_, question), value))| {
                view! {
                    <RatingScale
                        name=format!("ci-{label}-{qi}")
                        legend=question.to_string()
                        value=value
                        on_pick=move |r| value.set(r)
                    />
                }
            })
            .collect_view()
    };
    view! {
        <div class="checkin" data-side=label>
            <h3>{dynamic_text(move || current.name_and_side(side))}</h3>
            <p class="muted" data-due>
                {dynamic_text(move || {
                    due()
                        .filter(|_| !current.read_only())
                        .map(|d| {
                            if d <= browser::today() {
                                format!("Check-in due since {}.", dates::short(d))
                            } else {
                                format!("Next check-in by {}.", dates::short(d))
                            }
                        })
                })}
            </p>
            <When when=move || !open.get() && !current.read_only() && current.owns(side)>
                <Button secondary=true on_click=move |()| open.set(true)>
                    {format!("Check in as the {label}")}
                </Button>
            </When>
            <When when=move || open.get()>
                <form on:submit=submit novalidate node_ref=focus_on_open()>
                    {questions.clone()}
                    <RadioGroup
                        name=format!("ci-{label}")
                        legend="Overall, is it working as expected?"
                        value=working
                        options=vec![
                            (Some(true), "Yes".to_string()),
                            (Some(false), "Not quite".to_string()),
                        ]
                    />
                    <TextField
                        id=format!("ci-{label}-comment")
                        label=current.naming(side, |name| format!("{name}'s comment"))
                        value=comment
                    />
                    <p class="hint">"1 = not at all, 5 = fully."</p>
                    <ErrorMessage error />
                    <FormButtons submit="Save check-in" on_cancel=move |()| open.set(false) />
                </form>
            </When>
            <ul class="plain-list checkin-history">
                {dynamic(move || {
                    history
                        .get()
                        .iter()
                        .map(|c| view! { <li>{history_line(c)}</li> })
                        .collect_view()
                })}
            </ul>
        </div>
    }
}

#[component]
fn ConclusionSection() -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let status = move || current.mentorship().map(|m| m.status).unwrap_or_default();
    let conclusion = current.memo(move |d| d.conclusion.clone().filter(|c| c.is_live()));
    let summary = Memo::new(move |_| {
        current.with(|d| final_summary::markdown(d, browser::today())).unwrap_or_default()
    });
    let error = RwSignal::new(None::<ActionError>);
    let m = move || current.id_untracked();
    let start = move |_| error.set(actions::start_conclusion(&store, m(), current.my_role()).err());
    let close = move |()| error.set(actions::close(&store, m()).err());
    let reopen = move |_| error.set(actions::reopen(&store, m()).err());
    view! {
        <Card id="conclusion-title" title="No-fault conclusion">
            <ErrorMessage error />
            <When when=move || matches!(status(), Status::Forming | Status::Active)>
                <p>
                    "Either of you can end the mentorship at any time, for any reason, without blame: a closing retrospective looks back on what was achieved, then it is archived — still readable and exportable."
                </p>
                <Button secondary=true on_click=start>
                    "Start the conclusion"
                </Button>
            </When>
            <When when=move || {
                status() == Status::Concluding
            }>
                {dynamic(move || {
                    conclusion
                        .get()
                        .map(|c| {
                            view! {
                                <p class="muted">
                                    {format!(
                                        "Started by the {} on {}.",
                                        c.started_by.label(),
                                        dates::long(c.started_on),
                                    )}
                                </p>
                            }
                        })
                })} <Retrospective conclusion /> <div class="actions-row">
                    <ConfirmButton
                        label="Close the mentorship"
                        class=""
                        message="Close the mentorship? It becomes read-only and archived: you can still read, export and print it, and reopen it later."
                        confirm_label="Close it"
                        on_confirm=close
                    />
                </div>
            </When>
            <When when=move || status() == Status::Closed>
                <p data-closed>
                    {dynamic_text(move || {
                        conclusion
                            .get()
                            .and_then(|c| c.closed_on)
                            .map(|d| {
                                format!("Closed on {}. Read-only and archived.", dates::long(d))
                            })
                    })}
                </p>
                <Button secondary=true on_click=reopen>
                    "Reopen the mentorship"
                </Button>
            </When>
            <When when=move || matches!(status(), Status::Concluding | Status::Closed)>
                <h3>"Final summary"</h3>
                <article class="document final-summary">
                    <MarkdownView text=summary top=3 />
                </article>
                <div class="actions-row">
                    <CopyButton label="Copy as Markdown" text=summary />
                    <A
                        href=move || paths::summary_print(current.id())
                        attr:class="button secondary"
                    >
                        "Print view"
                    </A>
                </div>
            </When>
        </Card>
    }
}

/// Reads one part of the retrospective.
type ReadPart = Box<dyn Fn(&Conclusion) -> String + Send + Sync>;
/// Writes one part of the retrospective.
type WritePart = Box<dyn Fn(&mut Conclusion, String) + Send + Sync>;

#[component]
fn Retrospective(conclusion: Memo<Option<Conclusion>>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let goals = current.memo(move |d| {
        d.goals
            .iter()
            .filter(|g| g.is_live())
            .map(|g| (g.id(), g.title.clone()))
            .collect::<Vec<_>>()
    });
    // A part of the retrospective, read live and saved as typed.
    let part = move |read: ReadPart, write: WritePart| {
        Binding::live(
            move || conclusion.with(|c| c.as_ref().map(&read).unwrap_or_default()),
            move |v: String| {
                actions::edit_retrospective(&store, current.id_untracked(), &v, |c, v| write(c, v))
            },
        )
    };
    let reflections = Side::BOTH
        .into_iter()
        .map(|side| {
            let name = move || current.name(side);
            view! {
                <div class="grid-2">
                    <TextArea
                        id=format!("learned-{}", side.label())
                        label=Signal::derive(move || format!("What {} learned", name()))
                        value=part(
                            Box::new(move |c| c.reflection(side).learned.clone()),
                            Box::new(move |c, v| c.reflection_mut(side).learned = v),
                        )
                        rows=3
                        disabled=Signal::derive(move || !current.owns(side))
                    />
                    <TextArea
                        id=format!("differently-{}", side.label())
                        label=Signal::derive(move || {
                            format!("What {} would do differently", name())
                        })
                        value=part(
                            Box::new(move |c| c.reflection(side).differently.clone()),
                            Box::new(move |c, v| c.reflection_mut(side).differently = v),
                        )
                        rows=3
                        disabled=Signal::derive(move || !current.owns(side))
                    />
                </div>
            }
        })
        .collect_view();
    view! {
        <h3>"Retrospective"</h3>
        <For each=move || goals.get() key=|(id, _)| *id let:goal>
            {
                let (gid, title) = goal;
                view! {
                    <TextArea
                        id=format!("outcome-{gid}")
                        label=format!("What was achieved: {title}")
                        value=part(
                            Box::new(move |c| c.outcome(gid).to_string()),
                            Box::new(move |c, v| c.set_outcome(gid, &v)),
                        )
                        rows=2
                    />
                }
            }
        </For>
        {reflections}
        <TextArea
            id="stay-in-touch"
            label="Staying in touch"
            value=part(Box::new(|c| c.stay_in_touch.clone()), Box::new(|c, v| c.stay_in_touch = v))
            rows=2
        />
    }
}

/// The final summary alone, for printing.
#[component]
pub fn SummaryPrint() -> impl IntoView {
    let (found, text) =
        printed("Final summary", |d| Some(final_summary::markdown(d, browser::today())));
    view! {
        <PrintFrame
            printed=found
            empty_title="Nothing to print"
            back=paths::review
            back_label="Back"
        >
            <MarkdownView text=Signal::derive(move || text.get().unwrap_or_default()) top=1 />
        </PrintFrame>
    }
}
