//! "Send": copy as plain text or Markdown, open an email, download a calendar
//! event — and say when it was sent ("Mark as sent", which can be taken
//! back). Copying is not sending: only the person knows when it went out.

use crate::components::dynamic::{dynamic, dynamic_text};
use crate::components::when::When;
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
    pub ics: Option<CalendarFile>,
}

/// A calendar file to download, with its button's label (unique on the page).
#[derive(Clone)]
pub struct CalendarFile {
    pub label: &'static str,
    pub name: String,
    pub text: String,
}

#[component]
pub fn SendPanel(
    /// What this sends, e.g. "agenda".
    what: &'static str,
    outgoing: Signal<Outgoing>,
    /// Records that it was sent (`true`), or takes that back (`false`).
    #[prop(into)]
    mark_sent: Callback<bool>,
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
    // Copying, emailing or downloading is not sending: the person says when
    // it went out.
    let remind = move || {
        if sent.with_untracked(Option::is_none) {
            feedback.set(Some(format!("Once you have sent the {what}, mark it as sent.")));
        }
    };
    let download = move |()| {
        if let Some(CalendarFile { name, text, .. }) = outgoing.get_untracked().ics {
            match browser::download(&name, "text/calendar", &text) {
                Ok(()) => {
                    let then = if sent.with_untracked(Option::is_none) {
                        format!(" Once you have sent the {what}, mark it as sent.")
                    } else {
                        String::new()
                    };
                    feedback.set(Some(format!(
                        "{name} downloaded: open it to add the session to your calendar.{then}"
                    )))
                }
                Err(e) => feedback.set(Some(format!("The calendar file could not be made: {e}."))),
            }
        }
    };
    let mark = move |now_sent: bool| {
        mark_sent.run(now_sent);
        feedback.set(Some(if now_sent {
            format!("The {what} is marked as sent.")
        } else {
            format!("The {what} is marked as not sent.")
        }));
    };
    view! {
        <div class="send-panel" data-send=what>
            <h3>{format!("Send the {what}")}</h3>
            <p class="muted">
                {dynamic_text(move || sent.get().unwrap_or_else(|| "Not sent yet.".into()))}
            </p>
            <div class="actions-row">
                <CopyButton
                    label=format!("Copy the {what} as text")
                    text=plain
                    on_copied=move |()| remind()
                />
                <CopyButton
                    label=format!("Copy the {what} as Markdown")
                    text=markdown
                    on_copied=move |()| remind()
                />
                <a class="button secondary" href=email on:click=move |_| remind()>
                    {format!("Email the {what}")}
                </a>
                <When when=move || outgoing.with(|o| o.ics.is_some())>
                    <Button secondary=true on_click=download>
                        {dynamic_text(move || outgoing.with(|o| o.ics.as_ref().map(|c| c.label)))}
                    </Button>
                </When>
                <When
                    when=move || sent.with(Option::is_some)
                    fallback=move || {
                        view! {
                            <Button on_click=move |()| mark(
                                true,
                            )>{format!("Mark the {what} as sent")}</Button>
                        }
                    }
                >
                    <Button secondary=true on_click=move |()| mark(false)>
                        {format!("Undo: the {what} is not sent")}
                    </Button>
                </When>
            </div>
            {dynamic(move || {
                feedback
                    .get()
                    .map(|f| {
                        view! {
                            <p role="status" class="send-feedback">
                                {f}
                            </p>
                        }
                    })
            })}
            <details>
                <summary>{format!("Show the {what}'s text")}</summary>
                <pre class="outgoing-text">
                    {dynamic_text(move || outgoing.with(|o| o.plain.clone()))}
                </pre>
            </details>
        </div>
    }
}
