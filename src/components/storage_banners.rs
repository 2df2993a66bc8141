//! The warnings about storage shown on every page: unavailable, full,
//! unreadable or newer data, nearly full, and what another tab did. Each
//! offers what the person can do (download a backup, see the data page).

use crate::components::dynamic::dynamic;
use leptos::prelude::*;
use leptos_router::components::A;

use super::backup_button::BackupButton;
use super::button::Button;
use super::error_message::ErrorMessage;
use crate::paths;
use crate::state::actions::data;
use crate::state::{use_store, ActionError, Problem, SaveError, StorageStatus};

#[component]
pub fn StorageBanners() -> impl IntoView {
    let store = use_store();
    let status = store.status();
    let error = RwSignal::new(None::<ActionError>);
    let save_message = move || {
        status.with(|s: &StorageStatus| match &s.save_error {
            Some(SaveError::Full) => Some("Storage is full: your latest changes are kept in this tab only and are not saved. Download a backup now, then free space on the Data & privacy page.".to_string()),
            Some(SaveError::Unavailable(why)) => Some(format!("Your latest changes could not be saved ({why}). They are kept in this tab: download a backup before closing it.")),
            Some(SaveError::Failed(why)) => Some(format!("Your latest changes could not be saved ({why}). They are kept in this tab and saving is retried with your next change; download a backup to be safe.")),
            Some(SaveError::ReadOnly(v)) => Some(format!("This data was saved by a newer version of Tandem (data version {v}), so this version will not change it. Reload to update the app.")),
            Some(SaveError::Protected) => Some("A change could not be saved because the stored copy is unreadable or from a newer version; it was left untouched. See the Data & privacy page.".to_string()),
            Some(SaveError::EpochChanged | SaveError::NotReady) | None => None,
        })
    };
    view! {
        <div class="banners" aria-live="polite">
            {dynamic(move || {
                status
                    .with(|s| s.problems.clone())
                    .into_iter()
                    .map(|p| {
                        let offer_backup = matches!(p, Problem::Unavailable(_) | Problem::Full);
                        let tone = if offer_backup { Tone::Error } else { Tone::Warn };
                        view! {
                            <Banner tone problem="storage" message=p.message()>
                                {offer_backup
                                    .then(|| {
                                        view! { <BackupButton label="Download a backup" error /> }
                                    })}
                                {p
                                    .key()
                                    .is_some()
                                    .then(|| {
                                        view! { <A href=paths::DATA_PAGE>"Review stored data"</A> }
                                    })}
                            </Banner>
                        }
                    })
                    .collect_view()
            })}
            {dynamic(move || {
                save_message()
                    .map(|m| {
                        view! {
                            <Banner tone=Tone::Error problem="save" message=m>
                                <BackupButton label="Download a backup" error />
                            </Banner>
                        }
                    })
            })}
            {dynamic(move || {
                let usage = status.with(|s| s.usage);
                (usage.is_high() && status.with(|s| s.save_error.is_none()))
                    .then(|| {
                        view! {
                            <Banner
                                tone=Tone::Note
                                problem="usage"
                                message=format!(
                                    "Tandem's storage is {}% full. Download a backup and delete what you no longer need, so new notes keep saving.",
                                    usage.percent(),
                                )
                            >
                                <A href=paths::DATA_PAGE>"See storage use"</A>
                            </Banner>
                        }
                    })
            })}
            {dynamic(move || {
                store
                    .has_rescued()
                    .then(|| {
                        view! {
                            <Banner
                                tone=Tone::Warn
                                problem="rescued"
                                message="Another tab deleted or replaced everything while this tab had changes it had not saved yet. They are not lost: download them as a backup file (you can restore it to merge them back)."
                            >
                                <Button on_click=move |()| {
                                    error.set(data::download_rescued(&store).err())
                                }>"Download the unsaved changes"</Button>
                                <Button
                                    secondary=true
                                    on_click=move |()| data::discard_rescued(&store)
                                >
                                    "Discard them"
                                </Button>
                            </Banner>
                        }
                    })
            })}
            <ErrorMessage error />
            {dynamic(move || {
                status
                    .with(|s| s.notice.clone())
                    .map(|n| {
                        view! {
                            <Banner tone=Tone::Info message=n>
                                <Button
                                    secondary=true
                                    on_click=move |()| data::dismiss_notice(&store)
                                >
                                    "Dismiss"
                                </Button>
                            </Banner>
                        }
                    })
            })}
        </div>
    }
}

/// How a banner looks, and whether a screen reader breaks in for it.
#[derive(Clone, Copy)]
enum Tone {
    /// Changes are not being saved: red, said at once.
    Error,
    /// Something needs a look: amber, said at once.
    Warn,
    /// A warning that can wait: amber, said when the reader is idle.
    Note,
    /// What just happened: neutral, said when the reader is idle.
    Info,
}

/// One banner: its message, then what the person can do about it.
#[component]
fn Banner(
    tone: Tone,
    /// `data-problem`, for the tests.
    #[prop(optional)]
    problem: Option<&'static str>,
    #[prop(into)] message: String,
    children: Children,
) -> impl IntoView {
    let (class, role) = match tone {
        Tone::Error => ("banner banner-error", "alert"),
        Tone::Warn => ("banner banner-warn", "alert"),
        Tone::Note => ("banner banner-warn", "status"),
        Tone::Info => ("banner banner-info", "status"),
    };
    view! {
        <div class=class role=role data-problem=problem>
            <p>{message}</p>
            {children()}
        </div>
    }
}
