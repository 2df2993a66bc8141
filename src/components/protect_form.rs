//! The two forms of a file protected with a passphrase of its own (a
//! backup, a bundle for the partner): choosing the passphrase, typed twice,
//! to download it ([`ProtectForm`]); and typing it to open one that
//! arrived ([`OpenProtectedForm`]).

use leptos::prelude::*;

use super::button::FormButtons;
use super::field::TextField;
use super::form::{submitted, ErrorSummary, Work, Working};
use super::when::When;
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
    /// Makes and downloads the file with the passphrase and its repetition.
    download: Callback<(String, String), Work>,
) -> impl IntoView {
    let passphrase = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let work = Working::new();
    let errors = work.errors();
    let done = RwSignal::new(None::<String>);
    let on_submit = submitted(move || {
        let typed = (passphrase.get_untracked(), again.get_untracked());
        done.set(None);
        work.run(
            || download.run(typed),
            move |ok| {
                if ok {
                    passphrase.set(String::new());
                    again.set(String::new());
                    done.set(Some(format!(
                        "Downloaded. Keep the passphrase for {what} somewhere safe: without it, the file cannot be opened."
                    )));
                }
            },
        );
    });
    let (first, second) = (format!("{prefix}-passphrase"), format!("{prefix}-passphrase-again"));
    view! {
        <details>
            <summary>{summary}</summary>
            <form on:submit=on_submit aria-label=button>
                <ErrorSummary errors />
                <p class="hint">{intro}</p>
                <PassphraseField
                    id=first
                    label=format!("Passphrase for {what}")
                    value=passphrase
                    errors
                    autocomplete="new-password"
                />
                <PassphraseField
                    id=second
                    label=format!("The passphrase for {what} again")
                    value=again
                    errors
                    autocomplete="new-password"
                />
                <p role="status" class="muted">
                    {move || done.get()}
                </p>
                <FormButtons submit=button busy=work.busy() />
            </form>
        </details>
    }
}

/// The passphrase of a protected file that arrived, and the button that
/// opens it, shown while `file` holds one. Its field is `id`.
#[component]
pub fn OpenProtectedForm(
    /// The protected file's text, waiting for its passphrase.
    file: RwSignal<Option<String>>,
    id: &'static str,
    label: &'static str,
    button: &'static str,
    /// Opens the file's text with the passphrase typed.
    open: Callback<(String, String), Work>,
) -> impl IntoView {
    let passphrase = RwSignal::new(String::new());
    let work = Working::new();
    let errors = work.errors();
    // Empty, without errors, for each file that arrives.
    Effect::new(move |_| {
        file.track();
        passphrase.set(String::new());
        errors.set(Vec::new());
    });
    let on_submit = submitted(move || {
        if let Some(text) = file.get_untracked() {
            let typed = passphrase.get_untracked();
            work.run(|| open.run((text, typed)), |_| ());
        }
        passphrase.set(String::new());
    });
    view! {
        <When when=move || file.with(Option::is_some)>
            <form on:submit=on_submit aria-label=button>
                <ErrorSummary errors />
                <PassphraseField id label value=passphrase errors autocomplete="off" />
                <FormButtons submit=button busy=work.busy() />
            </form>
        </When>
    }
}

/// A passphrase field; its key in `errors` is its `id`. `autocomplete`
/// tells password managers what it is: "new-password" for one being chosen,
/// "current-password" for Tandem's own asked back, "off" for a file's.
#[component]
pub fn PassphraseField(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    autocomplete: &'static str,
) -> impl IntoView {
    view! { <TextField id=id.clone() label kind="password" autocomplete value field=id errors /> }
}
