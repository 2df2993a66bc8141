//! Thin wrappers over the browser APIs the views need that are not storage:
//! downloading a file, copying text, reading a chosen file, printing, the
//! clock. Each fails quietly with a result instead of panicking.

use chrono::{DateTime, Local, NaiveDate, Utc};

use crate::model::{dates, validate};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Now, in UTC.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// A wall-clock date and time here, as an instant with its UTC offset
/// (`None` for a time skipped by a clock change, or outside the years
/// Tandem keeps).
pub fn local_datetime(
    naive: chrono::NaiveDateTime,
) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    use chrono::{Datelike, TimeZone};
    if !validate::year_in_window(naive.year()) {
        return None;
    }
    Local.from_local_datetime(&naive).earliest().map(|t| t.fixed_offset())
}

/// A stored time shown in this device's time zone (a session planned on a
/// device in another zone reads right here). A time outside the years
/// Tandem keeps (which validation refuses) keeps its own offset rather than
/// risk `chrono`'s panic at the calendar's ends; read it with
/// [`dates`](crate::model::dates), whose readings are checked.
pub fn here(t: &chrono::DateTime<chrono::FixedOffset>) -> chrono::DateTime<Local> {
    if validate::instant_in_window(t) {
        t.with_timezone(&Local)
    } else {
        chrono::DateTime::from_naive_utc_and_offset(t.naive_utc(), *t.offset())
    }
}

/// Today in the person's time zone.
pub fn today() -> NaiveDate {
    dates::local_date(&Local::now())
}

/// Offers `content` as a file download named `file_name`.
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "could not make the file")?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "could not make the file")?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| "no link")?.dyn_into().map_err(|_| "no link")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
        anchor.click();
        let _ = body.remove_child(&anchor);
    }
    // Give the browser a moment to start the download before freeing it.
    let free = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(free.unchecked_ref(), 30_000);
    Ok(())
}

/// The app's own address, ending in `/` (`https://example.org/app/`).
pub fn app_url() -> String {
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    format!("{origin}{}/", crate::pwa::router_base())
}

/// Takes the fragment (`#…`) off the page's address — out of the address
/// bar and the history entry at once — and returns it.
pub fn take_fragment() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let hash = location.hash().ok().filter(|h| h.len() > 1)?;
    let rest = format!("{}{}", location.pathname().ok()?, location.search().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&rest));
    }
    Some(hash[1..].to_string())
}

/// Whether the browser's share sheet can take a file.
pub fn can_share_files() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("canShare")).unwrap_or(false) {
        return false;
    }
    text_file("x.txt", "").is_some_and(|file| navigator.can_share_with_data(&share_data(&file)))
}

fn text_file(name: &str, text: &str) -> Option<web_sys::File> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::FilePropertyBag::new();
    options.set_type("text/plain");
    web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).ok()
}

fn share_data(file: &web_sys::File) -> web_sys::ShareData {
    let data = web_sys::ShareData::new();
    data.set_files(&js_sys::Array::of1(file));
    data
}

/// Opens the share sheet with `text` as a `.txt` file named `name`. Call it
/// straight from a tap: browsers refuse a share the person did not just ask
/// for.
pub async fn share_file(name: &str, text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let file = text_file(name, text).ok_or("could not make the file")?;
    let data = share_data(&file);
    data.set_title(name);
    JsFuture::from(window.navigator().share_with_data(&data)).await.map(|_| ()).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        if name == "AbortError" {
            "cancelled".to_string()
        } else {
            "the browser did not share it".to_string()
        }
    })
}

/// Hands the file the installed app was opened with (the manifest's
/// `file_handlers`: "Open with Tandem" on a `.txt` file, desktop Chromium) to
/// `open`, or why it could not be had. Does nothing where the browser has no
/// launch queue, or when the app was opened without a file. Of several files
/// opened at once, the first is read (a bundle is one file). The queue keeps
/// one consumer, so the page that calls this last receives the files.
pub fn on_launched_file(open: impl Fn(Result<web_sys::File, String>) + 'static) {
    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::closure::Closure;
    let Some(window) = web_sys::window() else { return };
    let Some(queue) =
        Reflect::get(&window, &JsValue::from_str("launchQueue")).ok().filter(|q| q.is_object())
    else {
        return;
    };
    let Some(set_consumer) = Reflect::get(&queue, &JsValue::from_str("setConsumer"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return;
    };
    let open = std::rc::Rc::new(open);
    let consumer = Closure::<dyn FnMut(JsValue)>::new(move |params: JsValue| {
        let handle = Reflect::get(&params, &JsValue::from_str("files"))
            .ok()
            .and_then(|files| files.dyn_into::<js_sys::Array>().ok())
            .map(|files| files.get(0))
            .filter(|h| h.is_object());
        let Some(handle) = handle else { return };
        let open = open.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let file = Reflect::get(&handle, &JsValue::from_str("getFile"))
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
                .and_then(|get_file| get_file.call0(&handle).ok())
                .and_then(|p| p.dyn_into::<Promise>().ok());
            let file = match file {
                Some(promise) => JsFuture::from(promise)
                    .await
                    .ok()
                    .and_then(|f| f.dyn_into::<web_sys::File>().ok()),
                None => None,
            };
            open(file.ok_or_else(|| "the browser did not hand over the file".to_string()));
        });
    });
    let _ = set_consumer.call1(&queue, consumer.as_ref());
    // The queue holds the consumer for the page's life.
    consumer.forget();
}

/// Copies text to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let clipboard = window.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| "the browser did not allow copying".to_string())
}

/// Reads a chosen file as text.
pub async fn read_file(file: &web_sys::File) -> Result<String, String> {
    let text =
        JsFuture::from(file.text()).await.map_err(|_| "the file could not be read".to_string())?;
    text.as_string().ok_or_else(|| "the file is not text".to_string())
}

/// Opens the browser's print dialog (print → Save as PDF).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Shows `count` on the installed app's icon (`navigator.setAppBadge`), or
/// clears it at 0. Where the browser has no badges nothing happens.
pub fn set_app_badge(count: usize) {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return };
    let (name, args) = if count == 0 {
        ("clearAppBadge", js_sys::Array::new())
    } else {
        ("setAppBadge", js_sys::Array::of1(&JsValue::from_f64(count as f64)))
    };
    let Ok(method) = js_sys::Reflect::get(&navigator, &JsValue::from_str(name)) else { return };
    if let Some(method) = method.dyn_ref::<js_sys::Function>() {
        // A refusal (not installed, no permission) rejects the promise: ignore it.
        if let Ok(promise) = method.apply(&navigator, &args) {
            if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = JsFuture::from(promise).await;
                });
            }
        }
    }
}

/// Scrolls the element matching `selector` into view as little as needed
/// (`block` and `inline` "nearest"): a row that scrolls sideways shows its
/// current item without the page jumping.
pub fn reveal(selector: &str) {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
    else {
        return;
    };
    let options = js_sys::Object::new();
    for key in ["block", "inline"] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &"nearest".into());
    }
    if let Ok(scroll) = js_sys::Reflect::get(&el, &"scrollIntoView".into()) {
        if let Some(scroll) = scroll.dyn_ref::<js_sys::Function>() {
            let _ = scroll.call1(&el, &options);
        }
    }
}

/// Resolves once the browser has painted what is on screen now (the next
/// frame, then a task), or after a third of a second where no frame comes
/// (a tab in the background): work started then does not hold the first
/// paint back.
pub async fn after_next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 330);
        let after_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(resolve.unchecked_ref());
            }
        });
        let _ = window.request_animation_frame(after_frame.unchecked_ref());
    });
    let _ = JsFuture::from(promise).await;
}

/// Names the browser tab (and the window, and the entry in its history).
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Moves keyboard focus to the first element matching `selector`; a heading
/// is made focusable by script first (`tabindex="-1"`), so it never enters
/// the Tab order.
pub fn focus_selector(selector: &str) {
    focus_first(selector, true);
}

/// Like [`focus_selector`], but the page stays where it is scrolled (focus
/// moved for a keyboard user, not to show the element).
pub fn focus_selector_in_place(selector: &str) {
    focus_first(selector, false);
}

fn focus_first(selector: &str, scroll: bool) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = element {
        if !el.has_attribute("tabindex") {
            let _ = el.set_attribute("tabindex", "-1");
        }
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(!scroll);
        let _ = el.focus_with_options(&options);
    }
}

/// Moves keyboard focus to the element with this id (after a view change).
pub fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// A named duration recorded in the Performance timeline
/// (`performance.getEntriesByName(name)`, read by `make bench`), from
/// [`Timer::start`] until it is stopped or dropped (an early return too).
pub struct Timer(&'static str);

impl Timer {
    pub fn start(name: &'static str) -> Timer {
        if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
            let _ = perf.mark(&format!("{name}:start"));
        }
        Timer(name)
    }

    pub fn stop(self) {}
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
            let (start, end) = (format!("{}:start", self.0), format!("{}:end", self.0));
            let _ = perf.mark(&end);
            let _ = perf.measure_with_start_mark_and_end_mark(self.0, &start, &end);
        }
    }
}
