//! Exchange: sending this mentorship to the partner's device — by link,
//! share sheet, file or copied text — and receiving what they sent.

use crate::components::dynamic::{dynamic, dynamic_text};
use crate::components::when::When;
use leptos::prelude::*;
use uuid::Uuid;

use crate::browser;
use crate::components::button::Button;
use crate::components::copy_button::CopyButton;
use crate::components::error_message::ErrorMessage;
use crate::components::field::Checkbox;
use crate::components::form::Work;
use crate::components::page::section_title;
use crate::components::protect_form::ProtectForm;
use crate::components::qr_code::QrCode;
use crate::components::receive_panel::ReceivePanel;
use crate::model::Record;
use crate::state::actions::exchange::{self, Outgoing};
use crate::state::{use_current, use_store, ActionError};

#[component]
pub fn Exchange() -> impl IntoView {
    section_title("Exchange");
    let current = use_current();
    let partner = move || current.partner_name();
    view! {
        <h1>"Exchange"</h1>
        <p class="lead">
            {dynamic_text(move || {
                format!(
                    "Tandem has no server: you and {} send each other what changed, as a link, a message or a file, and each device merges it. Your private notes never leave this device.",
                    partner(),
                )
            })}
        </p>
        <ConflictsSection />
        <SendSection />
        <section class="card" aria-labelledby="receive-title">
            <h2 id="receive-title">
                {dynamic_text(move || format!("Receive from {}", partner()))}
            </h2>
            <ReceivePanel expected=current.id_untracked() />
        </section>
    }
}

/// Texts written on both devices at once: the version that did not stand,
/// beside the one that did, to keep or take.
#[component]
fn ConflictsSection() -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let error = RwSignal::new(None::<ActionError>);
    let open = current.memo(move |d| {
        d.conflicts
            .iter()
            .filter(|c| c.is_live())
            .map(|c| {
                let stands = c.field.read(d, c.record).unwrap_or_default();
                (c.id(), c.field.describe(d, c.record), stands, c.text.clone())
            })
            .collect::<Vec<_>>()
    });
    let resolve = move |id: Uuid, take: bool| {
        error.set(exchange::resolve(&store, current.id_untracked(), id, take).err());
    };
    view! {
        <When when=move || open.with(|c| !c.is_empty())>
            <section class="card conflicts" aria-labelledby="conflicts-title" data-conflicts>
                <h2 id="conflicts-title">"Written on both devices at once"</h2>
                <p>
                    "You and your partner changed these texts before receiving each other's change. The later one stands; the other is kept here until you choose."
                </p>
                <ul class="plain-list">
                    {dynamic(move || {
                        open.get()
                            .into_iter()
                            .enumerate()
                            .map(|(n, (id, what, stands, kept))| {
                                let resolve = Callback::new(move |take| resolve(id, take));
                                view! { <ConflictRow n=n + 1 what stands kept resolve /> }
                            })
                            .collect_view()
                    })}
                </ul>
                <ErrorMessage error />
            </section>
        </When>
    }
}

/// One text written on both devices: what it is (the `n`th in the list),
/// the version that stands and the other, and the choice between them.
#[component]
fn ConflictRow(
    n: usize,
    what: String,
    stands: String,
    kept: String,
    /// Called with `true` to take the other version, `false` to keep.
    resolve: Callback<bool>,
) -> impl IntoView {
    let label = what.clone();
    let named = move |action: &'static str| {
        let what = label.clone();
        Signal::derive(move || format!("{action} ({n}: {what})"))
    };
    view! {
        <li class="conflict">
            <h3>{what}</h3>
            <p class="muted">"Stands now:"</p>
            <blockquote>{stands}</blockquote>
            <p class="muted">"The other version:"</p>
            <blockquote data-kept>{kept}</blockquote>
            <div class="actions-row">
                <Button
                    on_click=move |()| resolve.run(true)
                    accessible_label=named("Use the other version")
                >
                    "Use the other version"
                </Button>
                <Button
                    secondary=true
                    on_click=move |()| resolve.run(false)
                    accessible_label=named("Keep what stands")
                >
                    "Keep what stands"
                </Button>
            </div>
        </li>
    }
}

/// The bundle as a file protected with a passphrase, for a mailbox.
#[component]
fn ProtectedFile(
    outgoing: RwSignal<Option<Outgoing>>,
    done: impl Fn(Result<(), ActionError>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let store = use_store();
    let download = Callback::new(move |(passphrase, again): (String, String)| -> Work {
        let outgoing = outgoing.get_untracked();
        Box::pin(async move {
            let Some(o) = outgoing else { return Ok(()) };
            let result = exchange::download_protected(store, o, passphrase, again).await;
            done(result.clone());
            result
        })
    });
    view! {
        <ProtectForm
            prefix="bundle"
            summary="Protect the file with a passphrase"
            intro="Only someone with the passphrase can open the file: tell it to your partner another way (in person, by phone)."
            what="the file"
            button="Download a protected file (.txt)"
            download
        />
    }
}

#[component]
fn SendSection() -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let whole = RwSignal::new(false);
    let error = RwSignal::new(None::<ActionError>);
    let sent = RwSignal::new(false);
    let outgoing = RwSignal::new(None::<Outgoing>);
    // The QR code is drawn only once asked for.
    let qr_shown = RwSignal::new(false);
    // Built ahead of the tap, so the share sheet opens inside it.
    Effect::new(move |_| {
        let whole = whole.get();
        // Built again whenever the mentorship changes (a conflict resolved
        // on this page goes out with the next send).
        current.with(|_| ());
        sent.set(false);
        match exchange::prepare(&store, current.id_untracked(), whole, &browser::app_url()) {
            Ok(o) => outgoing.set(Some(o)),
            Err(e) => error.set(Some(e)),
        }
    });
    let can_share = browser::can_share_files();
    let partner = move || current.partner_name();
    let done = move |result: Result<(), ActionError>| match result {
        Ok(()) => {
            error.set(None);
            sent.set(true);
        }
        Err(e) => error.set(Some(e)),
    };
    let mark_sent = Callback::new(move |()| {
        if let Some(o) = outgoing.get_untracked() {
            done(exchange::mark_sent(&store, &o));
        }
    });
    let download = move |()| {
        if let Some(o) = outgoing.get_untracked() {
            done(exchange::download(&store, &o));
        }
    };
    let share = move |()| {
        if let Some(o) = outgoing.get_untracked() {
            leptos::task::spawn_local(async move { done(exchange::share(store, o).await) });
        }
    };
    let link = Signal::derive(move || {
        outgoing.with(|o| o.as_ref().and_then(|o| o.link.clone())).unwrap_or_default()
    });
    let text = Signal::derive(move || {
        outgoing.with(|o| o.as_ref().map(|o| o.text.clone())).unwrap_or_default()
    });
    view! {
        <section class="card" aria-labelledby="send-title">
            <h2 id="send-title">{dynamic_text(move || format!("Send to {}", partner()))}</h2>
            <p data-send-summary>
                {dynamic_text(move || {
                    outgoing
                        .with(|o| {
                            o.as_ref()
                                .map(|o| {
                                    if o.partial {
                                        format!(
                                            "What changed since your last exchange: {}.",
                                            o.summary,
                                        )
                                    } else {
                                        format!(
                                            "Everything shared: {}. Opened on {}'s device, it joins them to this mentorship, or brings theirs up to date.",
                                            o.summary,
                                            partner(),
                                        )
                                    }
                                })
                        })
                        .unwrap_or_default()
                })}
            </p>
            <When when=move || outgoing.with(|o| o.as_ref().is_some_and(|o| !o.first))>
                <div class="check-row">
                    <Checkbox id="send-whole" checked=whole on_toggle=move |on| whole.set(on)>
                        "Send everything (a full copy), not only what changed"
                    </Checkbox>
                </div>
            </When>
            <div class="actions-row">
                <When when=move || !link.get().is_empty()>
                    <CopyButton label="Copy the link" text=link on_copied=mark_sent />
                </When>
                {can_share.then(|| view! { <Button on_click=share>"Share…"</Button> })}
                <Button secondary=true on_click=download>
                    "Download as a file (.txt)"
                </Button>
                <CopyButton label="Copy as text" text on_copied=mark_sent />
            </div>
            <ProtectedFile outgoing done />
            <When when=move || !link.get().is_empty()>
                <details
                    class="qr"
                    prop:open=move || qr_shown.get()
                    on:toggle=move |ev| {
                        qr_shown.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))
                    }
                >
                    <summary>
                        "Show the link as a QR code (for a phone next to this screen)"
                    </summary>
                    <When when=move || qr_shown.get()>
                        <QrCode text=link label="QR code of the link" />
                        // Only the person knows whether the phone read it.
                        <Button secondary=true on_click=move |()| mark_sent.run(())>
                            "It was scanned: mark as sent"
                        </Button>
                    </When>
                </details>
            </When>
            <When when=move || link.get().is_empty() && outgoing.with(|o| o.is_some())>
                <p class="hint" data-link-too-long>
                    {dynamic_text(move || {
                        format!(
                            "Too long for a link ({} characters; mail and chat apps take about 2,000): send the file, or copy it as text.",
                            text.get().len(),
                        )
                    })}
                </p>
            </When>
            <When when=move || sent.get()>
                <p class="banner banner-info" role="status" data-sent>
                    {dynamic_text(move || {
                        format!(
                            "Ready for {}. Next time, only what changes from now on is sent.",
                            partner(),
                        )
                    })}
                </p>
            </When>
            <ErrorMessage error />
        </section>
    }
}
