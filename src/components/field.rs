//! Labelled form controls. Every control has a `<label>`, an optional hint,
//! and shows its error (from a list of [`FieldError`]s, by field key) next to
//! it, linked with `aria-describedby` and marked `aria-invalid`.

use leptos::prelude::*;

use crate::model::validate::FieldError;

/// The error message for `field`, if any.
pub fn error_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field || e.field.ends_with(&format!(".{field}")))
        .map(|e| e.message.clone())
}

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

/// A one-line input (`kind`: text, date, time, number, url, email…).
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    /// Key of this field in `errors`.
    #[prop(optional, into)]
    field: String,
    #[prop(optional, into)] errors: Option<Signal<Vec<FieldError>>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] autocomplete: Option<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let error = Signal::derive({
        let field = field.clone();
        move || errors.and_then(|e| e.with(|list| error_for(list, &field)))
    });
    let has_hint = hint.is_some();
    let input_id = id.clone();
    let desc_id = id.clone();
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(" (required)")}</label>
            {hint
                .map(|h| {
                    view! {
                        <span class="hint" id=format!("{}-hint", id)>
                            {h}
                        </span>
                    }
                })}
            <input
                id=input_id
                type=kind
                bind:value=value
                required=required
                autocomplete=autocomplete
                disabled=disabled
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=move || described_by(&desc_id, has_hint, error.get().is_some())
            />
            {
                let id = id.clone();
                move || {
                    error
                        .get()
                        .map(|e| {
                            view! {
                                <span class="field-error" id=format!("{}-error", id)>
                                    {e}
                                </span>
                            }
                        })
                }
            }
        </div>
    }
}

/// A multi-line text area.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(optional, into)] field: String,
    #[prop(optional, into)] errors: Option<Signal<Vec<FieldError>>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = 4)] rows: u32,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let error = Signal::derive({
        let field = field.clone();
        move || errors.and_then(|e| e.with(|list| error_for(list, &field)))
    });
    let has_hint = hint.is_some();
    let desc_id = id.clone();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint
                .map(|h| {
                    view! {
                        <span class="hint" id=format!("{}-hint", id)>
                            {h}
                        </span>
                    }
                })}
            <textarea
                id=id.clone()
                rows=rows
                bind:value=value
                disabled=disabled
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=move || described_by(&desc_id, has_hint, error.get().is_some())
            ></textarea>
            {
                let id = id.clone();
                move || {
                    error
                        .get()
                        .map(|e| {
                            view! {
                                <span class="field-error" id=format!("{}-error", id)>
                                    {e}
                                </span>
                            }
                        })
                }
            }
        </div>
    }
}

/// A drop-down of `(value, label)` options.
#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let desc = described_by(&id, has_hint, false);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint
                .map(|h| {
                    view! {
                        <span class="hint" id=format!("{}-hint", id)>
                            {h}
                        </span>
                    }
                })}
            <select
                id=id.clone()
                aria-describedby=desc
                disabled=disabled
                on:change:target=move |ev| value.set(ev.target().value())
                prop:value=move || value.get()
            >
                {options
                    .into_iter()
                    .map(|(v, l)| {
                        let selected = {
                            let v = v.clone();
                            move || value.get() == v
                        };
                        view! {
                            <option value=v selected=selected>
                                {l}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Radio buttons in a fieldset with a legend.
#[component]
pub fn RadioGroup(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <fieldset class="field radio-group">
            <legend>{legend}</legend>
            {options
                .into_iter()
                .map(|(v, l)| {
                    let id = format!("{name}-{v}");
                    let checked = {
                        let v = v.clone();
                        move || value.get() == v
                    };
                    let pick = v.clone();
                    let label_for = id.clone();
                    view! {
                        <label class="radio" for=label_for>
                            <input
                                type="radio"
                                id=id
                                name=name.clone()
                                value=v
                                prop:checked=checked
                                disabled=disabled
                                on:change=move |_| value.set(pick.clone())
                            />
                            {l}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// A summary of errors at the top of a form, for screen readers and for
/// errors that belong to no single field.
#[component]
pub fn ErrorSummary(errors: Signal<Vec<FieldError>>) -> impl IntoView {
    view! {
        <Show when=move || errors.with(|e| !e.is_empty())>
            <div class="banner banner-error" role="alert">
                <p>"Please fix the following:"</p>
                <ul>
                    {move || {
                        errors
                            .get()
                            .into_iter()
                            .map(|e| view! { <li>{e.message}</li> })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}
