//! The mentoring agreement: generate the draft from the conversation, edit
//! it, both sign with their typed name; a signed version is frozen with its
//! fingerprint, and changing it starts an amendment. Earlier versions stay
//! readable. Print view and "Copy as Markdown" for filing it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use super::mentorship::use_current;
use crate::browser;
use crate::components::confirm::Confirm;
use crate::components::markdown_view::MarkdownView;
use crate::export;
use crate::model::agreement::{self, AgreementVersion};
use crate::model::{dates, Side};
use crate::paths;
use crate::state::actions::agreement as actions;
use crate::state::use_store;

#[component]
pub fn AgreementPage() -> impl IntoView {
    let store = use_store();
    let current = use_current();
    let query = use_query_map();
    let versions = Memo::new(move |_| {
        current
            .with(|d| agreement::history(&d.agreements).into_iter().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let unsettled = Memo::new(move |_| current.with(actions::unsettled).unwrap_or_default());
    let latest = Memo::new(move |_| versions.with(|v| v.first().cloned()));
    // An earlier version can be opened with ?version=N; otherwise the latest.
    let shown = Memo::new(move |_| {
        let wanted = query.with(|q| q.get("version")).and_then(|v| v.parse::<u32>().ok());
        versions.with(|list| {
            wanted
                .and_then(|n| list.iter().find(|v| v.number == n).cloned())
                .or_else(|| list.first().cloned())
        })
    });
    let shown_id = Memo::new(move |_| shown.with(|s| s.as_ref().map(|v| v.meta.id)));
    let is_latest = move || shown_id.get() == latest.with(|l| l.as_ref().map(|v| v.meta.id));
    let error = RwSignal::new(None::<String>);
    let generate = move |_| {
        error.set(actions::generate(&store, current.id_untracked()).err().map(|e| e.to_string()))
    };
    view! {
        <h1>"Mentoring agreement"</h1>
        <Show when=move || !unsettled.with(|u| u.is_empty())>
            <div class="banner banner-warn" role="status" data-unsettled>
                <p>
                    {move || {
                        format!(
                            "Not settled yet in the expectations conversation: {}. The agreement can be drafted now, but it can only be signed once every theme is settled.",
                            unsettled.get().join(", "),
                        )
                    }}
                </p>
                <A href=move || paths::conversation(
                    &current.id().to_string(),
                )>"Go to the conversation"</A>
            </div>
        </Show>
        {move || {
            error
                .get()
                .map(|e| {
                    view! {
                        <p class="banner banner-error" role="alert">
                            {e}
                        </p>
                    }
                })
        }}
        <Show
            when=move || latest.with(|l| l.is_some())
            fallback=move || {
                view! {
                    <section class="card">
                        <p>
                            "The agreement is written from what you agreed in the expectations conversation and from the mentee's goals. You can edit it before you both sign."
                        </p>
                        <Show when=move || !current.read_only()>
                            <button type="button" on:click=generate>
                                "Write the agreement"
                            </button>
                        </Show>
                    </section>
                }
            }
        >
            {move || {
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
            }}
            <VersionList versions />
        </Show>
    }
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
    let version = Memo::new(move |_| {
        current.with(|d| d.agreements.iter().find(|v| v.meta.id == id).cloned()).flatten()
    });
    let get = move |f: fn(&AgreementVersion) -> String| {
        move || version.with(|v| v.as_ref().map(f).unwrap_or_default())
    };
    let frozen =
        Signal::derive(move || version.with(|v| v.as_ref().is_some_and(|v| v.is_frozen())));
    let editable = Signal::derive(move || latest.get() && !frozen.get() && !current.read_only());
    let body = Signal::derive(get(|v| v.body.clone()));
    let number = move || version.with(|v| v.as_ref().map(|v| v.number).unwrap_or_default());
    let editing = RwSignal::new(false);
    let confirm_regenerate = RwSignal::new(false);
    let amending = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    let on_edit = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        error.set(
            actions::edit(&store, current.id_untracked(), id, &text).err().map(|e| e.to_string()),
        );
    };
    let regenerate = move || {
        error.set(actions::generate(&store, current.id_untracked()).err().map(|e| e.to_string()));
        confirm_regenerate.set(false);
    };
    let amend = move |_| match actions::amend(&store, current.id_untracked(), &note.get_untracked())
    {
        Ok(_) => {
            amending.set(false);
            error.set(None);
        }
        Err(e) => error.set(Some(e.to_string())),
    };
    let copy = move |_| {
        let Some(text) = version.with_untracked(|v| v.as_ref().map(export::agreement::markdown))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            match browser::copy_text(&text).await {
                Ok(()) => copied.set(true),
                Err(e) => error.set(Some(format!("Copying failed: {e}."))),
            }
        });
    };
    let print_href = move || {
        format!("{}?version={}", paths::agreement_print(&current.id().to_string()), number())
    };
    view! {
        <section
            class="card agreement"
            aria-labelledby="version-title"
            data-version=number
            data-frozen=move || frozen.get().to_string()
        >
            <header class="version-head">
                <h2 id="version-title">{move || format!("Version {}", number())}</h2>
                <span class="chip" data-state>
                    {get(state_of)}
                </span>
            </header>
            {move || {
                version
                    .with(|v| v.as_ref().map(|v| v.change_note.clone()).filter(|n| !n.is_empty()))
                    .map(|n| view! { <p class="muted">{format!("Changes: {n}")}</p> })
            }}
            <Show when=move || frozen.get()>
                <p class="fingerprint">
                    "Fingerprint "<code data-fingerprint>{get(|v| v.fingerprint())}</code>
                    " — compare it with your partner's copy: the same fingerprint means the same text."
                </p>
            </Show>
            <Show
                when=move || editing.get() && editable.get()
                fallback=move || {
                    view! {
                        <article class="document">
                            <MarkdownView text=body top=2 />
                        </article>
                    }
                }
            >
                <div class="field">
                    <label for="agreement-body">"Agreement text"</label>
                    <span class="hint" id="agreement-body-hint">
                        "Markdown: ## for a heading, - for a list item. Saved as you type; editing withdraws any signature given to the old text."
                    </span>
                    <textarea
                        id="agreement-body"
                        rows="24"
                        aria-describedby="agreement-body-hint"
                        prop:value=move || body.get()
                        on:input=on_edit
                    ></textarea>
                </div>
            </Show>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="banner banner-error" role="alert">
                                {e}
                            </p>
                        }
                    })
            }}
            <div class="actions-row no-print">
                <Show when=move || editable.get()>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| editing.update(|e| *e = !*e)
                    >
                        {move || if editing.get() { "Done editing" } else { "Edit the text" }}
                    </button>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| confirm_regenerate.set(true)
                    >
                        "Rewrite from the conversation"
                    </button>
                </Show>
                <button type="button" class="secondary" on:click=copy>
                    {move || if copied.get() { "Copied" } else { "Copy as Markdown" }}
                </button>
                <a class="button secondary" href=print_href>
                    "Print view"
                </a>
            </div>
            <Show when=move || confirm_regenerate.get()>
                <Confirm
                    message=Signal::derive(|| {
                        "Rewrite the text from the conversation and goals? Your edits to this draft will be replaced, and any signature withdrawn."
                            .to_string()
                    })
                    confirm_label="Rewrite the text"
                    on_confirm=regenerate
                    on_cancel=move || confirm_regenerate.set(false)
                />
            </Show>
            <h3>"Signatures"</h3>
            <div class="signatures">
                {Side::BOTH
                    .into_iter()
                    .map(|side| view! { <SignatureBox version side editable unsettled /> })
                    .collect_view()}
            </div>
            <Show when=move || latest.get() && frozen.get() && !current.read_only()>
                <Show
                    when=move || amending.get()
                    fallback=move || {
                        view! {
                            <button
                                type="button"
                                class="secondary no-print"
                                on:click=move |_| amending.set(true)
                            >
                                "Amend the agreement"
                            </button>
                        }
                    }
                >
                    <div class="card no-print">
                        <p>
                            "An amendment is a new version: the same text to change, signed again by both. This version stays as it was signed."
                        </p>
                        <div class="field">
                            <label for="amend-note">"What changes, and why"</label>
                            <input id="amend-note" type="text" bind:value=note />
                        </div>
                        <div class="actions-row">
                            <button type="button" on:click=amend>
                                "Start the amendment"
                            </button>
                            <button
                                type="button"
                                class="secondary"
                                on:click=move |_| amending.set(false)
                            >
                                "Cancel"
                            </button>
                        </div>
                    </div>
                </Show>
            </Show>
        </section>
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
    let error = RwSignal::new(None::<String>);
    let party = move || {
        version.with(|v| {
            v.as_ref()
                .map(|v| if side == Side::Mentee { v.mentee.clone() } else { v.mentor.clone() })
                .unwrap_or_default()
        })
    };
    let signature =
        move || version.with(|v| v.as_ref().and_then(|v| v.valid_signature(side).cloned()));
    let input_id = format!("sign-{}", side.label());
    let sign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(vid) = version.with_untracked(|v| v.as_ref().map(|v| v.meta.id)) else {
            return;
        };
        error.set(
            actions::sign(&store, current.id_untracked(), vid, side, &typed.get_untracked())
                .err()
                .map(|e| e.to_string()),
        );
    };
    view! {
        <div class="signature" data-side=side.label()>
            <h4>{move || format!("{} — {}", side.title(), party())}</h4>
            {move || match signature() {
                Some(sig) => {
                    view! {
                        <p class="signed">
                            {format!("Signed “{}” on {}", sig.name, dates::long(sig.date()))}
                        </p>
                    }
                        .into_any()
                }
                None if editable.get() => {
                    let input_id = input_id.clone();
                    view! {
                        <form on:submit=sign class="no-print">
                            <div class="field">
                                <label for=input_id
                                    .clone()>
                                    {format!("Type your full name to sign as the {}", side.label())}
                                </label>
                                <input
                                    id=input_id
                                    type="text"
                                    autocomplete="name"
                                    bind:value=typed
                                    aria-invalid=move || error.get().is_some().then_some("true")
                                />
                            </div>
                            <button
                                type="submit"
                                disabled=move || !unsettled.with(|u| u.is_empty())
                            >
                                {format!("Sign as {}", side.label())}
                            </button>
                            {move || {
                                error
                                    .get()
                                    .map(|e| {
                                        view! {
                                            <p class="field-error" role="alert">
                                                {e}
                                            </p>
                                        }
                                    })
                            }}
                        </form>
                    }
                        .into_any()
                }
                None => view! { <p class="muted">"Not signed."</p> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn VersionList(versions: Memo<Vec<AgreementVersion>>) -> impl IntoView {
    let current = use_current();
    view! {
        <Show when=move || versions.with(|v| v.len() > 1)>
            <section aria-labelledby="versions-title" class="no-print">
                <h2 id="versions-title">"All versions"</h2>
                <ul class="plain-list versions">
                    {move || {
                        versions
                            .get()
                            .into_iter()
                            .map(|v| {
                                let href = format!(
                                    "{}?version={}",
                                    paths::agreement(&current.id().to_string()),
                                    v.number,
                                );
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
                    }}
                </ul>
            </section>
        </Show>
    }
}

/// The agreement alone, for printing: no navigation, no controls.
#[component]
pub fn AgreementPrint() -> impl IntoView {
    let store = use_store();
    let params = leptos_router::hooks::use_params_map();
    let query = use_query_map();
    let version = Memo::new(move |_| {
        let id = params.with(|p| p.get("id")).and_then(|s| Uuid::parse_str(&s).ok())?;
        let wanted = query.with(|q| q.get("version")).and_then(|v| v.parse::<u32>().ok());
        store.library.with(|lib| {
            let doc = lib.get(id)?;
            let list = agreement::history(&doc.agreements);
            wanted
                .and_then(|n| list.iter().find(|v| v.number == n).copied())
                .or_else(|| list.first().copied())
                .cloned()
        })
    });
    view! {
        {move || match version.get() {
            None => {
                view! {
                    <h1>"No agreement to print"</h1>
                    <p>
                        <A href=paths::HOME>"Back to Tandem"</A>
                    </p>
                }
                    .into_any()
            }
            Some(v) => {
                let back = paths::agreement(
                    &params.with_untracked(|p| p.get("id")).unwrap_or_default(),
                );
                view! {
                    <div class="print-controls no-print">
                        <button type="button" on:click=move |_| browser::print()>
                            "Print or save as PDF"
                        </button>
                        <A href=back>"Back to the agreement"</A>
                    </div>
                    <article class="document print-document">
                        <MarkdownView
                            text=Signal::derive({
                                let b = v.body.clone();
                                move || b.clone()
                            })
                            top=1
                        />
                        <h2>"Signatures"</h2>
                        <div class="signature-lines">
                            {Side::BOTH
                                .into_iter()
                                .map(|side| {
                                    let name = if side == Side::Mentee {
                                        v.mentee.clone()
                                    } else {
                                        v.mentor.clone()
                                    };
                                    let line = match v.valid_signature(side) {
                                        Some(sig) => {
                                            format!(
                                                "Signed “{}” on {}",
                                                sig.name,
                                                dates::long(sig.date()),
                                            )
                                        }
                                        None => "Not signed".to_string(),
                                    };
                                    view! {
                                        <p>
                                            <strong>{format!("{name} ({})", side.label())}</strong>
                                            <br />
                                            {line}
                                        </p>
                                    }
                                })
                                .collect_view()}
                        </div>
                        <p class="muted">
                            {format!(
                                "Version {} · {} · Fingerprint {}",
                                v.number,
                                state_of(&v),
                                v.fingerprint(),
                            )}
                        </p>
                    </article>
                }
                    .into_any()
            }
        }}
    }
}
