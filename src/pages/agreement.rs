//! The mentoring agreement: generate the draft from the conversation, edit
//! it, both sign with their typed name; a signed version is frozen with its
//! fingerprint, and changing it starts an amendment. Earlier versions stay
//! readable. Print view and "Copy as Markdown" for filing it.

use crate::components::dynamic::{dynamic, dynamic_text};
use crate::components::when::When;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use crate::components::button::{Button, FormButtons};
use crate::components::confirm::ConfirmButton;
use crate::components::copy_button::CopyButton;
use crate::components::error_message::ErrorMessage;
use crate::components::field::{Binding, TextArea, TextField};
use crate::components::form::{focus_on_open, submitted};
use crate::components::markdown_view::MarkdownView;
use crate::components::page::section_title;
use crate::components::print_frame::{printed, PrintFrame};
use crate::export;
use crate::model::agreement::{self, AgreementVersion};
use crate::model::agreement_drift::Drift;
use crate::model::{dates, Side};
use crate::paths;
use crate::state::actions::agreement as actions;
use crate::state::{use_current, use_store, ActionError};

#[component]
pub fn AgreementPage() -> impl IntoView {
    section_title("Agreement");
    let store = use_store();
    let current = use_current();
    let versions = current
        .memo(move |d| agreement::history(&d.agreements).into_iter().cloned().collect::<Vec<_>>());
    let unsettled = Memo::new(move |_| current.with(actions::unsettled).unwrap_or_default());
    let latest = Memo::new(move |_| versions.with(|v| v.first().cloned()));
    // An earlier version can be opened with ?version=N; otherwise the latest.
    let asked = version_in_link();
    let shown =
        Memo::new(move |_| versions.with(|list| asked_version(list.iter().collect(), asked.get())));
    let shown_id = Memo::new(move |_| shown.with(|s| s.as_ref().map(|v| v.meta.id)));
    let is_latest = move || shown_id.get() == latest.with(|l| l.as_ref().map(|v| v.meta.id));
    let error = RwSignal::new(None::<ActionError>);
    let generate = move |_| error.set(actions::generate(&store, current.id_untracked()).err());
    view! {
        <h1>"Mentoring agreement"</h1>
        <When when=move || !unsettled.with(|u| u.is_empty())>
            <div class="banner banner-warn" role="status" data-unsettled>
                <p>
                    {dynamic_text(move || {
                        format!(
                            "Not settled yet in the expectations conversation: {}. The agreement can be drafted now, but it can only be signed once every theme is settled.",
                            unsettled.get().join(", "),
                        )
                    })}
                </p>
                <A href=move || paths::conversation(current.id())>"Go to the conversation"</A>
            </div>
        </When>
        <ErrorMessage error />
        <When
            when=move || latest.with(|l| l.is_some())
            fallback=move || {
                view! {
                    <section class="card">
                        <p>
                            "The agreement is written from what you agreed in the expectations conversation and from the mentee's goals. You can edit it before you both sign."
                        </p>
                        <When when=move || !current.read_only()>
                            <Button on_click=generate>"Write the agreement"</Button>
                        </When>
                    </section>
                }
            }
        >
            {dynamic(move || {
                shown_id
                    .get()
                    .map(|id| {
                        view! {
                            <VersionView
                                id
                                latest=Signal::derive(is_latest)
                                unsettled=unsettled.into()
                            />
                        }
                    })
            })}
            <VersionList versions />
        </When>
    }
}

/// The version a link asks for (`?version=N`), else the latest.
fn asked_version(history: Vec<&AgreementVersion>, asked: Option<u32>) -> Option<AgreementVersion> {
    asked
        .and_then(|n| history.iter().find(|v| v.number == n))
        .or(history.first())
        .map(|v| (*v).clone())
}

/// The `?version=N` of the current link.
fn version_in_link() -> Memo<Option<u32>> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| q.get(paths::query::VERSION)).and_then(|v| v.parse::<u32>().ok())
    })
}

/// The state of a version in words.
fn state_of(v: &AgreementVersion) -> String {
    if let Some(on) = v.signed_on() {
        format!("Signed by both on {}", dates::long(on))
    } else if Side::BOTH.iter().any(|s| v.valid_signature(*s).is_some()) {
        "Awaiting one signature".into()
    } else {
        "Draft".into()
    }
}

#[component]
fn VersionView(id: Uuid, latest: Signal<bool>, unsettled: Signal<Vec<String>>) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    // Read from the store on every change, so the view follows edits made
    // here or in another tab without being rebuilt (and losing its state).
    let version = current.memo(move |d| d.agreements.iter().find(|v| v.meta.id == id).cloned());
    let get = move |f: fn(&AgreementVersion) -> String| {
        move || version.with(|v| v.as_ref().map(f).unwrap_or_default())
    };
    let frozen =
        Signal::derive(move || version.with(|v| v.as_ref().is_some_and(|v| v.is_frozen())));
    let editable = Signal::derive(move || latest.get() && !frozen.get() && !current.read_only());
    let body = Signal::derive(get(|v| v.body.clone()));
    let number = move || version.with(|v| v.as_ref().map(|v| v.number).unwrap_or_default());
    let editing = RwSignal::new(false);
    let amending = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ActionError>);
    let text = Binding::live(
        move || body.get(),
        move |text: String| {
            error.set(actions::edit(&store, current.id_untracked(), id, &text).err())
        },
    );
    let regenerate = move |()| error.set(actions::generate(&store, current.id_untracked()).err());
    // What the conversation and goals changed since this version was written
    // (only the latest version can follow them).
    let drift = Memo::new(move |_| {
        if !latest.get() {
            return Drift::default();
        }
        current
            .with(|d| version.with(|v| v.as_ref().map(|v| actions::drift(d, v))))
            .flatten()
            .unwrap_or_default()
    });
    let updated = RwSignal::new(None::<String>);
    let update = move |()| match actions::bring_up_to_date(&store, current.id_untracked(), id) {
        Ok(kept) => {
            error.set(None);
            updated.set(Some(updated_message(&kept)));
        }
        Err(e) => error.set(Some(e)),
    };
    let amend_for_drift = move |()| {
        note.set(format!(
            "Brought up to date with the conversation: {}.",
            drift.with_untracked(|d| d.changed.join(", "))
        ));
        amending.set(true);
    };
    let amend = submitted(move || {
        match actions::amend(&store, current.id_untracked(), &note.get_untracked()) {
            Ok(_) => {
                amending.set(false);
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    });
    let markdown = Signal::derive(move || {
        version.with(|v| v.as_ref().map(export::agreement::markdown).unwrap_or_default())
    });
    let print_href = move || paths::agreement_print(current.id(), Some(number()));
    view! {
        <section
            class="card agreement"
            aria-labelledby="version-title"
            data-version=number
            data-frozen=move || frozen.get().to_string()
        >
            <header class="version-head">
                <h2 id="version-title">{dynamic_text(move || format!("Version {}", number()))}</h2>
                <span class="chip" data-state>
                    {get(state_of)}
                </span>
            </header>
            {dynamic(move || {
                version
                    .with(|v| v.as_ref().map(|v| v.change_note.clone()).filter(|n| !n.is_empty()))
                    .map(|n| view! { <p class="muted">{format!("Changes: {n}")}</p> })
            })}
            <DriftNotice
                drift
                frozen
                read_only=Signal::derive(move || current.read_only())
                update
                amend=amend_for_drift
            />
            {dynamic(move || {
                updated
                    .get()
                    .map(|message| {
                        view! {
                            <p class="banner banner-info" role="status">
                                {message}
                            </p>
                        }
                    })
            })}
            <When when=move || frozen.get()>
                <p class="fingerprint">
                    "Fingerprint "<code data-fingerprint>{get(|v| v.fingerprint())}</code>
                </p>
                <p class="muted">
                    "A code worked out from the exact words of this version: if your partner's copy shows the same code, you both signed the same text."
                </p>
            </When>
            <When
                when=move || editing.get() && editable.get()
                fallback=move || {
                    view! {
                        <article class="document">
                            <MarkdownView text=body top=2 />
                        </article>
                    }
                }
            >
                <TextArea
                    id="agreement-body"
                    label="Agreement text"
                    hint="Start a heading with ## and a list item with -; the preview below shows how it will read. Saved as you type; editing withdraws any signature given to the old text."
                    value=text
                    rows=18
                />
                <section class="preview" aria-labelledby="preview-title">
                    <h3 id="preview-title">"Preview"</h3>
                    <article class="document">
                        <MarkdownView text=body top=3 />
                    </article>
                </section>
            </When>
            <ErrorMessage error />
            <div class="actions-row no-print">
                <When when=move || editable.get()>
                    <Button secondary=true on_click=move |()| editing.update(|e| *e = !*e)>
                        {dynamic_text(move || {
                            if editing.get() { "Done editing" } else { "Edit the text" }
                        })}
                    </Button>
                    <ConfirmButton
                        label="Rewrite from the conversation"
                        message="Rewrite the text from the conversation and goals? Your edits to this draft will be replaced, and any signature withdrawn."
                        confirm_label="Rewrite the text"
                        on_confirm=regenerate
                    />
                </When>
                <CopyButton label="Copy as Markdown" text=markdown />
                <a class="button secondary" href=print_href>
                    "Print view"
                </a>
            </div>
            <h3>"Signatures"</h3>
            <div class="signatures">
                {Side::BOTH
                    .into_iter()
                    .map(|side| view! { <SignatureBox version side editable unsettled /> })
                    .collect_view()}
            </div>
            <When when=move || latest.get() && frozen.get() && !current.read_only()>
                <When
                    when=move || amending.get()
                    fallback=move || {
                        view! {
                            <div class="no-print">
                                <Button secondary=true on_click=move |()| amending.set(true)>
                                    "Amend the agreement"
                                </Button>
                            </div>
                        }
                    }
                >
                    <form class="card no-print" on:submit=amend node_ref=focus_on_open()>
                        <p>
                            "An amendment is a new version: the same text to change, signed again by both. This version stays as it was signed."
                        </p>
                        <TextField id="amend-note" label="What changes, and why" value=note />
                        <FormButtons
                            submit="Start the amendment"
                            on_cancel=move |()| amending.set(false)
                        />
                    </form>
                </When>
            </When>
        </section>
    }
}

/// What an update of the draft did, in words.
fn updated_message(kept: &[String]) -> String {
    match kept {
        [] => "The draft now says what the conversation says.".into(),
        [one] => format!("The draft now says what the conversation says, except “{one}”: you had edited it, so it stays as you wrote it. Check it against the conversation."),
        many => format!("The draft now says what the conversation says, except {}: you had edited them, so they stay as you wrote them. Check them against the conversation.", many.iter().map(|s| format!("“{s}”")).collect::<Vec<_>>().join(", ")),
    }
}

/// "The conversation changed since this draft (or since signing)": what
/// changed, and the one step that brings the agreement up to date.
#[component]
fn DriftNotice(
    drift: Memo<Drift>,
    frozen: Signal<bool>,
    read_only: Signal<bool>,
    #[prop(into)] update: Callback<()>,
    #[prop(into)] amend: Callback<()>,
) -> impl IntoView {
    let changed = move || drift.with(|d| d.changed.join(", "));
    view! {
        <When when=move || !drift.with(Drift::is_empty)>
            <div class="banner banner-warn no-print" role="status" data-drift>
                <p>
                    {dynamic_text(move || {
                        if frozen.get() {
                            format!(
                                "The conversation or the goals changed since this version was signed: {}. If the agreement should say so, amend it.",
                                changed(),
                            )
                        } else {
                            format!(
                                "The conversation or the goals changed since this draft was written: {}.",
                                changed(),
                            )
                        }
                    })}
                </p>
                {dynamic(move || {
                    let edited = drift.with(|d| d.edited.join(", "));
                    (!frozen.get() && !edited.is_empty())
                        .then(|| {
                            view! {
                                <p>
                                    {format!(
                                        "You edited {edited} yourself: updating leaves your words there, for you to check.",
                                    )}
                                </p>
                            }
                        })
                })}
                <When when=move || {
                    !read_only.get()
                }>
                    {dynamic(move || {
                        if frozen.get() {
                            view! {
                                <Button on_click=move |()| {
                                    amend.run(())
                                }>"Amend it to match"</Button>
                            }
                                .into_any()
                        } else {
                            view! {
                                <Button on_click=move |()| {
                                    update.run(())
                                }>"Update the draft"</Button>
                            }
                                .into_any()
                        }
                    })}
                </When>
            </div>
        </When>
    }
}

#[component]
fn SignatureBox(
    version: Memo<Option<AgreementVersion>>,
    side: Side,
    editable: Signal<bool>,
    unsettled: Signal<Vec<String>>,
) -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ActionError>);
    let party =
        move || version.with(|v| v.as_ref().map(|v| v.party(side).to_string()).unwrap_or_default());
    let signature =
        move || version.with(|v| v.as_ref().and_then(|v| v.valid_signature(side).cloned()));
    let input_id = format!("sign-{}", side.label());
    let blocked = move || !unsettled.with(|u| u.is_empty());
    let sign = submitted(move || {
        let Some(vid) = version.with_untracked(|v| v.as_ref().map(|v| v.meta.id)) else {
            return;
        };
        error.set(
            actions::sign(&store, current.id_untracked(), vid, side, &typed.get_untracked()).err(),
        );
    });
    view! {
        <div class="signature" data-side=side.label()>
            <h4>{dynamic_text(move || format!("{} — {}", side.title(), party()))}</h4>
            {dynamic(move || match signature() {
                Some(sig) => {
                    view! {
                        <p class="signed">
                            {format!("Signed “{}” on {}", sig.name, dates::long(sig.date()))}
                        </p>
                    }
                        .into_any()
                }
                None if editable.get() && current.owns(side) => {
                    let input_id = input_id.clone();
                    let why_id = format!("{input_id}-why");
                    let described_by = why_id.clone();
                    view! {
                        <form on:submit=sign class="no-print">
                            <TextField
                                id=input_id
                                label=format!("Type your full name to sign as the {}", side.label())
                                value=typed
                                field="name"
                                errors=Signal::derive(move || {
                                    error.get().map(|e| e.field_errors()).unwrap_or_default()
                                })
                                autocomplete="name"
                            />
                            // Not disabled while themes are open (a disabled button
                            // cannot be reached to hear why): the reason is next to
                            // it, and signing says it again.
                            <button
                                type="submit"
                                aria-disabled=move || blocked().then_some("true")
                                aria-describedby=move || blocked().then(|| described_by.clone())
                            >
                                {format!("Sign as {}", side.label())}
                            </button>
                            <When when=blocked>
                                <p class="hint sign-blocked" id=why_id.clone()>
                                    {dynamic_text(move || {
                                        format!(
                                            "It can be signed once every theme is settled. Not settled yet: {}.",
                                            unsettled.get().join(", "),
                                        )
                                    })}
                                </p>
                            </When>
                            <ErrorMessage error />
                        </form>
                    }
                        .into_any()
                }
                None if editable.get() => {
                    view! {
                        <p class="muted">
                            {dynamic_text(move || {
                                format!("Not signed yet: {} signs on their own device.", party())
                            })}
                        </p>
                    }
                        .into_any()
                }
                None => view! { <p class="muted">"Not signed."</p> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn VersionList(versions: Memo<Vec<AgreementVersion>>) -> impl IntoView {
    let current = use_current();
    view! {
        <When when=move || versions.with(|v| v.len() > 1)>
            <section aria-labelledby="versions-title" class="no-print">
                <h2 id="versions-title">"All versions"</h2>
                <ul class="plain-list versions">
                    {dynamic(move || {
                        versions
                            .get()
                            .into_iter()
                            .map(|v| {
                                let href = paths::agreement_version(current.id(), v.number);
                                view! {
                                    <li>
                                        <A href=href>{format!("Version {}", v.number)}</A>
                                        {format!(
                                            " — {} (created {})",
                                            state_of(&v),
                                            dates::long(v.meta.created_at.date_naive()),
                                        )}
                                    </li>
                                }
                            })
                            .collect_view()
                    })}
                </ul>
            </section>
        </When>
    }
}

/// The agreement alone, for printing: no navigation, no controls.
#[component]
pub fn AgreementPrint() -> impl IntoView {
    let asked = version_in_link();
    let (found, version) = printed("Agreement", move |d| {
        asked_version(agreement::history(&d.agreements), asked.get())
    });
    view! {
        <PrintFrame
            printed=found
            empty_title="No agreement to print"
            back=paths::agreement
            back_label="Back to the agreement"
        >
            {dynamic(move || version.get().map(|v| view! { <PrintedAgreement v /> }))}
        </PrintFrame>
    }
}

/// An agreement version as printed: its text, both signature lines, its
/// number, state and fingerprint.
#[component]
fn PrintedAgreement(v: AgreementVersion) -> impl IntoView {
    let body = v.body.clone();
    let signature_line = |side: Side| {
        let name = v.party(side);
        let line = match v.valid_signature(side) {
            Some(sig) => format!("Signed “{}” on {}", sig.name, dates::long(sig.date())),
            None => "Not signed".to_string(),
        };
        view! {
            <p>
                <strong>{format!("{name} ({})", side.label())}</strong>
                <br />
                {line}
            </p>
        }
    };
    view! {
        <MarkdownView text=Signal::derive(move || body.clone()) top=1 />
        <h2>"Signatures"</h2>
        <div class="signature-lines">
            {Side::BOTH.into_iter().map(signature_line).collect_view()}
        </div>
        <p class="muted">
            {format!("Version {} · {} · Fingerprint {}", v.number, state_of(&v), v.fingerprint())}
        </p>
    }
}
