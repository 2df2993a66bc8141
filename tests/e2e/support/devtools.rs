//! What the journeys ask of Chromium beyond WebDriver, through ChromeDriver's
//! DevTools endpoint (`/session/{id}/goog/cdp/execute`): another screen
//! width, the dark colour scheme, another time zone — and the page's
//! accessibility checked by axe-core (`node_modules/axe-core`, installed by
//! `make`).

use std::path::PathBuf;

use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{json, Value};

use super::Browser;

/// One Chrome DevTools Protocol command.
#[derive(Debug)]
struct Cdp {
    method: String,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.method, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// An accessibility rule the page breaks, as axe reports it.
#[derive(Debug)]
pub struct Violation {
    pub rule: String,
    pub impact: String,
    pub help: String,
    /// The CSS selectors of the elements that break it.
    pub targets: Vec<String>,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {} — {}", self.rule, self.impact, self.help, self.targets.join(", "))
    }
}

fn axe_source() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (make test installs axe-core)", path.display()))
}

impl Browser {
    /// Runs a DevTools command and returns its result.
    pub async fn devtools(&self, method: &str, params: Value) -> Value {
        self.client
            .issue_cmd(Cdp { method: method.into(), params })
            .await
            .unwrap_or_else(|e| panic!("DevTools {method}: {e}"))
    }

    /// Lays the page out as on a screen `width` CSS pixels wide.
    pub async fn set_width(&self, width: u32) {
        let params =
            json!({ "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": false });
        self.devtools("Emulation.setDeviceMetricsOverride", params).await;
    }

    /// Shows the page as a system in dark (or light) mode would.
    pub async fn set_dark(&self, dark: bool) {
        let scheme = if dark { "dark" } else { "light" };
        let params = json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] });
        self.devtools("Emulation.setEmulatedMedia", params).await;
    }

    /// Runs the page in another time zone (an IANA name, e.g. "Pacific/Auckland").
    pub async fn set_time_zone(&self, zone: &str) {
        self.devtools("Emulation.setTimezoneOverride", json!({ "timezoneId": zone })).await;
    }

    /// How much wider than its viewport the page is, in CSS pixels (0 when it
    /// fits: no horizontal scroll). Measured against the viewport less any
    /// vertical scroll bar, so a scroll bar is not counted as room.
    pub async fn overflow_x(&self) -> i64 {
        self.eval("const d = document.documentElement; return d.scrollWidth - d.clientWidth")
            .await
            .as_i64()
            .unwrap_or(i64::MAX)
    }

    /// The innermost elements that reach past the window's right edge, as
    /// "tag.class#id" — where to look when the page is too wide.
    pub async fn too_wide(&self) -> Vec<String> {
        let script = r##"
            const w = document.documentElement.clientWidth;
            // What scrolls inside its own box (the section tabs) is not the page's width.
            const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) { if (p.scrollWidth > p.clientWidth && getComputedStyle(p).overflowX !== "visible") return true; } return false; };
            const over = [...document.querySelectorAll("body *")].filter(el => el.getBoundingClientRect().right > w + 0.5 && !scrolls(el));
            return over
              .filter(el => !over.some(o => o !== el && el.contains(o)))
              .slice(0, 8)
              .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "") + (el.id ? "#" + el.id : ""));
        "##;
        self.eval(script)
            .await
            .as_array()
            .map(|list| list.iter().filter_map(|v| v.as_str().map(String::from)).collect())
            .unwrap_or_default()
    }

    /// The accessibility rules the page as it stands breaks (axe-core's
    /// WCAG 2 A and AA rules and its best practices).
    pub async fn accessibility_violations(&self) -> Vec<Violation> {
        let loaded = self.eval("return typeof window.axe === 'object'").await;
        if loaded != Value::Bool(true) {
            self.eval(&format!("{};\nreturn true;", axe_source())).await;
        }
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ["violations"] })
              .then(r => done(r.violations.map(v => ({
                  rule: v.id, impact: v.impact || "", help: v.help,
                  targets: v.nodes.map(n => n.target.join(" ")) }))))
              .catch(e => done([{ rule: "axe-error", impact: "", help: String(e), targets: [] }]));
        "#;
        let found = self.client.execute_async(script, vec![]).await.expect("axe runs");
        found
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|v| Violation {
                rule: v["rule"].as_str().unwrap_or_default().to_string(),
                impact: v["impact"].as_str().unwrap_or_default().to_string(),
                help: v["help"].as_str().unwrap_or_default().to_string(),
                targets: v["targets"]
                    .as_array()
                    .map(|t| t.iter().filter_map(|s| s.as_str().map(String::from)).collect())
                    .unwrap_or_default(),
            })
            .collect()
    }

    /// The accessible names that more than one visible control on the page
    /// has (form fields and buttons), each with how many share it: every
    /// control should say whose and what, so none should be listed.
    pub async fn shared_control_names(&self) -> Vec<String> {
        let script = r#"
            const text = el => (el ? el.textContent : "").replace(/\s+/g, " ").trim();
            const name = el => {
              if (el.getAttribute("aria-label")) return el.getAttribute("aria-label").trim();
              const by = el.getAttribute("aria-labelledby");
              if (by) return by.split(/\s+/).map(id => text(document.getElementById(id))).join(" ");
              if (el.labels && el.labels.length) return [...el.labels].map(text).join(" ");
              return text(el) || el.getAttribute("title") || "";
            };
            const seen = new Map();
            for (const el of document.querySelectorAll("input, select, textarea, button")) {
              if (el.type === "hidden" || el.type === "radio" || !el.getClientRects().length) continue;
              const n = name(el);
              seen.set(n, (seen.get(n) || 0) + 1);
            }
            return [...seen].filter(([, k]) => k > 1).map(([n, k]) => `${k} × “${n}”`);
        "#;
        self.eval(script)
            .await
            .as_array()
            .map(|list| list.iter().filter_map(|v| v.as_str().map(String::from)).collect())
            .unwrap_or_default()
    }

    /// What has the keyboard focus: its id, else its tag and text
    /// ("H1: Overview", "BUTTON: Cancel").
    pub async fn focused(&self) -> String {
        let script = "const el = document.activeElement; \
             return el.id ? el.id : el.tagName + ': ' + el.textContent.replace(/\\s+/g, ' ').trim()";
        self.eval(script).await.as_str().unwrap_or_default().to_string()
    }

    /// Presses keys where the focus is, as a person at the keyboard would
    /// (WebDriver key codes: "\u{E004}" is Tab, "\u{E00C}" Escape,
    /// "\u{E008}" holds Shift until "\u{E000}").
    pub async fn press(&self, keys: &str) {
        let el = self.client.active_element().await.expect("a focused element");
        el.send_keys(keys).await.expect("keys");
    }

    /// Installs a script that runs before the app on every page load of this
    /// browser (a stand-in for an API headless Chromium lacks).
    pub async fn before_every_page(&self, script: &str) {
        self.devtools("Page.enable", json!({})).await;
        self.devtools("Page.addScriptToEvaluateOnNewDocument", json!({ "source": script })).await;
    }

    /// Saves a PNG of the window to `path` (for a person to look at).
    pub async fn screenshot(&self, path: &std::path::Path) {
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(path, png).expect("write the screenshot");
    }
}
