//! The lock screen: what Tandem shows, instead of everything else, while a
//! passphrase is set and this tab is locked. The right passphrase opens it;
//! a wrong one says so, and each failure in a row waits longer before the
//! next try. A forgotten passphrase cannot be recovered: the way on is to
//! delete everything on this device.

use leptos::prelude::*;

use crate::browser;
use crate::components::confirm::ConfirmButton;
use crate::components::error_message::ErrorMessage;
use crate::components::form::{submitted, ErrorSummary};
use crate::components::protect_form::PassphraseField;
use crate::model::validate::FieldError;
use crate::state::actions::lock;
use crate::state::{use_lock, ActionError};

#[component]
pub fn LockScreen() -> impl IntoView {
    let lock_state = use_lock();
    browser::set_title("Locked · Tandem");
    let passphrase = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let deleting = RwSignal::new(None::<ActionError>);
    // The clock the wait after a failure counts down against.
    let now = RwSignal::new(js_sys::Date::now());
    let tick = set_interval_with_handle(
        move || now.set(js_sys::Date::now()),
        std::time::Duration::from_millis(500),
    )
    .ok();
    on_cleanup(move || {
        if let Some(t) = tick {
            t.clear();
        }
    });
    // Whole seconds left to wait (integers: no float formatting in the wasm).
    let wait_seconds =
        move || ((lock_state.failures().1 - now.get()) / 1000.0).ceil().max(0.0) as u32;
    request_animation_frame(|| browser::focus("passphrase"));
    let on_submit = submitted(move || {
        if busy.get_untracked() || wait_seconds() > 0 {
            return;
        }
        busy.set(true);
        errors.set(Vec::new());
        leptos::task::spawn_local(async move {
            let result = lock::unlock(lock_state, passphrase.get_untracked()).await;
            // This view may be gone: the app took its place.
            let _ = busy.try_set(false);
            if let Err(e) = result {
                errors.set(e.field_errors());
                passphrase.set(String::new());
                browser::focus("passphrase");
            }
        });
    });
    let waiting = move || {
        let s = wait_seconds();
        (s > 0).then(|| format!("You can try again in {s} s."))
    };
    view! {
        <header class="app-header">
            <span class="brand">
                <span class="brand-mark" aria-hidden="true"></span>
                "Tandem"
            </span>
        </header>
        <main id="main" tabindex="-1" class="lock-screen">
            <h1>"Tandem is locked"</h1>
            <p>
                "Your mentoring notes on this device are encrypted with your passphrase. Enter it to open them."
            </p>
            {match lock_state.problem() {
                Some(why) => {
                    // The lock's record cannot be read: no passphrase opens it.
                    view! {
                        <p class="banner banner-error" role="alert" data-lock-problem>
                            {why}
                        </p>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <form class="card lock-form" on:submit=on_submit aria-label="Unlock Tandem">
                            <ErrorSummary errors />
                            <PassphraseField
                                id="passphrase"
                                label="Passphrase"
                                value=passphrase
                                errors
                                autocomplete="current-password"
                            />
                            <p class="hint" role="status" data-lock-wait>
                                {waiting}
                            </p>
                            <div class="actions-row">
                                <button
                                    type="submit"
                                    disabled=move || { busy.get() || wait_seconds() > 0 }
                                >
                                    {move || if busy.get() { "Opening…" } else { "Unlock" }}
                                </button>
                            </div>
                        </form>
                    }
                        .into_any()
                }
            }}
            <details class="card">
                <summary>"Forgot the passphrase?"</summary>
                <p>
                    "Nobody can recover it: it is not stored anywhere, and without it the notes cannot be decrypted. What you can do is delete everything Tandem stored on this device and start again — then restore a backup if you have one, or receive your partner's copy."
                </p>
                <ConfirmButton
                    label="Delete everything on this device…"
                    class="danger"
                    message="Delete everything Tandem stored in this browser, without opening it? Your mentorships, notes and settings on this device are gone for good. Your partner's copy is not affected."
                    confirm_label="Delete everything"
                    on_confirm=move |()| {
                        deleting.set(lock::delete_everything_locked(lock_state).err())
                    }
                />
                <ErrorMessage error=deleting />
            </details>
        </main>
    }
}
