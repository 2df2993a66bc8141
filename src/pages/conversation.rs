//! The expectations conversation: every theme with where it stands, one
//! theme at a time (`?theme=…`, so it can be left and resumed), progress, and
//! the pair's own themes.

use crate::components::dynamic::{dynamic, dynamic_text};
use crate::components::when::When;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::button::{Button, FormButtons};
use crate::components::confirm::ConfirmButton;
use crate::components::field::TextField;
use crate::components::form::{focus_on_open, submitted, ErrorSummary, Form};
use crate::components::page::part_title;
use crate::components::theme_editor::ThemeEditor;
use crate::model::expectations::{self, ThemeEntry};
use crate::model::theme_ref::ThemeRef;
use crate::paths;
use crate::state::actions::expectations::{self as actions, ThemeForm};
use crate::state::use_current;
use crate::state::use_store;

#[component]
pub fn Conversation() -> impl IntoView {
    let current = use_current();
    let query = use_query_map();
    let themes = Memo::new(move |_| {
        current.with(|d| expectations::all_themes(d.id(), &d.themes)).unwrap_or_default()
    });
    let progress = Memo::new(move |_| themes.with(|t| expectations::progress(t)));
    // The chosen theme (?theme=…); without one, the conversation resumes at
    // the first theme not settled when the page opened. That choice is made
    // once: settling a theme must not move the page on by itself.
    let resume =
        themes.with_untracked(|list| list.iter().position(|t| !t.status().is_done()).unwrap_or(0));
    let selected = Memo::new(move |_| {
        let wanted = query.with(|q| q.get(paths::query::THEME)).and_then(|s| ThemeRef::parse(&s));
        themes.with(|list| {
            wanted.and_then(|w| list.iter().position(|t| ThemeRef::of(t) == w)).unwrap_or(resume)
        })
    });
    let theme = Memo::new(move |_| themes.with(|list| list.get(selected.get()).cloned()));
    part_title("Expectations", move || {
        theme.with(|t| t.as_ref().map(|t| t.title().to_string()).unwrap_or_default())
    });
    // Moving to another theme (Next, Previous, the list) takes the keyboard
    // to its heading, so the next Tab starts in that theme.
    Effect::new(move |shown: Option<usize>| {
        let now = selected.get();
        request_animation_frame(|| crate::browser::reveal(".theme-nav a.current"));
        if shown.is_some_and(|before| before != now) {
            request_animation_frame(|| crate::browser::focus_selector("#theme-title"));
        }
        now
    });
    let link = move |t: &ThemeEntry| paths::conversation_theme(current.id(), &ThemeRef::of(t));
    // The link to the theme before (`-1`) or after (`1`) this one, if any.
    let pager_link = move |delta: isize| {
        move || {
            let i = usize::try_from(selected.get() as isize + delta).ok()?;
            let (href, title) =
                themes.with(|list| list.get(i).map(|t| (link(t), t.title().to_string())))?;
            let (class, text) = if delta < 0 {
                ("button secondary", format!("← {title}"))
            } else {
                ("button", format!("Next: {title} →"))
            };
            Some(view! {
                <A href=href attr:class=class>
                    {text}
                </A>
            })
        }
    };
    view! {
        <h1>"Expectations conversation"</h1>
        <p class="lead">
            "Theme by theme, each of you says what you expect; where your answers differ, talk it through and write the consensus. Do it together on one device, or each on your own before you meet. Answers save as you type."
        </p>
        <div
            class="progress-summary"
            data-progress=move || format!("{}/{}", progress.get().done(), progress.get().total())
        >
            <label for="conversation-progress">
                {dynamic_text(move || {
                    let p = progress.get();
                    let not_needed = if p.not_needed > 0 {
                        format!(" ({} of them not needed)", p.not_needed)
                    } else {
                        String::new()
                    };
                    format!(
                        "{} of {} settled{not_needed} · {} to discuss · {} in progress · {} not started",
                        p.done(),
                        p.total(),
                        p.to_discuss,
                        p.in_progress,
                        p.not_started,
                    )
                })}
            </label>
            <progress
                id="conversation-progress"
                max=move || progress.get().total()
                value=move || progress.get().done()
            ></progress>
        </div>
        <div class="conversation">
            <nav aria-label="Themes" class="theme-nav">
                <ol>
                    {dynamic(move || {
                        themes
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, t)| {
                                let status = t.status();
                                let href = link(&t);
                                let is_current = move || selected.get() == i;
                                view! {
                                    <li>
                                        <a
                                            href=href
                                            aria-current=move || is_current().then_some("step")
                                            class:current=is_current
                                        >
                                            <span class="theme-name">{t.title().to_string()}</span>
                                            <span class=status.chip_class()>{status.label()}</span>
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()
                    })}
                </ol>
                <When when=move || !current.read_only()>
                    <AddTheme />
                </When>
            </nav>
            <div class="theme-pane">
                <ThemeEditor theme />
                <div class="actions-row pager">
                    {pager_link(-1)} {pager_link(1)}
                    {dynamic(move || {
                        (progress.get().all_settled())
                            .then(|| {
                                view! {
                                    <A href=paths::agreement(current.id()) attr:class="button">
                                        "Every theme is settled: write the agreement →"
                                    </A>
                                }
                            })
                    })}
                </div>
                <RemoveCustomTheme theme />
            </div>
        </div>
    }
}

#[component]
fn AddTheme() -> impl IntoView {
    let open = RwSignal::new(false);
    let form = Form::new(ThemeForm::default());
    let store = use_store();
    let current = use_current();
    let navigate = use_navigate();
    let submit = submitted(move || {
        let m = current.id_untracked();
        let mut added = None;
        form.submit(|values| {
            added = Some(actions::add_theme(&store, m, &values)?);
            Ok(())
        });
        if let Some(id) = added {
            form.reset(ThemeForm::default());
            open.set(false);
            navigate(&paths::conversation_theme(m, &ThemeRef::Custom(id)), Default::default());
        }
    });
    view! {
        <When
            when=move || open.get()
            fallback=move || {
                view! {
                    <Button secondary=true on_click=move |()| open.set(true)>
                        "Add a theme of your own"
                    </Button>
                }
            }
        >
            <form class="card add-theme" on:submit=submit novalidate node_ref=focus_on_open()>
                <ErrorSummary errors=form.errors() />
                <TextField
                    id="new-theme-title"
                    label="Theme"
                    value=form.field("title", |f| &mut f.title)
                    required=true
                />
                <TextField
                    id="new-theme-question"
                    label="Question to answer"
                    value=form.field("question", |f| &mut f.question)
                />
                <FormButtons submit="Add theme" on_cancel=move |()| open.set(false) />
            </form>
        </When>
    }
}

#[component]
fn RemoveCustomTheme(theme: Memo<Option<ThemeEntry>>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let custom =
        move || theme.with(|t| t.as_ref().filter(|t| t.spec().is_none()).map(|t| t.meta.id));
    move || {
        custom().filter(|_| !current.read_only()).map(|id| {
            view! {
                <ConfirmButton
                    label="Remove this theme"
                    message="Remove this theme with both answers and the consensus?"
                    confirm_label="Remove theme"
                    on_confirm=move |()| actions::remove_theme(&store, current.id_untracked(), id)
                />
            }
        })
    }
}
