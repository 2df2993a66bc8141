//! Receiving what the partner sent: paste it (a link or the text) or open
//! the file; see who sent what and what receiving it changes; then confirm —
//! nothing changes before. A mentorship not on this device is offered to
//! join, as the side the sender is not on (or as the same person's other
//! device).
//!
//! What arrives is read the same way whichever way it came: pasted, picked,
//! from a link's fragment, or the file the installed app was opened with.

use crate::components::dynamic::dynamic;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;
use wasm_bindgen::JsCast;

use super::button::{Button, FormButtons};
use super::error_message::ErrorMessage;
use super::form::{submitted, Work};
use super::protect_form::OpenProtectedForm;
use crate::browser;
use crate::model::counting::count;
use crate::model::dates;
use crate::model::exchange::Received;
use crate::model::Side;
use crate::paths;
use crate::state::actions::exchange;
use crate::state::{use_store, ActionError};

#[component]
pub fn ReceivePanel(
    /// The mentorship it must be for, when received from its own page.
    #[prop(optional)]
    expected: Option<Uuid>,
    /// Text to read at once (from a link's fragment).
    #[prop(optional)]
    initial: Option<String>,
    /// Reads the file the installed app is opened with ("Open with
    /// Tandem"), on the page that file handling lands on.
    #[prop(optional)]
    launched_files: bool,
) -> impl IntoView {
    let store = use_store();
    let navigate = use_navigate();
    let pasted = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ActionError>);
    let preview = RwSignal::new(None::<Received>);
    // The text last read, to read again when the side to join as changes.
    let source = StoredValue::new(String::new());
    // A protected file's text, waiting for its passphrase.
    let protected = RwSignal::new(None::<String>);
    let read = move |text: String, join_as: Option<Side>| {
        if exchange::is_protected(&text) {
            preview.set(None);
            error.set(None);
            protected.set(Some(text));
            request_animation_frame(|| browser::focus("bundle-open-passphrase"));
            return;
        }
        protected.set(None);
        source.set_value(text.clone());
        match exchange::open(&store, &text, expected, join_as) {
            Ok(r) => {
                error.set(None);
                preview.set(Some(r));
            }
            Err(e) => {
                preview.set(None);
                error.set(Some(e));
            }
        }
    };
    if let Some(text) = initial {
        read(text, None);
    }
    let on_paste = submitted(move || {
        read(pasted.get_untracked(), None);
    });
    let open_file = move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            match exchange::read_file(file).await {
                Ok(text) => read(text, None),
                Err(e) => {
                    preview.set(None);
                    error.set(Some(e));
                }
            }
        });
    };
    if launched_files {
        browser::on_launched_file(move |file| match file {
            Ok(file) => open_file(file),
            Err(e) => {
                preview.set(None);
                error.set(Some(ActionError::failed(format!("The file could not be read: {e}."))));
            }
        });
    }
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        open_file(file);
    };
    let join_as = Callback::new(move |side: Side| read(source.get_value(), Some(side)));
    let confirm = Callback::new(move |()| {
        let Some(received) = preview.get_untracked() else { return };
        match exchange::confirm(&store, received) {
            Ok(id) => navigate(&paths::mentorship(id), Default::default()),
            Err(e) => error.set(Some(e)),
        }
    });
    let open = Callback::new(move |(file, passphrase): (String, String)| -> Work {
        Box::pin(async move {
            let text = exchange::unprotect(file, passphrase).await?;
            read(text, None);
            Ok(())
        })
    });
    let cancel = move |()| {
        preview.set(None);
        pasted.set(String::new());
    };
    view! {
        <form class="receive-form" on:submit=on_paste>
            <div class="field">
                <label for="receive-text">"Paste the link or text you were sent"</label>
                <textarea
                    id="receive-text"
                    rows="3"
                    prop:value=move || pasted.get()
                    on:input:target=move |ev| pasted.set(ev.target().value())
                ></textarea>
            </div>
            <FormButtons submit="Read it" />
        </form>
        <div class="field">
            <label for="receive-file">"Or open the file you were sent (.txt)"</label>
            <input id="receive-file" type="file" accept=".txt,text/plain" on:change=on_file />
        </div>
        <ErrorMessage error />
        <OpenProtectedForm
            file=protected
            id="bundle-open-passphrase"
            label="This is protected: its passphrase"
            button="Open it"
            open
        />
        {dynamic(move || {
            preview
                .get()
                .map(|r| {
                    view! {
                        <ReceivedPreview received=r.clone() join_as />
                        <div class="actions-row">
                            <Button on_click=confirm>
                                {if r.joining {
                                    format!("Join as the {}", r.my_side.label())
                                } else {
                                    "Receive it".to_string()
                                }}
                            </Button>
                            <Button secondary=true on_click=cancel>
                                "Cancel"
                            </Button>
                        </div>
                    }
                })
        })}
    }
}

/// Who sent it, for which mentorship, and what receiving it changes.
#[component]
fn ReceivedPreview(received: Received, join_as: Callback<Side>) -> impl IntoView {
    let sent = dates::date_time(&received.sent_at);
    let from = format!(
        "From {}, the {}, sent {sent}, for “{}”.",
        received.sender,
        received.from.label(),
        received.title
    );
    let changes: Vec<String> = received
        .changes
        .0
        .iter()
        .map(|k| {
            let mut parts = Vec::new();
            for (n, what) in [(k.added, "added"), (k.changed, "changed"), (k.deleted, "deleted")] {
                if n > 0 {
                    parts.push(format!("{n} {what}"));
                }
            }
            format!("{}: {}", capitalise(k.kind), parts.join(", "))
        })
        .collect();
    let nothing_new = changes.is_empty();
    let other = received.from;
    let joining = received.joining;
    let my_side = received.my_side;
    view! {
        <section
            class="card receive-preview"
            aria-labelledby="receive-preview-title"
            data-receive-preview
        >
            <h3 id="receive-preview-title">
                {if joining { "Join this mentorship?" } else { "Receive this?" }}
            </h3>
            <p>{from}</p>
            {joining
                .then(|| {
                    view! {
                        <p>
                            {format!(
                                "It is not on this device yet. You join as the {}; your own answers, feedback and signature are yours to add here.",
                                my_side.label(),
                            )}
                        </p>
                        {(my_side != other)
                            .then(|| {
                                view! {
                                    <Button secondary=true on_click=move |()| join_as.run(other)>
                                        {format!(
                                            "I am the {} too: this is my other device",
                                            other.label(),
                                        )}
                                    </Button>
                                }
                            })}
                    }
                })}
            {(!nothing_new)
                .then(|| {
                    view! {
                        <ul class="plain-list" data-receive-changes>
                            {changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                        </ul>
                    }
                })}
            {nothing_new
                .then(|| view! { <p>"Nothing new: this device already holds all of it."</p> })}
            {(received.refused > 0)
                .then(|| {
                    view! {
                        <p class="banner banner-warn" role="status" data-refused>
                            {format!(
                                "{} to your own answers, feedback, check-ins or signature left out: only you change those.",
                                count(received.refused, "change"),
                            )}
                        </p>
                    }
                })}
            {(received.clamped > 0)
                .then(|| {
                    view! {
                        <p class="hint">
                            {format!(
                                "{} more than a day ahead of this device's clock set to now.",
                                count(received.clamped, "time"),
                            )}
                        </p>
                    }
                })}
        </section>
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
