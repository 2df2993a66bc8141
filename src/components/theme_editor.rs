//! One theme of the expectations conversation: its question and guidance,
//! the mentee's and the mentor's answers side by side, where they differ, and
//! the consensus. Everything saves as it is typed.

use crate::components::dynamic::{dynamic, dynamic_text};
use crate::components::when::When;
use leptos::prelude::*;

use super::button::Button;
use super::field::{Binding, TextArea};
use crate::model::expectations::{Answer, ThemeEntry, ThemeStatus, Voice};
use crate::model::theme_ref::ThemeRef;
use crate::model::themes::{FieldKind, FieldSpec, WEIGHTS};
use crate::model::Side;
use crate::state::actions::expectations as actions;
use crate::state::use_current;
use crate::state::use_store;

fn voice_key(voice: Voice) -> &'static str {
    match voice {
        Voice::Partner(Side::Mentee) => "mentee",
        Voice::Partner(Side::Mentor) => "mentor",
        Voice::Consensus => "consensus",
    }
}

/// The `<option>`s of a structured field, with "—" for no answer.
fn options(field: &FieldSpec) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), "—".to_string())];
    match field.kind {
        FieldKind::Choice(list) => {
            out.extend(list.iter().map(|(v, l)| (v.to_string(), l.to_string())))
        }
        FieldKind::Weight => {
            out.extend(WEIGHTS.iter().enumerate().map(|(i, l)| (i.to_string(), l.to_string())))
        }
        FieldKind::Flag => out
            .extend([("yes".to_string(), "Yes".to_string()), ("no".to_string(), "No".to_string())]),
        FieldKind::Number { .. } => {}
    }
    out
}

/// An answer that was replaced, kept so the replacement can be undone.
#[derive(Clone, Debug, PartialEq)]
struct Replaced {
    voice: Voice,
    before: Answer,
    what: String,
}

#[component]
pub fn ThemeEditor(theme: Memo<Option<ThemeEntry>>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let theme_ref = move || theme.with(|t| t.as_ref().map(ThemeRef::of));
    // Which theme, apart from its answers: parts that depend only on this are
    // not rebuilt while someone types.
    let key = Memo::new(move |_| theme.with(|t| t.as_ref().map(ThemeRef::of)));
    let spec = move || {
        key.with(|k| match k {
            Some(ThemeRef::Builtin(key)) => crate::model::themes::theme(key),
            _ => None,
        })
    };
    let status =
        move || theme.with(|t| t.as_ref().map(|t| t.status()).unwrap_or(ThemeStatus::NotStarted));
    let read_only = Signal::derive(move || current.read_only());
    let differences =
        move || theme.with(|t| t.as_ref().map(|t| t.differences()).unwrap_or_default());
    let can_agree = move || theme.with(|t| t.as_ref().is_some_and(|t| t.common_ground().is_some()));
    let field_label = move |key: &str| -> String {
        if key == "text" {
            return "In their own words".into();
        }
        spec()
            .and_then(|s| s.field(key))
            .map(|f| f.label.to_string())
            .unwrap_or_else(|| key.to_string())
    };
    let shown = move |key: &str, value: &str| -> String {
        spec()
            .and_then(|s| s.field(key))
            .map(|f| f.display(value))
            .unwrap_or_else(|| value.to_string())
    };
    let act = move |f: &dyn Fn(uuid::Uuid, &ThemeRef)| {
        if let Some(r) = theme_ref() {
            f(current.id_untracked(), &r);
        }
    };
    // Filling an answer from elsewhere replaces what was typed: it can be
    // undone until the theme changes.
    let undo = RwSignal::new(None::<Replaced>);
    Effect::new(move |_| {
        key.track();
        undo.set(None);
    });
    let replace = move |voice: Voice, what: String, f: &dyn Fn(uuid::Uuid, &ThemeRef)| {
        let before = theme.with_untracked(|t| t.as_ref().map(|t| t.answer(voice).clone()));
        act(f);
        let after = theme.with_untracked(|t| t.as_ref().map(|t| t.answer(voice).clone()));
        if let Some(before) =
            before.filter(|b| !b.is_empty() && after.as_ref().is_some_and(|a| !a.same_as(b)))
        {
            undo.set(Some(Replaced { voice, before, what }));
        }
    };
    let undo_it = move |()| {
        if let Some(r) = undo.get_untracked() {
            act(&|id, t| actions::restore_answer(&store, id, t, r.voice, &r.before));
            undo.set(None);
        }
    };
    view! {
        <article class="theme" aria-labelledby="theme-title">
            <header class="theme-head">
                <h2 id="theme-title">
                    {dynamic_text(move || {
                        theme.with(|t| t.as_ref().map(|t| t.title().to_string()))
                    })}
                </h2>
                <span class=move || status().chip_class() data-status=move || status().label()>
                    {dynamic_text(move || status().label())}
                </span>
            </header>
            <p class="question">
                {dynamic_text(move || theme.with(|t| t.as_ref().map(|t| t.question().to_string())))}
            </p>
            {dynamic(move || {
                spec()
                    .map(|s| {
                        view! {
                            <p class="guidance">{s.guidance}</p>
                            <p class="suggestion">
                                <strong>"Suggested starting point: "</strong>
                                {s.suggestion}
                            </p>
                        }
                    })
            })}
            <When when=move || theme.with(|t| t.as_ref().is_some_and(ThemeEntry::is_optional))>
                <NotNeeded
                    not_needed=Signal::derive(move || status() == ThemeStatus::NotNeeded)
                    read_only
                    set=Callback::new(move |value: bool| {
                        act(
                            &|id, t| {
                                let _ = actions::set_not_needed(&store, id, t, value);
                            },
                        )
                    })
                />
            </When>
            <div class="answers">
                {Side::BOTH
                    .into_iter()
                    .map(|side| {
                        let name = move || current.name(side);
                        let me = move || current.my_role() == side;
                        let read_only = Signal::derive(move || {
                            read_only.get() || !current.owns(side)
                        });
                        // Once exchanged, each changes only their own view.
                        view! {
                            <AnswerColumn
                                theme
                                voice=Voice::Partner(side)
                                read_only
                                legend=Signal::derive(move || {
                                    format!(
                                        "{}'s view — {}{}",
                                        side.title(),
                                        name(),
                                        if me() {
                                            " (you)"
                                        } else if !current.owns(side) {
                                            " (from their device)"
                                        } else {
                                            ""
                                        },
                                    )
                                })
                            />
                            <When when=move || spec().is_some() && !read_only.get()>
                                <button
                                    type="button"
                                    class="secondary small"
                                    data-suggest=side.label()
                                    on:click=move |_| replace(
                                        Voice::Partner(side),
                                        format!(
                                            "The {}'s answer was replaced by the suggestion.",
                                            side.label(),
                                        ),
                                        &|id, r| actions::use_suggestion(&store, id, r, side),
                                    )
                                >
                                    {format!("Use the suggestion for the {}", side.label())}
                                </button>
                            </When>
                        }
                    })
                    .collect_view()}
            </div>
            <When when=move || !differences().is_empty()>
                <section
                    class="differences banner"
                    class:banner-warn=move || !status().is_done()
                    class:banner-info=move || status().is_done()
                    aria-labelledby="diff-title"
                >
                    <h3 id="diff-title">
                        {dynamic_text(move || {
                            if status() == ThemeStatus::Settled {
                                "Your answers differed; the consensus settles it"
                            } else {
                                "To discuss: your answers differ"
                            }
                        })}
                    </h3>
                    <ul>
                        {dynamic(move || {
                            differences()
                                .into_iter()
                                .map(|d| {
                                    let label = field_label(&d.field);
                                    let (a, b) = (
                                        shown(&d.field, &d.mentee),
                                        shown(&d.field, &d.mentor),
                                    );
                                    view! {
                                        <li>
                                            <strong>{label}</strong>
                                            ": mentee “"
                                            {a}
                                            "”, mentor “"
                                            {b}
                                            "”"
                                        </li>
                                    }
                                })
                                .collect_view()
                        })}
                    </ul>
                    <When when=move || !status().is_done()>
                        <p>
                            "Talk it through, then write what you both agree in the consensus — an agreed value for each point above."
                        </p>
                    </When>
                </section>
            </When>
            {dynamic(move || {
                undo.get()
                    .map(|r| {
                        view! {
                            <div class="banner banner-info undo" role="status">
                                <p>{r.what}</p>
                                <Button secondary=true on_click=undo_it>
                                    "Undo"
                                </Button>
                            </div>
                        }
                    })
            })}
            <section class="consensus" aria-labelledby="consensus-title">
                <h3 id="consensus-title">"Consensus"</h3>
                <When when=move || !read_only.get()>
                    <div class="actions-row">
                        <When when=can_agree>
                            <Button on_click=move |()| replace(
                                Voice::Consensus,
                                "The consensus was replaced by your answers.".into(),
                                &|id, r| {
                                    actions::agree(&store, id, r);
                                },
                            )>"We agree: use our answers"</Button>
                        </When>
                        {Side::BOTH
                            .map(|side| {
                                let start = move |()| {
                                    replace(
                                        Voice::Consensus,
                                        format!(
                                            "The consensus was replaced by the {}'s answer.",
                                            side.label(),
                                        ),
                                        &|id, r| actions::copy_to_consensus(&store, id, r, side),
                                    )
                                };
                                view! {
                                    <Button secondary=true on_click=start>
                                        {format!("Start from the {}'s answer", side.label())}
                                    </Button>
                                }
                            })
                            .into_iter()
                            .collect_view()}
                    </div>
                </When>
                <AnswerColumn
                    theme
                    voice=Voice::Consensus
                    read_only
                    legend=Signal::derive(|| "What you both agree".to_string())
                />
            </section>
            <TextArea
                id="theme-notes"
                label="Notes"
                rows=2
                disabled=read_only
                value=Binding::live(
                    move || theme.with(|t| t.as_ref().map(|t| t.notes.clone()).unwrap_or_default()),
                    move |v: String| act(&|id, r| actions::set_notes(&store, id, r, &v)),
                )
            />
        </article>
    }
}

/// One voice's answer: the theme's structured fields, then free text.
#[component]
fn AnswerColumn(
    theme: Memo<Option<ThemeEntry>>,
    voice: Voice,
    read_only: Signal<bool>,
    legend: Signal<String>,
) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let vk = voice_key(voice);
    let answer = Memo::new(move |_| {
        theme.with(|t| t.as_ref().map(|t| t.answer(voice).clone()).unwrap_or_default())
    });
    // Rebuilt only when the theme changes, never while its answers are typed.
    let spec_key = Memo::new(move |_| theme.with(|t| t.as_ref().map(|t| t.key.clone())));
    let fields = move || {
        spec_key.with(|k| {
            k.as_deref()
                .and_then(crate::model::themes::theme)
                .map(|s| s.fields.to_vec())
                .unwrap_or_default()
        })
    };
    // Refused values (a number out of range) are explained next to the field.
    let field_errors = RwSignal::new(std::collections::BTreeMap::<&'static str, String>::new());
    // A value is saved as it is typed when it is acceptable; one that is not
    // (a number out of range, or half-typed) is explained when the field is
    // left, and kept out of the answer.
    let set_value = move |key: &'static str, value: String, leaving: bool| {
        if let Some(r) = theme.with_untracked(|t| t.as_ref().map(ThemeRef::of)) {
            let result = actions::set_value(&store, current.id_untracked(), &r, voice, key, &value);
            field_errors.update(|errs| match result {
                Ok(()) => {
                    errs.remove(key);
                }
                Err(e) if leaving => {
                    errs.insert(key, e.to_string());
                }
                Err(_) => {}
            });
        }
    };
    // Says whose answer a control belongs to, for a screen reader: the
    // label shows "How often", the control is named "How often — mentee".
    let whose = match voice {
        Voice::Partner(side) => format!(" — {}", side.label()),
        Voice::Consensus => " — consensus".to_string(),
    };
    let set_text = move |text: String| {
        if let Some(r) = theme.with_untracked(|t| t.as_ref().map(ThemeRef::of)) {
            actions::set_text(&store, current.id_untracked(), &r, voice, &text);
        }
    };
    view! {
        <fieldset class=format!("answer answer-{vk}")>
            <legend>{dynamic_text(move || legend.get())}</legend>
            {dynamic(move || {
                fields()
                    .into_iter()
                    .map(|f| {
                        let id = format!("t-{vk}-{}", f.key);
                        let error_id = format!("{id}-error");
                        let value = move || {
                            answer.with(|a: &Answer| a.value(f.key).unwrap_or("").to_string())
                        };
                        let error = move || field_errors.with(|e| e.get(f.key).cloned());
                        let control = match f.kind {
                            FieldKind::Number { min, max, unit } => {
                                view! {
                                    <span class="with-unit">
                                        <input
                                            id=id.clone()
                                            type="number"
                                            min=min
                                            max=max
                                            inputmode="numeric"
                                            disabled=read_only
                                            aria-invalid=move || error().map(|_| "true")
                                            aria-describedby=error_id.clone()
                                            prop:value=value
                                            on:input:target=move |ev| {
                                                set_value(f.key, ev.target().value(), false)
                                            }
                                            on:change:target=move |ev| {
                                                set_value(f.key, ev.target().value(), true)
                                            }
                                        />
                                        <span class="unit">{unit}</span>
                                    </span>
                                    {move || {
                                        error()
                                            .map(|e| {
                                                view! {
                                                    <span class="field-error" id=error_id.clone() role="alert">
                                                        {e}
                                                    </span>
                                                }
                                            })
                                    }}
                                }
                                    .into_any()
                            }
                            _ => {
                                view! {
                                    <select
                                        id=id.clone()
                                        disabled=read_only
                                        prop:value=value
                                        on:change:target=move |ev| {
                                            set_value(f.key, ev.target().value(), true)
                                        }
                                    >
                                        {options(&f)
                                            .into_iter()
                                            .map(|(v, l)| {
                                                let selected = {
                                                    let v = v.clone();
                                                    move || value() == v
                                                };
                                                view! {
                                                    <option value=v selected=selected>
                                                        {l}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                }
                                    .into_any()
                            }
                        };
                        view! {
                            <div class="field">
                                <label for=id>
                                    {f.label} <span class="visually-hidden">{whose.clone()}</span>
                                </label>
                                {control}
                            </div>
                        }
                    })
                    .collect_view()
            })}
            <TextArea
                id=format!("t-{vk}-text")
                label=match voice {
                    Voice::Partner(side) => {
                        format!("The {}'s view, in their own words", side.label())
                    }
                    Voice::Consensus => "The consensus, in your words".to_string(),
                }
                rows=3
                disabled=read_only
                value=Binding::live(move || answer.with(|a| a.text.clone()), set_text)
            />
        </fieldset>
    }
}

/// An optional theme: marked "not needed for us" (it counts as settled and
/// needs no answers), or back to needed.
#[component]
fn NotNeeded(
    not_needed: Signal<bool>,
    read_only: Signal<bool>,
    set: Callback<bool>,
) -> impl IntoView {
    view! {
        <div
            class="banner not-needed"
            class:banner-info=move || not_needed.get()
            role="status"
            data-not-needed=move || not_needed.get().to_string()
        >
            <p>
                {dynamic_text(move || {
                    if not_needed.get() {
                        "You agreed you do not need this. It counts as settled, and the agreement says so."
                    } else {
                        "Optional: not every pair needs this. If you agree you do not, mark it and it counts as settled."
                    }
                })}
            </p>
            <When when=move || !read_only.get()>
                <Button secondary=true on_click=move |()| set.run(!not_needed.get_untracked())>
                    {dynamic_text(move || {
                        if not_needed.get() { "We need it after all" } else { "Not needed for us" }
                    })}
                </Button>
            </When>
        </div>
    }
}
