//! The data & privacy page: what is stored where, how much space it takes,
//! whether the browser promised to keep it, backups, restoring one, dealing
//! with unreadable data, and deleting everything.

use crate::components::dynamic::{dynamic, dynamic_text};
use crate::components::when::When;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::backup_button::BackupButton;
use crate::components::button::Button;
use crate::components::card::Card;
use crate::components::confirm::ConfirmButton;
use crate::components::error_message::ErrorMessage;
use crate::components::form::Work;
use crate::components::lock_settings::LockSection;
use crate::components::page::page_title;
use crate::components::protect_form::{OpenProtectedForm, ProtectForm};
use crate::model::counting::count;
use crate::model::dates;
use crate::state::actions::data::{self, BackupFile};
use crate::state::{use_lock, use_store, ActionError, Backup, Outcome, Preview, Problem};

#[component]
pub fn DataPage() -> impl IntoView {
    page_title(|| "Data & privacy".into());
    let store = use_store();
    data::measure_usage(&store);
    view! {
        <h1>"Data & privacy"</h1>
        <WhereDataLives />
        <LockSection />
        <StorageUse />
        <BackupSection />
        <RestoreSection />
        <UnreadableData />
        <DeleteEverything />
    }
}

#[component]
fn WhereDataLives() -> impl IntoView {
    view! {
        <Card id="where" title="What is stored where">
            <p>
                "Everything you write in Tandem — mentorships, the expectations conversation, agreements, goals, action items, sessions, check-ins and private notes — is stored in this browser's local storage, on this device only. There is no account and no server: nothing is sent anywhere."
            </p>
            <p>
                "It leaves this device only when you download a backup, copy or email an agenda or summary, or download a calendar file. Private notes are never included in anything meant for your partner; they are in your own full backup."
            </p>
            <p data-encrypted>
                {if use_lock().is_open() {
                    "It is encrypted with your passphrase: without it, nobody can read it off this device (see “Lock with a passphrase” below)."
                } else {
                    "It is not encrypted: anyone who can use this browser profile, or read this device's disk, can read it. Lock it with a passphrase below."
                }}
            </p>
            <p>
                "Clearing this site's data in the browser deletes it, and some browsers remove it after weeks without a visit. Keep a backup."
            </p>
        </Card>
    }
}

#[component]
fn StorageUse() -> impl IntoView {
    let status = use_store().status();
    let usage = move || status.with(|s| s.usage);
    view! {
        <Card id="usage" title="Storage use">
            <label for="usage-meter">
                {dynamic_text(move || {
                    let u = usage();
                    format!(
                        "{} KB of about {} KB used ({}%)",
                        u.used * 2 / 1000,
                        u.quota * 2 / 1000,
                        u.percent(),
                    )
                })}
            </label>
            <meter
                id="usage-meter"
                min="0"
                max=move || usage().quota.to_string()
                low=move || (usage().quota * 6 / 10).to_string()
                high=move || (usage().quota * 8 / 10).to_string()
                value=move || usage().used.to_string()
            ></meter>
            <When when=move || usage().is_high()>
                <p class="banner banner-warn" role="status">
                    "Storage is over 80% full. Download a backup, then delete mentorships you no longer need so new notes keep saving."
                </p>
            </When>
            <p data-persisted=move || {
                match status.with(|s| s.persisted) {
                    Some(true) => "Some(true)",
                    Some(false) => "Some(false)",
                    None => "None",
                }
            }>
                {dynamic_text(move || match status.with(|s| s.persisted) {
                    Some(true) => {
                        "Persistent storage: granted. The browser will not clear Tandem's data to free space."
                    }
                    Some(false) => {
                        "Persistent storage: not granted. The browser may clear Tandem's data if the device runs low on space (installing Tandem as an app usually helps). Download backups regularly."
                    }
                    None => {
                        "Persistent storage: this browser does not say whether it will keep Tandem's data. Download backups regularly."
                    }
                })}
            </p>
            <p class="muted">
                {dynamic_text(move || match status.with(|s| s.last_saved) {
                    Some(t) => {
                        format!("Last saved at {}.", dates::time(&t.with_timezone(&chrono::Local)))
                    }
                    None => "Nothing changed since this page was opened.".to_string(),
                })}
            </p>
        </Card>
    }
}

#[component]
fn BackupSection() -> impl IntoView {
    view! {
        <Card id="backup" title="Backup">
            <p>
                "One file with everything on this device, private notes included. Keep it somewhere safe; restore it here or on another device."
            </p>
            <BackupButton label="Download backup" />
            <ProtectedBackup />
        </Card>
    }
}

/// A backup protected with a passphrase of its own, for a file that may sit
/// in a downloads folder or a mailbox.
#[component]
fn ProtectedBackup() -> impl IntoView {
    let store = use_store();
    let download = Callback::new(move |(passphrase, again): (String, String)| -> Work {
        Box::pin(data::download_protected_backup(store, passphrase, again))
    });
    view! {
        <ProtectForm
            prefix="backup"
            summary="Protect the backup with a passphrase"
            intro="The file is then encrypted: without the passphrase nobody can read it, and nobody can recover a forgotten one. It is asked for when the backup is restored."
            what="the backup"
            button="Download a protected backup"
            download
        />
    }
}

#[component]
fn RestoreSection() -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None::<ActionError>);
    let checked = RwSignal::new(None::<(Backup, Preview)>);
    let done = RwSignal::new(None::<String>);
    // A protected backup's text, waiting for its passphrase.
    let locked = RwSignal::new(None::<String>);
    let open = Callback::new(move |(file, passphrase): (String, String)| -> Work {
        Box::pin(async move {
            let result = data::open_protected_backup(store, file, passphrase).await?;
            locked.set(None);
            checked.set(Some(result));
            Ok(())
        })
    });
    let on_file = move |ev: leptos::ev::Event| {
        error.set(None);
        checked.set(None);
        locked.set(None);
        done.set(None);
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            match data::check_backup_file(store, file).await {
                Ok(BackupFile::Checked(result)) => checked.set(Some(*result)),
                Ok(BackupFile::Protected(text)) => {
                    locked.set(Some(text));
                    request_animation_frame(|| crate::browser::focus("backup-open-passphrase"));
                }
                Err(e) => {
                    input.set_value("");
                    error.set(Some(e));
                }
            }
        });
    };
    let merge = move |_| {
        if let Some((b, _)) = checked.get_untracked() {
            match data::restore_merge(&store, &b) {
                Ok(message) => done.set(Some(message)),
                Err(e) => error.set(Some(e)),
            }
            checked.set(None);
        }
    };
    let replace = move |()| {
        if let Some((b, _)) = checked.get_untracked() {
            match data::restore_replace(&store, &b) {
                Ok(()) => done.set(Some("Everything here was replaced by the backup.".into())),
                Err(e) => error.set(Some(e)),
            }
            checked.set(None);
        }
    };
    let replace_message = Signal::derive(move || {
        checked.with(|c| c.as_ref().map(|(_, p)| {
            let gone = if p.only_here.is_empty() { String::new() } else { format!(" These mentorships are not in the file and will be deleted: {}.", p.only_here.join(", ")) };
            let unreadable: Vec<&str> = p.mentorships.iter().filter(|m| m.outcome == Outcome::UnreadableHere).map(|m| m.title.as_str()).collect();
            let overwritten = if unreadable.is_empty() { String::new() } else { format!(" The unreadable stored copies of {} will be overwritten by the backup's.", unreadable.join(", ")) };
            format!("Replace everything on this device with the backup? Changes made here since the backup will be lost.{gone}{overwritten}")
        }).unwrap_or_default())
    });
    view! {
        <Card id="restore" title="Restore from a backup">
            <div class="field">
                <label for="restore-file">"Choose a backup file"</label>
                <span class="hint" id="restore-hint">
                    "Nothing changes until you confirm, after seeing what the file holds."
                </span>
                <input
                    id="restore-file"
                    type="file"
                    accept=".json,application/json"
                    aria-describedby="restore-hint"
                    on:change=on_file
                />
            </div>
            <ErrorMessage error />
            <OpenProtectedForm
                file=locked
                id="backup-open-passphrase"
                label="This backup is protected: its passphrase"
                button="Open the backup"
                open
            />
            {dynamic(move || {
                done.get()
                    .map(|d| {
                        view! {
                            <p class="banner banner-info" role="status">
                                {d}
                            </p>
                        }
                    })
            })}
            {dynamic(move || checked.get().map(|(_, p)| view! { <RestorePreview preview=p /> }))}
            <When when=move || checked.with(|c| c.is_some())>
                <div class="actions-row">
                    <Button on_click=merge>"Merge into what is here"</Button>
                    <ConfirmButton
                        label="Replace everything here"
                        message=replace_message
                        confirm_label="Replace everything"
                        on_confirm=replace
                    />
                    <Button secondary=true on_click=move |()| checked.set(None)>
                        "Cancel"
                    </Button>
                </div>
            </When>
        </Card>
    }
}

#[component]
fn RestorePreview(preview: Preview) -> impl IntoView {
    let when = preview
        .exported_at
        .map(|t| format!("made on {}", dates::date_time(&t.with_timezone(&chrono::Local))))
        .unwrap_or_else(|| "of unknown date".into());
    let t = preview.totals;
    view! {
        <div class="restore-preview" data-restore="preview">
            <p>
                {format!(
                    "This backup ({when}) holds {} with {}, {}, {} and {}.",
                    count(
                        preview.mentorships.iter().filter(|m| !m.deleted_in_file).count(),
                        "mentorship",
                    ),
                    count(t.sessions, "session"),
                    count(t.goals, "goal"),
                    count(t.actions, "action item"),
                    count(t.private_notes, "private note"),
                )}
            </p>
            <table>
                <caption class="visually-hidden">"What restoring would change"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Mentorship"</th>
                        <th scope="col">"On this device"</th>
                        <th scope="col">"If merged"</th>
                    </tr>
                </thead>
                <tbody>
                    {preview
                        .mentorships
                        .into_iter()
                        .map(|m| {
                            let (here, change) = describe(m.outcome);
                            view! {
                                <tr>
                                    <th scope="row">{m.title}</th>
                                    <td>{here}</td>
                                    <td>{change}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {(!preview.only_here.is_empty())
                .then(|| {
                    view! {
                        <p class="muted">
                            {format!(
                                "Only on this device (kept by a merge, deleted by a replace): {}.",
                                preview.only_here.join(", "),
                            )}
                        </p>
                    }
                })}
        </div>
    }
}

/// The preview's two columns for one mentorship: where it is now, and what
/// a merge does to it.
fn describe(outcome: Outcome) -> (&'static str, String) {
    match outcome {
        Outcome::Added => ("Not here yet", "Added".into()),
        Outcome::Merged(c) => (
            "Here",
            format!("{} added, {} updated, {} newer here kept", c.added, c.updated, c.newer_here),
        ),
        Outcome::KeptHere => {
            ("Here", "Deleted in the backup: kept here (a restore never deletes)".into())
        }
        Outcome::StaysDeleted => (
            "Deleted here",
            "Stays deleted: a deletion is not undone by a restore (a replace brings it back)"
                .into(),
        ),
        Outcome::NothingToRestore => {
            ("Not here", "Deleted in the backup: nothing to restore".into())
        }
        Outcome::Deleted => ("Here", "Deleted by the backup".into()),
        Outcome::UnreadableHere => (
            "Here, unreadable",
            "The copy here is unreadable: a merge skips it, a replace overwrites it".into(),
        ),
    }
}

#[component]
fn UnreadableData() -> impl IntoView {
    let store = use_store();
    let keyed = move || {
        store.status().with(|s| {
            s.problems.iter().filter(|p| p.key().is_some()).cloned().collect::<Vec<Problem>>()
        })
    };
    let error = RwSignal::new(None::<ActionError>);
    view! {
        <When when=move || !keyed().is_empty()>
            <Card id="unreadable" title="Stored data Tandem could not open">
                <p>
                    "It is left exactly as it was. Download it to keep a copy (for help recovering it), and discard it only once you no longer need it."
                </p>
                <ul class="plain-list">
                    {dynamic(move || {
                        keyed()
                            .into_iter()
                            .map(|p| {
                                let key = p.key().unwrap_or_default().to_string();
                                let (k1, k2) = (key.clone(), key.clone());
                                let corrupt = matches!(p, Problem::Corrupt { .. });
                                // Data from a newer version is fine for that version:
                                // nothing to download or discard, only to update.
                                view! {
                                    <li class="card">
                                        <p>{p.message()}</p>
                                        {corrupt
                                            .then(|| {
                                                view! {
                                                    <div class="actions-row">
                                                        <Button on_click=move |()| {
                                                            error.set(data::download_raw(&store, &k1).err())
                                                        }>"Download it as it is"</Button>
                                                        <Button
                                                            secondary=true
                                                            on_click=move |()| {
                                                                error.set(data::discard(&store, &k2).err())
                                                            }
                                                        >
                                                            "Discard it"
                                                        </Button>
                                                    </div>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()
                    })}
                </ul>
                <ErrorMessage error />
            </Card>
        </When>
    }
}

#[component]
fn DeleteEverything() -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None::<ActionError>);
    let message = Signal::derive(move || {
        store.library().with(|lib| {
            let (n, c) = lib.counts();
            let names: Vec<String> = lib.live().map(|d| d.mentorship.title()).collect();
            let list = if names.is_empty() { String::new() } else { format!(" ({})", names.join("; ")) };
            format!(
                "Delete everything Tandem stored in this browser? That is {}{list}, with {}, and your profile. It cannot be undone: download a backup first if you may need any of it.",
                count(n, "mentorship"),
                c.in_words(),
            )
        })
    });
    view! {
        <Card id="delete-all" title="Delete everything" class="danger-zone">
            <p>
                "Removes all of Tandem's data from this browser on this device. Your partner's copy is not affected."
            </p>
            <ConfirmButton
                label="Delete everything…"
                class="danger"
                message
                confirm_label="Delete everything"
                on_confirm=move |()| error.set(data::delete_everything(&store).err())
            />
            <ErrorMessage error />
        </Card>
    }
}
