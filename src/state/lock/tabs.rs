//! Every tab of the app locks and opens together. Tabs talk over a
//! `BroadcastChannel` (this origin only, this deployment's name):
//!
//! - `lock`: lock now (a new `locked_at` in the lock's settings says it too,
//!   for tabs that miss the message);
//! - `open`: here is the data key (a `CryptoKey`, posted as a key: it stays
//!   unreadable in the other tab as here), with its key id;
//! - `ask`: a tab that starts locked asks whether another is open;
//! - `active`: someone used the app, so no tab is idle.
//!
//! The lock's own keys in storage (its record, its settings) are watched
//! here too: another tab may set, change or remove the passphrase.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

use super::{Lock, Session};
use crate::storage::vault::sealed::SealedStorage;
use crate::storage::vault::webcrypto::Vault;

pub struct Tabs {
    channel: BroadcastChannel,
    _on_message: Closure<dyn Fn(MessageEvent)>,
}

/// Posts `{kind, …extra}` to the other tabs, when there is a channel.
fn post(lock: Lock, kind: &str, extra: &[(&str, &JsValue)]) {
    lock.tabs.with_value(|tabs| {
        let Some(tabs) = tabs else { return };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"kind".into(), &kind.into());
        for (name, value) in extra {
            let _ = js_sys::Reflect::set(&message, &(*name).into(), value);
        }
        let _ = tabs.channel.post_message(&message);
    });
}

/// Tells the other tabs to lock.
pub(in crate::state) fn post_lock(lock: Lock) {
    post(lock, "lock", &[]);
}

/// Tells the other tabs that the app was used.
pub(in crate::state) fn post_active(lock: Lock) {
    post(lock, "active", &[]);
}

/// Hands the other tabs the open vault's key.
pub(in crate::state) fn post_open(lock: Lock) {
    let Some(sealed) = lock.sealed() else { return };
    let vault = sealed.vault();
    let key_id = JsValue::from_str(&vault.record().key_id);
    post(lock, "open", &[("key", vault.data_key().as_ref()), ("key_id", &key_id)]);
}

pub(super) fn listen(lock: Lock) {
    let on_storage = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        lock.on_storage(e.key().as_deref());
    });
    on_cleanup(move || on_storage.remove());
    let name = format!("tandem-lock:{}", lock.namespace().prefix());
    let Ok(channel) = BroadcastChannel::new(&name) else {
        // No channel (very old browsers): the settings key still locks
        // every tab; each opens on its own.
        return;
    };
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).unwrap_or_default();
        match field("kind").as_string().as_deref() {
            Some("lock") if lock.is_open_untracked() => {
                crate::state::actions::lock::lock_this_tab(lock);
            }
            Some("active") => super::idle::used_elsewhere(lock),
            Some("ask") if lock.is_open_untracked() => post_open(lock),
            Some("open") => open_with(lock, field("key"), field("key_id").as_string()),
            _ => {}
        }
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    lock.tabs.set_value(Some(Tabs { channel, _on_message: on_message }));
    if lock.session.with_untracked(|s| matches!(s, Session::Locked(_))) {
        post(lock, "ask", &[]);
    }
}

/// Opens this tab with the key another tab posted, if it is this lock's.
fn open_with(lock: Lock, key: JsValue, key_id: Option<String>) {
    let Session::Locked(record) = lock.session.get_untracked() else { return };
    if key_id.as_deref() != Some(record.key_id.as_str()) {
        return;
    }
    let Some(vault) = Vault::from_key(record, key) else { return };
    let keys = lock.namespace();
    leptos::task::spawn_local(async move {
        let Ok(sealed) = SealedStorage::open(keys, vault).await else { return };
        // Another message may have opened it meanwhile.
        if lock.session.with_untracked(|s| matches!(s, Session::Locked(_))) {
            super::idle::touch();
            lock.set_session(Session::Open(sealed));
        }
    });
}
