//! The two forms of a file protected with a passphrase of its own (a
//! backup, a bundle for the partner): choosing the passphrase, typed twice,
//! to download it ([`ProtectForm`]); and typing it to open one that
//! arrived ([`OpenProtectedForm`]).

use leptos::prelude::*;

use super::field::TextField;
use crate::model::validate::FieldError;

/// A passphrase typed twice and the download button, in a `<details>`.
/// Its fields are `{prefix}-passphrase` and `{prefix}-passphrase-again`.
#[component]
pub fn ProtectForm(
    prefix: &'static str,
    /// What the `<details>` opens with.
    summary: &'static str,
    /// Said above the fields.
    intro: &'static str,
    /// "the backup", "the file".
    what: &'static str,
    button: &'static str,
    /// Downloads with the passphrase and its repetition; the errors it gets
    /// back go to the signal.
    on_download: Callback<(String, String, RwSignal<Vec<FieldError>>)>,
) -> impl IntoView {
    let passphrase = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_download.run((passphrase.get_untracked(), again.get_untracked(), errors));
    };
    let (first, second) = (format!("{prefix}-passphrase"), format!("{prefix}-passphrase-again"));
    view! {
        <details>
            <summary>{summary}</summary>
            <form on:submit=on_submit aria-label=button>
                <p class="hint">{intro}</p>
                <TextField
                    id=first.clone()
                    label=format!("Passphrase for {what}")
                    kind="password"
                    autocomplete="new-password"
                    value=passphrase
                    field=first
                    errors=errors
                />
                <TextField
                    id=second.clone()
                    label=format!("The passphrase for {what} again")
                    kind="password"
                    autocomplete="new-password"
                    value=again
                    field=second
                    errors=errors
                />
                <div class="actions-row">
                    <button type="submit">{button}</button>
                </div>
            </form>
        </details>
    }
}

/// The passphrase of a protected file that arrived, and the button that
/// opens it. Its field is `id`.
#[component]
pub fn OpenProtectedForm(
    id: &'static str,
    label: &'static str,
    button: &'static str,
    /// Opens with the passphrase typed; the errors it gets back go to the
    /// signal.
    on_open: Callback<(String, RwSignal<Vec<FieldError>>)>,
) -> impl IntoView {
    let passphrase = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_open.run((passphrase.get_untracked(), errors));
        passphrase.set(String::new());
    };
    view! {
        <form on:submit=on_submit aria-label=button>
            <TextField
                id=id
                label=label
                kind="password"
                autocomplete="off"
                value=passphrase
                field=id
                errors=errors
            />
            <div class="actions-row">
                <button type="submit">{button}</button>
            </div>
        </form>
    }
}
