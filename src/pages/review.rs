//! Review: the periodic "is the relationship working as expected?" check-in
//! from each side with its history, and the no-fault conclusion —
//! retrospective, final summary, closing (read-only, archived), reopening.

use leptos::prelude::*;
use leptos_router::components::A;

use super::mentorship::use_current;
use crate::browser;
use crate::components::confirm::Confirm;
use crate::components::markdown_view::MarkdownView;
use crate::export::final_summary;
use crate::model::checkin::{self, QUESTIONS};
use crate::model::conclusion::Conclusion;
use crate::model::mentorship::Status;
use crate::model::terms::Terms;
use crate::model::{dates, Record, Side};
use crate::paths;
use crate::state::actions::review as actions;
use crate::state::use_store;

#[component]
pub fn Review() -> impl IntoView {
    view! {
        <h1>"Check-ins and conclusion"</h1>
        <CheckIns />
        <ConclusionSection />
    }
}

#[component]
fn CheckIns() -> impl IntoView {
    let current = use_current();
    let every = Memo::new(move |_| {
        current.with(|d| Terms::from_themes(&d.themes).checkin_weeks).unwrap_or(4)
    });
    view! {
        <section class="card" aria-labelledby="checkins-title">
            <h2 id="checkins-title">"Is the relationship working as expected?"</h2>
            <p class="muted">
                {move || {
                    format!(
                        "A quick check every {} weeks (your agreed review point), answered by each of you.",
                        every.get(),
                    )
                }}
            </p>
            <div class="feedback-grid">
                {Side::BOTH
                    .into_iter()
                    .map(|side| view! { <CheckInBox side every /> })
                    .collect_view()}
            </div>
        </section>
    }
}

#[component]
fn CheckInBox(side: Side, every: Memo<u32>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let ratings: Vec<RwSignal<u8>> = QUESTIONS.iter().map(|_| RwSignal::new(0)).collect();
    let working = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);
    let history = Memo::new(move |_| {
        current
            .with(|d| checkin::history(&d.checkins, side).into_iter().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let due = move || {
        current.with(|d| checkin::next_due(&d.checkins, side, d.mentorship.start_date, every.get()))
    };
    let name = move || {
        current
            .mentorship
            .with(|m| m.as_ref().map(|m| m.name(side).to_string()).unwrap_or_default())
    };
    let rs = ratings.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let values: Vec<u8> = rs.iter().map(|r| r.get_untracked()).collect();
        if working.get_untracked().is_empty() {
            error.set(Some("Say whether it is working as expected.".into()));
            return;
        }
        match actions::add_checkin(
            &store,
            current.id_untracked(),
            side,
            values,
            working.get_untracked() == "yes",
            &comment.get_untracked(),
        ) {
            Ok(()) => {
                open.set(false);
                error.set(None);
                comment.set(String::new());
            }
            Err(e) => error.set(e.first().map(|e| e.message.clone())),
        }
    };
    let label = side.label();
    view! {
        <div class="checkin" data-side=label>
            <h3>{move || format!("{} ({label})", name())}</h3>
            <p class="muted" data-due>
                {move || {
                    due()
                        .map(|d| {
                            if d <= browser::today() {
                                format!("Check-in due since {}.", dates::short(d))
                            } else {
                                format!("Next check-in by {}.", dates::short(d))
                            }
                        })
                }}
            </p>
            <Show when=move || !open.get() && !current.read_only()>
                <button type="button" class="secondary" on:click=move |_| open.set(true)>
                    {format!("Check in as the {label}")}
                </button>
            </Show>
            <Show when=move || open.get()>
                <form on:submit=submit.clone() novalidate>
                    {QUESTIONS
                        .iter()
                        .zip(ratings.clone())
                        .enumerate()
                        .map(|(qi, ((_, question), value))| {
                            let group = format!("ci-{label}-{qi}");
                            view! {
                                <fieldset class="rating-question">
                                    <legend>{*question}</legend>
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
                                                            prop:checked=move || value.get() == r
                                                            on:change=move |_| value.set(r)
                                                        />
                                                        {r.to_string()}
                                                    </label>
                                                }
                                            })
                                            .collect_view()}
                                    </div>
                                </fieldset>
                            }
                        })
                        .collect_view()}
                    <fieldset class="rating-question">
                        <legend>"Overall, is it working as expected?"</legend>
                        <div class="rating">
                            <label class="radio" for=format!("ci-{label}-yes")>
                                <input
                                    type="radio"
                                    id=format!("ci-{label}-yes")
                                    name=format!("ci-{label}-working")
                                    on:change=move |_| working.set("yes".into())
                                />
                                "Yes"
                            </label>
                            <label class="radio" for=format!("ci-{label}-no")>
                                <input
                                    type="radio"
                                    id=format!("ci-{label}-no")
                                    name=format!("ci-{label}-working")
                                    on:change=move |_| working.set("no".into())
                                />
                                "Not quite"
                            </label>
                        </div>
                    </fieldset>
                    <div class="field">
                        <label for=format!("ci-{label}-comment")>"Comment"</label>
                        <input id=format!("ci-{label}-comment") type="text" bind:value=comment />
                    </div>
                    <p class="hint">"1 = not at all, 5 = fully."</p>
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
                    <div class="actions-row">
                        <button type="submit">"Save check-in"</button>
                        <button type="button" class="secondary" on:click=move |_| open.set(false)>
                            "Cancel"
                        </button>
                    </div>
                </form>
            </Show>
            <ul class="plain-list checkin-history">
                {move || {
                    history
                        .get()
                        .into_iter()
                        .map(|c| {
                            view! {
                                <li>
                                    {format!(
                                        "{}: {} (average {:.1} of 5){}",
                                        dates::short(c.on),
                                        if c.working {
                                            "working as expected"
                                        } else {
                                            "not quite working"
                                        },
                                        c.average(),
                                        if c.comment.is_empty() {
                                            String::new()
                                        } else {
                                            format!(" — “{}”", c.comment)
                                        },
                                    )}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

#[component]
fn ConclusionSection() -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let status =
        move || current.mentorship.with(|m| m.as_ref().map(|m| m.status).unwrap_or_default());
    let conclusion = Memo::new(move |_| {
        current.with(|d| d.conclusion.clone().filter(|c| c.is_live())).flatten()
    });
    let summary = Memo::new(move |_| {
        current.with(|d| final_summary::markdown(d, browser::today())).unwrap_or_default()
    });
    let confirming_close = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let m = move || current.id_untracked();
    let start = move |_| {
        let by = current.my_role();
        error.set(
            actions::start_conclusion(&store, m(), by)
                .err()
                .map(|_| "This mentorship is already closed.".into()),
        );
    };
    let close = move || {
        error.set(actions::close(&store, m()).err().map(|_| "Start the conclusion first.".into()));
        confirming_close.set(false);
    };
    let reopen =
        move |_| error.set(actions::reopen(&store, m()).err().map(|_| "It is not closed.".into()));
    view! {
        <section class="card" aria-labelledby="conclusion-title">
            <h2 id="conclusion-title">"No-fault conclusion"</h2>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="banner banner-error" role="alert">
                                {e}
                            </p>
                        }
                    })
            }}
            <Show when=move || matches!(status(), Status::Forming | Status::Active)>
                <p>
                    "Either of you can end the mentorship at any time, for any reason, without blame: a closing retrospective looks back on what was achieved, then it is archived — still readable and exportable."
                </p>
                <button type="button" class="secondary" on:click=start>
                    "Start the conclusion"
                </button>
            </Show>
            <Show when=move || {
                status() == Status::Concluding
            }>
                {move || {
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
                }} <Retrospective conclusion /> <div class="actions-row">
                    <button type="button" on:click=move |_| confirming_close.set(true)>
                        "Close the mentorship"
                    </button>
                </div> <Show when=move || confirming_close.get()>
                    <Confirm
                        message=Signal::derive(|| {
                            "Close the mentorship? It becomes read-only and archived: you can still read, export and print it, and reopen it later."
                                .to_string()
                        })
                        confirm_label="Close it"
                        on_confirm=close
                        on_cancel=move || confirming_close.set(false)
                    />
                </Show>
            </Show>
            <Show when=move || status() == Status::Closed>
                <p data-closed>
                    {move || {
                        conclusion
                            .get()
                            .and_then(|c| c.closed_on)
                            .map(|d| {
                                format!("Closed on {}. Read-only and archived.", dates::long(d))
                            })
                    }}
                </p>
                <button type="button" class="secondary" on:click=reopen>
                    "Reopen the mentorship"
                </button>
            </Show>
            <Show when=move || matches!(status(), Status::Concluding | Status::Closed)>
                <h3>"Final summary"</h3>
                <article class="document final-summary">
                    <MarkdownView text=summary top=3 />
                </article>
                <div class="actions-row">
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            let text = summary.get_untracked();
                            leptos::task::spawn_local(async move {
                                let _ = browser::copy_text(&text).await;
                            });
                        }
                    >
                        "Copy as Markdown"
                    </button>
                    <A
                        href=move || paths::summary_print(&current.id().to_string())
                        attr:class="button secondary"
                    >
                        "Print view"
                    </A>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn Retrospective(conclusion: Memo<Option<Conclusion>>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let goals = Memo::new(move |_| {
        current
            .with(|d| {
                d.goals
                    .iter()
                    .filter(|g| g.is_live())
                    .map(|g| (g.id(), g.title.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let m = move || current.id_untracked();
    let text = move |f: fn(&Conclusion) -> String| {
        move || conclusion.with(|c| c.as_ref().map(f).unwrap_or_default())
    };
    view! {
        <h3>"Retrospective"</h3>
        <For each=move || goals.get() key=|(id, _)| *id let:goal>
            {
                let (gid, title) = goal;
                let id = format!("outcome-{gid}");
                view! {
                    <div class="field">
                        <label for=id.clone()>{format!("What was achieved: {title}")}</label>
                        <textarea
                            id=id
                            rows="2"
                            prop:value=move || {
                                conclusion
                                    .with(|c| {
                                        c.as_ref()
                                            .map(|c| c.outcome(gid).to_string())
                                            .unwrap_or_default()
                                    })
                            }
                            on:input:target=move |ev| {
                                let v = ev.target().value();
                                actions::edit_retrospective(&store, m(), |c| c.set_outcome(gid, &v))
                            }
                        ></textarea>
                    </div>
                }
            }
        </For>
        {Side::BOTH
            .into_iter()
            .map(|side| {
                let name = move || {
                    current
                        .mentorship
                        .with(|m| m.as_ref().map(|m| m.name(side).to_string()).unwrap_or_default())
                };
                let learned = format!("learned-{}", side.label());
                let differently = format!("differently-{}", side.label());
                view! {
                    <div class="grid-2">
                        <div class="field">
                            <label for=learned
                                .clone()>{move || format!("What {} learned", name())}</label>
                            <textarea
                                id=learned
                                rows="3"
                                prop:value=move || {
                                    conclusion
                                        .with(|c| {
                                            c.as_ref()
                                                .map(|c| c.reflection(side).learned.clone())
                                                .unwrap_or_default()
                                        })
                                }
                                on:input:target=move |ev| {
                                    let v = ev.target().value();
                                    actions::edit_retrospective(
                                        &store,
                                        m(),
                                        |c| c.reflection_mut(side).learned = v,
                                    )
                                }
                            ></textarea>
                        </div>
                        <div class="field">
                            <label for=differently
                                .clone()>
                                {move || format!("What {} would do differently", name())}
                            </label>
                            <textarea
                                id=differently
                                rows="3"
                                prop:value=move || {
                                    conclusion
                                        .with(|c| {
                                            c.as_ref()
                                                .map(|c| c.reflection(side).differently.clone())
                                                .unwrap_or_default()
                                        })
                                }
                                on:input:target=move |ev| {
                                    let v = ev.target().value();
                                    actions::edit_retrospective(
                                        &store,
                                        m(),
                                        |c| c.reflection_mut(side).differently = v,
                                    )
                                }
                            ></textarea>
                        </div>
                    </div>
                }
            })
            .collect_view()}
        <div class="field">
            <label for="stay-in-touch">"Staying in touch"</label>
            <textarea
                id="stay-in-touch"
                rows="2"
                prop:value=text(|c| c.stay_in_touch.clone())
                on:input:target=move |ev| {
                    let v = ev.target().value();
                    actions::edit_retrospective(&store, m(), |c| c.stay_in_touch = v)
                }
            ></textarea>
        </div>
    }
}

/// The final summary alone, for printing.
#[component]
pub fn SummaryPrint() -> impl IntoView {
    let store = use_store();
    let params = leptos_router::hooks::use_params_map();
    let text = Memo::new(move |_| {
        let id = params.with(|p| p.get("id")).and_then(|s| uuid::Uuid::parse_str(&s).ok())?;
        store.library.with(|lib| lib.get(id).map(|d| final_summary::markdown(d, browser::today())))
    });
    view! {
        {move || match text.get() {
            None => {
                view! {
                    <h1>"Nothing to print"</h1>
                    <p>
                        <A href=paths::HOME>"Back to Tandem"</A>
                    </p>
                }
                    .into_any()
            }
            Some(t) => {
                let back = paths::review(
                    &params.with_untracked(|p| p.get("id")).unwrap_or_default(),
                );
                view! {
                    <div class="print-controls no-print">
                        <button type="button" on:click=move |_| browser::print()>
                            "Print or save as PDF"
                        </button>
                        <A href=back>"Back"</A>
                    </div>
                    <article class="document print-document">
                        <MarkdownView text=Signal::derive(move || t.clone()) top=1 />
                    </article>
                }
                    .into_any()
            }
        }}
    }
}
