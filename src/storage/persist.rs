//! Asking the browser to keep this site's storage when space runs low
//! (`navigator.storage.persist()`), and whether it agreed.

use wasm_bindgen_futures::JsFuture;

/// `Some(true)` if storage is (now) persistent, `Some(false)` if the browser
/// declined, `None` where the API is missing.
pub async fn request_persistence() -> Option<bool> {
    let navigator = web_sys::window()?.navigator();
    let has = js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false);
    if !has {
        return None;
    }
    let manager = navigator.storage();
    if let Ok(promise) = manager.persisted() {
        if JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()) == Some(true) {
            return Some(true);
        }
    }
    let promise = manager.persist().ok()?;
    JsFuture::from(promise).await.ok().and_then(|v| v.as_bool())
}
