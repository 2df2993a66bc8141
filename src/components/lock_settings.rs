//! The Data & privacy page's lock section: lock Tandem with a passphrase
//! (after the offer of a backup and the plain warning that a forgotten
//! passphrase cannot be recovered); once locked, the idle time, when it
//! last locked, changing the passphrase and removing the lock.

use leptos::prelude::*;

use crate::components::backup_button::BackupButton;
use crate::components::button::FormButtons;
use crate::components::card::Card;
use crate::components::dynamic::dynamic_text;
use crate::components::error_message::ErrorMessage;
use crate::components::field::{Binding, Select, TextField};
use crate::components::form::{submitted, ErrorSummary, Work, Working};
use crate::components::protect_form::PassphraseField;
use crate::model::counting::count;
use crate::model::dates;
use crate::model::validate::FieldError;
use crate::state::actions::lock;
use crate::state::{use_lock, ActionError, Lock};

#[component]
pub fn LockSection() -> impl IntoView {
    // The app opens anew when the lock is set or removed: no need to
    // follow it here.
    let locked = use_lock().is_open();
    view! {
        <Card id="lock" title="Lock with a passphrase">
            {if locked {
                view! { <LockedSettings /> }.into_any()
            } else {
                view! { <SetPassphrase /> }.into_any()
            }}
        </Card>
    }
}

/// What each of the lock's forms keeps: the lock it acts on, its action's
/// state, what to say once it succeeded.
#[derive(Clone, Copy)]
struct FormState {
    lock: Lock,
    work: Working,
    done: RwSignal<Option<&'static str>>,
}

impl FormState {
    fn new() -> FormState {
        FormState { lock: use_lock(), work: Working::new(), done: RwSignal::new(None) }
    }

    /// The form's submit handler: it starts the action `start` returns for
    /// the lock and, once it succeeded, empties the fields `typed` and says
    /// `said`.
    fn on_submit(
        self,
        said: &'static str,
        typed: Vec<RwSignal<String>>,
        start: impl Fn(Lock) -> Work + 'static,
    ) -> impl Fn(leptos::ev::SubmitEvent) + 'static {
        let typed = StoredValue::new(typed);
        submitted(move || {
            self.done.set(None);
            let done = self.done;
            self.work.run(
                || start(self.lock),
                move |ok| {
                    if ok {
                        typed.try_with_value(|t| t.iter().for_each(|s| s.set(String::new())));
                        let _ = done.try_set(Some(said));
                    }
                },
            );
        })
    }

    fn errors(self) -> RwSignal<Vec<FieldError>> {
        self.work.errors()
    }
}

/// One of the lock's forms: the summary of its errors (announced), its
/// fields, what was done, and the button.
#[component]
fn LockForm(
    /// The form's accessible name.
    name: &'static str,
    state: FormState,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + 'static,
    /// The button's label.
    button: &'static str,
    #[prop(optional)] danger: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <form class="lock-form" on:submit=on_submit aria-label=name>
            <ErrorSummary errors=state.errors() />
            {children()}
            <p role="status" class="muted">
                {move || state.done.get()}
            </p>
            <FormButtons submit=button busy=state.work.busy() danger />
        </form>
    }
}

#[component]
fn SetPassphrase() -> impl IntoView {
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let state = FormState::new();
    let errors = state.errors();
    let said = "Tandem is now locked with your passphrase.";
    let on_submit = state.on_submit(said, vec![new, again], move |lock| {
        Box::pin(lock::set_passphrase(lock, new.get_untracked(), again.get_untracked()))
    });
    view! {
        <p>
            "Without a passphrase, Tandem's data sits in this browser's storage as it is: anyone who uses this browser profile, a browser extension, or someone with the disk can read it. With one, everything Tandem stores here is encrypted, and Tandem opens on a lock screen."
        </p>
        <p class="warning">
            <strong>"A forgotten passphrase cannot be recovered."</strong>
            " It is not stored anywhere, and nobody — not Tandem, not your partner — can open your notes without it. Download a backup first and keep it somewhere safe."
        </p>
        <BackupButton label="Download a backup first" secondary=true />
        <LockForm name="Set a passphrase" state on_submit button="Lock Tandem with this passphrase">
            <TextField
                id="new-passphrase"
                label="New passphrase"
                hint=format!(
                    "At least {} characters. A few words you will remember make a good one.",
                    lock::MIN_PASSPHRASE_CHARS,
                )
                kind="password"
                autocomplete="new-password"
                value=new
                field="new-passphrase"
                errors
            />
            <PassphraseField
                id="passphrase-again"
                label="The same passphrase again"
                value=again
                errors
                autocomplete="new-password"
            />
        </LockForm>
    }
}

#[component]
fn LockedSettings() -> impl IntoView {
    let lock_state = use_lock();
    let settings = lock_state.settings();
    let idle_error = RwSignal::new(None::<ActionError>);
    let idle = Binding::live(
        move || settings.with(|s| s.idle_minutes),
        move |minutes| idle_error.set(lock::set_idle_minutes(lock_state, minutes).err()),
    );
    let options: Vec<(u32, String)> =
        lock::IDLE_CHOICES.iter().map(|m| (*m, count(*m as usize, "minute"))).collect();
    view! {
        <p data-lock-status>
            {format!(
                "Locked with a passphrase: everything Tandem stores on this device is encrypted (AES-GCM, 256-bit; the key is derived from your passphrase with PBKDF2-SHA256, {} rounds). Backups you download are not encrypted unless you protect them with a passphrase of their own (under Backup, below): keep them somewhere safe.",
                thousands(lock::ITERATIONS),
            )}
        </p>
        <p class="muted">
            {dynamic_text(move || match settings.with(|s| s.locked_at) {
                Some(t) => {
                    format!(
                        "Last locked {}.",
                        dates::date_time(&t.with_timezone(&chrono::Local).fixed_offset()),
                    )
                }
                None => "It has not locked since the passphrase was set.".to_string(),
            })}
        </p>
        <Select
            id="idle"
            label="Lock after this long without use (in any tab, or while hidden)"
            value=idle
            options=options
        />
        <ErrorMessage error=idle_error />
        <ChangePassphrase />
        <RemovePassphrase />
    }
}

#[component]
fn ChangePassphrase() -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let state = FormState::new();
    let errors = state.errors();
    let said = "The passphrase is changed: use the new one from now on.";
    let on_submit = state.on_submit(said, vec![current, new, again], move |lock| {
        let (old, new, again) =
            (current.get_untracked(), new.get_untracked(), again.get_untracked());
        current.set(String::new());
        Box::pin(lock::change_passphrase(lock, old, new, again))
    });
    view! {
        <details>
            <summary>"Change the passphrase"</summary>
            <LockForm name="Change the passphrase" state on_submit button="Use the new passphrase">
                <PassphraseField
                    id="current-passphrase"
                    label="Current passphrase"
                    value=current
                    errors
                    autocomplete="current-password"
                />
                <PassphraseField
                    id="new-passphrase"
                    label="New passphrase"
                    value=new
                    errors
                    autocomplete="new-password"
                />
                <PassphraseField
                    id="passphrase-again"
                    label="The new passphrase again"
                    value=again
                    errors
                    autocomplete="new-password"
                />
            </LockForm>
        </details>
    }
}

#[component]
fn RemovePassphrase() -> impl IntoView {
    let current = RwSignal::new(String::new());
    let state = FormState::new();
    let errors = state.errors();
    let on_submit = state.on_submit("The lock is removed.", vec![current], move |lock| {
        let passphrase = current.get_untracked();
        current.set(String::new());
        Box::pin(lock::remove_passphrase(lock, passphrase))
    });
    view! {
        <details>
            <summary>"Remove the lock"</summary>
            <LockForm
                name="Remove the lock"
                state
                on_submit
                button="Remove the lock and decrypt"
                danger=true
            >
                <p>
                    "Tandem's data is then stored unencrypted again, and Tandem opens without a passphrase."
                </p>
                <PassphraseField
                    id="remove-passphrase"
                    label="Your passphrase, to remove the lock"
                    value=current
                    errors
                    autocomplete="current-password"
                />
            </LockForm>
        </details>
    }
}

/// 600000 as "600,000".
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let groups: Vec<&str> = digits
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect();
    groups.join(",")
}
