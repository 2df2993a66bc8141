//! A button that copies text to the clipboard and says whether it worked —
//! a failure (the browser refused) is shown, never dropped.

use crate::components::when::When;
use leptos::prelude::*;

use super::error_message::ErrorMessage;
use crate::browser;
use crate::state::ActionError;

#[component]
pub fn CopyButton(
    #[prop(into)] label: String,
    /// The text to copy, read when the button is pressed.
    #[prop(into)]
    text: Signal<String>,
    /// Called once the text is on the clipboard.
    #[prop(optional, into)]
    on_copied: Option<Callback<()>>,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let error = RwSignal::new(None::<ActionError>);
    let copy = move |_| {
        let text = text.get_untracked();
        leptos::task::spawn_local(async move {
            match browser::copy_text(&text).await {
                Ok(()) => {
                    error.set(None);
                    copied.set(true);
                    if let Some(done) = on_copied {
                        done.run(());
                    }
                }
                Err(e) => {
                    copied.set(false);
                    error.set(Some(ActionError::failed(format!(
                        "Copying failed ({e}): select the text and copy it yourself."
                    ))));
                }
            }
        });
    };
    view! {
        <button type="button" class="secondary" on:click=copy>
            {label}
        </button>
        <When when=move || copied.get()>
            <span class="copy-status" role="status">
                "Copied."
            </span>
        </When>
        <ErrorMessage error />
    }
}
