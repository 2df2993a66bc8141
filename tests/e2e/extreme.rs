//! Backups at the edges of what Tandem keeps (`tests/fixtures/extreme-backups`:
//! first and last days kept, the longest texts and lists, every Unicode
//! plane, offsets at their limits, a thousand mentorships…), each restored
//! in Chromium running far east and far west of UTC: every page of it opens
//! and nothing panics (a panic kills the tab: the shipped build aborts).

use chrono::Utc;
use tandem::model::{Library, MentorshipDoc, Record};
use tandem::storage::backup;

use crate::flows::{choose_backup, section_pages};
use crate::support::{Browser, Site};

const FOLDER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/extreme-backups");

/// Records every error the page reports. The shipped build aborts on a Rust
/// panic at once: the wasm traps, which the page reports as an uncaught
/// error (`RuntimeError: unreachable`); a build with panic messages prints
/// them through `console.error` first.
const WATCH_ERRORS: &str = "window.problems = []; \
    const report = console.error.bind(console); \
    console.error = (...args) => { window.problems.push(args.join(' ')); report(...args); }; \
    addEventListener('error', e => window.problems.push(String(e.message))); \
    addEventListener('unhandledrejection', e => window.problems.push(String(e.reason)));";

/// The fixtures, by file name.
fn fixtures() -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(FOLDER)
        .expect("the extreme backups")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.file_name().unwrap_or_default().to_string_lossy().into_owned(),
                p.display().to_string(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The mentorship of a library with the most in it (the one worth visiting).
fn fullest(library: &Library) -> Option<&MentorshipDoc> {
    library.live().max_by_key(|d| {
        let c = d.counts();
        c.sessions + c.goals + c.actions + c.agreements + c.themes + c.checkins
    })
}

/// Every page of one mentorship: its sections, a theme, its first session,
/// its print views.
fn pages_of(doc: &MentorshipDoc) -> Vec<String> {
    let m = doc.id();
    let mut pages = section_pages(m);
    pages.push(format!("/m/{m}/conversation?theme=meetings"));
    pages.extend(
        doc.sessions.iter().find(|s| s.is_live()).map(|s| format!("/m/{m}/sessions/{}", s.id())),
    );
    pages.push(format!("/print/agreement/{m}"));
    pages.push(format!("/print/summary/{m}"));
    pages
}

/// Replaces everything in the browser with the backup at `path`.
async fn restore(b: &Browser, path: &str) {
    b.open("/data").await;
    choose_backup(b, path).await;
    b.click_labelled("Replace everything here").await;
    b.click_labelled("Replace everything").await;
    b.wait_page_text("Everything here was replaced by the backup").await;
}

/// Restores every extreme backup in a browser set to `zone` and opens each
/// page of it; returns what went wrong.
async fn visit_every_backup_in(zone: &str) -> Vec<String> {
    let site = Site::start();
    let b = Browser::start(&site.url("")).await;
    b.before_every_page(WATCH_ERRORS).await;
    b.set_time_zone(zone).await;
    b.open("/").await;
    let mut problems = Vec::new();
    for (name, path) in fixtures() {
        let text = std::fs::read_to_string(&path).expect("read the backup");
        let library =
            backup::parse_at(&text, Utc::now()).expect("an extreme backup is accepted").library;
        restore(&b, &path).await;
        let mut pages = vec!["/".to_string(), "/data".into()];
        pages.extend(fullest(&library).map(pages_of).unwrap_or_default());
        for page in pages {
            // A thousand mentorships load slowly on a busy machine: twice the
            // usual patience before the heading must be there.
            b.goto(&page).await;
            b.wait_until(
                "the page shows its heading",
                "return !!document.querySelector('main h1')",
            )
            .await;
            let reported = b.eval("return window.problems || []").await;
            for p in reported.as_array().into_iter().flatten().filter_map(|v| v.as_str()) {
                problems.push(format!("{name} at {page} in {zone}: {p}"));
            }
        }
    }
    b.quit().await;
    problems
}

#[tokio::test]
async fn extreme_backups_open_on_every_page_far_east_of_utc() {
    let problems = visit_every_backup_in("Pacific/Kiritimati").await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn extreme_backups_open_on_every_page_far_west_of_utc() {
    let problems = visit_every_backup_in("Pacific/Pago_Pago").await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
