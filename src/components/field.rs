//! Labelled form controls. Every control has a `<label>` (or a `<legend>`),
//! an optional hint, and shows its error (from a list of [`FieldError`]s, by
//! field key) next to it, linked with `aria-describedby` and marked
//! `aria-invalid`.
//!
//! A text control is bound either to a form's own signal (checked and saved
//! on submit) or, with [`Binding::live`], to the store: it shows what is
//! stored and every keystroke calls an action. Choices ([`Select`],
//! [`RadioGroup`]) hold typed values ([`Choice`]), never strings to parse
//! back.

use crate::components::dynamic::{dynamic, dynamic_text};
use leptos::prelude::*;
use uuid::Uuid;

use crate::model::session_notes::ReviewOutcome;
use crate::model::task::StatusFilter;
use crate::model::validate::FieldError;
use crate::model::Side;

/// A typed value offered in a [`Select`] or a [`RadioGroup`]. Its `key`
/// names it in the page (the option's value, the radio button's id); the
/// value chosen is looked up by it, never parsed from it.
pub trait Choice: Clone + PartialEq + Send + Sync + 'static {
    fn key(&self) -> String;
}

impl Choice for Side {
    fn key(&self) -> String {
        self.label().to_string()
    }
}

impl Choice for Option<Side> {
    fn key(&self) -> String {
        self.map(|s| s.key()).unwrap_or_default()
    }
}

impl Choice for Option<Uuid> {
    fn key(&self) -> String {
        self.map(|id| id.to_string()).unwrap_or_default()
    }
}

impl Choice for bool {
    fn key(&self) -> String {
        if *self { "yes" } else { "no" }.to_string()
    }
}

impl Choice for Option<bool> {
    fn key(&self) -> String {
        self.map(|b| b.key()).unwrap_or_default()
    }
}

impl Choice for u32 {
    fn key(&self) -> String {
        self.to_string()
    }
}

impl Choice for u8 {
    fn key(&self) -> String {
        self.to_string()
    }
}

impl Choice for StatusFilter {
    fn key(&self) -> String {
        match self {
            StatusFilter::Open => "open",
            StatusFilter::Done => "done",
            StatusFilter::Dropped => "dropped",
            StatusFilter::All => "all",
        }
        .to_string()
    }
}

impl Choice for Option<ReviewOutcome> {
    fn key(&self) -> String {
        match self {
            None => "",
            Some(ReviewOutcome::Done) => "done",
            Some(ReviewOutcome::CarriedOver) => "carried_over",
            Some(ReviewOutcome::Dropped) => "dropped",
        }
        .to_string()
    }
}

/// The choice in `options` whose key is `key`.
fn chosen<T: Choice>(options: &[(T, String)], key: &str) -> Option<T> {
    options.iter().find(|(v, _)| v.key() == key).map(|(v, _)| v.clone())
}

/// The error message for `field`, if any.
pub fn error_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field || e.field.ends_with(&format!(".{field}")))
        .map(|e| e.message.clone())
}

/// The ids a control's `aria-describedby` names: its hint and its error.
fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// Where a control's value comes from and where a change goes: a form's
/// own signal, or the store read live with an action writing each change.
pub struct Binding<T: Send + Sync + 'static = String> {
    read: Signal<T>,
    write: Callback<T>,
    /// For a form's field: its key and the form's errors, so the control
    /// shows its own.
    checked: Option<(&'static str, Signal<Vec<FieldError>>)>,
}

impl<T: Send + Sync + 'static> Clone for Binding<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Binding<T> {}

impl<T: Clone + Send + Sync + 'static> Binding<T> {
    /// Shows what `read` says; every change goes to `write` (an action that
    /// saves it).
    pub fn live(
        read: impl Fn() -> T + Send + Sync + 'static,
        write: impl Fn(T) + Send + Sync + 'static,
    ) -> Binding<T> {
        Binding { read: Signal::derive(read), write: Callback::new(write), checked: None }
    }
}

impl<T: Clone + Send + Sync + 'static> From<RwSignal<T>> for Binding<T> {
    fn from(signal: RwSignal<T>) -> Binding<T> {
        Binding { read: signal.into(), write: Callback::new(move |v| signal.set(v)), checked: None }
    }
}

impl<T: Send + Sync + 'static> Binding<T> {
    /// The same binding, showing the error `errors` hold for `key`.
    pub(super) fn checked(self, key: &'static str, errors: Signal<Vec<FieldError>>) -> Self {
        Binding { checked: Some((key, errors)), ..self }
    }
}

/// What every field shares: its error (by key), and the ids that describe it.
struct Described {
    error: Signal<Option<String>>,
    described_by: Signal<Option<String>>,
}

fn describe<T: Send + Sync + 'static>(
    id: &str,
    value: &Binding<T>,
    field: String,
    errors: Option<Signal<Vec<FieldError>>>,
    has_hint: bool,
) -> Described {
    let (field, errors) = match value.checked {
        Some((key, errors)) => (key.to_string(), Some(errors)),
        None => (field, errors),
    };
    let error = Signal::derive(move || errors.and_then(|e| e.with(|list| error_for(list, &field))));
    let id = id.to_string();
    let described_by = Signal::derive(move || described_by(&id, has_hint, error.get().is_some()));
    Described { error, described_by }
}

/// What every labelled control shares: its label, the hint under it and
/// the error under the control, which is the child.
#[component]
fn FieldFrame(
    id: String,
    label: Signal<String>,
    #[prop(optional)] required: bool,
    hint: Option<Signal<String>>,
    /// Read after the label by a screen reader only, to tell this field from
    /// its look-alikes on the page (" for “Lead a project”").
    context: Option<Signal<String>>,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>
                {dynamic_text(move || label.get())} {required.then_some(" (required)")}
                {context
                    .map(|c| {
                        view! {
                            <span class="visually-hidden">{dynamic_text(move || c.get())}</span>
                        }
                    })}
            </label>
            {hint
                .map(|h| {
                    view! {
                        <span class="hint" id=hint_id>
                            {dynamic_text(move || h.get())}
                        </span>
                    }
                })}
            {children()}
            {dynamic(move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <span class="field-error" id=error_id.clone()>
                                {e}
                            </span>
                        }
                    })
            })}
        </div>
    }
}

/// A one-line input (`kind`: text, date, time, number, url, email…).
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Binding,
    /// Key of this field in `errors`.
    #[prop(optional, into)]
    field: String,
    #[prop(optional, into)] errors: Option<Signal<Vec<FieldError>>>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] autocomplete: Option<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// Tells this field from its look-alikes, for a screen reader only.
    #[prop(optional, into)]
    context: Option<Signal<String>>,
    /// Called when the person leaves a changed field (`change`).
    #[prop(optional, into)]
    on_commit: Option<Callback<String>>,
) -> impl IntoView {
    let d = describe(&id, &value, field, errors, hint.is_some());
    let Binding { read, write, .. } = value;
    view! {
        <FieldFrame id=id.clone() label required hint context error=d.error>
            <input
                id=id.clone()
                type=kind
                prop:value=move || read.get()
                on:input:target=move |ev| write.run(ev.target().value())
                on:change:target=move |ev| {
                    if let Some(commit) = on_commit {
                        commit.run(ev.target().value());
                    }
                }
                required=required
                autocomplete=autocomplete
                disabled=disabled
                aria-invalid=move || d.error.get().is_some().then_some("true")
                aria-describedby=move || d.described_by.get()
            />
        </FieldFrame>
    }
}

/// A multi-line text area.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Binding,
    #[prop(optional, into)] field: String,
    #[prop(optional, into)] errors: Option<Signal<Vec<FieldError>>>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(default = 4)] rows: u32,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let d = describe(&id, &value, field, errors, hint.is_some());
    let Binding { read, write, .. } = value;
    view! {
        <FieldFrame id=id.clone() label hint context=None error=d.error>
            <textarea
                id=id.clone()
                rows=rows
                prop:value=move || read.get()
                on:input:target=move |ev| write.run(ev.target().value())
                disabled=disabled
                aria-invalid=move || d.error.get().is_some().then_some("true")
                aria-describedby=move || d.described_by.get()
            ></textarea>
        </FieldFrame>
    }
}

/// A drop-down of typed choices, each with its label.
#[component]
pub fn Select<T>(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Binding<T>,
    #[prop(into)] options: Signal<Vec<(T, String)>>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// Tells this field from its look-alikes, for a screen reader only.
    #[prop(optional, into)]
    context: Option<Signal<String>>,
) -> impl IntoView
where
    T: Choice,
{
    let d = describe(&id, &value, String::new(), None, hint.is_some());
    let Binding { read, write, .. } = value;
    let pick = move |key: String| {
        if let Some(v) = options.with_untracked(|list| chosen(list, &key)) {
            write.run(v);
        }
    };
    view! {
        <FieldFrame id=id.clone() label hint context error=d.error>
            <select
                id=id
                disabled=disabled
                aria-describedby=move || d.described_by.get()
                prop:value=move || read.with(Choice::key)
                on:change:target=move |ev| pick(ev.target().value())
            >
                {dynamic(move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(choice, text)| {
                            let is_chosen = {
                                let choice = choice.clone();
                                move || read.with(|v| *v == choice)
                            };
                            view! {
                                <option value=choice.key() selected=is_chosen>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                })}
            </select>
        </FieldFrame>
    }
}

/// Radio buttons of typed choices in a fieldset with a legend.
#[component]
pub fn RadioGroup<T>(
    /// The group's `name`, also the start of each button's id.
    #[prop(into)]
    name: String,
    #[prop(into)] legend: Signal<String>,
    #[prop(into)] value: Binding<T>,
    #[prop(into)] options: Signal<Vec<(T, String)>>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView
where
    T: Choice,
{
    let Binding { read, write, .. } = value;
    view! {
        <fieldset class="field radio-group">
            <legend>{dynamic_text(move || legend.get())}</legend>
            {dynamic(move || {
                options
                    .get()
                    .into_iter()
                    .map(|(choice, text)| {
                        let id = format!("{name}-{}", choice.key());
                        let label_for = id.clone();
                        let checked = {
                            let choice = choice.clone();
                            move || read.with(|v| *v == choice)
                        };
                        view! {
                            <label class="radio" for=label_for>
                                <input
                                    type="radio"
                                    id=id
                                    name=name.clone()
                                    value=choice.key()
                                    prop:checked=checked
                                    disabled=disabled
                                    on:change=move |_| write.run(choice.clone())
                                />
                                {text}
                            </label>
                        }
                    })
                    .collect_view()
            })}
        </fieldset>
    }
}

/// A checkbox and its label (the children); the label is struck through
/// while checked when `strike` is set (things done).
#[component]
pub fn Checkbox(
    #[prop(into)] id: String,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_toggle: Callback<bool>,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional)] strike: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <input
            type="checkbox"
            id=id.clone()
            prop:checked=move || checked.get()
            disabled=disabled
            on:change:target=move |ev| on_toggle.run(ev.target().checked())
        />
        <label for=id class:done=move || strike && checked.get()>
            {children()}
        </label>
    }
}
