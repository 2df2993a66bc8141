//! A headless Chromium session driven through its own ChromeDriver, with the
//! few verbs the journeys need: open, click, type, read, wait.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::wd::WindowHandle;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

use super::temp::TempDir;

/// The Chromium binary: `CHROME_BIN` (the Makefile exports it), else the
/// Debian package's path.
fn chromium() -> String {
    path_from_env("CHROME_BIN", "/usr/bin/chromium")
}

/// The ChromeDriver binary: `CHROMEDRIVER` (the Makefile exports it), else
/// the Debian package's path.
fn chromedriver() -> String {
    path_from_env("CHROMEDRIVER", "/usr/bin/chromedriver")
}

/// The path in the environment variable `var` when it is set and not empty.
fn path_from_env(var: &str, default: &str) -> String {
    std::env::var(var).ok().filter(|path| !path.is_empty()).unwrap_or_else(|| default.to_string())
}

/// How long a wait may take before the journey fails.
pub const PATIENCE: Duration = Duration::from_secs(15);

pub struct Browser {
    pub client: Client,
    base: String,
    driver: Child,
    profile: TempDir,
    downloads: TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

impl Browser {
    /// Starts a fresh browser (empty profile: no storage, no service worker)
    /// whose relative paths resolve against `base` (e.g. the site's root URL).
    pub async fn start(base: &str) -> Browser {
        Browser::start_sized(base, 1280, 900).await
    }

    pub async fn start_sized(base: &str, width: u32, height: u32) -> Browser {
        let port = free_port();
        let chromedriver = chromedriver();
        let mut driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("start {chromedriver} (set CHROMEDRIVER; make test installs it): {e}")
            });
        let profile = TempDir::new("profile");
        let downloads = TempDir::new("downloads");
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium(),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.path().display().to_string(),
                    "download.prompt_for_download": false,
                },
            },
        });
        let caps = match caps {
            Value::Object(map) => map,
            _ => unreachable!(),
        };
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(e) if started.elapsed() < Duration::from_secs(20) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => {
                    // No Browser owns the driver yet: end it before failing.
                    let _ = driver.kill();
                    let _ = driver.wait();
                    panic!("could not start a Chromium session with {}: {e}", chromium());
                }
            }
        };
        Browser { client, base: base.trim_end_matches('/').to_string(), driver, profile, downloads }
    }

    pub fn downloads(&self) -> &Path {
        self.downloads.path()
    }

    /// Navigates to `path` under the base URL (or to an absolute URL).
    pub async fn goto(&self, path: &str) {
        let url = if path.starts_with("http") || path.starts_with("data:") {
            path.to_string()
        } else {
            format!("{}{}", self.base, path)
        };
        self.client.goto(&url).await.expect("navigate");
    }

    /// Navigates and waits for the app to have rendered a page heading. If
    /// none comes, says which page, where the browser is and what it shows.
    pub async fn open(&self, path: &str) {
        self.goto(path).await;
        let heading =
            self.client.wait().at_most(PATIENCE).for_element(Locator::Css("main h1")).await;
        if let Err(e) = heading {
            let url = self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
            let shown = match self.client.find(Locator::Css("body")).await {
                Ok(body) => body.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            let shown: String = shown.chars().take(400).collect();
            panic!(
                "{path}: no page heading after {PATIENCE:?} (at {url}: {e}); it shows: {shown:?}"
            );
        }
    }

    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload");
        self.wait_for("main h1").await;
    }

    /// Reloads the page and waits until `css` contains `needle` again:
    /// what was shown before the reload was saved.
    pub async fn reload_and_see(&self, css: &str, needle: &str) -> String {
        self.reload().await;
        self.wait_text(css, needle).await
    }

    pub async fn wait_for(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element matches `{css}` after {PATIENCE:?}: {e}"))
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no `{css}`: {e}"))
    }

    pub async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.map(|v| v.len()).unwrap_or(0)
    }

    pub async fn exists(&self, css: &str) -> bool {
        self.count(css).await > 0
    }

    /// Waits for the element `css` and does `act` with it; if that fails,
    /// the journey fails saying what it was doing (`doing`, e.g. "click").
    async fn act_on(
        &self,
        css: &str,
        doing: &str,
        act: impl AsyncFnOnce(&Element) -> Result<(), CmdError>,
    ) {
        let el = self.wait_for(css).await;
        act(&el).await.unwrap_or_else(|e| panic!("{doing} `{css}`: {e}"));
    }

    pub async fn click(&self, css: &str) {
        self.act_on(css, "click", async |el| el.click().await).await;
    }

    /// Clicks the button or link whose visible text is exactly `label`.
    pub async fn click_labelled(&self, label: &str) {
        let xpath = format!(
            "//*[self::button or self::a or self::summary][normalize-space()={}]",
            xpath_literal(label)
        );
        let started = Instant::now();
        loop {
            if let Ok(el) = self.client.find(Locator::XPath(&xpath)).await {
                if el.click().await.is_ok() {
                    return;
                }
            }
            if started.elapsed() > PATIENCE {
                panic!("no clickable button or link labelled {label:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Types `keys` into a control after what it holds (into a file input:
    /// the path of the file to choose).
    pub async fn type_keys(&self, css: &str, keys: &str) {
        self.act_on(css, "type into", async |el| el.send_keys(keys).await).await;
    }

    /// Replaces the value of an input or textarea, typing like a person.
    pub async fn fill(&self, css: &str, text: &str) {
        let el = self.wait_for(css).await;
        el.clear().await.unwrap_or_else(|e| panic!("clear `{css}`: {e}"));
        el.send_keys(text).await.unwrap_or_else(|e| panic!("type into `{css}`: {e}"));
    }

    /// Fills the control whose `<label>` text is `label`.
    pub async fn fill_labelled(&self, label: &str, text: &str) {
        let id = self.control_id(label).await;
        self.fill(&format!("#{id}"), text).await;
    }

    /// The id of the control a `<label>` with this text points at.
    pub async fn control_id(&self, label: &str) -> String {
        let xpath = format!("//label[normalize-space()={}]", xpath_literal(label));
        let started = Instant::now();
        loop {
            if let Ok(el) = self.client.find(Locator::XPath(&xpath)).await {
                if let Ok(Some(id)) = el.attr("for").await {
                    return id;
                }
            }
            if started.elapsed() > PATIENCE {
                panic!("no label {label:?} with a `for` attribute");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Sets a control's value by script and fires `input` and `change`, for
    /// controls typing cannot fill portably (date and time pickers).
    pub async fn set_value(&self, css: &str, value: &str) {
        self.wait_for(css).await;
        let script = format!(
            "const el = document.querySelector({}); el.value = {}; \
             el.dispatchEvent(new Event('input', {{bubbles: true}})); \
             el.dispatchEvent(new Event('change', {{bubbles: true}})); return true",
            serde_json::to_string(css).unwrap_or_default(),
            serde_json::to_string(value).unwrap_or_default()
        );
        self.eval(&script).await;
    }

    pub async fn set_value_labelled(&self, label: &str, value: &str) {
        let id = self.control_id(label).await;
        self.set_value(&format!("#{id}"), value).await;
    }

    /// Waits until every change is saved (the header says so).
    pub async fn wait_saved(&self) {
        self.wait_for("[data-save-state=saved]").await;
    }

    /// Every `localStorage` key and value, in key order.
    pub async fn storage_snapshot(&self) -> Value {
        self.eval("return Object.fromEntries(Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)]))").await
    }

    /// Every `localStorage` key of the page's origin.
    pub async fn storage_keys(&self) -> Vec<String> {
        let v = self.eval("return Object.keys(localStorage).sort()").await;
        serde_json::from_value(v).unwrap_or_default()
    }

    pub async fn select_labelled(&self, label: &str, value: &str) {
        let id = self.control_id(label).await;
        let el = self.find(&format!("#{id}")).await;
        el.select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("select {value:?} in {label:?}: {e}"));
    }

    /// Chooses the option whose value is `value` in the select `css`.
    pub async fn select(&self, css: &str, value: &str) {
        let doing = format!("select {value:?} in");
        self.act_on(css, &doing, async |el| el.select_by_value(value).await).await;
    }

    /// An attribute of the element `css`, if it has it.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.wait_for(css).await.attr(name).await.ok().flatten()
    }

    /// The current value of the control `css`.
    pub async fn value(&self, css: &str) -> String {
        self.wait_for(css).await.prop("value").await.ok().flatten().unwrap_or_default()
    }

    /// Waits until the control `css` holds exactly `value`.
    pub async fn wait_value(&self, css: &str, value: &str) {
        let script = format!(
            "const el = document.querySelector({}); return !!el && el.value === {}",
            serde_json::to_string(css).unwrap_or_default(),
            serde_json::to_string(value).unwrap_or_default()
        );
        self.wait_until(&format!("`{css}` holds {value:?}"), &script).await;
    }

    /// The path of the page's address (`/m/…/sessions`).
    pub async fn path(&self) -> String {
        let path = self.eval("return location.pathname").await;
        path.as_str().unwrap_or_default().to_string()
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.unwrap_or_default()
    }

    /// Waits until the text of `css` contains `needle`; returns that text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let started = Instant::now();
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(needle) {
                return text;
            }
            if started.elapsed() > PATIENCE {
                panic!("`{css}` never contained {needle:?}; it says {text:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the text of `css` contains `needle`, then checks that
    /// the same text also holds each of `also`; returns that text.
    pub async fn wait_text_with(&self, css: &str, needle: &str, also: &[&str]) -> String {
        let text = self.wait_text(css, needle).await;
        for more in also {
            assert!(text.contains(more), "`{css}` says {needle:?} but not {more:?}: {text:?}");
        }
        text
    }

    /// Waits until the whole page's text contains `needle`.
    pub async fn wait_page_text(&self, needle: &str) -> String {
        self.wait_text("body", needle).await
    }

    pub async fn page_text(&self) -> String {
        self.text("body").await
    }

    /// Runs a script in the page (`return …` to get a value back).
    pub async fn eval(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Polls a script until it returns `true`.
    pub async fn wait_until(&self, what: &str, script: &str) {
        let started = Instant::now();
        loop {
            if self.eval(script).await == Value::Bool(true) {
                return;
            }
            if started.elapsed() > PATIENCE * 2 {
                panic!("timed out waiting until {what}");
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Waits for a finished download whose name ends with `suffix`.
    pub async fn wait_download(&self, suffix: &str) -> PathBuf {
        let started = Instant::now();
        loop {
            if let Ok(entries) = std::fs::read_dir(self.downloads()) {
                for entry in entries.flatten() {
                    let name = entry.file_name().to_string_lossy().to_string();
                    // Chromium may create the file before it has written it:
                    // wait until it has content that stops changing.
                    let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                    if name.ends_with(suffix) && size > 0 {
                        tokio::time::sleep(Duration::from_millis(200)).await;
                        if std::fs::metadata(entry.path()).map(|m| m.len()).unwrap_or(0) == size {
                            return entry.path();
                        }
                    }
                }
            }
            if started.elapsed() > PATIENCE {
                panic!("no download ending in {suffix:?} arrived");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for a finished download whose name ends with `suffix`; returns
    /// its text.
    pub async fn wait_download_text(&self, suffix: &str) -> String {
        let file = self.wait_download(suffix).await;
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("read the download {}: {e}", file.display()));
        // Taken once: the next download of the same kind is a new file.
        let _ = std::fs::remove_file(&file);
        text
    }

    /// The window the session is in now.
    pub async fn window(&self) -> WindowHandle {
        self.client.window().await.expect("current window")
    }

    /// Opens another window of the same browser (same storage) and goes to it.
    pub async fn open_window(&self) -> WindowHandle {
        let handle = self.client.new_window(false).await.expect("new window").handle;
        self.switch_to(&handle).await;
        handle
    }

    /// Goes to another window of this browser.
    pub async fn switch_to(&self, window: &WindowHandle) {
        self.client.switch_to_window(window.clone()).await.expect("switch window");
    }

    /// Goes into the frame `css` of the page (scripts and finds then run
    /// in its document).
    pub async fn enter_frame(&self, css: &str) {
        self.act_on(css, "enter", async |el| el.enter_frame().await).await;
    }

    /// Goes back from a frame to the page around it.
    pub async fn leave_frame(&self) {
        self.client.enter_parent_frame().await.expect("leave the frame");
    }

    pub async fn quit(mut self) {
        let client = self.client.clone();
        let _ = client.close().await;
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // Chromium outlives a killed ChromeDriver: end this profile's processes.
        let _ = Command::new("pkill")
            .arg("-f")
            .arg(format!("user-data-dir={}", self.profile.path().display()))
            .status();
    }
}

/// A journey ends by dropping its browser: ChromeDriver and this profile's
/// Chromium processes end with it, whether the test passed or panicked.
impl Drop for Browser {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Quotes a string for XPath, whatever quotes it contains.
pub fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        let parts: Vec<String> = s.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}
