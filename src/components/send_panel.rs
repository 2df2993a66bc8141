//! "Send": copy as plain text or Markdown, open an email, download a calendar
//! event — each counts as sending, and the time is recorded.

use leptos::prelude::*;

use super::button::Button;
use super::copy_button::CopyButton;
use crate::browser;
use crate::export::mailto;

/// What can be sent, made on demand.
#[derive(Clone, Default)]
pub struct Outgoing {
    pub subject: String,
    pub plain: String,
    pub markdown: String,
    /// A calendar file: `(file name, contents)`.
    pub ics: Option<(String, String)>,
}

#[component]
pub fn SendPanel(
    /// What this sends, e.g. "agenda".
    #[prop(into)]
    what: String,
    outgoing: Signal<Outgoing>,
    /// Recorded when something was sent.
    on_sent: impl Fn() + Copy + Send + Sync + 'static,
    /// When it was last sent, in words, if it was.
    #[prop(into)]
    sent: Signal<Option<String>>,
) -> impl IntoView {
    let feedback = RwSignal::new(None::<String>);
    let plain = Signal::derive(move || outgoing.with(|o| o.plain.clone()));
    let markdown = Signal::derive(move || outgoing.with(|o| o.markdown.clone()));
    let email = move || {
        let o = outgoing.get();
        mailto::link("", &o.subject, &o.plain)
    };
    let download = move |_| {
        if let Some((name, text)) = outgoing.get_untracked().ics {
            match browser::download(&name, "text/calendar", &text) {
                Ok(()) => {
                    on_sent();
                    feedback.set(Some(format!(
                        "{name} downloaded: open it to add the session to your calendar."
                    )));
                }
                Err(e) => feedback.set(Some(format!("The calendar file could not be made: {e}."))),
            }
        }
    };
    let kind = what.clone();
    view! {
        <div class="send-panel" data-send=kind>
            <h3>{format!("Send the {what}")}</h3>
            <p class="muted">{move || sent.get().unwrap_or_else(|| "Not sent yet.".into())}</p>
            <div class="actions-row">
                <CopyButton label="Copy as text" text=plain on_copied=move |()| on_sent() />
                <CopyButton label="Copy as Markdown" text=markdown on_copied=move |()| on_sent() />
                <a class="button secondary" href=email on:click=move |_| on_sent()>
                    "Email it"
                </a>
                <Show when=move || outgoing.with(|o| o.ics.is_some())>
                    <Button secondary=true on_click=download>
                        "Calendar event (.ics)"
                    </Button>
                </Show>
                <Button on_click=move |()| {
                    on_sent();
                    feedback.set(Some(format!("The {} is marked as sent.", what)));
                }>"Mark as sent"</Button>
            </div>
            {move || {
                feedback
                    .get()
                    .map(|f| {
                        view! {
                            <p role="status" class="send-feedback">
                                {f}
                            </p>
                        }
                    })
            }}
            <details>
                <summary>"Show the text"</summary>
                <pre class="outgoing-text">{move || outgoing.with(|o| o.plain.clone())}</pre>
            </details>
        </div>
    }
}
