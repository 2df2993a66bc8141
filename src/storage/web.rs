//! The browser's `localStorage` as a [`Backend`]. Every call goes through
//! `web_sys` with its errors mapped — nothing here panics when storage is
//! blocked, disabled or full.

use wasm_bindgen::{JsCast, JsValue};

use super::{Backend, StorageError};

#[derive(Clone, Copy, Default)]
pub struct BrowserStorage;

fn storage() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(StorageError::Unavailable("this browser offers no localStorage".into())),
        Err(e) => Err(StorageError::Unavailable(describe(&e))),
    }
}

/// The exception's name and message, e.g. "SecurityError: access denied".
fn describe(e: &JsValue) -> String {
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", ex.name(), ex.message());
    }
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return format!("{}: {}", String::from(err.name()), String::from(err.message()));
    }
    e.as_string().unwrap_or_else(|| "unknown error".into())
}

/// Maps a `setItem` exception: a full store is recognised by name
/// (`QuotaExceededError`, or old Firefox's `NS_ERROR_DOM_QUOTA_REACHED`).
fn classify(e: &JsValue) -> StorageError {
    let text = describe(e);
    if text.contains("QuotaExceededError")
        || text.contains("NS_ERROR_DOM_QUOTA_REACHED")
        || text.contains("quota")
    {
        StorageError::QuotaExceeded
    } else if text.starts_with("SecurityError") {
        StorageError::Unavailable(text)
    } else {
        StorageError::Other(text)
    }
}

impl Backend for BrowserStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        storage()?.get_item(key).map_err(|e| classify(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        storage()?.set_item(key, value).map_err(|e| classify(&e))
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        storage()?.remove_item(key).map_err(|e| classify(&e))
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let storage = storage()?;
        let len = storage.length().map_err(|e| classify(&e))?;
        let mut keys = Vec::with_capacity(len as usize);
        for i in 0..len {
            if let Ok(Some(key)) = storage.key(i) {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}
